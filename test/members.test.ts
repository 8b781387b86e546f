/**
 * Mails to members themselves (issue 22) through the run, on the real SMTP server of the
 * mail tests: a season of runs showing who is told what, once; a receipt that arrives by
 * the 回执 mailbox between two runs; per-recipient refusals, a rate limit, the daily cap and
 * a run killed half-way through 300 member mails. Invariants: nothing is sent twice, nobody
 * who must act is skipped unlisted, and the summary says what the journal says.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { runJob, type RunOutcome } from '../jobs/reminders/run.js';
import { loadConfig } from '../jobs/lib/config.js';
import { rawMail, SAMPLE_JPEG } from '../jobs/demo/sampleMail.js';
import { bigRegistration, cliAsync } from './helpers.js';
import { sampleJob, smtpPerTest, type Received } from './smtp.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
const smtp = smtpPerTest();

const ALL_ON = { letter: true, expiry: true, checkpoint: true, overdue: true, receiptAddress: 'dangwei-huizhi@example.edu.cn' };
/** The sample members who gave a usable address of their own. */
const ZHANG = 'zhangmy@example.com';
const WANG = 'wanghaoran2004@163.com';
const LIU = '2651234870@qq.com';
const HAN = 'hanxue@example.com';

/** The sample job with every kind of member mail on and an empty 回执 mailbox (a Maildir). */
function memberJob(port: number, patch: (c: Record<string, unknown>) => void = () => {}) {
  return sampleJob(port, (c) => {
    Object.assign(c, { memberMails: ALL_ON, mailbox: { maildir: 'mail' } });
    patch(c as Record<string, unknown>);
  });
}
const maildir = (dir: string) => {
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'mail', d), { recursive: true });
  return join(dir, 'mail');
};

const memberMails = (messages: Received[], to: string) => messages.filter((m) => m.to.includes(to));
const subjects = (messages: Received[]) => messages.map((m) => m.parsed.subject!.replace(/^【组织关系转接】\S+?同学：/, ''));
const attachmentRows = (m: Received) => {
  const wb = XLSX.read(m.parsed.attachments[0]!.content);
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 }).slice(1) as string[][];
};

describe('a season of runs (cohort 2026, every kind on)', () => {
  it('each member is told each moment once; a receipt mailed between two runs ends the reminders', async () => {
    const server = await smtp();
    const { dir, loaded } = memberJob(server.port);
    const mail = maildir(dir);
    const run = async (asOf: string) => {
      const before = server.messages.length;
      const o = await runJob(loaded, { asOf });
      return { o, got: server.messages.slice(before) };
    };

    // 06-12: the letters are issued; no college reminder that day.
    const jun12 = await run('2026-06-12');
    expect(jun12.got.map((m) => m.to[0]).sort()).toEqual([LIU, ZHANG, WANG, HAN].sort());
    expect(subjects(jun12.got)).toContain('您的党组织关系介绍信已开具，请及时报到');
    expect(jun12.o.memberMails!.sent).toBe(4);

    // 08-18, 14 days before 9月1日: the college lists, the summary, and the members not done.
    // 张明远's 党员E先锋 receipt (07-10) has landed: he hears nothing more.
    const aug18 = await run('2026-08-18');
    const members18 = aug18.got.filter((m) => [ZHANG, WANG, LIU, HAN].includes(m.to[0]!));
    expect(members18.map((m) => m.to[0]).sort()).toEqual([LIU, WANG, HAN].sort());
    expect(new Set(subjects(members18))).toEqual(new Set(['请在9月1日前完成党组织关系转接']));
    const summary = aug18.got.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toContain('给党员本人的提醒：本次发送 3 封');
    // The counts agree with the journal: three member intents for 08-18.
    const journal = readFileSync(join(dir, 'state', 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(journal.filter((e) => e.type === 'intent' && e.key.includes('/member/') && e.asOf === '2026-08-18')).toHaveLength(3);

    // 韩雪 mails her stamped receipt on 08-20 (seed 003): the mailbox reads it before the next run.
    writeFileSync(join(mail, 'new', '1787000000.M1P1.host'), rawMail({ from: `韩雪 <${HAN}>`, subject: '韩雪-2022080204-党组织关系回执', date: 'Thu, 20 Aug 2026 18:30:00 +0800', attachments: [{ filename: 'IMG_0820.jpg', content: SAMPLE_JPEG, type: 'image/jpeg' }] }));

    // 08-31 (1 day before): colleges again, members already told this moment.
    const aug31 = await run('2026-08-31');
    expect(aug31.got.filter((m) => [ZHANG, WANG, LIU, HAN].includes(m.to[0]!))).toEqual([]);
    expect(aug31.got).toHaveLength(4);

    // 09-01, the first 超期未落实 day: the two still open; 韩雪 is done.
    const sep1 = await run('2026-09-01');
    const members1 = sep1.got.filter((m) => [ZHANG, WANG, LIU, HAN].includes(m.to[0]!));
    expect(members1.map((m) => m.to[0]).sort()).toEqual([LIU, WANG].sort());
    expect(new Set(subjects(members1))).toEqual(new Set(['您的党组织关系转接已超过9月1日仍未落实']));
    // The college list says what the member was told and when.
    const jsj = sep1.got.find((m) => m.to[0] === 'jsj-dangwei@example.edu.cn')!;
    const wang = attachmentRows(jsj).find((r) => r.includes('王浩然'))!;
    expect(wang).toContain('开具后提醒 2026-06-12；9月1日前提醒 2026-08-18；超期提醒 2026-09-01');

    // 09-02 and 12-11: nothing more for members (never after the 12月10日 review).
    expect((await run('2026-09-02')).got).toEqual([]);
    const dec11 = await run('2026-12-11');
    expect(dec11.got.filter((m) => [ZHANG, WANG, LIU, HAN].includes(m.to[0]!))).toEqual([]);

    // Over the season: each member got each moment once, and only their own mail.
    expect(subjects(memberMails(server.messages, WANG))).toEqual(['您的党组织关系转接已办理，请及时报到', '请在9月1日前完成党组织关系转接', '您的党组织关系转接已超过9月1日仍未落实']);
    expect(memberMails(server.messages, HAN)).toHaveLength(2);
    expect(memberMails(server.messages, ZHANG)).toHaveLength(1);
    for (const m of server.messages.filter((x) => x.to.length === 1 && [ZHANG, WANG, LIU, HAN].includes(x.to[0]!))) {
      const others = ['张明远', '王浩然', '刘子涵', '韩雪', '沈佳琪', '彭志强'].filter((n) => !m.parsed.subject!.includes(n));
      for (const n of others) expect(m.parsed.text).not.toContain(n);
      expect(m.parsed.text).toMatch(/身份证号：\d{4}\*{10}[\dX]{4}/);
    }
  });
});

describe('faults on the member mails', () => {
  it('one member’s address refused for good (550): the others go, he is listed for the college and never retried', async () => {
    const server = await smtp({ rcpt: (a) => (a === WANG ? { code: 550, message: '5.1.1 User unknown' } : undefined) });
    const { loaded } = memberJob(server.port);
    const o = await runJob(loaded, { asOf: '2026-06-12' });
    expect(server.messages.map((m) => m.to[0]).sort()).toEqual([LIU, ZHANG, HAN].sort());
    expect(o.memberMails!.failed.map((f) => f.member.name)).toEqual(['王浩然']);
    const again = await runJob(loaded, { asOf: '2026-06-13' });
    expect(server.messages).toHaveLength(3);
    expect(again.memberMails!.plan!.unreachable.find((u) => u.member.name === '王浩然')!.reason).toContain('邮件服务器拒收');
  });

  it('a rate limit (451) mid-batch stops the batch; the next run sends the rest, nothing twice', async () => {
    let limited = true;
    const server = await smtp({ data: (n) => (limited && n >= 2 ? { code: 451, message: '4.7.1 Too many messages, slow down' } : 'ok') });
    const { loaded } = memberJob(server.port);
    const lines: string[] = [];
    const first = await runJob(loaded, { asOf: '2026-06-12', log: (l) => lines.push(l) });
    expect(server.messages).toHaveLength(1);
    expect(first.memberMails!.deferred).toHaveLength(3);
    expect(lines.join('\n')).toContain('邮件服务器暂时拒收');
    // The server tried the second member's mail (with retries) and no other after it.
    const tried = server.dataCount;
    expect(tried).toBe(1 + 3);
    limited = false;
    const second = await runJob(loaded, { asOf: '2026-06-12' });
    expect(second.memberMails!.sent).toBe(3);
    expect(server.messages.map((m) => m.to[0]).sort()).toEqual([LIU, ZHANG, WANG, HAN].sort());
  });

  it('a 452 for one member only is retried for him on the next run; the rest go at once', async () => {
    let full = true;
    const server = await smtp({ rcpt: (a) => (full && a === HAN ? { code: 452, message: '4.2.2 Mailbox full' } : undefined) });
    const { loaded } = memberJob(server.port);
    await runJob(loaded, { asOf: '2026-06-12' });
    expect(server.messages.map((m) => m.to[0])).not.toContain(HAN);
    full = false;
    await runJob(loaded, { asOf: '2026-06-13' });
    expect(memberMails(server.messages, HAN)).toHaveLength(1);
    expect(server.messages).toHaveLength(4);
  });

  it('the daily cap spreads the rest over the next days, oldest obligations first, with the count in the output', async () => {
    const server = await smtp();
    const { loaded } = memberJob(server.port, (c) => Object.assign(c, { memberMails: { ...ALL_ON, dailyCap: 2 } }));
    const day1 = new Date('2026-12-07T02:00:00Z');
    const lines: string[] = [];
    const o1 = await runJob(loaded, { asOf: '2026-06-12', now: day1, log: (l) => lines.push(l) });
    expect(o1.memberMails!.sent).toBe(2);
    expect(o1.memberMails!.plan!.capped).toHaveLength(2);
    expect(lines.join('\n')).toContain('超出每日上限、顺延 2 人');
    // Later the same day: the cap is spent.
    const o2 = await runJob(loaded, { asOf: '2026-06-12', now: new Date('2026-12-07T09:00:00Z') });
    expect(o2.memberMails!.sent).toBe(0);
    // The next day the two waiting go.
    const o3 = await runJob(loaded, { asOf: '2026-06-13', now: new Date('2026-12-08T02:00:00Z') });
    expect(o3.memberMails!.sent).toBe(2);
    expect(new Set(server.messages.map((m) => m.to[0])).size).toBe(4);
  });
});

describe('a run killed half-way through 300 member mails', () => {
  it('the re-run sends only the rest, reports the one in flight as uncertain and sends nothing twice', async () => {
    let kill = () => {};
    const server = await smtp({ data: (n) => (n === 150 ? (setTimeout(() => kill(), 100), 'hang') : 'ok') });
    // No receipt export: the sample's would match none of these 300 and hold the day's lists (a gap).
    const { dir, file } = memberJob(server.port, (c) => Object.assign(c, { registrations: ['input/计算机学院-大名单.xlsx'], receipts: [], memberMails: { ...ALL_ON, dailyCap: 1000 } }));
    bigRegistration(dir, 300);
    maildir(dir);
    const child = spawn(process.execPath, [BIN, 'run', '--config', file, '--as-of', '2026-06-12'], { stdio: 'pipe' });
    kill = () => child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(server.messages).toHaveLength(149);

    const rerun = await cliAsync(['run', '--config', file, '--as-of', '2026-06-12']);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain('本次发送 150 封');
    expect(rerun.stdout).toContain('状态不确定 1 封');
    expect(server.messages).toHaveLength(299);
    expect(new Set(server.messages.map((m) => m.to[0])).size).toBe(299);
    // A third run sends nothing: every member was told, or is in the journal as uncertain.
    const third = await cliAsync(['run', '--config', file, '--as-of', '2026-06-12']);
    expect(third.stdout).toContain('本次发送 0 封');
    expect(server.messages).toHaveLength(299);
  }, 300_000);
});

// Type use only (the outcome a test reads).
export type { RunOutcome };
void loadConfig;

/** A receipt export of transfers under way: 发起时间 and a status that is not a receipt. */
function pendingExport(dir: string, rows: [name: string, studentId: string, started: string][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名', '学号', '发起时间', '转接状态'], ...rows.map(([n, s, d]) => [n, s, d, '待审批'])]), '转接记录');
  const file = join(dir, 'input', '党员E先锋-办理中.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return 'input/党员E先锋-办理中.xlsx';
}

describe('stalled online transfers in the lists (seed 004: 接收一般不超过 15 个工作日)', () => {
  it('started 07-20 and not landed by 08-25: 审批超时 with the working days, in the college attachment and the report', async () => {
    const server = await smtp();
    const { dir, loaded } = sampleJob(server.port, (c) => {
      c.receipts = [...(c.receipts as string[]), 'input/党员E先锋-办理中.xlsx'];
    });
    pendingExport(dir, [['冯晓雯', '2022080202', '2026-07-20 10:31:05']]);
    const o = await runJob(loadConfig(loaded.file!), { asOf: '2026-08-25' });
    const jx = server.messages.find((m) => m.to[0] === 'jx-dangwei@example.edu.cn')!;
    const feng = attachmentRows(jx).find((r) => r.includes('冯晓雯'))!;
    expect(feng).toContain('26（2026-07-20 发起，上限 15，审批超时）');
    expect(feng.join('|')).toContain('审批超时：线上转接 2026-07-20 发起，已过 26 个工作日仍未接收');
    const report = XLSX.read(readFileSync(o.reportFile));
    const header = XLSX.utils.sheet_to_json<string[]>(report.Sheets['未完成名单']!, { header: 1 })[1]!;
    expect(header).toEqual(expect.arrayContaining(['下一期限', '介绍信有效期至', '工作日已过', '已提醒本人']));
  });

  it('a school limit of 30: not yet late, and the next deadline is the limit’s last day', async () => {
    const server = await smtp();
    const { dir, loaded } = sampleJob(server.port, (c) => {
      c.receipts = [...(c.receipts as string[]), 'input/党员E先锋-办理中.xlsx'];
      (c as Record<string, unknown>).onlineTransfer = { limitWorkdays: 30 };
    });
    pendingExport(dir, [['冯晓雯', '2022080202', '2026-07-20']]);
    await runJob(loadConfig(loaded.file!), { asOf: '2026-08-25' });
    const feng = attachmentRows(server.messages.find((m) => m.to[0] === 'jx-dangwei@example.edu.cn')!).find((r) => r.includes('冯晓雯'))!;
    expect(feng).toContain('26（2026-07-20 发起，上限 30）');
    expect(feng).toContain('2026-08-31 线上接收时限（30个工作日）');
  });

  it('a span into a year the calendar does not hold is counted Monday–Friday and said so in the output and the summary', async () => {
    const server = await smtp();
    const { dir, loaded } = sampleJob(server.port, (c) => {
      c.receipts = [...(c.receipts as string[]), 'input/党员E先锋-办理中.xlsx'];
    });
    pendingExport(dir, [['冯晓雯', '2022080202', '2026-11-20']]);
    const lines: string[] = [];
    // 2027-01-05 lies beyond the data; --checkpoint forces the 12-10 list and its summary.
    await runJob(loadConfig(loaded.file!), { asOf: '2027-01-05', checkpoint: '12-10', log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('2027 年的节假日安排不在内置数据中');
    const summary = server.messages.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toContain('2027 年的节假日安排不在内置数据中');
  });
});

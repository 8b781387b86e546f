/**
 * The reminder job against a real SMTP server (issue 4): what arrives, how it
 * decodes, and what happens under each fault a campus mail relay produces. The
 * invariant checked after every fault: each unresolved member is in a delivered
 * message or in a reported failure, and nothing is delivered twice.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { isUnresolved } from '../shared/statuses.js';
import { formatKey } from '../shared/messageKey.js';
import { acquireLock } from '../jobs/lib/lock.js';
import { runJob, type RunOutcome } from '../jobs/reminders/run.js';
import { schedulerPass } from '../jobs/schedule/schedule.js';
import { SAMPLE_AS_OF } from '../jobs/demo/sample.js';
import { cli, cliAsync } from './helpers.js';
import { sampleJob, smtpPerTest } from './smtp.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
const smtp = smtpPerTest();



/** Every full 18-digit ID number in the sample registration workbooks. */
function sampleIdNumbers(dir: string): string[] {
  const ids = new Set<string>();
  for (const f of readdirSync(join(dir, 'input')).filter((f) => f.includes('登记表'))) {
    const wb = XLSX.read(readFileSync(join(dir, 'input', f)));
    for (const row of XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 }))
      for (const v of row) if (typeof v === 'string' && /^\d{17}[\dXx]$/.test(v)) ids.add(v);
  }
  return [...ids];
}

const attachmentText = (content: Buffer) => {
  const wb = XLSX.read(content);
  return wb.SheetNames.map((n) => JSON.stringify(XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1 }))).join('\n');
};

/** Nothing lost: unresolved members = members in delivered college mails + members in failures and uncertain entries. */
function expectNothingLost(o: RunOutcome) {
  const unresolved = o.result.members.filter((m) => isUnresolved(m.status)).length;
  const delivered = o.sent.filter((s) => s.key.audience === 'college').reduce((n, s) => n + s.members, 0);
  const failed = [...o.failures, ...o.uncertain].filter((f) => f.key.audience === 'college').reduce((n, f) => n + f.members, 0);
  expect(delivered + failed).toBe(unresolved);
}

describe('reminder mail on a real SMTP server', () => {
  it('each secretary gets her college list with a decodable Chinese subject, an .xlsx attachment and masked IDs', async () => {
    const server = await smtp();
    const { dir, loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.failures).toEqual([]);
    expect(server.messages).toHaveLength(4);
    expectNothingLost(o);

    const bySubject = new Map(server.messages.map((m) => [m.parsed.subject!, m]));
    const jsj = [...bySubject].find(([s]) => s.includes('计算机学院'))![1];
    expect(jsj.parsed.subject).toBe('【组织关系转接】计算机学院：距9月1日还有7天仍有5名党员未完成转接');
    expect(jsj.to).toEqual(['jsj-dangwei@example.edu.cn']);
    expect(jsj.from).toBe('zuzhibu@example.edu.cn');
    expect(jsj.parsed.text).toContain('010-12345678');
    expect(jsj.parsed.html).toContain('<table');
    const [att] = jsj.parsed.attachments;
    expect(att!.filename).toMatch(/^计算机学院.*\.xlsx$/);
    expect(att!.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const table = attachmentText(att!.content);
    expect(table).toMatch(/\d{4}\*{10}[\dX]{4}/);

    const summary = [...bySubject].find(([s]) => s.includes('全校汇总'))![1];
    expect(summary.to).toEqual(['zuzhibu@example.edu.cn']);
    expect(summary.parsed.html).toContain('计算机学院');

    // No full ID number anywhere a person reads: bodies, attachments, headers.
    const ids = sampleIdNumbers(dir);
    expect(ids.length).toBeGreaterThan(10);
    for (const m of server.messages) {
      const everything = [m.raw.toString('utf8'), m.parsed.text ?? '', String(m.parsed.html), ...m.parsed.attachments.map((a) => (a.filename?.endsWith('.xlsx') ? attachmentText(a.content) : ''))].join('\n');
      for (const id of ids) expect(everything).not.toContain(id);
    }
    // Stable, distinct Message-IDs.
    const mids = server.messages.map((m) => m.parsed.messageId);
    expect(new Set(mids).size).toBe(4);
  });

  it('running again the same day sends nothing new', async () => {
    const server = await smtp();
    const { loaded } = sampleJob(server.port);
    await runJob(loaded, { asOf: SAMPLE_AS_OF });
    const again = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toHaveLength(4);
    expect(server.messages).toHaveLength(4);
  });

  it('a day that is no reminder day sends nothing', async () => {
    const server = await smtp();
    const { loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: '2026-07-15' });
    expect(o.reminders).toEqual([]);
    expect(server.messages).toHaveLength(0);
  });
});

describe('SMTP faults', () => {
  it('connection refused: every college is reported as a failure, nothing is lost', async () => {
    const server = await smtp();
    const { loaded } = sampleJob(server.port);
    await server.close();
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.sent).toEqual([]);
    expect(o.failures.map((f) => f.label).sort()).toEqual(['党委组织部', '机械工程学院', '经济管理学院', '计算机学院'].sort());
    expectNothingLost(o);
  });

  it('a temporary 4xx is retried with backoff and then delivered once', async () => {
    const server = await smtp({ data: (n) => (n <= 2 ? { code: 451, message: '4.3.0 Try again later' } : 'ok') });
    const { loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.failures).toEqual([]);
    expect(server.messages).toHaveLength(4);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(4);
  });

  it('a 4xx that never clears gives up after the configured attempts', async () => {
    let calls = 0;
    const server = await smtp({ data: () => (calls++, { code: 452, message: '4.3.1 Insufficient system storage' }) });
    const { loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(calls).toBe(4 * 3);
    expect(o.failures).toHaveLength(4);
    expect(o.failures[0]!.reason).toContain('452');
    expectNothingLost(o);
  });

  it('5xx for one secretary: the others are delivered and the 组织部 summary names the failed college', async () => {
    const server = await smtp({ rcpt: (a) => (a === 'jx-dangwei@example.edu.cn' ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined) });
    const { loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.failures).toEqual([expect.objectContaining({ label: '机械工程学院', members: 3 })]);
    expect(o.failures[0]!.reason).toContain('550');
    expect(server.messages).toHaveLength(3);
    const summary = server.messages.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toContain('机械工程学院');
    expectNothingLost(o);
  });

  it('a rejected cc is reported even though the secretary got the mail (partial delivery)', async () => {
    const server = await smtp({ rcpt: (a) => (a === 'left-2025@example.edu.cn' ? { code: 550, message: '5.1.1 No such user' } : undefined) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.colleges![0]!.cc = ['left-2025@example.edu.cn'];
    });
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(server.messages).toHaveLength(4);
    expect(o.failures).toEqual([expect.objectContaining({ label: '计算机学院', members: 0 })]);
    expect(o.failures[0]!.reason).toContain('left-2025@example.edu.cn');
    expectNothingLost(o);
  });

  it('a slow relay (each message answered 0.3 s after its data, a third of the 1 s timeout) gets every message once, with no failure', async () => {
    // The shortest timeout a config may set, and a relay that takes a good part of it to answer.
    const delayMs = 300;
    const server = await smtp({ data: () => ({ delayMs }) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.mail = { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 3, backoffMs: 20, timeoutMs: 1000 };
    });
    const started = Date.now();
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    // Every answer was waited for: the relay really was slow.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * delayMs);
    // A slow answer is neither a failure nor "uncertain", and nothing went twice.
    expect(o.failures).toEqual([]);
    expect(o.uncertain).toEqual([]);
    expect(o.sent).toHaveLength(4);
    expect(server.dataCount).toBe(4);
    expect(server.messages).toHaveLength(4);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(4);
    expectNothingLost(o);
  });

  it('a connection dropped before any message data is retried; the message arrives exactly once', async () => {
    let drops = 0;
    const server = await smtp({ rcpt: () => (drops++ === 0 ? 'drop' : undefined) });
    const { loaded } = sampleJob(server.port);
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.failures).toEqual([]);
    expect(o.uncertain).toEqual([]);
    expect(server.messages).toHaveLength(4);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(4);
  });

  it('RFC 1047: a relay that takes the whole message and never answers gets it once; uncertain, not retried, exit 1, in the summary', async () => {
    const server = await smtp({ data: (n) => (n === 1 ? 'hang' : 'ok') });
    const { file } = sampleJob(server.port, (c) => {
      c.mail = { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 4, backoffMs: 20, timeoutMs: 1000 };
    });
    const r = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('状态不确定：机械工程学院');
    expect(r.stdout).toContain('不会自动重发');
    // DATA 1 hung (机械工程学院, first in 拼音 order); three more delivered; the hung one never
    // repeated: one timeout, not four attempts of it (counted, not timed).
    expect(server.dataCount).toBe(4);
    expect(server.messages).toHaveLength(3);
    const summary = server.messages.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toContain('无法确认是否送达');
    expect(summary.parsed.text).toMatch(/- 机械工程学院（3 人）/);

    const again = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('状态不确定 1 封');
    expect(server.dataCount).toBe(4);
  }, 30_000);

  it('a connection dropped once the message data is in is uncertain too, and `journal resolve --resend` sends it on the next run', async () => {
    const server = await smtp({ data: (n) => (n === 2 ? 'drop' : 'ok') });
    const { file } = sampleJob(server.port);
    const first = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(first.code).toBe(1);
    expect(server.messages).toHaveLength(3);
    const listed = await cliAsync(['journal', '--config', file, '--json']);
    expect(listed.code).toBe(1);
    const [item] = JSON.parse(listed.stdout).unsettled;
    expect(item).toMatchObject({ state: 'uncertain', college: '计算机学院' });

    const resolved = await cliAsync(['journal', 'resolve', item.id, '--resend', '--config', file]);
    expect(resolved.code).toBe(0);
    const rerun = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(rerun.code).toBe(0);
    expect(server.messages.map((m) => m.parsed.subject).filter((s) => s!.includes('计算机学院'))).toHaveLength(1);
    expect((await cliAsync(['journal', '--config', file])).stdout).toContain('没有需要处理的记录');
  });

  it('a 452 for a cc is retried for that cc alone within the run', async () => {
    let tries = 0;
    const server = await smtp({ rcpt: (a) => (a === 'fu-shuji@example.edu.cn' && tries++ < 2 ? { code: 452, message: '4.2.2 Mailbox full, try later' } : undefined) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.colleges![0]!.cc = ['fu-shuji@example.edu.cn'];
    });
    const lines: string[] = [];
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF, log: (s) => lines.push(s) });
    expect(o.failures).toEqual([]);
    const jsj = server.messages.filter((m) => m.parsed.subject!.includes('计算机学院'));
    // The secretary once, the cc once (in a transaction of its own), never anyone twice.
    expect(jsj.map((m) => m.to)).toEqual([['jsj-dangwei@example.edu.cn'], ['fu-shuji@example.edu.cn']]);
    expect(lines.join('\n')).toContain('秒后重试');
  });

  it('a 452 for a cc that lasts the whole run is retried on the next run, for the cc alone', async () => {
    let full = true;
    const server = await smtp({ rcpt: (a) => (a === 'fu-shuji@example.edu.cn' && full ? { code: 452, message: '4.2.2 Mailbox full' } : undefined) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.colleges![0]!.cc = ['fu-shuji@example.edu.cn'];
    });
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(o.failures).toEqual([expect.objectContaining({ label: '计算机学院', members: 0 })]);
    expect(o.failures[0]!.reason).toContain('fu-shuji@example.edu.cn');
    expect(server.messages).toHaveLength(4);
    full = false;
    const next = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(next.failures).toEqual([]);
    expect(server.messages).toHaveLength(5);
    expect(server.messages[4]!.to).toEqual(['fu-shuji@example.edu.cn']);
    const third = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    expect(third.sent).toEqual([]);
    expect(server.messages).toHaveLength(5);
  });

  it('killed between two sends, a re-run sends only the rest and reports the one in flight as uncertain', async () => {
    let kill = () => {};
    const server = await smtp({ data: (n) => (n === 2 ? (setTimeout(() => kill(), 100), 'hang') : 'ok') });
    const { file } = sampleJob(server.port);
    const child = spawn(process.execPath, [BIN, 'run', '--config', file, '--as-of', SAMPLE_AS_OF], { stdio: 'pipe' });
    kill = () => child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(server.messages).toHaveLength(1);

    const rerun = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(rerun.stdout).toContain('状态不确定：计算机学院');
    expect(rerun.stdout).toContain('状态不确定 1 封');
    expect(rerun.code).toBe(1);
    // 1 before the crash + 2 after; the one in flight is neither lost silently nor sent twice.
    expect(server.messages).toHaveLength(3);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(3);
    const summary = server.messages.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toMatch(/- 计算机学院（5 人）：上次发送时中断/);

    // A person found it in the recipient's inbox: settled, never sent again, the next run exits 0.
    const id = JSON.parse((await cliAsync(['journal', '--config', file, '--json'])).stdout).unsettled[0].id;
    expect((await cliAsync(['journal', 'resolve', id, '--sent', '--config', file])).code).toBe(0);
    const settled = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(settled.code).toBe(0);
    expect(server.messages).toHaveLength(3);
  });

  it('schedule killed with kill -9 during its start-up pass: the re-run takes its lock at once, reports the message in flight uncertain, exit 1', async () => {
    let kill = () => {};
    const server = await smtp({ data: (n) => (n === 2 ? (setTimeout(() => kill(), 100), 'hang') : 'ok') });
    const { file } = sampleJob(server.port);
    const daemon = spawn(process.execPath, [BIN, 'schedule', '--config', file, '--now', `${SAMPLE_AS_OF}T09:00:00+08:00`], { stdio: 'pipe' });
    kill = () => daemon.kill('SIGKILL');
    await new Promise((r) => daemon.on('exit', r));
    expect(server.messages).toHaveLength(1);
    const rerun = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain('状态不确定 1 封');
    expect(server.messages).toHaveLength(3);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(3);
  });

  it('a second run while one holds the lock exits 3 with a clear message', async () => {
    const server = await smtp();
    const { dir, file } = sampleJob(server.port);
    const lock = await acquireLock(join(dir, 'state'));
    try {
      const r = cli(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('另一个 zhuanjie 进程正在使用');
      expect(server.messages).toHaveLength(0);
    } finally {
      await lock.release();
    }
  });

  it('a report that cannot be written stops the run before any mail is sent', async () => {
    const server = await smtp();
    const { dir, file } = sampleJob(server.port, (c) => {
      c.reportDir = 'reports-is-a-file/sub';
    });
    writeFileSync(join(dir, 'reports-is-a-file'), 'not a folder');
    const r = cli(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法写入');
    expect(server.messages).toHaveLength(0);
  });
});

describe('two processes on one state folder', () => {
  it('two runs started in the same millisecond, 10 times (half after a finished run): every college gets its list once', async () => {
    for (let trial = 0; trial < 10; trial++) {
      const server = await smtp();
      const { file } = sampleJob(server.port);
      // A finished run on a day without reminders leaves its lock behind as a finished run does.
      if (trial % 2) expect((await cliAsync(['run', '--config', file, '--as-of', '2026-07-15'])).code).toBe(0);
      const at = Date.now() + 700;
      const [a, b] = await Promise.all([0, 1].map(() => cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF], at)));
      const subjects = server.messages.map((m) => m.parsed.subject);
      expect(subjects, `trial ${trial}: ${a!.stderr}${b!.stderr}`).toHaveLength(4);
      expect(new Set(subjects).size).toBe(4);
      // One sent; the other was refused (3) or came second and found everything sent (0).
      expect([a!.code, b!.code].sort()).toEqual(expect.arrayContaining([0]));
      for (const r of [a!, b!]) expect([0, 3]).toContain(r.code);
    }
  }, 90_000);

  it('schedule holds the lock for its life: a run and a second schedule exit 3; SIGTERM exits 0 and frees it', async () => {
    const server = await smtp();
    const { file } = sampleJob(server.port);
    const daemon = spawn(process.execPath, [BIN, 'schedule', '--config', file], { stdio: 'pipe' });
    let out = '';
    daemon.stdout.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => daemon.on('exit', (code) => r(code)));
    await expect.poll(() => out, { timeout: 20_000 }).toContain('启动时补发检查');
    // Wait until the start-up pass is over (the sample's dates are long past: nothing to send today).
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/不是提醒日|邮件：/);
    expect((await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF])).code).toBe(3);
    const second = await cliAsync(['schedule', '--config', file]);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('定时任务 zhuanjie schedule 正在运行');
    daemon.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((await cliAsync(['run', '--config', file, '--as-of', '2026-07-15'])).code).toBe(0);
  }, 60_000);

  it('SIGTERM during the start-up pass waits for the message in flight and exits 0', async () => {
    let term = () => {};
    const server = await smtp({ data: (n) => (n === 1 ? (term(), { delayMs: 800 }) : 'ok') });
    const { file } = sampleJob(server.port);
    // A clock on the reminder day after the send time: the start-up pass sends.
    const daemon = spawn(process.execPath, [BIN, 'schedule', '--config', file, '--now', `${SAMPLE_AS_OF}T09:00:00+08:00`], { stdio: 'pipe' });
    let out = '';
    daemon.stdout.on('data', (c) => (out += c));
    term = () => daemon.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => daemon.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(out).toContain('收到 SIGTERM');
    expect(out).toContain('其余邮件下次运行时发送');
    // The message in flight was finished and recorded; the rest wait for the next run, none uncertain.
    expect(server.messages).toHaveLength(1);
    const rerun = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(rerun.code).toBe(0);
    expect(server.messages).toHaveLength(4);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(4);
  }, 30_000);
});

describe('zhuanjie schedule catches up (fake clock)', () => {
  // 2026-08-25 is 7 days before 9月1日; the server was down that day.
  const beijing = (iso: string) => new Date(`${iso}+08:00`);

  it('a server that was down on the reminder day sends it when it comes back, once', async () => {
    const server = await smtp();
    const { loaded } = sampleJob(server.port);
    const log = () => {};
    const back = await schedulerPass(loaded, beijing('2026-08-27T07:00:00'), log);
    expect(back.sent).toHaveLength(4);
    expect(formatKey(back.sent[0]!.key)).toContain('2026/09-01/2026-08-25');
    const tick = await schedulerPass(loaded, beijing('2026-08-27T08:30:00'), log);
    expect(tick.sent).toEqual([]);
    expect(server.messages).toHaveLength(4);
  });

  it('before the send time only earlier days are sent; at the send time, today’s', async () => {
    const server = await smtp();
    const { loaded } = sampleJob(server.port);
    const log = () => {};
    await schedulerPass(loaded, beijing('2026-08-25T09:00:00'), log);
    expect(server.messages).toHaveLength(4);
    const early = await schedulerPass(loaded, beijing('2026-08-31T08:00:00'), log);
    expect(early.sent).toEqual([]);
    const onTime = await schedulerPass(loaded, beijing('2026-08-31T08:30:00'), log);
    expect(onTime.sent).toHaveLength(4);
    expect(onTime.sent.map((s) => s.subject).join()).toContain('距9月1日还有1天');
  });
});

/**
 * Member mails through the outbox in batches (issue 22, speed): each batch of up to 128
 * messages is staged durably, its intents journalled with one fsync, published by renames,
 * and its outcomes journalled with one fsync. Under a kill -9 mid-batch, a journal write that
 * fails mid-run (a real EFBIG: the file-size limit of `ulimit -f`) and a stop signal
 * mid-batch, the invariants of the courier hold: nothing is written twice, nobody is skipped
 * without being listed, and the next run settles an interrupted batch from the outbox's files
 * instead of leaving 128 messages "uncertain" for a person to resolve.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { bigRegistration, cliAsync } from './helpers.js';
import { sampleJob } from './smtp.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
const MEMBERS = 300;
/** OutboxSender.batchSize. */
const BATCH = 128;
const AS_OF = '2026-06-12';
/** A message reported as uncertain (the output's counts say 「状态不确定 0 封」 when there is none). */
const UNCERTAIN = /状态不确定：|状态不确定 [1-9]/;

/** The sample job, mail to the outbox, member mails on, and one college of `MEMBERS` members with letters issued 06-12. */
function outboxJob() {
  const { dir, file } = sampleJob(0, (c) => Object.assign(c, {
    mail: { transport: 'outbox', dir: 'outbox' },
    registrations: ['input/计算机学院-大名单.xlsx'],
    receipts: [],
    memberMails: { letter: true, expiry: true, checkpoint: true, overdue: true, receiptAddress: 'dangwei-huizhi@example.edu.cn', dailyCap: 1000 },
  }));
  bigRegistration(dir, MEMBERS);
  const outbox = join(dir, 'outbox');
  mkdirSync(outbox);
  return { dir, file, outbox, journal: join(dir, 'state', 'journal.jsonl') };
}

type Line = { type: string; key: string; file?: string; status?: string };
const journalLines = (file: string): Line[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);
/** The member each published member mail is for, one entry per .eml file. */
const memberMailsIn = (outbox: string) => readdirSync(outbox).filter((f) => f.endsWith('.eml'))
  .map((f) => /^To: .*?(m\d+@example\.com)/m.exec(readFileSync(join(outbox, f), 'utf8'))?.[1])
  .filter((a): a is string => a !== undefined);
const stagedIn = (outbox: string) => readdirSync(outbox).filter((f) => f.endsWith('.tmp'));
const run = (file: string) => cliAsync(['run', '--config', file, '--as-of', AS_OF]);
/** Journalled as intended, with no outcome after: the messages an interrupted run left. */
function openIntents(journal: string): Line[] {
  const open = new Map<string, Line>();
  for (const e of journalLines(journal)) {
    if (e.type === 'intent') open.set(e.key, e);
    else open.delete(e.key);
  }
  return [...open.values()];
}

/** Every member has exactly one mail in the outbox (`but` has none: taken out), and the next run sends nothing. */
async function everyoneOnce(job: ReturnType<typeof outboxJob>, but: string[] = []) {
  const mailed = memberMailsIn(job.outbox);
  expect(new Set(mailed).size).toBe(mailed.length);
  expect(mailed.sort()).toEqual(Array.from({ length: MEMBERS }, (_, i) => `m${i}@example.com`).filter((a) => !but.includes(a)).sort());
  expect(stagedIn(job.outbox)).toEqual([]);
  const again = await run(job.file);
  expect(again.stdout).toContain('本次发送 0 封');
  expect(again.stdout).not.toMatch(UNCERTAIN);
  expect(memberMailsIn(job.outbox)).toHaveLength(mailed.length);
}

describe('member mails through the outbox, a batch at a time', () => {
  it(`a whole run: ${MEMBERS} mails in batches of ${BATCH}, two journal lines each, then nothing more`, async () => {
    const job = outboxJob();
    const r = await run(job.file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`本次发送 ${MEMBERS} 封`);
    const member = journalLines(job.journal).filter((e) => e.key.includes('/member/'));
    expect(member.filter((e) => e.type === 'intent')).toHaveLength(MEMBERS);
    expect(member.filter((e) => e.type === 'outcome' && e.status === 'sent')).toHaveLength(MEMBERS);
    // Each intent names the file its message is published as.
    for (const e of member.filter((x) => x.type === 'intent')) expect(existsSync(e.file!)).toBe(true);
    await everyoneOnce(job);
  }, 120_000);

  it('killed (kill -9) while a batch is being published: the re-run settles each message of it from the outbox files; nothing twice, nothing uncertain', async () => {
    const job = outboxJob();
    const child = spawn(process.execPath, [BIN, 'run', '--config', job.file, '--as-of', AS_OF], { stdio: 'pipe' });
    // The first mail published (renamed to its .eml name) is the moment to kill: the batch's intents are in, its outcomes are not.
    const watcher = watch(job.outbox, (_, name) => {
      if (name?.endsWith('.eml')) child.kill('SIGKILL');
    });
    await new Promise((r) => child.on('exit', r));
    watcher.close();
    const open = openIntents(job.journal);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(BATCH);
    const published = open.filter((e) => existsSync(e.file!));
    expect(published.length).toBeGreaterThan(0);
    expect(published.length + stagedIn(job.outbox).length).toBe(open.length);
    // `zhuanjie journal` says the next run settles them: nothing for a person to resolve.
    const listed = await cliAsync(['journal', '--config', job.file]);
    expect(listed.stdout).toContain('运行在写出 outbox 时中断，下次运行时按 outbox 中的文件自动核对');
    expect(listed.stdout).not.toContain('zhuanjie journal resolve <编号>');
    // A person takes one published mail out of the outbox before the re-run: it was delivered, and is not written again.
    const taken = /^To: .*?(m\d+@example\.com)/m.exec(readFileSync(published[0]!.file!, 'utf8'))![1]!;
    rmSync(published[0]!.file!);
    const before = memberMailsIn(job.outbox).length;

    const rerun = await run(job.file);
    expect(rerun.stdout).toContain(`按 outbox 中的文件核对 ${open.length} 封，${published.length} 封已写出（记为已发送），${open.length - published.length} 封未写出（本次重新发送）`);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`本次发送 ${MEMBERS - before - 1} 封`);
    expect(rerun.stdout).not.toMatch(UNCERTAIN);
    await everyoneOnce(job, [taken]);
  }, 180_000);

  it('an intent without a file (written by the one-at-a-time courier, or over SMTP) is not settled from the outbox: it stays uncertain', async () => {
    const job = outboxJob();
    await run(job.file);
    // As a journal from before the group commit would read after a crash mid-send: one member's intent, no file named, no outcome.
    const lines = readFileSync(job.journal, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"intent"') && l.includes('/member/'));
    const key = (JSON.parse(lines[at]!) as Line).key;
    const { file, ...old } = JSON.parse(lines[at]!) as Line;
    lines[at] = JSON.stringify(old);
    writeFileSync(job.journal, lines.filter((l) => !(l.includes('"type":"outcome"') && l.includes(JSON.stringify(key)))).join('\n'));
    rmSync(file!);
    const rerun = await run(job.file);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).not.toContain('按 outbox 中的文件核对');
    expect(rerun.stdout).toMatch(/状态不确定：计算机学院（党员本人 .+）：上次发送时中断/);
    expect(rerun.stdout).toContain('本次发送 0 封');
    expect(memberMailsIn(job.outbox)).toHaveLength(MEMBERS - 1);
  }, 120_000);

  /**
   * The journal's size after each of its lines, measured on a run without a limit: where the
   * limit falls decides which write fails. A run of the same job in another folder writes
   * lines of the same lengths (same members, folder names of the same length).
   */
  let reference: number[] | undefined;
  async function journalSizes(): Promise<number[]> {
    if (reference) return reference;
    const job = outboxJob();
    await run(job.file);
    const sizes: number[] = [];
    let at = 0;
    for (const line of readFileSync(job.journal, 'utf8').split('\n')) {
      at += Buffer.byteLength(line) + 1;
      if (line.trim()) sizes.push(at);
    }
    return (reference = sizes);
  }
  /** A run whose files may not grow beyond `bytes` (ulimit -f, in whole KB): a write beyond it fails with EFBIG. */
  const limitedRun = (file: string, bytes: number) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-c', `ulimit -f ${Math.floor(bytes / 1024)} && exec "$0" "$@"`, process.execPath, BIN, 'run', '--config', file, '--as-of', AS_OF], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it.each([
    ['the second batch’s intents: that batch is not written, the first stays, and the re-run writes the rest', BATCH * 2 + BATCH / 2, 'not written'],
    ['the first batch’s outcomes: that batch is in the outbox, and the re-run settles it from the files', BATCH + BATCH / 2, 'written'],
  ] as const)('the journal cannot be written mid-run, in %s', async (_case, failingLine, kind) => {
    // Lines 1–128 are the first batch's intents, 129–256 its outcomes, 257–384 the second batch's intents.
    const limit = (await journalSizes())[failingLine - 1]!;
    const job = outboxJob();
    const failed = await limitedRun(job.file, limit);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(job.journal);
    expect(failed.stderr).toContain('文件超过系统允许的大小');
    // Whole lines only: the failed write was cut back.
    for (const l of readFileSync(job.journal, 'utf8').split('\n').filter((x) => x.trim())) expect(() => JSON.parse(l)).not.toThrow();
    const open = openIntents(job.journal);
    if (kind === 'not written') {
      expect(failed.stderr).toContain(`这批 ${BATCH} 封邮件没有发出`);
      expect(open).toEqual([]);
      expect(memberMailsIn(job.outbox)).toHaveLength(BATCH);
      expect(stagedIn(job.outbox)).toEqual([]);
    } else {
      expect(failed.stderr).toContain(`${BATCH} 封邮件已写入 outbox 但结果未能记录`);
      expect(open).toHaveLength(BATCH);
      expect(memberMailsIn(job.outbox)).toHaveLength(BATCH);
    }
    const rerun = await run(job.file);
    expect(rerun.code).toBe(0);
    if (kind === 'written') expect(rerun.stdout).toContain(`按 outbox 中的文件核对 ${BATCH} 封，${BATCH} 封已写出（记为已发送），0 封未写出`);
    expect(rerun.stdout).toContain(`本次发送 ${MEMBERS - BATCH} 封`);
    await everyoneOnce(job);
  }, 240_000);

  it('a stop asked for while a batch is being staged: that batch and the rest are listed as not sent, and the next run sends them all once', async () => {
    const job = outboxJob();
    const lines: string[] = [];
    // The signal arrives once the first batch has begun to be written out (its staged copies are in the outbox).
    let asked = false;
    const o = await runJob(loadConfig(job.file), { asOf: AS_OF, log: (l) => lines.push(l), stopping: () => (asked ||= readdirSync(job.outbox).length > 0) });
    expect(readdirSync(job.outbox)).toEqual([]);
    expect(existsSync(job.journal) ? openIntents(job.journal) : []).toEqual([]);
    // Nobody skipped unlisted: every member is deferred to the next run (the lists say so), and the batch the courier stopped is named as unsent.
    expect(o.memberMails!.sent).toBe(0);
    expect(o.memberMails!.deferred).toHaveLength(MEMBERS);
    expect(o.unsent.filter((u) => u.label.includes('党员本人'))).toHaveLength(BATCH);
    expect(lines).toContain('已收到停止信号：其余邮件下次运行时发送。');
    const again = await runJob(loadConfig(job.file), { asOf: AS_OF });
    expect(again.memberMails!.sent).toBe(MEMBERS);
    await everyoneOnce(job);
  }, 180_000);
});

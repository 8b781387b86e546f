/**
 * The send journal under faults (issue 11): a disk that fills up while journalling
 * (a real, small tmpfs) and a line torn by a crash. Whatever happens, no college's
 * list is delivered twice unless it is reported uncertain, and nothing is silent.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journalVerdict } from '../jobs/lib/mail/courier.js';
import type { KeyState } from '../jobs/lib/mail/journal.js';
import { SAMPLE_AS_OF } from '../jobs/demo/sample.js';
import { cliAsync, tempDir } from './helpers.js';
import { sampleJob, startSmtp } from './smtp.js';




/** Every non-empty journal line parses: nothing torn. */
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
});

/** A 64 KB tmpfs, or why there is none (not root, no mount in a container). */
function smallDisk(): string | Error {
  const dir = tempDir('zhuanjie-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return err as Error;
  }
  mounts.push(dir);
  return dir;
}

describe('a full disk while journalling', () => {
  // With 9 cc per college the disk fills up inside the intent of the 4th message (it is not
  // sent); with 10, inside the outcome of the 3rd (it was delivered: the re-run calls it uncertain).
  it.each([
    [9, 'an intent: that message is not sent, and the re-run sends it'],
    [10, 'an outcome: the message sent is uncertain on the re-run, never sent twice'],
  ])('%i cc per college, disk full in %s; the journal is named, no line is torn', async (ccs, _case) => {
    const disk = smallDisk();
    if (disk instanceof Error) {
      console.log(`跳过磁盘写满测试：无法挂载 tmpfs（${disk.message.split('\n')[0]}）`);
      return;
    }
    const server = await startSmtp();
    try {
      const stateDir = join(disk as string, 'state');
      // Ten cc per college make the journal lines long enough to cross a page mid-run.
      const { file } = sampleJob(server.port, (c) => {
        c.stateDir = stateDir;
        for (const col of c.colleges!) col.cc = Array.from({ length: ccs }, (_, i) => `tongzhi-${col.name.length}-${i}-bangongshi@example.edu.cn`);
      }, 2);
      mkdirSync(stateDir);
      // Fill the disk, then give back two pages: one for the lock, one for the journal.
      const filler = join(disk as string, 'filler');
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      truncateSync(filler, statSync(filler).size - 2 * 4096);

      const full = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
      expect(full.code).toBe(2);
      expect(full.stderr).toContain(join(stateDir, 'journal.jsonl'));
      expect(full.stderr).toContain('磁盘空间不足');
      const journal = join(stateDir, 'journal.jsonl');
      for (const l of lines(journal)) expect(() => JSON.parse(l)).not.toThrow();
      const before = server.messages.length;
      expect(before).toBeLessThan(4);

      unlinkSync(filler);
      const rerun = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
      const subjects = server.messages.map((m) => m.parsed.subject!);
      // Never twice; and every list either arrived or is reported uncertain by the re-run.
      expect(new Set(subjects).size).toBe(subjects.length);
      for (const college of ['计算机学院', '机械工程学院', '经济管理学院', '全校汇总']) {
        const arrived = subjects.some((s) => s.includes(college));
        const reported = rerun.stdout.includes(`状态不确定：${college}`) || (college === '全校汇总' && rerun.stdout.includes('状态不确定：党委组织部'));
        expect(arrived || reported, `${college}\n${full.stderr}\n${rerun.stdout}`).toBe(true);
      }
      if (ccs === 9) {
        expect(full.stderr).toContain('这封邮件没有发出');
        expect(rerun.code).toBe(0);
        expect(subjects).toHaveLength(4);
      } else {
        expect(full.stderr).toContain('结果未能记录');
        expect(rerun.code).toBe(1);
        expect(rerun.stdout).toContain('状态不确定 1 封');
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('a line torn by a crash', () => {
  it('is reported with its line number, and the college it names is treated as uncertain, not re-sent', async () => {
    const server = await startSmtp();
    try {
      const { dir, file } = sampleJob(server.port, undefined, 2);
      mkdirSync(join(dir, 'state'), { recursive: true });
      // Power lost while the intent for 计算机学院 was being written.
      writeFileSync(join(dir, 'state', 'journal.jsonl'), '\n{"type":"intent","key":"2026/09-01/2026-08-25/college/计算机学院","messageId":"<zhuanjie.2026');
      const r = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('第 2 行不完整');
      expect(r.stdout).toContain('状态不确定：计算机学院');
      expect(server.messages.map((m) => m.parsed.subject).join()).not.toContain('计算机学院');
      expect(server.messages).toHaveLength(3);
      const listed = await cliAsync(['journal', '--config', file]);
      expect(listed.stdout).toContain('第 2 行不完整');
    } finally {
      await server.close();
    }
  });
});

describe('what the journal says to do with a message this run', () => {
  const everyone = ['a@example.edu.cn', 'b@example.edu.cn', 'c@example.edu.cn'];
  const prior = (s: Partial<KeyState>): KeyState => ({ key: 'k', delivered: new Set(), refused: new Set(), deferred: [], uncertain: null, resolvedSent: false, interrupted: false, ...s });

  it('never journalled: to everyone', () => {
    expect(journalVerdict(undefined, everyone)).toEqual({ kind: 'send', to: everyone });
  });

  it('uncertain: not sent, naming whom the interrupted attempt was for', () => {
    const intent = { type: 'intent' as const, key: 'k', messageId: 'm', hash: 'h', to: ['b@example.edu.cn'], at: '' };
    expect(journalVerdict(prior({ uncertain: '中断', lastIntent: intent }), everyone)).toEqual({ kind: 'uncertain', reason: '中断', recipients: ['b@example.edu.cn'] });
  });

  it('reached some: only to those neither reached nor refused for good', () => {
    expect(journalVerdict(prior({ delivered: new Set(['a@example.edu.cn']), refused: new Set(['b@example.edu.cn']) }), everyone)).toEqual({ kind: 'send', to: ['c@example.edu.cn'] });
  });

  it('reached nobody: to everyone again', () => {
    expect(journalVerdict(prior({ refused: new Set(['b@example.edu.cn']) }), everyone)).toEqual({ kind: 'send', to: everyone });
  });

  it('reached everyone, or settled by a person as arrived: not sent again', () => {
    expect(journalVerdict(prior({ delivered: new Set(everyone) }), everyone)).toEqual({ kind: 'sent before', at: undefined });
    expect(journalVerdict(prior({ resolvedSent: true }), everyone).kind).toBe('sent before');
  });
});

/**
 * The run lock's decisions, in this process (mutation testing sees only code the test
 * process runs; test/lock.test.ts races real processes): whom a contender is told holds
 * the folder, which generation is the current one, whose lock may be succeeded, and that
 * releasing leaves one free marker and tidies the generations below it.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, BusyError, busyText, LockLostError } from '../jobs/lib/lock.js';
import { deadPid, tempDir } from './helpers.js';

const STATE = '/srv/zhuanjie/state';
const AT = '2026-08-25T01:00:00.000Z';

/** Generation files as the lock folder holds them, by name. */
function lockFolder(dir: string, generations: Record<string, object | string>): string {
  const lockDir = join(dir, 'run.lock');
  mkdirSync(lockDir, { recursive: true });
  for (const [name, rec] of Object.entries(generations)) writeFileSync(join(lockDir, name), typeof rec === 'string' ? rec : JSON.stringify(rec));
  return lockDir;
}
const heldBy = (pid: number, host = hostname()) => ({ state: 'held', pid, host, token: 't', at: AT });
const FREE = { state: 'free', at: AT };

describe('what a contender is told about the holder (busyText)', () => {
  it('a run on this host: its command, PID, since when and config; no host', () => {
    const text = busyText(STATE, { pid: 4242, host: hostname(), at: AT, command: 'run', config: '/etc/zhuanjie/config.json' });
    expect(text).toBe(`另一个 zhuanjie run 正在使用 ${STATE}（PID 4242，自 2026-08-25 09:00:00 起，配置 /etc/zhuanjie/config.json）。请等它结束后再试。`);
  });
  it('a holder on another server is named with its host', () => {
    const text = busyText(STATE, { pid: 4242, host: 'dangwei-server-2', at: AT });
    expect(text).toBe(`另一个 zhuanjie 进程正在使用 ${STATE}（PID 4242，主机 dangwei-server-2，自 2026-08-25 09:00:00 起）。请等它结束后再试。`);
  });
  it('the scheduler is not "waited for": it says what it does and how to stop it or run dry', () => {
    const text = busyText(STATE, { pid: 77, host: hostname(), at: AT, command: 'schedule', config: 'config.json' });
    expect(text).toMatch(/^定时任务 zhuanjie schedule 正在运行（PID 77，自 2026-08-25 09:00:00 起，配置 config\.json）/);
    expect(text).toContain('nssm stop zhuanjie');
    expect(text).toContain('sudo systemctl stop zhuanjie');
    expect(text).toContain('zhuanjie run --dry-run');
    expect(text).not.toContain('请等它结束');
  });
  it('an unreadable holder: the folder only', () => {
    expect(busyText(STATE)).toBe(`另一个 zhuanjie 进程正在使用 ${STATE}。请等它结束后再试。`);
  });
  it('the errors carry their names (the CLI tells them apart by class, logs by name)', async () => {
    const dir = tempDir();
    const first = await acquireLock(dir, { command: 'run' });
    const busy = await acquireLock(dir).catch((e: Error) => e);
    expect(busy).toBeInstanceOf(BusyError);
    expect((busy as Error).name).toBe('BusyError');
    expect((busy as BusyError).holder).toMatchObject({ pid: process.pid, command: 'run' });
    await first.release();
    const lost = (() => {
      try {
        first.assertHeld();
      } catch (e) {
        return e as Error;
      }
    })();
    expect(lost).toBeInstanceOf(LockLostError);
    expect(lost!.name).toBe('LockLostError');
  });
});

describe('which generation is current', () => {
  it('numbers compare as numbers: with 9 free and 10 held elsewhere, 10 holds the folder', async () => {
    const dir = tempDir();
    lockFolder(dir, { 9: FREE, 10: heldBy(process.pid, 'dangwei-server-2') });
    const err = await acquireLock(dir).catch((e: BusyError) => e);
    expect(err).toBeInstanceOf(BusyError);
    expect((err as BusyError).holder?.host).toBe('dangwei-server-2');
  });
  it('files that are not whole numbers (a stray copy, a temporary file) are no generations', async () => {
    const dir = tempDir();
    const lockDir = lockFolder(dir, { 2: FREE, '3 副本': heldBy(process.pid, 'x'), 'v4': heldBy(process.pid, 'x'), '5.bak': heldBy(process.pid, 'x') });
    const lock = await acquireLock(dir);
    lock.assertHeld();
    expect(readdirSync(lockDir).sort()).toEqual(['3', '3 副本', '5.bak', 'v4']);
    await lock.release();
  });
});

describe('whose lock may be succeeded', () => {
  it('a dead process on this host: at once (a re-run after kill -9 does not wait)', async () => {
    const dir = tempDir();
    lockFolder(dir, { 1: heldBy(deadPid()) });
    const lock = await acquireLock(dir);
    lock.assertHeld();
    await lock.release();
  });
  it('a live process on this host: no', async () => {
    const dir = tempDir();
    const parent = process.ppid;
    lockFolder(dir, { 1: heldBy(parent) });
    await expect(acquireLock(dir)).rejects.toMatchObject({ holder: { pid: parent } });
  });
  it('the same pid on another host is not ours to judge: no, until it is stale', async () => {
    const dir = tempDir();
    lockFolder(dir, { 1: heldBy(deadPid(), 'dangwei-server-2') });
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
  });
  it('a record whose pid is not a number: no (never guess in favour of taking)', async () => {
    const dir = tempDir();
    lockFolder(dir, { 1: { ...heldBy(1), pid: '1234' } });
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
  });
  it('an unreadable record: no', async () => {
    const dir = tempDir();
    lockFolder(dir, { 1: '{"state":"held","pid":' });
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
  });
  it('a record not refreshed for just over ten minutes, held on another host: yes', async () => {
    const dir = tempDir();
    const lockDir = lockFolder(dir, { 1: heldBy(process.pid, 'dangwei-server-2') });
    const t = new Date(Date.now() - 10 * 60_000 - 5_000);
    utimesSync(join(lockDir, '1'), t, t);
    const lock = await acquireLock(dir);
    lock.assertHeld();
    await lock.release();
  });
});

describe('releasing', () => {
  it('leaves one free marker above the holder and tidies the generations below it', async () => {
    const dir = tempDir();
    const lockDir = lockFolder(dir, { 4: FREE });
    const lock = await acquireLock(dir);
    expect(readdirSync(lockDir)).toEqual(['5']);
    await lock.release();
    expect(readdirSync(lockDir)).toEqual(['6']);
    await lock.release();
    expect(readdirSync(lockDir)).toEqual(['6']);
  });
  it('a lock already succeeded by another process is not freed by its old holder', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    const lockDir = join(dir, 'run.lock');
    writeFileSync(join(lockDir, '2'), JSON.stringify(heldBy(process.pid, 'dangwei-server-2')));
    expect(() => lock.assertHeld()).toThrow(LockLostError);
    await lock.release();
    expect(readdirSync(lockDir).sort()).toEqual(['1', '2']);
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
  });
});

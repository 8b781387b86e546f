/**
 * The run lock (issue 11): two processes never hold a state folder at once — not when
 * they start in the same millisecond, not when both find the lock of a run killed
 * with kill -9 and race to succeed it — and `schedule` holds it for its whole life.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, BusyError } from '../jobs/lib/lock.js';
import { deadPid, tempDir } from './helpers.js';

const LOCK_MODULE = join(import.meta.dirname, '..', 'dist', 'jobs', 'lib', 'lock.js');
const CONTENDER = join(import.meta.dirname, 'fixtures', 'lock-contender.mjs');


describe('the lock', () => {
  it('a second taker in the same process is refused while the first holds it, and gets it after release', async () => {
    const dir = tempDir();
    const first = await acquireLock(dir);
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
    await first.release();
    const second = await acquireLock(dir);
    second.assertHeld();
    await second.release();
  });

  it('a state folder that cannot be made is an input error naming the lock, not an internal one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state'), '一个同名文件');
    await expect(acquireLock(join(dir, 'state'))).rejects.toThrow(/state\/run\.lock：无法建立运行锁（路径中有同名文件而不是文件夹）/);
  });

  it('a lock left by a killed run is taken over at once; a finished run leaves nothing that blocks', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    const gen = readFileSync(join(dir, 'run.lock', '1'), 'utf8');
    // Rewrite it as a dead process's (same host): the re-run must not wait ten minutes.
    await lock.release();
    const dead = { ...JSON.parse(gen), pid: deadPid() };
    writeFileSync(join(dir, 'run.lock', '3'), JSON.stringify(dead));
    const again = await acquireLock(dir);
    again.assertHeld();
    await again.release();
  });

  it('contenders released in the same millisecond, half the rounds over a dead owner, never overlap', async () => {
    const dir = tempDir();
    const log = join(dir, 'held.log');
    writeFileSync(log, '');
    const rounds = 24;
    const period = 240;
    const t0 = Date.now() + 1500;
    const dead = String(deadPid());
    const children = [0, 1, 2, 3].map((id) => spawn(process.execPath, [CONTENDER, LOCK_MODULE, join(dir, 'state'), log, String(id), String(rounds), String(t0), String(period), dead], { stdio: ['ignore', 'ignore', 'pipe'] }));
    const codes = await Promise.all(children.map((c) => {
      let err = '';
      c.stderr!.on('data', (d) => (err += d));
      return new Promise<string>((r) => c.on('close', (code) => r(`${code}${err}`)));
    }));
    expect(codes).toEqual(['0', '0', '0', '0']);
    const held = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number, number, number]);
    // Nearly every round someone got it (a planted dead owner was succeeded at once; on a
    // loaded machine a contender running a round late may make one round come up empty) …
    expect(new Set(held.map(([r]) => r)).size).toBeGreaterThanOrEqual(rounds - 2);
    // … and no two holders' intervals overlap.
    const sorted = [...held].sort((a, b) => a[2] - b[2]);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]![2]).toBeGreaterThanOrEqual(sorted[i - 1]![3]);
  }, 30_000);
});

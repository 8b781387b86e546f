/**
 * One run at a time per state folder. proper-lockfile gives an atomic mkdir lock
 * that goes stale after 10 minutes without update; we also record the owner's pid
 * so that a lock left by a killed process on this machine is taken over at once
 * instead of blocking the re-run for ten minutes.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class BusyError extends Error {
  constructor(dir: string) {
    super(`另一个 zhuanjie 进程正在使用 ${dir}（正在运行 run 或 schedule）。请等它结束后再试。`);
    this.name = 'BusyError';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True when the lock's owner was a process on this host that no longer exists. */
function abandoned(ownerFile: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid: number; host: string };
    return owner.host === hostname() && Number.isInteger(owner.pid) && !alive(owner.pid);
  } catch {
    return false;
  }
}

export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'run.lock');
  // Beside the lock, not in it: proper-lockfile removes the lock with rmdir.
  const ownerFile = join(dir, 'run.owner.json');
  const take = () => lockfile.lock(dir, { lockfilePath: lockPath, stale: 600_000, update: 30_000, retries: 0, realpath: false });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    if (!abandoned(ownerFile)) throw new BusyError(dir);
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch {
      throw new BusyError(dir);
    }
  }
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() }));
  return release;
}

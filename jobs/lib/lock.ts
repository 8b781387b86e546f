/**
 * One run at a time per state folder, and a lock that cannot be taken twice.
 *
 * The lock is a sequence of generation files in `stateDir/run.lock/`: 1, 2, 3, …
 * The highest number says who holds the folder: an owner record ({pid, host, token})
 * or "free". A process takes the lock by creating the next number with link(2), which
 * is atomic and exclusive, from a temporary file already holding its full record: no
 * one ever sees a half-written owner, and of two processes that read the same highest
 * generation exactly one can create its successor. Releasing creates a "free"
 * successor, so the highest number never goes down and nothing is deleted on the word
 * of an old record; only generations below the current one are tidied away.
 *
 * A generation whose owner is a dead process on this host is succeeded at once (a
 * re-run after kill -9 does not wait); one not refreshed for STALE_MS (a hung
 * process, another host, a reused pid) is succeeded too. The holder refreshes its
 * file's time while it lives and can check it still holds the lock before each send.
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { ioReason } from './files.js';

export class BusyError extends Error {
  constructor(dir: string) {
    super(`另一个 zhuanjie 进程正在使用 ${dir}（正在运行 run 或 schedule）。请等它结束后再试。`);
    this.name = 'BusyError';
  }
}

/** The lock was succeeded by another process while we held it (we hung for STALE_MS). */
export class LockLostError extends Error {
  constructor(dir: string) {
    super(`${dir} 的运行锁已被另一个进程接管（本进程长时间无响应），已停止发送。`);
    this.name = 'LockLostError';
  }
}

export const STALE_MS = 10 * 60_000;
const REFRESH_MS = 30_000;

interface Owner { state: 'held'; pid: number; host: string; token: string; at: string }
type Record = Owner | { state: 'free'; at: string };

export interface Lock {
  /** Throws LockLostError when another process has succeeded this lock. */
  assertHeld(): void;
  release(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function generations(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** The highest generation number, or 0. */
const current = (dir: string) => generations(dir).at(-1) ?? 0;

/** May generation `n` be succeeded? Unreadable means "no" (we never guess in favour of taking). */
function succeedable(dir: string, n: number): boolean | 'gone' {
  if (n === 0) return true;
  const file = join(dir, String(n));
  let rec: Record;
  let mtime: number;
  try {
    mtime = statSync(file).mtimeMs;
    rec = JSON.parse(readFileSync(file, 'utf8')) as Record;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : false;
  }
  if (rec.state === 'free') return true;
  if (Date.now() - mtime > STALE_MS) return true;
  return rec.host === hostname() && Number.isInteger(rec.pid) && rec.pid !== process.pid && !alive(rec.pid);
}

/** Create generation `n` with `rec` atomically; false when it already exists. */
function create(dir: string, n: number, rec: Record): boolean {
  const tmp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    const buf = Buffer.from(JSON.stringify(rec));
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, join(dir, String(n)));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function tidy(dir: string, below: number): void {
  for (const g of generations(dir)) {
    if (g >= below) break;
    try {
      unlinkSync(join(dir, String(g)));
    } catch {
      /* another process tidied it */
    }
  }
}

export async function acquireLock(stateDir: string): Promise<Lock> {
  try {
    return take(stateDir);
  } catch (err) {
    if (err instanceof BusyError) throw err;
    // A state folder we cannot write: say which, in Chinese, before anything is sent.
    throw new InputError(join(stateDir, 'run.lock'), `无法建立运行锁（${ioReason(err)}）。请检查 stateDir 的位置和权限。`);
  }
}

function take(stateDir: string): Lock {
  const dir = join(stateDir, 'run.lock');
  mkdirSync(dir, { recursive: true });
  const owner: Owner = { state: 'held', pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
  let mine = 0;
  // Each pass either takes the lock, finds a live holder, or lost a race to someone
  // who created the next generation first (then it reads that one).
  for (let pass = 0; pass < 20 && !mine; pass++) {
    const n = current(dir);
    const ok = succeedable(dir, n);
    if (ok === 'gone') continue;
    if (!ok) throw new BusyError(stateDir);
    if (create(dir, n + 1, owner)) mine = n + 1;
  }
  if (!mine) throw new BusyError(stateDir);
  tidy(dir, mine);
  const file = join(dir, String(mine));
  const timer = setInterval(() => {
    try {
      const t = new Date();
      utimesSync(file, t, t);
    } catch {
      /* assertHeld reports it */
    }
  }, REFRESH_MS);
  timer.unref();
  let released = false;
  return {
    assertHeld() {
      if (released || current(dir) !== mine) throw new LockLostError(stateDir);
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Only the holder of the highest generation may free it; a successor exists when we lost it.
      // If the free marker cannot be written (disk full), our generation names a process that is
      // about to exit: the next run succeeds it as a dead owner's.
      try {
        if (current(dir) === mine && create(dir, mine + 1, { state: 'free', at: new Date().toISOString() })) tidy(dir, mine + 1);
      } catch {
        /* see above */
      }
    },
  };
}

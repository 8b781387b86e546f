/** One run at a time per state folder (proper-lockfile: mkdir lock, stale after 10 minutes without update). */
import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class BusyError extends Error {
  constructor(dir: string) {
    super(`另一个 zhuanjie 进程正在使用 ${dir}（正在运行 run 或 schedule）。请等它结束后再试。`);
    this.name = 'BusyError';
  }
}

export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, { lockfilePath: `${dir}/run.lock`, stale: 600_000, update: 30_000, retries: 0, realpath: false });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new BusyError(dir);
    throw err;
  }
}

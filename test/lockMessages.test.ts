/**
 * When the scheduler holds the state folder (issue 24, item 2), a command run by hand is
 * told who holds it — the scheduler, its PID, since when, with which config — that it sends
 * on its own, and how to run by hand (stop the service, or `--dry-run`), instead of
 * 「请等它结束后再试」 for a process that never ends.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { busyText } from '../jobs/lib/lock.js';
import { SAMPLE_AS_OF } from '../jobs/demo/sample.js';
import { cliAsync } from './helpers.js';
import { sampleJob, startSmtp } from './smtp.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('the lock names its holder', () => {
  it('with `schedule` running, `run` and `receipts fetch` exit 3 naming the scheduler (PID, since, config) and what to do; `run --dry-run` still works', async () => {
    const server = await startSmtp();
    close = server.close;
    const { file } = sampleJob(server.port);
    const daemon = spawn(process.execPath, [BIN, 'schedule', '--config', file], { stdio: 'pipe' });
    let out = '';
    daemon.stdout.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => daemon.on('exit', (code) => r(code)));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/不是提醒日|邮件：/);
      for (const args of [['run', '--config', file, '--as-of', SAMPLE_AS_OF], ['receipts', 'fetch', '--config', file]]) {
        const r = await cliAsync(args);
        expect([args[0], r.code]).toEqual([args[0], 3]);
        const said = r.stderr.trim();
        expect(said).toContain('定时任务 zhuanjie schedule 正在运行');
        expect(said).toContain(`PID ${daemon.pid}`);
        expect(said).toContain(`配置 ${resolve(file)}`);
        expect(said).toMatch(/自 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 起/);
        expect(said).toContain('自动');
        expect(said).toContain('nssm stop zhuanjie');
        expect(said).toContain('systemctl stop zhuanjie');
        expect(said).toContain('--dry-run');
        expect(said).not.toContain('请等它结束后再试');
      }
      const dry = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF, '--dry-run']);
      expect(dry.stdout).toContain('（试运行）将发送');
      expect(dry.code).not.toBe(3);
    } finally {
      daemon.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('another holder (a run) is named with its PID and start; the advice is to wait', () => {
    const text = busyText('/srv/zhuanjie/state', { pid: 4242, host: 'elsewhere', at: '2026-08-25T00:30:05Z', command: 'run' });
    expect(text).toBe('另一个 zhuanjie run 正在使用 /srv/zhuanjie/state（PID 4242，主机 elsewhere，自 2026-08-25 08:30:05 起）。请等它结束后再试。');
  });
});

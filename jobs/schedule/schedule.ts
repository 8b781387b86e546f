/**
 * `zhuanjie schedule`: a long-running process. node-cron fires daily at the send
 * time (Asia/Shanghai) with no overlapping runs; it does not catch up runs missed
 * while the server was down, so every tick (and start-up) asks runJob for every
 * reminder that is due and not yet in the journal.
 */
import cron from 'node-cron';
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { acquireLock, type Lock } from '../lib/lock.js';
import { placesOf } from '../lib/places.js';
import { BusyError, runJob, type RunOutcome } from '../reminders/run.js';

/** Minutes since midnight in Beijing time. */
function minutesIn(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return get('hour') * 60 + get('minute');
}

/**
 * One scheduler pass at `now`. Before today's send time only reminders of earlier
 * days are sent (a server that was down on 8月25日 sends that one on restart);
 * from the send time on, today's too.
 */
export async function schedulerPass(loaded: LoadedConfig, now: Date, log: (s: string) => void, lock?: Lock, stopping?: () => boolean): Promise<RunOutcome> {
  const [h, m] = loaded.config.reminders.sendTime.split(':').map(Number);
  const asOf = dateIn(TIMEZONE, now);
  const beforeSendTime = minutesIn(TIMEZONE, now) < h! * 60 + m!;
  return runJob(loaded, { asOf, log, lock, stopping, remindersBefore: beforeSendTime ? asOf : undefined });
}

/**
 * The daemon. It takes the state folder's lock once and holds it for its whole life,
 * so a second `schedule` or a `run` on the same folder exits 3 instead of racing it;
 * SIGTERM/SIGINT handlers are in place before the start-up catch-up pass, so a stop
 * during that pass waits for the message in flight and exits cleanly.
 */
export async function startScheduler(loaded: LoadedConfig, opts: { log: (s: string) => void; now?: () => Date }): Promise<void> {
  const { log } = opts;
  const now = opts.now ?? (() => new Date());
  const [h, m] = loaded.config.reminders.sendTime.split(':').map(Number);
  const lock = await acquireLock(placesOf(loaded).stateDir);
  let stopping = false;
  let stopped!: () => void;
  const done = new Promise<void>((r) => (stopped = r));
  let running: Promise<unknown> = Promise.resolve();
  const pass = (why: string) => {
    if (stopping) return running;
    running = (async () => {
      log(`[${new Date().toISOString()}] ${why}`);
      try {
        await schedulerPass(loaded, now(), log, lock, () => stopping);
      } catch (err) {
        // A bad input file must not stop the daemon: log and wait for the next tick.
        if (err instanceof InputError || err instanceof BusyError) log(`错误：${err.message}`);
        else log(`内部错误：${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    return running;
  };
  let task: ReturnType<typeof cron.schedule> | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，等待当前任务结束后退出…`);
    await task?.stop();
    await running;
    await lock.release();
    stopped();
  };
  const onTerm = () => void stop('SIGTERM');
  const onInt = () => void stop('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  try {
    log(`zhuanjie schedule 已启动：每天 ${loaded.config.reminders.sendTime}（${TIMEZONE}）检查提醒。按 Ctrl+C 停止。`);
    await pass('启动时补发检查');
    if (!stopping) task = cron.schedule(`${m} ${h} * * *`, () => pass('定时检查'), { timezone: TIMEZONE, noOverlap: true, name: 'zhuanjie' });
    await done;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
}

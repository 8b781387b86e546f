/**
 * 实时校验: while on, every change the pane's sheet reports is re-checked. Changes
 * that arrive together (a paste, a fill) or while a check runs are gathered into one
 * job on the queue: none is dropped, none is checked twice, and the queue never waits
 * on itself (the first check, when live is ticked before any, runs inside the job).
 */
import type { CheckAction } from './check.js';
import type { PaneContext } from './context.js';
import type { SheetChange } from './office.js';

export interface LiveRecheck {
  /** Turn live checking on (checking the sheet first) or off; runs as a job on the queue. */
  setLive(on: boolean): Promise<void>;
  /** After a check of another sheet (called inside a job): while live is on, watch that sheet instead. */
  follow(): Promise<void>;
}

export function liveRecheck({ port, state, display, queue }: PaneContext, check: CheckAction, delayMs: number): LiveRecheck {
  let stopLive: (() => Promise<void>) | null = null;
  /** The sheet (by Excel's id) whose changes we hear: another sheet renamed into place needs its own registration. */
  let watching = '';
  let pending: SheetChange[] = [];
  /** A job is queued that has not yet taken `pending`: later changes join it. */
  let queued = false;

  function onChange(change: SheetChange) {
    pending.push(change);
    if (queued) return;
    queued = true;
    setTimeout(
      () =>
        void queue.run(async () => {
          const batch = pending;
          pending = [];
          queued = false;
          if (!stopLive) return;
          await check.applyChanges(batch);
          await follow();
        }),
      delayMs,
    );
  }

  async function watch() {
    await stopLive?.();
    stopLive = await port.onChanged(state.sheet!, onChange);
    watching = state.model?.sheetId ?? '';
  }

  async function follow() {
    if (!stopLive || !state.model) return;
    if (state.model.sheetId !== watching) await watch();
    // Checked while watched: every later change is heard, so the marks it drew stay known.
    state.model.watched = true;
  }

  async function setLive(on: boolean) {
    if (!on) {
      await stopLive?.();
      stopLive = null;
      watching = '';
      pending = [];
      // Unwatched from now on: the next check cannot trust what it knows of the marks.
      if (state.model) state.model.watched = false;
      display.status('已关闭实时校验。');
      return;
    }
    if (!state.sheet) {
      try {
        await check.checkActiveNow();
      } finally {
        // Nothing to watch (no header found, or the read failed): the box shows live is off.
        if (!state.sheet) display.el<HTMLInputElement>('live').checked = false;
      }
      if (!state.sheet) return;
      await watch();
    } else {
      // Watch first, then check: a change made during the check is queued behind it, not lost.
      await watch();
      // Nobody watched the sheet until now: the model may be older than it.
      await check.recheckNow('开启实时校验前的改动未被跟踪');
      watching = state.model?.sheetId ?? '';
    }
    if (state.model) state.model.watched = true;
    display.status(
      `实时校验已开启：修改「${state.sheet}」后只重新校验改动的行。` +
        (port.seesSorts ? '' : '此版本的 Excel 不报告排序（需要 ExcelApi 1.10）：排序后请点击「校验当前工作表」。'),
    );
  }

  return { setLive, follow };
}

/**
 * 实时校验: while on, an edit to the pane's sheet triggers a re-check. Holds the
 * change-event registration and the debounce timer, which nothing else needs.
 */
import type { CheckAction } from './check.js';
import type { PaneContext } from './context.js';

export interface LiveRecheck {
  /** Turn live checking on (checking the active sheet first if none was checked yet) or off; runs as a job on the queue. */
  setLive(on: boolean): Promise<void>;
}

export function liveRecheck({ port, state, display }: PaneContext, { checkActiveNow, recheck }: CheckAction, delayMs: number): LiveRecheck {
  let stopLive: (() => Promise<void>) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function setLive(on: boolean) {
    if (!on) {
      await stopLive?.();
      stopLive = null;
      display.status('已关闭实时校验。');
      return;
    }
    if (!state.sheet) {
      try {
        await checkActiveNow();
      } finally {
        // Nothing to watch (no header found, or the read failed): the box shows live is off.
        if (!state.sheet) display.el<HTMLInputElement>('live').checked = false;
      }
    }
    if (!state.sheet) return;
    // The whole sheet is re-read on each change (a constant number of syncs): that
    // covers multi-cell pastes, fill-down and table-level rules such as duplicates.
    stopLive = await port.onChanged(state.sheet, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void recheck(), delayMs);
    });
    display.status(`实时校验已开启：修改「${state.sheet}」后自动重新校验。`);
  }

  return { setLive };
}

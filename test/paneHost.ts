/**
 * The pane's parts (check, live, mapping) over the test host in Node, with the page
 * reduced to its status line: what the live tests drive and compare with a full check.
 */
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { checkAction } from '../addin/check.js';
import type { PaneContext } from '../addin/context.js';
import { liveRecheck } from '../addin/live.js';
import { createWorkbookPort, type WorkbookPort } from '../addin/office.js';
import { marksFor } from '../shared/marks.js';
import { createQueue, explain } from '../addin/queue.js';
import { newState } from '../addin/state.js';
import type { FakeExcel } from './e2e/fakeExcel.js';

export const TODAY = '2026-06-20';

export function paneOver(host: FakeExcel, opts: { supports?: (set: string, v: string) => boolean; port?: (p: WorkbookPort) => WorkbookPort } = {}) {
  const statuses: string[] = [];
  const errors: string[] = [];
  const state = newState();
  const display = {
    el: () => ({ checked: true }) as unknown as HTMLElement,
    status: (text: string, kind?: string) => (kind === 'error' ? errors : statuses).push(text),
    render() {},
  } as unknown as PaneContext['display'];
  const queue = createQueue((err) => errors.push(explain(err)));
  const port = (opts.port ?? ((p) => p))(createWorkbookPort(host, opts.supports ?? (() => true)));
  const ctx: PaneContext = { port, state, display, queue, settings: defaultRuleSettings(), today: () => TODAY };
  const check = checkAction(ctx);
  const live = liveRecheck(ctx, check, 0);
  /** Wait until every change fired so far has been checked. */
  const settled = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await queue.idle();
    }
  };
  return {
    state, check, statuses, errors, settled,
    /** 校验当前工作表 as the pane's button runs it (pane.ts): live checking follows the sheet checked. */
    checkActive: () =>
      queue.run(async () => {
        await check.checkActiveNow();
        await live.follow();
      }),
    setLive: (on: boolean) => queue.run(() => live.setLive(on)),
    lastStatus: () => statuses.at(-1) ?? '',
  };
}

/** What a fresh full check of the sheet would mark: cell → kind, as the host's marksOn reports it. */
export function freshMarks(host: FakeExcel, sheet: string): Map<string, string[]> {
  const s = host.sheet(sheet);
  const rows = s.values.map((r) => Array.from(r, (v) => (v === '' || v === undefined ? null : v)));
  const result = validateSheet({ name: sheet, rows, origin: { row: 1, col: 1 } }, { today: TODAY });
  return new Map(marksFor(result.findings).map((m) => [`${letter(m.col)}${m.row}`, [m.kind]]));
}

export function freshFindings(host: FakeExcel, sheet: string) {
  const s = host.sheet(sheet);
  const rows = s.values.map((r) => Array.from(r, (v) => (v === '' || v === undefined ? null : v)));
  return validateSheet({ name: sheet, rows, origin: { row: 1, col: 1 } }, { today: TODAY }).findings;
}

const letter = (c: number) => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Maps compared as sorted entries, so a failure shows the cells that differ. */
export const entries = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => a.localeCompare(b));

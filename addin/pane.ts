/**
 * The task pane: builds its parts, each in its own module and named for what it
 * holds (state, display, queue, check, mapping, live, actions), and routes the
 * page's events to them. The parts talk to Excel only through a WorkbookPort and to
 * the rules only through shared/.
 */
import { dateIn, TIMEZONE } from '../shared/calendar.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { paneActions } from './actions.js';
import { checkAction } from './check.js';
import { createDisplay } from './display.js';
import { liveRecheck } from './live.js';
import { mappingStep } from './mapping.js';
import type { WorkbookPort } from './office.js';
import { createQueue, explain } from './queue.js';
import { newState, type Filter } from './state.js';
import { DATE_SYSTEM_NOTE, workbookCheck } from './workbookCheck.js';
import type { PaneContext } from './context.js';

export interface PaneOptions {
  today?: () => string;
  /**
   * How long live checking waits to gather changes before queueing a check. 0: changes
   * fired together (a paste, a fill) still arrive in one task and are gathered, and those
   * that come while a check runs join the next one (live.ts); waiting longer only adds lag.
   */
  liveDelayMs?: number;
}

export function startPane(root: HTMLElement, port: WorkbookPort, opts: PaneOptions = {}) {
  const state = newState();
  const display = createDisplay(root, state);
  const queue = createQueue((err) => display.status(explain(err), 'error'));
  const ctx: PaneContext = { port, state, display, queue, settings: defaultRuleSettings(), today: opts.today ?? (() => dateIn(TIMEZONE)) };
  const check = checkAction(ctx);
  const actions = paneActions(ctx);
  const chooseColumn = mappingStep(ctx, check);
  const live = liveRecheck(ctx, check, opts.liveDelayMs ?? 0);
  // 校验当前工作表 makes the sheet the user is on the pane's: live checking follows it there.
  const checkActive = () =>
    queue.run(async () => {
      await check.checkActiveNow();
      await live.follow();
    });
  const whole = workbookCheck(ctx);
  // The workbook check marks every sheet its own way: the model (and what it knows of the marks) is set aside.
  const checkWorkbook = () => {
    void queue.run(async () => void (state.model = null));
    return whole.checkWorkbook();
  };
  // Said once, up front: the host cannot tell a 1904 workbook's dates (ExcelApi before 1.16).
  if (!port.knowsDateSystem) {
    const note = root.querySelector<HTMLElement>('#date-note');
    if (note) {
      note.textContent = DATE_SYSTEM_NOTE;
      note.hidden = false;
    }
  }

  // One listener on the root: the findings and 列对应 lists are redrawn, their buttons and selects replaced.
  root.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('button');
    if (!target) return;
    if (target.id === 'validate') void checkActive();
    else if (target.id === 'validate-workbook') void checkWorkbook();
    else if (target.id === 'clear') void actions.clearMarks();
    else if (target.id === 'template') void actions.insertTemplate();
    else if (target.id === 'fix') void actions.fixFormat();
    else if (target.classList.contains('item') && target.dataset.col && state.sheet) void actions.goToCell(Number(target.dataset.row), target.dataset.col);
  });
  root.addEventListener('change', (e) => {
    const select = (e.target as HTMLElement).closest<HTMLSelectElement>('select.map');
    if (select) void chooseColumn(select);
  });
  display.el('filter').addEventListener('change', (e) => {
    state.filter = (e.target as HTMLSelectElement).value as Filter;
    display.render();
  });
  display.el('live').addEventListener('change', (e) => void queue.run(() => live.setLive((e.target as HTMLInputElement).checked)));

  return { checkActive, checkWorkbook, idle: queue.idle };
}

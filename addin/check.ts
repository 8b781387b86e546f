/**
 * The check action (校验当前工作表, and every re-check): read the sheet, validate
 * it with the shared rules, replace our marks, show the result.
 */
import { overrideMap } from '../shared/headers.js';
import { HEADER_SEARCH_TEXT } from '../shared/table.js';
import { countBySeverity, HeaderNotFoundError, validateSheet, type ValidationResult } from '../shared/validate.js';
import type { SheetRead } from './office.js';
import { marksFor } from '../shared/marks.js';
import type { PaneContext } from './context.js';

export interface CheckAction {
  /** Check the sheet the user is on; it becomes the pane's sheet. */
  checkActive(): Promise<void>;
  /** checkActive for a job already on the queue (queueing it there would wait on that very job). */
  checkActiveNow(): Promise<void>;
  /** Check the pane's sheet again (after an edit or a new column mapping); nothing before a first check. */
  recheck(): Promise<void>;
}

export function checkAction({ port, state, display, queue, settings, today }: PaneContext): CheckAction {
  async function check(read: () => Promise<{ name: string; snap: SheetRead }>) {
    const { name, snap } = await read();
    state.mapping = snap.mapping;
    let next: ValidationResult;
    try {
      next = validateSheet(snap, { settings, today: today(), overrides: overrideMap(state.mapping) });
    } catch (err) {
      if (err instanceof HeaderNotFoundError) {
        state.result = null;
        display.render();
        display.status(`工作表「${name}」的${HEADER_SEARCH_TEXT}中没有找到登记表表头。可点击「插入标准模板」新建一张。`, 'error');
        return;
      }
      throw err;
    }
    await port.clearMarks(name);
    await port.applyMarks(name, marksFor(next.findings));
    state.result = next;
    state.sheet = name;
    display.render();
    const c = countBySeverity(next.findings);
    display.status(`已校验「${name}」：${next.rowCount} 行，错误 ${c.error} 处，提醒 ${c.warning} 处。`);
  }

  const checkActiveNow = () =>
    check(async () => {
      const snap = await port.readActive();
      return { name: snap.name, snap };
    });

  return {
    checkActive: () => queue.run(checkActiveNow),
    checkActiveNow,
    // By the name it was checked under, so a re-check stays on that sheet whichever one the user is on.
    recheck: () =>
      queue.run(async () => {
        if (!state.sheet) return;
        const name = state.sheet;
        await check(async () => ({ name, snap: await port.readSheet(name) }));
      }),
  };
}

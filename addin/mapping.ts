/**
 * The 列对应 step: the user picks a field for a column the pane could not
 * recognise. The choice is saved with the workbook, then the sheet is checked again.
 */
import type { CheckAction } from './check.js';
import type { PaneContext } from './context.js';

/** Save the choice made in one `select.map` of the 列对应 list, then re-check. */
export function mappingStep({ port, state, display, queue }: PaneContext, { recheck }: CheckAction) {
  return (select: HTMLSelectElement): Promise<void> => {
    const header = select.dataset.header!;
    return queue
      .run(async () => {
        // Read afresh, not from the state: a colleague may have saved other columns meanwhile.
        const next = { ...(await port.readMapping()) };
        if (select.value) next[header] = select.value;
        else delete next[header];
        await port.saveMapping(next);
        state.mapping = next;
        display.status(`已保存列对应：「${header}」→ ${select.value ? select.selectedOptions[0]!.textContent : '自动识别'}（随工作簿保存）。`);
      })
      .then(() => recheck('列对应设置已改变'));
  };
}

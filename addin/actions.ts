/**
 * The pane's one-shot buttons besides 校验: 清除标记, 插入标准模板, 修复格式, and
 * going to a finding's cell. Each runs on the queue, as Excel work.
 */
import { templateLayout } from '../shared/template.js';
import { columnNumber } from '../shared/table.js';
import { LOST_DIGIT_CODES, textColumns } from './plan.js';
import type { PaneContext } from './context.js';

export function paneActions({ port, state, display, queue, settings }: PaneContext) {
  /** 清除标记: remove our marks from the pane's sheet (or the active one before any check). */
  const clearMarks = () =>
    queue.run(async () => {
      const name = state.sheet ?? (await port.readActive()).name;
      const n = await port.clearMarks(name);
      state.result = null;
      state.model = null;
      display.render();
      display.status(`已清除「${name}」上的 ${n} 组校验标记，表格内容和格式未改动。`);
    });

  /** 插入标准模板: a new sheet laid out as the CLI's template, from the same settings. */
  const insertTemplate = () =>
    queue.run(async () => {
      const { name, dropdowns } = await port.insertTemplate(templateLayout(settings));
      display.status(
        dropdowns
          ? `已插入标准模板「${name}」：带下拉选项，学号、身份证号等列为文本格式。`
          : `已插入标准模板「${name}」：学号、身份证号等列为文本格式。此版本的 Excel 不支持数据验证（需要 ExcelApi 1.8），所以没有加下拉选项。`,
      );
    });

  /**
   * 修复格式: Text format on the columns whose digits Excel drops, then the errors
   * only, so the cells already lost (to be re-entered by hand) are in view.
   */
  const fixFormat = () =>
    queue.run(async () => {
      const { result, sheet } = state;
      if (!result || !sheet) return display.status('请先点击「校验当前工作表」。', 'error');
      const cols = textColumns(result);
      await port.setTextFormat(sheet, cols, result.headerRow + 1);
      const lost = result.findings.filter((f) => LOST_DIGIT_CODES.has(f.code));
      display.status(
        lost.length
          ? `已把 ${cols.length} 列设为文本格式。其中 ${lost.length} 个单元格的数字已被 Excel 丢失，必须重新录入（见下方列表）；本工具不会改动已有的值。`
          : `已把 ${cols.length} 列设为文本格式，没有发现已丢失数字的单元格。`,
      );
      state.filter = 'error';
      display.el<HTMLSelectElement>('filter').value = 'error';
      display.render();
    });

  /** A finding's button: select its cell on the pane's sheet. */
  const goToCell = (row: number, col: string) => queue.run(() => port.select(state.sheet!, row, columnNumber(col)));

  return { clearMarks, insertTemplate, fixFormat, goToCell };
}

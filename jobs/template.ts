/** `zhuanjie template`: the standard registration workbook with dropdowns and Text columns. */
import { columnLetter } from '../shared/table.js';
import { TEMPLATE_ROWS, TEMPLATE_SHEET, TEMPLATE_TITLE, templateColumns } from '../shared/template.js';
import type { RuleSettings } from '../shared/settings.js';
import { newWorkbook, workbookBuffer } from './excel.js';

export async function buildTemplate(settings: RuleSettings): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(TEMPLATE_SHEET);
  const cols = templateColumns(settings);
  ws.addRow([TEMPLATE_TITLE]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, cols.length);
  const header = ws.addRow(cols.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    if (c.required) cell.note = '必填';
    const letter = columnLetter(i + 1);
    const choices = c.choices;
    for (let r = 3; r <= TEMPLATE_ROWS + 2; r++) {
      const target = ws.getCell(`${letter}${r}`);
      if (c.textFormat) target.numFmt = '@';
      // ExcelJS squeezes identical per-cell validations into one range when writing.
      if (choices) {
        target.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${choices.join(',')}"`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: c.header,
          error: `请从下拉列表中选择：${choices.join('、')}`,
        };
      }
    }
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return workbookBuffer(wb);
}

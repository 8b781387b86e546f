/** `zhuanjie template`: the standard registration workbook drawn from shared/template.ts's layout. */
import { dropdownError, templateLayout } from '../../shared/template.js';
import type { RuleSettings } from '../../shared/settings.js';
import type ExcelJS from 'exceljs';
import { newWorkbook, workbookBuffer } from '../lib/excel.js';

/** ExcelJS keeps range validations here (untyped): written as one <dataValidation sqref="I3:I1048576">. */
type WithValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

export async function buildTemplate(settings: RuleSettings): Promise<Buffer> {
  const layout = templateLayout(settings);
  const wb = newWorkbook();
  const ws = wb.addWorksheet(layout.sheet);
  const cols = layout.columns;
  // Text format on the whole column (a column style), so that IDs typed on any row keep their digits.
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.textFormat) col.numFmt = '@';
  });
  const title = ws.getRow(1);
  title.getCell(1).value = layout.title;
  title.font = { bold: true, size: layout.titleFontSize };
  ws.mergeCells(1, 1, 1, cols.length);
  const header = ws.getRow(layout.headerRow);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.fill) } };
    // One validation per column, over the whole column below the header.
    if (c.choices) {
      (ws as unknown as WithValidations).dataValidations.add(c.body, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: dropdownError(c.choices),
      });
    }
  });
  ws.views = [{ state: 'frozen', ySplit: layout.headerRow }];
  return workbookBuffer(wb);
}

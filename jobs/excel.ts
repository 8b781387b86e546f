/**
 * Workbooks we write (template, reports, attachments) go through ExcelJS, which
 * writes what SheetJS CE cannot: dropdown validation, frozen panes, styles.
 */
import ExcelJS from 'exceljs';

/**
 * Every value from an input file is written as a string cell, never as a formula:
 * a name like "=HYPERLINK(...)" stays text (no formula injection). ExcelJS only
 * writes formulas for { formula } objects, which this module never creates.
 */
export function safeCellValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export interface SheetSpec {
  name: string;
  columns: { header: string; width: number; text?: boolean }[];
  rows: unknown[][];
  title?: string;
}

/** A list sheet: optional title row, bold frozen header, autofilter, widths. */
export function addListSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name);
  let headerRow = 1;
  if (spec.title) {
    ws.addRow([spec.title]).font = { bold: true, size: 14 };
    headerRow = 2;
  }
  const hr = ws.addRow(spec.columns.map((c) => c.header));
  hr.font = { bold: true };
  hr.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.text) col.numFmt = '@';
  });
  for (const r of spec.rows) ws.addRow(r.map(safeCellValue));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  if (spec.columns.length) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };
  return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhuanjie';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

/**
 * The annotated copy a college gets back: its own sheet at the same row numbers and
 * column letters as the file it sent (so 「第6行 F列」 in a mail is the same cell in both),
 * every problem cell filled (red 错误, amber 提醒) and carrying a note with the message and
 * the fix, a frozen header, and a first sheet 「审核意见」 listing every finding with a link
 * to its cell. Always .xlsx, whatever was sent (.xls, .ods, .csv, HTML exports): values
 * are copied as the secretary saw them, never as formulas. The original is only read.
 */
import type ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { fieldLabel } from '../../shared/fields.js';
import { SEVERITY_LABEL } from '../../shared/messages.js';
import { adviceOf, type AuditFinding } from '../../shared/audit.js';
import { columnLetter, columnNumber } from '../../shared/table.js';
import { MARK_STYLE, marksFor } from '../../shared/marks.js';
import { maskIdNumber } from '../../shared/idNumber.js';
import { newWorkbook, safeCellValue, workbookBuffer } from '../lib/excel.js';

export const REVIEW_SHEET = '审核意见';

/** The pane's mark colours as ARGB fills. */
export const MARK_FILL = {
  error: `FF${MARK_STYLE.error.fill.slice(1).toUpperCase()}`,
  warning: `FF${MARK_STYLE.warning.fill.slice(1).toUpperCase()}`,
} as const;

export interface AnnotateInput {
  workbook: XLSX.WorkBook;
  /** The sheet that was checked. */
  sheet: string;
  headerRow: number;
  findings: readonly AuditFinding[];
  /** 「计算机学院 登记表（2026-06-08 报送）」: the review sheet's title. */
  title: string;
  /** The ID-number column's letter: its cells below the header are masked (a copy sent by mail). */
  maskIdColumn?: string;
}

/** A cell as the secretary saw it: dates as their shown text, numbers as numbers, never a formula. */
function shown(cell: XLSX.CellObject): ExcelJS.CellValue {
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? '#ERROR!';
    case 'd':
      return XLSX.utils.format_cell(cell);
    case 'n':
      // A date cell is a serial number with a date format: keep what was displayed.
      if (typeof cell.w === 'string' && cell.w !== String(cell.v) && /[-/年月:]/.test(cell.w)) return cell.w;
      return cell.v as number;
    default:
      return null;
  }
}

/** Display width of a text: CJK characters count two. */
const width = (s: string) => {
  let n = 0;
  for (const ch of s) n += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return n;
};

/**
 * A link to a cell of this workbook. HYPERLINK("#'表'!F6") works alike in Excel, WPS and
 * LibreOffice; a hyperlink element would also carry an external relationship that
 * LibreOffice turns into a link to a file named after the sheet. The sheet name and
 * address are ours (the checked sheet's name is quoted and escaped), never a cell's text.
 */
const link = (sheet: string, address: string): ExcelJS.CellFormulaValue => {
  const text = `转到 ${address}`;
  const to = `#'${sheet.replace(/'/g, "''")}'!${address}`;
  return { formula: `HYPERLINK("${to.replace(/"/g, '""')}","${text}")`, result: text, date1904: false };
};

export async function annotatedWorkbook(input: AnnotateInput): Promise<Buffer> {
  const ws0 = input.workbook.Sheets[input.sheet];
  const wb = newWorkbook();
  // Without a workbook view LibreOffice ignores every sheet's frozen pane.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const reviewName = input.sheet === REVIEW_SHEET ? `${REVIEW_SHEET}（zhuanjie）` : REVIEW_SHEET;
  const review = wb.addWorksheet(reviewName, { views: [{ state: 'frozen', ySplit: 2 }] });
  const ws = wb.addWorksheet(input.sheet, { views: [{ state: 'frozen', ySplit: input.headerRow }] });

  // The original cells, at their own addresses.
  const maskCol = input.maskIdColumn ? columnNumber(input.maskIdColumn) - 1 : -1;
  const widths: number[] = [];
  if (ws0?.['!ref']) {
    const range = XLSX.utils.decode_range(ws0['!ref']);
    const data = (ws0 as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? [];
    for (let r = range.s.r; r <= Math.min(range.e.r, data.length - 1); r++) {
      const src = data[r];
      if (!src) continue;
      const row = ws.getRow(r + 1);
      for (let c = range.s.c; c <= Math.min(range.e.c, src.length - 1); c++) {
        const cell = src[c];
        if (!cell) continue;
        let v = shown(cell);
        if (maskCol === c && r + 1 > input.headerRow && v !== null && v !== '') v = maskIdNumber(v as string);
        if (v === null || v === '') continue;
        const out = row.getCell(c + 1);
        out.value = safeCellValue(v);
        // 学号, ID numbers and codes typed as text stay text when opened again.
        if (typeof v === 'string') out.numFmt = '@';
        widths[c] = Math.max(widths[c] ?? 0, Math.min(40, width(String(v)) + 2));
      }
    }
  }
  widths.forEach((w, c) => (ws.getColumn(c + 1).width = Math.max(6, w)));
  // Merged areas as the college drew them (a two-row header, 学院 merged down a block),
  // except one hiding a marked cell: a note must never sit under a merge.
  const marks = marksFor(input.findings);
  for (const m of ws0?.['!merges'] ?? []) {
    const hides = marks.some((k) => k.row - 1 >= m.s.r && k.row - 1 <= m.e.r && k.col - 1 >= m.s.c && k.col - 1 <= m.e.c && (k.row - 1 !== m.s.r || k.col - 1 !== m.s.c));
    if (!hides && (m.e.r > m.s.r || m.e.c > m.s.c)) ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
  }
  const header = ws.getRow(input.headerRow);
  header.font = { bold: true };

  // Every problem cell: filled by its worst finding, with a note holding all its findings.
  const onCell = new Map<string, AuditFinding[]>();
  for (const f of input.findings) if (f.column && f.severity !== 'info') onCell.set(`${f.column}${f.row}`, [...(onCell.get(`${f.column}${f.row}`) ?? []), f]);
  for (const m of marks) {
    const address = `${columnLetter(m.col)}${m.row}`;
    const cell = ws.getCell(address);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL[m.kind] } };
    const note = onCell.get(address)!.map((f) => {
      const a = adviceOf(f.message);
      return `【${SEVERITY_LABEL[f.severity]}】${a.problem}\n怎样改：${a.fix}`;
    }).join('\n\n');
    cell.note = note;
  }

  // The review sheet: one line per finding, linked to its cell (or its row).
  const counts = { error: 0, warning: 0 };
  for (const f of input.findings) if (f.severity !== 'info') counts[f.severity]++;
  review.getCell('A1').value = safeCellValue(`审核意见：${input.title}　错误 ${counts.error} 处，提醒 ${counts.warning} 处`);
  review.getCell('A1').font = { bold: true, size: 13 };
  const cols = [['行', 6], ['列', 6], ['字段', 14], ['级别', 6], ['问题', 60], ['怎样改', 60], ['定位', 12]] as const;
  cols.forEach(([h, w], i) => {
    review.getColumn(i + 1).width = w;
    const c = review.getCell(2, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  let r = 3;
  for (const f of input.findings) {
    const a = adviceOf(f.message);
    const address = `${f.column ?? 'A'}${f.row}`;
    const row = review.getRow(r++);
    row.values = [f.row, f.column ?? '', f.field ? fieldLabel(f.field) : '', SEVERITY_LABEL[f.severity], a.problem, a.fix].map(safeCellValue);
    row.getCell(7).value = link(input.sheet, address);
    row.getCell(7).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.alignment = { vertical: 'top', wrapText: true };
    if (f.severity !== 'info') row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL[f.severity] } };
  }
  if (!input.findings.length) review.getCell('A3').value = '未发现问题。';
  return workbookBuffer(wb);
}

/**
 * Workbooks we write (template, reports, attachments) go through ExcelJS, which
 * writes what SheetJS CE cannot: dropdown validation, frozen panes, styles.
 */
import { PassThrough } from 'node:stream';
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

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/**
 * Workbooks of list sheets (reports, attachments): optional title row, bold frozen
 * header, autofilter, widths, Text columns. Written row by row through ExcelJS's
 * streaming writer, so a 100,000-member report costs megabytes, not a gigabyte of
 * cell objects (bench: reconcile100k.rssMB).
 */
/**
 * An ExcelJS streaming writer into memory (rows are committed as they go, with native
 * zlib): the report, the attachments and the audit's annotated copies are written this
 * way. `done` commits the workbook and returns its bytes. Fixed metadata keeps a file
 * byte-identical when its content is.
 */
export function streamingWorkbook(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; done: () => Promise<Buffer> } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => sink.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'zhuanjie';
  wb.created = wb.modified = new Date(0);
  return {
    wb,
    done: async () => {
      await wb.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}

export async function listWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const { wb, done } = streamingWorkbook();
  for (const spec of sheets) {
    const headerRow = spec.title ? 2 : 1;
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: headerRow }] });
    spec.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      if (c.text) col.numFmt = '@';
    });
    if (spec.title) {
      const title = ws.addRow([spec.title]);
      title.font = { bold: true, size: 14 };
      title.commit();
    }
    const hr = ws.addRow(spec.columns.map((c) => c.header));
    hr.font = { bold: true };
    hr.eachCell((cell) => (cell.fill = HEADER_FILL));
    hr.commit();
    for (const r of spec.rows) ws.addRow(r.map(safeCellValue)).commit();
    if (spec.columns.length) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };
    ws.commit();
  }
  return done();
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

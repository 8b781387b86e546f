/**
 * Reading registration and receipt workbooks (.xlsx .xlsm .xls .ods .csv) into
 * plain sheet snapshots. SheetJS does the parsing; this module adds what real
 * inboxes need: GBK CSV, sheet choice, and Chinese errors that name the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import * as XLSX from 'xlsx';
import type { FieldDef } from '../../../shared/fields.js';
import type { Cell } from '../../../shared/normalize.js';
import { fillMerged, findHeader, HEADER_SEARCH_TEXT, type HeaderMatch, type SheetSnapshot } from '../../../shared/table.js';
import type { ColumnOverrides } from '../../../shared/headers.js';
import { InputError } from '../errors.js';
import { containerOf, zipProblem } from './zip.js';
import { notAWorkbook } from './sniff.js';
import { markOdsHiddenSheets } from './odsHidden.js';

export const SUPPORTED_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv', '.txt'];
/** Extensions whose files are always zip containers (or, when encrypted, CFB). */
const ZIP_EXTENSIONS = ['.xlsx', '.xlsm', '.ods'];

/** Files above this are refused rather than risk exhausting memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/**
 * Text tables (CSV, web .xls exports) and legacy binary .xls are parsed whole into
 * cells. Measured for CSV: about 26 bytes of memory per byte of text plus 60 per field
 * (62 MB of 8-field rows → 1.9 GB; 16 MB of 1-character fields → 0.93 GB), so text is
 * capped at 32 MB and 3 million fields: ~1 GB at worst. A 100,000-row CSV of 24
 * columns is about 30 MB; a full .xls (65,536 rows) about 30 MB.
 */
export const MAX_TEXT_BYTES = 28 * 1024 * 1024;
export const MAX_TEXT_FIELDS = 2_600_000;
export const MAX_CFB_BYTES = 64 * 1024 * 1024;
/** Excel's own limit for one cell; a CSV field beyond it is not a registration. */
export const MAX_CELL_CHARS = 32_767;

/** The longest field and the number of fields of a CSV text (quotes respected, any of , ; tab as separator). */
export function csvShape(text: string): { longest: number; fields: number } {
  let longest = 0;
  let fields = 1;
  let len = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && (c === 0x2c || c === 0x3b || c === 0x09 || c === 0x0a || c === 0x0d)) {
      if (len > longest) longest = len;
      len = 0;
      fields++;
      continue;
    }
    len++;
  }
  return { longest: Math.max(longest, len), fields };
}

/** Decode text bytes (CSV, HTML, XML): BOM or valid UTF-8 first, else GB18030 (a superset of GBK, as Excel on Chinese Windows saves). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function explain(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(msg)) return '文件已加密（设置了打开密码），请取消密码后另存再提交。';
  if (/zip|central directory|corrupt|end of data|invalid|unsupported|bad|unexpected/i.test(msg)) {
    return `文件已损坏或不是有效的表格文件（${msg.slice(0, 80)}）。请用 Excel 或 WPS 打开后另存为 .xlsx。`;
  }
  return `无法读取该文件（${msg.slice(0, 80)}）。请用 Excel 或 WPS 打开后另存为 .xlsx。`;
}

export function readWorkbookFile(file: string): XLSX.WorkBook {
  let st;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ELOOP' ? '是循环的符号链接，无法打开。' : '文件不存在或无法访问。');
  }
  if (!st.isFile()) throw new InputError(file, '不是普通文件（是文件夹或设备），无法读取。');
  const size = st.size;
  if (size === 0) throw new InputError(file, '文件是空的（0 字节）。');
  if (size > MAX_FILE_BYTES) throw new InputError(file, `文件过大（${Math.round(size / 1048576)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）。`);
  const ext = extname(file).toLowerCase();
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw new InputError(file, '文件无法读取（没有读取权限或磁盘错误）。');
  }
  const other = notAWorkbook(buf);
  if (other) throw new InputError(file, other);
  const container = containerOf(buf);
  const bad = zipProblem(buf);
  if (bad) throw new InputError(file, bad);
  const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
  if (container === 'text' && size > MAX_TEXT_BYTES) throw new InputError(file, `文本表格过大（${mb(size)}，上限 ${mb(MAX_TEXT_BYTES)}），为免耗尽内存已拒绝读取。请拆分后再提交。`);
  if (container === 'cfb' && size > MAX_CFB_BYTES) throw new InputError(file, `文件过大（${mb(size)}，.xls 上限 ${mb(MAX_CFB_BYTES)}），为免耗尽内存已拒绝读取。请另存为 .xlsx 或拆分后再提交。`);
  if (container === 'binary' && ZIP_EXTENSIONS.includes(ext)) {
    throw new InputError(file, `文件内容不是有效的 ${ext} 表格（可能已损坏，或是改了扩展名的其他文件）。请用 Excel 或 WPS 打开后另存为 .xlsx。`);
  }
  // SheetJS prints parser notes (e.g. "ODS number format may be incorrect") to the
  // console; they are not the user's business and would corrupt --json output.
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => {};
  let wb: XLSX.WorkBook;
  try {
    // Text in any name: CSV, and the HTML tables and SpreadsheetML that web systems save
    // as .xls, often in GBK. raw keeps 18-digit IDs and codes as the text they are.
    let text = '';
    if (container === 'text') {
      text = decodeText(buf);
      // One enormous field costs SheetJS many times its size: refuse it up front.
      if (!/^\s*</.test(text)) {
        const shape = csvShape(text);
        if (shape.longest > MAX_CELL_CHARS) throw new InputError(file, `有一个单元格超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），不是有效的登记表，已拒绝读取。请检查引号是否成对。`);
        if (shape.fields > MAX_TEXT_FIELDS) throw new InputError(file, `文件中的单元格超过 ${MAX_TEXT_FIELDS / 10_000} 万个，为免耗尽内存已拒绝读取。请拆分后再提交。`);
      }
    }
    wb = container === 'text'
      ? XLSX.read(text, { type: 'string', raw: true, dense: true })
      : XLSX.read(buf, { type: 'buffer', dense: true, cellDates: false, cellHTML: false, cellStyles: false, WTF: false });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, explain(err));
  } finally {
    Object.assign(console, { error, warn, log });
  }
  if (container === 'zip' && wb.bookType === 'ods') markOdsHiddenSheets(wb, buf);
  return wb;
}

/**
 * A worksheet as rows of plain values; dates stay Excel serial numbers. Rows end at
 * their last value: a stray cell at XFD1048576, or a <dimension> claiming the whole
 * grid, costs only the rows that exist. Merged areas are filled as shared/table.ts says.
 */
export function sheetSnapshot(wb: XLSX.WorkBook, name: string): SheetSnapshot {
  const ws = wb.Sheets[name];
  if (!ws || !ws['!ref']) return { name, rows: [], origin: { row: 1, col: 1 }, date1904: usesDate1904(wb) };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const data = (ws as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? [];
  const lastRow = Math.min(range.e.r, data.length - 1);
  const rows: Cell[][] = [];
  const totalRows = new Map<number, string>();
  for (let r = range.s.r; r <= lastRow; r++) {
    const src = data[r];
    const out: Cell[] = [];
    if (src) {
      const lastCol = Math.min(range.e.c, src.length - 1);
      for (let c = range.s.c; c <= lastCol; c++) {
        const cell = src[c];
        if (!cell) continue;
        out[c - range.s.c] = cellValue(cell);
        const total = cell.f === undefined ? null : TOTAL_FORMULA.exec(cell.f);
        if (total) totalRows.set(r + 1, total[1]!.toUpperCase());
      }
    }
    rows.push(Array.from(out, (v) => v ?? null));
  }
  const origin = { row: range.s.r + 1, col: range.s.c + 1 };
  fillMerged(rows, origin, ws['!merges'] ?? []);
  return { name, rows, origin, date1904: usesDate1904(wb), ...(totalRows.size ? { totalRows } : {}) };
}

/** A formula that totals a column (a Table's totals row writes SUBTOTAL(109,[学号])): its row is no member. */
const TOTAL_FORMULA = /^\s*=?\s*(?:_xlfn\.)?(SUBTOTAL|SUM|COUNTA?|AGGREGATE)\s*\(/i;

function cellValue(cell: XLSX.CellObject): Cell {
  switch (cell.t) {
    case 'n':
    case 's':
    case 'b':
      return cell.v as Cell;
    case 'd':
      return cell.v instanceof Date ? XLSX.utils.format_cell(cell) : (cell.v as Cell);
    case 'e':
      return cell.w ?? '#ERROR!';
    default:
      return null;
  }
}

export interface PickedSheet {
  file: string;
  snapshot: SheetSnapshot;
  header: HeaderMatch;
  /** Other sheets that also hold a recognisable table but were not read, best first. */
  otherSheets: string[];
}

/** SheetJS reads xlsx's date1904, the .xls Date1904 record and the .ods null date alike into WBProps. */
export const usesDate1904 = (wb: XLSX.WorkBook): boolean => Boolean(wb.Workbook?.WBProps?.date1904);

export function isHidden(wb: XLSX.WorkBook, name: string): boolean {
  const meta = wb.Workbook?.Sheets?.find((s) => s.name === name);
  return Boolean(meta?.Hidden);
}

export interface ReadTableOptions {
  sheet?: string;
  minMatches?: number;
  what: string;
  overrides?: ColumnOverrides;
  /** The file already parsed (the audit reads a submission once, to check and to annotate it). */
  workbook?: XLSX.WorkBook;
}

/**
 * The sheet named by `sheet`, else the visible sheet whose header recognises the most
 * fields — a 填表说明 or cover sheet loses on its score, whatever its name or place;
 * hidden sheets only when no visible one qualifies. Throws InputError listing what was expected.
 */
export function readTable(file: string, fields: readonly FieldDef[], opts: ReadTableOptions): PickedSheet {
  return pickTable(file, opts.workbook ?? readWorkbookFile(file), fields, opts);
}

/** readTable over a workbook already read; `snapshots` already taken are used, not taken again (memory). */
export function pickTable(file: string, wb: XLSX.WorkBook, fields: readonly FieldDef[], opts: ReadTableOptions, snapshots?: ReadonlyMap<string, SheetSnapshot>): PickedSheet {
  const snap = (name: string) => snapshots?.get(name) ?? sheetSnapshot(wb, name);
  const names = wb.SheetNames;
  if (names.length === 0) throw new InputError(file, '文件中没有工作表。');
  const expected = fields.map((f) => f.header).join('、');
  const find = { minMatches: opts.minMatches, overrides: opts.overrides };
  if (opts.sheet) {
    if (!names.includes(opts.sheet)) throw new InputError(file, `没有名为「${opts.sheet}」的工作表（现有：${names.join('、')}）。`);
    const snapshot = snap(opts.sheet);
    const header = findHeader(snapshot, fields, find);
    if (!header) throw new InputError(file, `工作表「${opts.sheet}」的${HEADER_SEARCH_TEXT}中没有找到${opts.what}表头。应包含这些列：${expected}。`);
    return { file, snapshot, header, otherSheets: [] };
  }
  for (const group of [names.filter((n) => !isHidden(wb, n)), names.filter((n) => isHidden(wb, n))]) {
    const found = group
      .map((name) => ({ name, snapshot: snap(name) }))
      .map((s) => ({ ...s, header: findHeader(s.snapshot, fields, find) }))
      .filter((s): s is typeof s & { header: HeaderMatch } => s.header !== null)
      .sort((a, b) => b.header.score - a.header.score);
    const best = found[0];
    if (best) return { file, snapshot: best.snapshot, header: best.header, otherSheets: found.slice(1).map((s) => s.name) };
  }
  if (names.every((n) => !wb.Sheets[n]?.['!ref'])) throw new InputError(file, '文件中没有任何数据。');
  throw new InputError(file, `没有找到${opts.what}表头（已查看 ${names.length} 个工作表的${HEADER_SEARCH_TEXT}）。应包含这些列：${expected}。`);
}


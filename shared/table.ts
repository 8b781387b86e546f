/**
 * A sheet as plain data (what the add-in snapshots and the workbook reader
 * returns) and the header search over it.
 */
import type { AnyFieldKey, FieldDef } from './fields.js';
import { decideColumns, type ColumnDecision, type ColumnOverrides } from './headers.js';
import { decideByValues } from './valueEvidence.js';
import { cellText, isBlank, type Cell } from './normalize.js';
import { toSimplified } from './simplified.js';

export interface SheetSnapshot {
  name: string;
  /** rows[i][j] is the cell at sheet row `origin.row + i`, column `origin.col + j` (1-based). */
  rows: Cell[][];
  origin?: { row: number; col: number };
  /**
   * The workbook counts dates from 1904 (Mac Excel's option, the BIFF flag in .xls,
   * LibreOffice's null date 1904-01-01): its serials are 1,462 days below the 1900 system's.
   */
  date1904?: boolean;
  /**
   * Sheet rows whose cells compute totals (SUBTOTAL, SUM, COUNT… — a Table's totals row
   * or a hand-made 合计 line), with the function's name: never members. Set by readers
   * that see formulas.
   */
  totalRows?: ReadonlyMap<number, string>;
}

/** A merged area in 0-based sheet coordinates (rows and columns inclusive). */
export interface MergedArea { s: { r: number; c: number }; e: { r: number; c: number } }

/**
 * A merged area reads as its top-left value in every cell it covers, as the secretary
 * sees it (学院 merged down a block of rows). Fills `rows` in place, only within the
 * rows the snapshot holds and at most 256 columns wide (a title merged across a sheet).
 */
export function fillMerged(rows: Cell[][], origin: { row: number; col: number }, merges: readonly MergedArea[]): void {
  for (const m of merges) {
    const v = rows[m.s.r - (origin.row - 1)]?.[m.s.c - (origin.col - 1)];
    if (v === null || v === undefined || v === '') continue;
    const lastRow = Math.min(m.e.r, origin.row - 1 + rows.length - 1);
    const lastCol = Math.min(m.e.c, m.s.c + 255);
    for (let r = Math.max(m.s.r, origin.row - 1); r <= lastRow; r++) {
      const row = rows[r - (origin.row - 1)]!;
      for (let c = Math.max(m.s.c, origin.col - 1); c <= lastCol; c++) {
        const j = c - (origin.col - 1);
        while (row.length < j) row.push(null);
        if (row[j] === null || row[j] === undefined || row[j] === '') row[j] = v;
      }
    }
  }
}

/** "Sheet1!A3:B5, Sheet1!C1" (Office.js RangeAreas.address) → merged areas. */
export function parseAreas(address: string): MergedArea[] {
  const out: MergedArea[] = [];
  for (const part of address.split(',')) {
    const m = /([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\s*$/i.exec(part.replace(/\$/g, '').trim());
    if (!m) continue;
    const s = { r: Number(m[2]) - 1, c: columnNumber(m[1]!.toUpperCase()) - 1 };
    out.push({ s, e: m[3] ? { r: Number(m[4]) - 1, c: columnNumber(m[3].toUpperCase()) - 1 } : s });
  }
  return out;
}

/** Header rows may sit below a title, a 填表单位 line and a few lines of instructions. */
export const HEADER_SEARCH_ROWS = 20;
/** The same limit as the messages say it. */
export const HEADER_SEARCH_TEXT = `前 ${HEADER_SEARCH_ROWS} 行`;

export function columnLetter(col1: number): string {
  let s = '';
  for (let n = col1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 'A' → 1, 'AA' → 27: the inverse of columnLetter. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface HeaderMatch {
  /** Index into snapshot.rows of the (last) header row; data starts below it. */
  index: number;
  /** Sheet row number of the (last) header row, as Excel shows it. */
  row: number;
  /** Sheet row of the first header row (row - 1 for a two-row header). */
  firstRow: number;
  columns: Map<AnyFieldKey, number>;
  /** Every non-blank header cell and what was decided about it, with the reason. */
  decisions: ColumnDecision[];
  unknown: { col: number; header: string }[];
  duplicates: { key: AnyFieldKey; col: number; first: number }[];
  ambiguous: { col: number; header: string; candidates: AnyFieldKey[] }[];
  /** Recognised fields plus a fraction for how well: compares sheets and rows. */
  score: number;
}

export interface FindHeaderOptions {
  minMatches?: number;
  overrides?: ColumnOverrides;
}

function headerMatch(index: number, row: number, firstRow: number, decisions: ColumnDecision[]): HeaderMatch {
  const columns = new Map<AnyFieldKey, number>();
  let sum = 0;
  for (const d of decisions) if (d.field) { columns.set(d.field, d.col); sum += d.score; }
  return {
    index, row, firstRow, columns, decisions,
    unknown: decisions.filter((d) => d.reason === 'unknown').map((d) => ({ col: d.col, header: d.header })),
    duplicates: decisions.filter((d) => d.reason === 'duplicate').map((d) => ({ key: d.candidates![0]!, col: d.col, first: d.usedCol! })),
    ambiguous: decisions.filter((d) => d.reason === 'ambiguous').map((d) => ({ col: d.col, header: d.header, candidates: d.candidates! })),
    score: columns.size + sum / 1e6,
  };
}

/**
 * The header among the first HEADER_SEARCH_ROWS rows that recognises the most fields
 * (at least `minMatches`). A two-row header — group cells above sub-headers — wins
 * over its lower row alone only when it recognises more.
 */
export function findHeader(snapshot: SheetSnapshot, fields: readonly FieldDef[], opts: FindHeaderOptions | number = {}): HeaderMatch | null {
  const { minMatches = 3, overrides } = typeof opts === 'number' ? { minMatches: opts } : opts;
  const originRow = snapshot.origin?.row ?? 1;
  const originCol = snapshot.origin?.col ?? 1;
  let best: HeaderMatch | null = null;
  const limit = Math.min(snapshot.rows.length, Math.max(0, HEADER_SEARCH_ROWS - originRow + 1));
  for (let i = 0; i < limit; i++) {
    const cells = snapshot.rows[i] ?? [];
    if (cells.every(isBlank)) continue;
    const single = headerMatch(i, originRow + i, originRow + i, decideColumns(fields, cells, null, overrides));
    if (!best || single.score > best.score) best = single;
    if (i > 0 && !(snapshot.rows[i - 1] ?? []).every(isBlank)) {
      const pair = headerMatch(i, originRow + i, originRow + i - 1, decideColumns(fields, cells, snapshot.rows[i - 1]!, overrides));
      if (pair.columns.size > single.columns.size && pair.score > best.score) best = pair;
    }
  }
  if (!best || best.columns.size < minMatches) return null;
  // A header merged down over two rows repeats its words in the lower row (all of them, or some over
  // blanks where only some cells were merged): that row is the header too, never a member.
  let last = best.index;
  while (repeatsHeader(snapshot.rows[last + 1], snapshot.rows[best.index]!)) last++;
  if (last > best.index) best = { ...best, index: last, row: best.row + last - best.index };
  // A table is found by its headers; then columns whose header says nothing clear are read by their values.
  if (decideByValues(fields, best.decisions, snapshot.rows.slice(best.index + 1, best.index + 1 + 300))) {
    best = headerMatch(best.index, best.row, best.firstRow, best.decisions);
  }
  for (const d of best.decisions) {
    d.letter = columnLetter(originCol + d.col);
    if (d.usedCol !== undefined) d.usedLetter = columnLetter(originCol + d.usedCol);
  }
  return best;
}

/** Some cell of `cells` is filled, and every filled one holds the header's own text in its column. */
function repeatsHeader(cells: readonly Cell[] | undefined, header: readonly Cell[]): boolean {
  if (!cells || cells.every(isBlank)) return false;
  return cells.every((v, c) => isBlank(v) || cellText(v) === cellText(header[c] ?? null));
}

/**
 * A row with nothing in the recognised `columns` is not a member: a pre-filled 序号,
 * a 合计 line or a stray note far to the right leaves it blank.
 */
export function isBlankRow(cells: readonly Cell[] | undefined, columns?: readonly number[]): boolean {
  if (!cells) return true;
  if (!columns) return cells.every(isBlank);
  for (const c of columns) if (!isBlank(cells[c] ?? null)) return false;
  return true;
}

/** Lines below a table that are not members: signatures, dates, totals, notes, record counts. */
const FOOTER_TEXT = [
  // 填表人： 审核人： 登记人： 核对人：… and the dates and seals beside them.
  /^[\u4e00-\u9fa5]{1,4}人\s*[(（]?[^)）]*[)）]?\s*[:：]/,
  /^(?:书记|党委书记|签字|签名|盖章|单位盖章|制表日期|填表日期|填报日期|报送日期|审核日期|日期)\s*[(（]?[^)）]*[)）]?\s*[:：]/,
  // 汇总 is the label Excel (Chinese) writes in a Table's totals row.
  /^(?:合计|总计|小计|共计|汇总|总数|人数合计)/,
  /^共\s*\d+\s*(?:条|人|名|行|项)/,
  /^(?:注|备注|说明|填表说明|附注)\s*[:：]/,
  /^[(（]?(?:盖章|签字|签章)[)）]?$/,
];

// One alternation, so a member's name costs one regex test per row (bench: rules).
const FOOTER = new RegExp(FOOTER_TEXT.map((re) => `(?:${re.source})`).join('|'));

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) return true;
  }
  return false;
}

const isFooterText = (v: Cell): boolean => typeof v === 'string' && FOOTER.test(toSimplified(v.trim()));

/**
 * A section heading inside the table: 「一、本科生党支部（6人）」「（二）硕士研究生党支部」
 * 「本科生党支部（6人）」, usually merged across the row. A heading, not a member.
 */
const SECTION = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第[一二三四五六七八九十\d]{1,3}(?:部分|组))|[（(]\s*(?:共\s*)?\d{1,4}\s*(?:人|名)\s*[)）]$/;

const SECTION_START = new Set([...'一二三四五六七八九十（(第'].map((c) => c.charCodeAt(0)));

/** Cheap first: a heading starts with a numeral or bracket, or ends with a bracket (it runs on every row's name). */
function isSectionText(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  const t = v.trim();
  const last = t.charCodeAt(t.length - 1);
  if (!SECTION_START.has(t.charCodeAt(0)) && last !== 0x29 && last !== 0xff09) return false;
  return SECTION.test(toSimplified(t));
}

/** The row's first cell holding anything (no text is made of numbers: this runs on every row). */
function firstValue(cells: readonly Cell[]): Cell {
  for (const c of cells) if (c !== null && c !== undefined && c !== '') return c;
  return null;
}

/**
 * Why a row that holds nothing in the recognised columns should still be listed: a
 * totals row, a section heading or a 合计/汇总 line written only in the 序号 column or
 * beside the table. Null when it is just blank (a pre-filled 序号).
 */
export function blankRowReason(snapshot: SheetSnapshot, i: number, cells: readonly Cell[] | undefined): string | null {
  // A totals row whose formulas were saved without results (openpyxl, some exports) is blank where the table is.
  const totals = snapshot.totalRows?.get((snapshot.origin?.row ?? 1) + i);
  if (totals) return `合计行（公式 ${totals}）`;
  const hit = cells?.find(isSectionText);
  if (hit !== undefined) return `分组标题行（「${String(hit).trim().slice(0, 20)}」）`;
  const footer = cells?.find(isFooterText);
  return footer === undefined ? null : `表尾（「${String(footer).trim().slice(0, 20)}」）`;
}

/**
 * Why a row below the header is not a member, or null when it may be one: a totals row
 * (formulas, from the reader), a section heading, or footerReason's lines.
 */
export function nonMemberReason(snapshot: SheetSnapshot, i: number, cells: readonly Cell[] | undefined, known: readonly number[], nameCol: number | undefined): string | null {
  const totals = snapshot.totalRows?.get((snapshot.origin?.row ?? 1) + i);
  if (totals) return `合计行（公式 ${totals}）`;
  if (!cells) return null;
  // A heading: its text in the name cell or in the first cell, and at most one other value (merged across, it fills them all alike).
  const name = nameCol === undefined ? null : cells[nameCol];
  const heading = isSectionText(name) ? name : isSectionText(firstValue(cells)) ? firstValue(cells) : undefined;
  if (heading !== undefined) {
    const others = new Set<Cell>();
    for (const c of known) if (!isBlank(cells[c] ?? null) && cells[c] !== heading) others.add(cells[c]);
    if (others.size <= 1) return `分组标题行（「${String(heading).trim().slice(0, 20)}」）`;
  }
  return footerReason(cells, known, nameCol);
}

/**
 * Why a row below the header is not a member, or null when it may be one: a footer
 * line (填表人 / 审核人 / 制表日期 / 合计 / 「共 25 条记录」 / 注：…) in a row whose name cell
 * is empty, holds digits or is that line itself, or one note merged across the columns (read into
 * every cell it covers).
 */
export function footerReason(cells: readonly Cell[] | undefined, known: readonly number[], nameCol: number | undefined): string | null {
  if (!cells) return null;
  const name = nameCol === undefined ? null : cells[nameCol];
  // A name cell holding a count (合计 … 38人) or the footer line itself is no member's name.
  if (name === null || name === undefined || typeof name !== 'string' || isBlank(name) || hasDigit(name) || isFooterText(name)) {
    const hit = cells.find(isFooterText);
    if (hit !== undefined) return `表尾（「${String(hit).trim().slice(0, 20)}」）`;
  }
  let first: Cell = null;
  let same = 0;
  for (const c of known) {
    const v = cells[c];
    if (isBlank(v ?? null)) continue;
    if (first === null) first = v!;
    else if (v !== first) return null;
    same++;
  }
  return same >= 3 ? `合并单元格中的说明（「${String(first).trim().slice(0, 20)}」）` : null;
}

/**
 * A sheet as plain data (what the add-in snapshots and the workbook reader
 * returns) and the header search over it.
 */
import { IGNORED_HEADERS, type AnyFieldKey, type FieldDef } from './fields.js';
import { headerKey, isBlank, type Cell } from './normalize.js';

export interface SheetSnapshot {
  name: string;
  /** rows[i][j] is the cell at sheet row `origin.row + i`, column `origin.col + j` (1-based). */
  rows: Cell[][];
  origin?: { row: number; col: number };
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

/** Header rows may sit below a title and a 填表单位 line (seen up to row 10). */
export const HEADER_SEARCH_ROWS = 10;

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
  /** Index into snapshot.rows. */
  index: number;
  /** Sheet row number as Excel shows it. */
  row: number;
  columns: Map<AnyFieldKey, number>;
  unknown: { col: number; header: string }[];
  duplicates: { key: AnyFieldKey; col: number; first: number }[];
}

function synonymIndex(fields: readonly FieldDef[]): Map<string, AnyFieldKey> {
  const index = new Map<string, AnyFieldKey>();
  for (const f of fields) {
    for (const h of [f.header, ...f.synonyms]) index.set(headerKey(h), f.key as AnyFieldKey);
  }
  return index;
}

const indexCache = new WeakMap<readonly FieldDef[], Map<string, AnyFieldKey>>();
const IGNORED = new Set(IGNORED_HEADERS.map(headerKey));

export function matchHeaderCell(fields: readonly FieldDef[], v: Cell): AnyFieldKey | undefined {
  let idx = indexCache.get(fields);
  if (!idx) indexCache.set(fields, (idx = synonymIndex(fields)));
  return idx.get(headerKey(v));
}

/** The row among the first ten with the most recognised headers (at least `minMatches`). */
export function findHeader(snapshot: SheetSnapshot, fields: readonly FieldDef[], minMatches = 3): HeaderMatch | null {
  const originRow = snapshot.origin?.row ?? 1;
  let best: HeaderMatch | null = null;
  let bestCount = 0;
  const limit = Math.min(snapshot.rows.length, Math.max(0, HEADER_SEARCH_ROWS - originRow + 1));
  for (let i = 0; i < limit; i++) {
    const cells = snapshot.rows[i] ?? [];
    const columns = new Map<AnyFieldKey, number>();
    const unknown: HeaderMatch['unknown'] = [];
    const duplicates: HeaderMatch['duplicates'] = [];
    cells.forEach((cell, col) => {
      if (isBlank(cell)) return;
      const key = matchHeaderCell(fields, cell);
      if (!key) {
        if (!IGNORED.has(headerKey(cell))) unknown.push({ col, header: String(cell).replace(/\s+/g, ' ').trim() });
      } else if (columns.has(key)) duplicates.push({ key, col, first: columns.get(key)! });
      else columns.set(key, col);
    });
    if (columns.size > bestCount) {
      bestCount = columns.size;
      best = { index: i, row: originRow + i, columns, unknown, duplicates };
    }
  }
  return bestCount >= minMatches ? best : null;
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

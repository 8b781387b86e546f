/**
 * The pane's model of the sheet it last checked: the rows as read, the header, each
 * row's findings and the repeat indexes (学号 and ID number → the rows holding them).
 * With it an edit re-checks only the rows it touched — plus the rows that share a
 * 学号 or ID number with them, so fixing or making a duplicate updates the other row
 * too — through the same shared/ rules a full check runs. Pure: no Office.js.
 */
import type { Cell } from '../shared/normalize.js';
import type { RuleSettings } from '../shared/settings.js';
import { fillMerged, parseAreas, type HeaderMatch } from '../shared/table.js';
import { validateSheet, type Finding, type ValidationResult } from '../shared/validate.js';
import type { MarkLedger } from './ledger.js';

const ORIGIN = { row: 1, col: 1 };
type Index = Map<string, number[]>;

export interface SheetModel {
  sheet: string;
  sheetId: string;
  /** Row r of the sheet is rows[r - 1], `width` cells from column A, merged areas filled. */
  rows: Cell[][];
  width: number;
  merged: string;
  mapping: Record<string, string | null>;
  today: string;
  header: HeaderMatch;
  /** Findings about the table itself (columns missing, unknown…), on the header row. */
  table: Finding[];
  byRow: Map<number, Finding[]>;
  members: Set<number>;
  skipped: Map<number, string>;
  /** Each member row's 学号 and valid ID number, as the repeat rules compare them. */
  keys: Map<number, [string, string | null]>;
  studentIds: Index;
  idNumbers: Index;
  result: ValidationResult;
  /** Our marks on the sheet; trusted only while every change to the sheet is watched (实时校验). */
  ledger: MarkLedger;
  watched: boolean;
}

/** The model of a sheet just checked in full. */
export function buildModel(
  read: { name: string; sheetId: string; rows: Cell[][]; merged: string; mapping: Record<string, string | null> },
  result: ValidationResult, today: string, ledger: MarkLedger,
): SheetModel {
  const m: SheetModel = {
    sheet: read.name, sheetId: read.sheetId, rows: read.rows, width: Math.max(0, ...read.rows.map((r) => r.length)), merged: read.merged,
    mapping: read.mapping, today, header: result.header, table: [], byRow: new Map(), members: new Set(), skipped: new Map(),
    keys: new Map(), studentIds: new Map(), idNumbers: new Map(), result, ledger, watched: false,
  };
  take(m, result, null);
  m.result = resultOf(m);
  return m;
}

/** Put a check's findings, members and keys for `rows` (every row when null) into the model. */
function take(m: SheetModel, result: ValidationResult, rows: ReadonlySet<number> | null) {
  const inScope = (r: number) => (rows ? rows.has(r) : r !== m.header.row);
  for (const f of result.findings) {
    if (f.row === m.header.row) {
      if (!rows) m.table.push(f);
    } else if (inScope(f.row)) m.byRow.set(f.row, [...(m.byRow.get(f.row) ?? []), f]);
  }
  for (const s of result.skippedRows) if (inScope(s.row)) m.skipped.set(s.row, s.reason);
  for (const rec of result.records) {
    if (!inScope(rec.row)) continue;
    m.members.add(rec.row);
    const key: [string, string | null] = [rec.studentId, rec.idNumber];
    m.keys.set(rec.row, key);
    index(m, rec.row, key, +1);
  }
}

/** Add (+1) or remove (-1) a row's keys in the repeat indexes; rows stay sorted. */
function index(m: SheetModel, row: number, [sid, id]: [string, string | null], dir: 1 | -1) {
  const put = (ix: Index, v: string | null) => {
    if (!v) return;
    const at = ix.get(v) ?? [];
    if (dir > 0) {
      let i = at.length;
      while (i > 0 && at[i - 1]! > row) i--;
      at.splice(i, 0, row);
      ix.set(v, at);
    } else {
      const i = at.indexOf(row);
      if (i >= 0) at.splice(i, 1);
      if (at.length) ix.set(v, at);
      else ix.delete(v);
    }
  };
  put(m.studentIds, sid);
  put(m.idNumbers, id);
}

/** The rules run over only `rows` of the model (the others left out of the snapshot). */
function checkOnly(m: SheetModel, rows: Iterable<number>, settings: RuleSettings): ValidationResult {
  const sparse: Cell[][] = [];
  for (const r of rows) sparse[r - 1] = m.rows[r - 1] ?? [];
  return validateSheet({ name: m.sheet, rows: sparse, origin: ORIGIN }, { settings, today: m.today, header: m.header });
}

/**
 * Take in rows read after an edit and re-check what they affect. Returns the rows
 * whose findings were recomputed (their marks are the ones to compare).
 */
export function applyRows(m: SheetModel, read: ReadonlyMap<number, Cell[]>, settings: RuleSettings): Set<number> {
  const changed = new Set(read.keys());
  for (const [r, cells] of read) {
    while (m.rows.length < r) m.rows.push([]);
    m.rows[r - 1] = cells;
  }
  if (m.merged) {
    // A merged cell's value shows in every row it covers: those rows changed too.
    const areas = parseAreas(m.merged);
    for (const a of areas) {
      let hit = false;
      for (let r = a.s.r + 1; r <= a.e.r + 1 && !hit; r++) hit = changed.has(r);
      if (hit) for (let r = a.s.r + 1; r <= a.e.r + 1; r++) if (r <= m.rows.length && r > m.header.row) changed.add(r);
    }
    fillMerged(m.rows, ORIGIN, areas);
  }
  // Values the changed rows held before and hold now: every row sharing one may gain or lose a repeat.
  const sids = new Set<string>();
  const ids = new Set<string>();
  const note = (k: [string, string | null] | undefined) => {
    if (k?.[0]) sids.add(k[0]);
    if (k?.[1]) ids.add(k[1]);
  };
  for (const r of changed) {
    note(m.keys.get(r));
    if (m.keys.has(r)) index(m, r, m.keys.get(r)!, -1);
    m.keys.delete(r);
  }
  for (const rec of checkOnly(m, changed, settings).records) {
    const key: [string, string | null] = [rec.studentId, rec.idNumber];
    note(key);
    m.keys.set(rec.row, key);
    index(m, rec.row, key, +1);
  }
  const redo = new Set(changed);
  for (const v of sids) for (const r of m.studentIds.get(v) ?? []) redo.add(r);
  for (const v of ids) for (const r of m.idNumbers.get(v) ?? []) redo.add(r);
  // Each redone row's values with their first rows: the repeat rules then see what a full pass sees.
  const withFirst = new Set(redo);
  for (const r of redo) {
    const [sid, id] = m.keys.get(r) ?? ['', null];
    if (sid) withFirst.add(m.studentIds.get(sid)![0]!);
    if (id) withFirst.add(m.idNumbers.get(id)![0]!);
  }
  for (const r of redo) {
    m.byRow.delete(r);
    m.members.delete(r);
    m.skipped.delete(r);
    if (m.keys.has(r)) index(m, r, m.keys.get(r)!, -1);
    m.keys.delete(r);
  }
  take(m, checkOnly(m, withFirst, settings), redo);
  m.result = resultOf(m);
  return redo;
}

/** The model as a ValidationResult, findings in row order as a full check lists them. */
function resultOf(m: SheetModel): ValidationResult {
  const findings = [...m.table];
  for (const r of [...m.byRow.keys()].sort((a, b) => a - b)) findings.push(...m.byRow.get(r)!);
  const skippedRows = [...m.skipped].sort(([a], [b]) => a - b).map(([row, reason]) => ({ row, reason }));
  const sheet = { name: m.sheet, rows: m.rows, origin: ORIGIN };
  const columns = m.result?.columns ?? {};
  let records: ValidationResult['records'] | null = null;
  return {
    sheet: m.sheet, headerRow: m.header.row, rowCount: m.members.size, columns, findings, skippedRows, header: m.header,
    get records() {
      return (records ??= validateSheet(sheet, { today: m.today, header: m.header }).records);
    },
  };
}

/**
 * Whether rows read from the sheet hold what the model holds: a cell a merged area covers
 * reads empty (its value is the area's first cell's, filled in the model).
 */
export function holdsRows(m: SheetModel, read: ReadonlyMap<number, Cell[]>): boolean {
  const areas = m.merged ? parseAreas(m.merged) : [];
  const covered = (r: number, c: number) => areas.some((a) => r >= a.s.r && r <= a.e.r && c >= a.s.c && c <= a.e.c && (r !== a.s.r || c !== a.s.c));
  for (const [r, cells] of read) {
    const mine = m.rows[r - 1] ?? [];
    for (let j = 0; j < m.width; j++) {
      const a = cells[j] ?? null;
      if (a !== (mine[j] ?? null) && !(a === null && covered(r - 1, j))) return false;
    }
  }
  return true;
}

/** Bottom row and right column (1-based) holding a value in the model: compared with Excel's used range. */
export function extentOf(m: SheetModel): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  m.rows.forEach((row, i) => {
    for (let j = row.length - 1; j >= 0; j--) {
      const v = row[j];
      if (v !== null && v !== undefined && v !== '') {
        rows = i + 1;
        cols = Math.max(cols, j + 1);
        break;
      }
    }
  });
  return { rows, cols };
}

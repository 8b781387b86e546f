/**
 * Validation of a registration sheet: the table-level findings (missing, unknown,
 * ambiguous columns), then each member row read once (shared/member.ts) and checked
 * by every named rule (shared/rules.ts) in one pass. Pure: the same code runs in the
 * task pane and in Node.
 */
import { FIELD_KEYS, REGISTRATION_FIELDS, REQUIRED_FIELDS, fieldLabel, type FieldKey } from './fields.js';
import { message, renderMessage, type ArgsParam, type FindingCode, type Severity } from './messages.js';
import { FIELD_INDEX, memberReader, type CellRead, type MemberRecord } from './member.js';
import { markedNotApplicable, ROW_RULES, sheetState, type RowCheck } from './rules.js';
import { defaultRuleSettings, type RuleSettings } from './settings.js';
import { columnLetter, findHeader, HEADER_SEARCH_TEXT, nonMemberReason, blankRowReason, type HeaderMatch, type SheetSnapshot } from './table.js';
import type { ColumnOverrides } from './headers.js';
import { hasTwoDigitYear } from './normalize.js';

export type { MemberRecord } from './member.js';

export interface Finding {
  row: number;
  field: FieldKey | null;
  column: string | null;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export interface ValidationResult {
  sheet: string;
  headerRow: number;
  /** Non-blank data rows. */
  rowCount: number;
  columns: Partial<Record<FieldKey, string>>;
  findings: Finding[];
  /** The members, normalised: read on first use from the same rows with the same readers. */
  readonly records: MemberRecord[];
  /** Rows below the header that are not members (signatures, totals, notes), with why. */
  skippedRows: { row: number; reason: string }[];
  /** The header as found: every column's decision and its reason. */
  header: HeaderMatch;
}

export interface ValidateOptions {
  settings?: RuleSettings;
  /** ISO date used for "in the future" checks; the caller's today. */
  today: string;
  /** A header already found by the caller (the reader picks sheets by it). */
  header?: HeaderMatch;
  /** The user's corrections to the column mapping. */
  overrides?: ColumnOverrides;
}

export class HeaderNotFoundError extends Error {
  readonly expected = REGISTRATION_FIELDS.map((f) => f.header);
  constructor(readonly sheet: string) {
    super(`在工作表「${sheet}」的${HEADER_SEARCH_TEXT}中没有找到登记表的表头。应包含这些列：${REGISTRATION_FIELDS.map((f) => f.header).join('、')}。`);
    this.name = 'HeaderNotFoundError';
  }
}

/** Validate one sheet. Throws HeaderNotFoundError when it has no recognisable header. */
export function validateSheet(snapshot: SheetSnapshot, options: ValidateOptions): ValidationResult {
  const settings = options.settings ?? defaultRuleSettings();
  const header = options.header ?? findHeader(snapshot, REGISTRATION_FIELDS, { overrides: options.overrides });
  if (!header) throw new HeaderNotFoundError(snapshot.name);
  return validateRows(snapshot, header, settings, options.today);
}

function validateRows(snapshot: SheetSnapshot, header: HeaderMatch, settings: RuleSettings, today: string): ValidationResult {
  const originRow = snapshot.origin?.row ?? 1;
  const originCol = snapshot.origin?.col ?? 1;
  const colIndex = header.columns as Map<FieldKey, number>;
  const letters: Partial<Record<FieldKey, string>> = {};
  for (const [key, col] of colIndex) letters[key] = columnLetter(originCol + col);

  const findings: Finding[] = [];
  // Each member's row index: records are read when asked for (reconcile asks; the pane does not).
  const memberAt: number[] = [];
  const skippedRows: ValidationResult['skippedRows'] = [];
  const table = <C extends FindingCode>(col: number, field: FieldKey | null, code: C, ...args: ArgsParam<C>) =>
    findings.push({ row: header.row, field, column: columnLetter(originCol + col), code, ...message(code, ...args) });

  // Table-level findings live on the header row.
  for (const key of REQUIRED_FIELDS) {
    if (!colIndex.has(key)) findings.push({ row: header.row, field: key, column: null, code: 'COLUMN_MISSING', ...message('COLUMN_MISSING', { label: fieldLabel(key) }) });
  }
  for (const d of header.duplicates) table(d.col, d.key as FieldKey, 'COLUMN_DUPLICATE', { label: fieldLabel(d.key), first: columnLetter(originCol + d.first) });
  for (const u of header.unknown) table(u.col, null, 'COLUMN_UNKNOWN', { header: u.header });
  for (const a of header.ambiguous) table(a.col, null, 'COLUMN_AMBIGUOUS', { header: a.header, choices: a.candidates.map((k) => `「${fieldLabel(k)}」`).join('还是') });

  const present = FIELD_KEYS.filter((k) => colIndex.has(k));
  const cols = present.map((k) => colIndex.get(k)!);
  // Each field's column, -1 when absent.
  const colAt = Object.fromEntries(FIELD_KEYS.map((k) => [k, colIndex.get(k) ?? -1])) as Record<FieldKey, number>;
  const state = sheetState(settings, today, new Set(present), REQUIRED_FIELDS);
  const read = memberReader(settings, today, colAt, snapshot.date1904 === true);
  const nameCol = colAt.name < 0 ? undefined : colAt.name;

  // One RowCheck for the whole sheet, reset per row: no per-row closures.
  let row = 0;
  let marked = 0;
  // Each finding's place in its row: the index of the rule that made it (-1 before the rules).
  const order: number[] = findings.map(() => -1);
  let ruleAt = -1;
  let cellsRead: readonly CellRead[] = [];
  const r: RowCheck = {
    m: null as unknown as MemberRecord, id: null, phoneOk: true, filled: 0, errored: 0, failed: 0, cells: [],
    push(field: FieldKey | null, code: FindingCode, args: Record<string, string | number> = {}) {
      if (field) {
        const i = FIELD_INDEX[field];
        const instead = marked & (1 << i) ? markedNotApplicable(code, renderMessage(code, args).message, cellsRead[i]!.written) : null;
        if (instead) ({ code, args } = instead);
        else if ((code === 'DATE_INVALID' || code === 'MONTH_INVALID') && hasTwoDigitYear(cellsRead[i]!.written)) {
          // 26.6.12 is not unreadable but ambiguous: say so, quoting what was written.
          ({ code, args } = { code: 'TWO_DIGIT_YEAR', args: { written: cellsRead[i]!.written } });
        }
        r.failed |= 1 << i;
      }
      findings.push({ row, field, column: field ? (letters[field] ?? null) : null, code, ...renderMessage(code, args) });
      order.push(ruleAt);
    },
  };

  let rowCount = 0;
  for (let i = header.index + 1; i < snapshot.rows.length; i++) {
    const cells = snapshot.rows[i];
    if (!cells) continue;
    row = originRow + i;
    const got = read(row, cells);
    // Nothing in any recognised column: a pre-filled 序号 or a stray note is no member (a heading there is listed).
    if ((got.filled | got.marked | got.errored) === 0) {
      const heading = blankRowReason(snapshot, i, cells);
      if (heading) skippedRows.push({ row, reason: heading });
      continue;
    }
    const footer = nonMemberReason(snapshot, i, cells, cols, nameCol);
    if (footer) {
      skippedRows.push({ row, reason: footer });
      continue;
    }
    rowCount++;
    marked = got.marked;
    cellsRead = got.cells;
    r.m = got.member;
    r.id = got.id;
    r.phoneOk = got.phoneOk;
    r.filled = got.filled;
    r.errored = got.errored;
    r.cells = got.cells;
    r.failed = 0;
    ruleAt = -1;
    for (let k = 0; k < ROW_RULES.length; k++) {
      ruleAt = k;
      ROW_RULES[k]!.check(r, state);
    }
    memberAt.push(i);
  }

  // Rules that need every row (repeats) report now; their findings take their place in each row.
  const late: Placed[] = [];
  ROW_RULES.forEach((rule, k) =>
    rule.finish?.(state, (at: number, field: FieldKey, code: FindingCode, args: Record<string, string | number> = {}) =>
      late.push({ f: { row: at, field, column: letters[field] ?? null, code, ...renderMessage(code, args) }, order: k }),
    ),
  );
  if (late.length) placeLate(findings, order, late);
  let records: MemberRecord[] | null = null;
  const readRecords = () => memberAt.map((i) => ({ ...read(originRow + i, snapshot.rows[i]!).member }));

  return {
    sheet: snapshot.name, headerRow: header.row, rowCount, columns: letters, findings, skippedRows, header,
    get records() {
      return (records ??= readRecords());
    },
  };
}

interface Placed { f: Finding; order: number }

/** Findings made after the pass, put in their rows at their rules' places (in place; stable). */
function placeLate(findings: Finding[], order: readonly number[], late: readonly Placed[]): void {
  const all: Placed[] = [...findings.map((f, j) => ({ f, order: order[j]! })), ...late];
  all.sort((a, b) => a.f.row - b.f.row || a.order - b.order);
  findings.length = 0;
  for (const x of all) findings.push(x.f);
}

export const countBySeverity = (findings: readonly Finding[]) => {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
};

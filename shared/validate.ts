/**
 * Validation of a registration sheet: the table-level findings (missing, unknown,
 * ambiguous columns), then each member row read once (shared/member.ts) and checked
 * by every named rule (shared/rules.ts) in one pass. Pure: the same code runs in the
 * task pane and in Node.
 */
import { FIELD_KEYS, REGISTRATION_FIELDS, REQUIRED_FIELDS, fieldLabel, type FieldKey } from './fields.js';
import { message, type FindingCode, type Severity } from './messages.js';
import { isErrorValue } from './normalize.js';
import { isNotApplicable } from './enums.js';
import { lastRowSuspect, memberReader, rowText, type MemberRecord } from './member.js';
import { ROW_RULES, sheetState, type RowCheck } from './rules.js';
import { defaultRuleSettings, type RuleSettings } from './settings.js';
import { columnLetter, findHeader, footerReason, HEADER_SEARCH_TEXT, isBlankRow, type HeaderMatch, type SheetSnapshot } from './table.js';
import type { ColumnOverrides } from './headers.js';

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
  records: MemberRecord[];
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

/** Findings that say a field must be filled: a not-applicable mark there gets its own text. */
const MUST_FILL = new Set<FindingCode>(['REQUIRED', 'REQUIRED_FOR_PAPER', 'ORG_CODE_REQUIRED']);

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
  const records: MemberRecord[] = [];
  const skippedRows: ValidationResult['skippedRows'] = [];
  const table = (col: number, field: FieldKey | null, code: FindingCode, args: Record<string, string | number>) =>
    findings.push({ row: header.row, field, column: columnLetter(originCol + col), code, ...message(code, args) });

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
  const read = memberReader(settings, today, colAt);

  // One RowCheck for the whole sheet, reset per row: no per-row closures.
  let row = 0;
  let marks: Map<FieldKey, string> | null = null;
  const r: RowCheck = {
    m: null as unknown as MemberRecord, id: null, phoneOk: true, failed: new Set(), errored: new Set(),
    push(field, code, args) {
      const mark = field && marks?.get(field);
      if (mark && MUST_FILL.has(code)) {
        args = { mark, why: message(code, args).message };
        code = 'MARKED_NOT_APPLICABLE';
      }
      if (field) r.failed.add(field);
      findings.push({ row, field, column: field ? (letters[field] ?? null) : null, code, ...message(code, args) });
    },
  };

  let rowCount = 0;
  for (let i = header.index + 1; i < snapshot.rows.length; i++) {
    const cells = snapshot.rows[i];
    if (isBlankRow(cells, cols)) continue;
    row = originRow + i;
    const footer = footerReason(cells, cols, colAt.name < 0 ? undefined : colAt.name);
    if (footer) {
      skippedRows.push({ row, reason: footer });
      continue;
    }
    rowCount++;
    const text = rowText(cells!, colAt);
    // Set.clear() allocates a fresh table: most rows add nothing, so clear only what was used.
    if (r.failed.size) r.failed.clear();
    if (r.errored.size) r.errored.clear();
    marks = null;
    if (lastRowSuspect()) for (let c = 0; c < present.length; c++) {
      const k = present[c]!;
      const v = cells![cols[c]!];
      // A formula error says nothing about the member; report it once and check the cell no further.
      if (isErrorValue(v)) {
        r.push(k, 'CELL_ERROR_VALUE', { value: String(v).trim() });
        r.errored.add(k);
        text[k] = '';
      } else if (isNotApplicable(text[k])) {
        (marks ??= new Map()).set(k, text[k]);
        text[k] = '';
      }
    }
    r.m = read(row, cells!, text, r);
    for (const rule of ROW_RULES) rule.check(r, state);
    records.push(r.m);
  }

  return { sheet: snapshot.name, headerRow: header.row, rowCount, columns: letters, findings, records, skippedRows, header };
}

export const countBySeverity = (findings: readonly Finding[]) => {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
};

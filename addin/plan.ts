/** Pure helpers between validation results and the pane: list groups, columns to fix, the 列对应 rows. (Marks: shared/marks.ts.) */
import { REGISTRATION_FIELDS, fieldLabel, type FieldKey } from '../shared/fields.js';
import { explainDecision, normalizeHeader } from '../shared/headers.js';
import { columnNumber } from '../shared/table.js';
import type { Finding, ValidationResult } from '../shared/validate.js';

export interface RowGroup { row: number; findings: Finding[] }

export function groupByRow(findings: readonly Finding[], filter: 'all' | 'error' | 'warning'): RowGroup[] {
  const groups = new Map<number, Finding[]>();
  for (const f of findings) {
    if (filter !== 'all' && f.severity !== filter) continue;
    groups.set(f.row, [...(groups.get(f.row) ?? []), f]);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([row, fs]) => ({ row, findings: fs }));
}

const TEXT_KEYS = REGISTRATION_FIELDS.filter((f) => f.textFormat).map((f) => f.key as FieldKey);

/** Columns that should be Text (学号, 身份证号, 组织编码, 联系电话) as 1-based numbers. */
export function textColumns(result: ValidationResult): number[] {
  return TEXT_KEYS.map((k) => result.columns[k]).filter((c): c is string => Boolean(c)).map(columnNumber);
}

/** Cells whose digits Excel already lost: they must be re-entered by hand. */
export const LOST_DIGIT_CODES = new Set(['ID_STORED_AS_NUMBER', 'ORG_CODE_LOST_ZERO']);

export interface MappingRow {
  letter: string;
  header: string;
  /** Why the column reads as it does now. */
  why: string;
  /** The user's choice for this header ('' = automatic). */
  current: string;
}

/**
 * The columns the 列对应 step offers: those not recognised (unknown, ambiguous, a second
 * column for a field) and those the user already mapped, so a choice can be undone.
 */
export function mappingRows(result: ValidationResult, mapping: Record<string, string | null>): MappingRow[] {
  const chosen = new Map(Object.entries(mapping).map(([h, f]) => [normalizeHeader(h), f ?? '忽略']));
  return result.header.decisions
    .filter((d) => d.reason === 'unknown' || d.reason === 'ambiguous' || d.reason === 'duplicate' || d.reason === 'user' || d.reason === 'userIgnored')
    .map((d) => ({ letter: d.letter ?? '', header: d.header, why: explainDecision(d), current: chosen.get(normalizeHeader(d.header)) ?? '' }));
}

/** Required columns the sheet lacks, by their standard headers. */
export const missingColumnLabels = (result: ValidationResult): string[] =>
  result.findings.filter((f) => f.code === 'COLUMN_MISSING' && f.field).map((f) => fieldLabel(f.field!));

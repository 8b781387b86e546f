/** Pure helpers between validation results and the sheet: marks to draw, list groups, columns to fix. */
import { REGISTRATION_FIELDS, type FieldKey } from '../shared/fields.js';
import { columnNumber } from '../shared/table.js';
import type { Finding, ValidationResult } from '../shared/validate.js';
import type { Mark } from './office.js';

/** One mark per cell, the worst severity winning; findings without a cell (whole-row) mark nothing. */
export function marksFor(findings: readonly Finding[]): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const f of findings) {
    if (!f.column || f.severity === 'info') continue;
    const key = `${f.row}:${f.column}`;
    const prior = byCell.get(key);
    if (!prior || (prior.kind === 'warning' && f.severity === 'error')) byCell.set(key, { row: f.row, col: columnNumber(f.column), kind: f.severity });
  }
  return [...byCell.values()];
}

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

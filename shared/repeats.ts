/**
 * Repeats across sheets and files, found like repeats within one sheet (rules.ts
 * finds those): the same 学号 or ID number registered on two 党支部 sheets, or by two
 * colleges, is the same member counted twice. The later row gets the finding, naming
 * where the first one is.
 */
import type { FieldKey } from './fields.js';
import { message } from './messages.js';
import type { Finding, MemberRecord } from './validate.js';

export interface RepeatScope {
  /** Rows of one group are never compared with each other here (the sheet's own rules did). */
  group: string;
  findings: Finding[];
  readonly records: readonly MemberRecord[];
  columns: Partial<Record<FieldKey, string>>;
  /** How another sheet or file names a row of this one. */
  where: (row: number) => string;
}

const KEYS: { field: 'studentId' | 'idNumber'; code: 'STUDENT_ID_REPEATED_ELSEWHERE' | 'ID_REPEATED_ELSEWHERE' }[] = [
  { field: 'studentId', code: 'STUDENT_ID_REPEATED_ELSEWHERE' },
  { field: 'idNumber', code: 'ID_REPEATED_ELSEWHERE' },
];

export function markRepeatsAcross(scopes: readonly RepeatScope[]): void {
  if (scopes.length < 2) return;
  for (const { field, code } of KEYS) {
    const first = new Map<string, { scope: RepeatScope; row: number }>();
    for (const scope of scopes) {
      let added = false;
      for (const m of scope.records) {
        const v = m[field];
        if (!v) continue;
        const seen = first.get(v);
        if (!seen) first.set(v, { scope, row: m.row });
        else if (seen.scope.group !== scope.group) {
          scope.findings.push({ row: m.row, field, column: scope.columns[field] ?? null, code, ...message(code, { where: seen.scope.where(seen.row) }) });
          added = true;
        }
      }
      // Findings stay in row order (stable: a row's own findings keep theirs).
      if (added) scope.findings.sort((a, b) => a.row - b.row);
    }
  }
}

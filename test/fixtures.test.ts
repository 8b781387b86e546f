/** Workbooks written by other programs (openpyxl, LibreOffice, Excel's GBK CSV) against ../shared/fixtures/key.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../jobs/lib/read/load.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { FIXTURES, OWN_FIXTURES, optionalShared } from './helpers.js';

const keyFile = join(FIXTURES, 'key.json');
const key = optionalShared(keyFile, '../shared/fixtures 中其他程序写出的登记表') ? JSON.parse(readFileSync(keyFile, 'utf8')) : null;
// The fixtures' join dates include 2027-03-01 ("in the future"): judge as of the registration deadline.
const today = '2026-06-10';

describe.skipIf(!key)('real-producer registration workbooks (../shared/fixtures)', () => {
  for (const file of (key?.validate.files ?? []) as string[]) {
    describe(file, () => {
      const r = validateFile(join(FIXTURES, file), { settings: defaultRuleSettings(), today });
      const at = (row: number, field: string) => r.findings.filter((f) => f.row === row && f.field === field);
      it('finds the header on row 3 and all 33 members', () => {
        expect(r.headerRow).toBe(3);
        expect(r.rowCount).toBe(33);
      });
      it.each(key.validate.errors as [number, string][])('row %i %s has an error', (row, field) => {
        expect(at(row, field).some((f) => f.severity === 'error')).toBe(true);
      });
      it.each(key.validate.anyFinding as [number, string][])('row %i %s has a finding', (row, field) => {
        expect(at(row, field).length).toBeGreaterThan(0);
      });
      it('clean rows carry no error', () => {
        const bad = r.findings.filter((f) => key.validate.cleanRows.includes(f.row) && f.severity === 'error');
        expect(bad).toEqual([]);
      });
    });
  }
});

describe('the same table saved by LibreOffice (.xlsx .xls .ods) and as CSV (GBK with semicolons, UTF-8 with BOM)', () => {
  const files = ['lo_reg.xlsx', 'lo_reg.xls', 'lo_reg.ods', 'reg_gbk_semicolon.csv', 'reg_utf8_bom.csv'];
  const results = files.map((f) => validateFile(join(OWN_FIXTURES, f), { settings: defaultRuleSettings(), today: '2026-06-20' }));
  it.each(files.map((f, i) => [f, i] as const))('%s gives the same findings', (_f, i) => {
    const r = results[i]!;
    expect(r.headerRow).toBe(2);
    expect(r.rowCount).toBe(5);
    expect(r.findings.map((f) => [f.row, f.field, f.code])).toEqual([
      [6, 'studentId', 'STUDENT_ID_DUPLICATE'],
      [6, 'method', 'PAPER_NOT_ALLOWED'],
      [7, 'idNumber', 'ID_CHECK'],
      [7, 'probationForm', 'PROBATION_FORM_MISSING'],
    ]);
  });
});

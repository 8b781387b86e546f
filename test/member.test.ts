import { describe, expect, it } from 'vitest';
import { CLEAN, sheet } from './helpers.js';
import { validateSheet } from '../shared/validate.js';
import { checkCharacter } from '../shared/idNumber.js';
import { isoToDayNumber, dayNumberToIso } from '../shared/normalize.js';
import type { Cell } from '../shared/normalize.js';

/** A valid male ID for the i-th member: distinct birth dates from 1990-01-01. */
function idFor(i: number): string {
  const birth = dayNumberToIso(isoToDayNumber('1990-01-01') + i).replace(/-/g, '');
  const body = `110108${birth}${String(101 + (i % 400) * 2).padStart(3, '0')}`.slice(0, 17);
  return body + checkCharacter(body);
}

/** 3,000 members: every 学号, ID and phone new, the same letter header and organisation in every row. */
function bigSheet(edits: Record<number, Record<string, Cell>>) {
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    ...CLEAN, 学号: String(2022000000 + i), 身份证号: idFor(i), 联系电话: `139${String(10000000 + i).slice(-8)}`, ...edits[i],
  }));
  return sheet(...rows);
}

describe('each column reads a value once per sheet', () => {
  // Columns whose values never repeat stop keeping them after a while; columns that repeat keep them.
  // Either way a value seen for the first time late in the sheet is read and checked like any other.
  const r = validateSheet(bigSheet({
    2600: { 联系电话: '1391234', 介绍信抬头: '计算机学院2022级本科生第一党支部' },
    2700: { 毕业去向: '#N/A' },
    2800: { 姓名: '/' },
    2900: { 毕业去向: '#N/A', 学号: '2022000005' },
  }), { today: '2026-06-10' });
  it('finds what is wrong in late rows, after thousands of different and of identical values', () => {
    expect(r.findings.map((f) => `${f.row}:${f.field}:${f.code}`)).toEqual([
      '2603:phone:PHONE_INVALID', '2603:letterHeader:HEADER_IS_BRANCH',
      '2703:destination:CELL_ERROR_VALUE',
      '2803:name:MARKED_NOT_APPLICABLE',
      '2903:destination:CELL_ERROR_VALUE', '2903:studentId:STUDENT_ID_DUPLICATE',
    ]);
    expect(r.findings.find((f) => f.code === 'STUDENT_ID_DUPLICATE')!.message).toContain('第 8 行');
  });
  it('keeps one record per member, each its own', () => {
    expect(r.records).toHaveLength(3000);
    expect(r.records[0]).not.toBe(r.records[1]);
    expect(r.records[1]!.idNumber).toBe(idFor(1));
    expect(r.records[2600]!.phone).toBe('1391234');
    expect(r.records[2600]!.letterHeader).toBe('计算机学院2022级本科生第一党支部');
    expect(r.records[2700]!.destination).toBeNull();
    expect(r.records[2800]!.name).toBe('');
    expect(r.records[2999]!.studentId).toBe('2022002999');
  });
});

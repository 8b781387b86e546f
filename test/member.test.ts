import { describe, expect, it } from 'vitest';
import { CLEAN, sheet } from './helpers.js';
import fc from 'fast-check';
import { validateSheet } from '../shared/validate.js';
import { Repeats } from '../shared/rules.js';
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
    expect(r.records).toBe(r.records); // read once, then kept
    expect(r.records[0]).not.toBe(r.records[1]);
    expect(r.records[1]!.idNumber).toBe(idFor(1));
    expect(r.records[2600]!.phone).toBe('1391234');
    expect(r.records[2600]!.letterHeader).toBe('计算机学院2022级本科生第一党支部');
    expect(r.records[2700]!.destination).toBeNull();
    expect(r.records[2800]!.name).toBe('');
    expect(r.records[2999]!.studentId).toBe('2022002999');
  });
});

/** Two 学号 with the same FNV-1a hash (found by searching 2022000000 upwards). */
const COLLIDING = ['2022479599', '2022662382'] as const;

describe('repeated 学号 and ID numbers', () => {
  /** What Repeats must find: each row whose value came before, with that value's first row. */
  const reference = (values: string[]) => {
    const first = new Map<string, number>();
    const out: { row: number; first: number }[] = [];
    values.forEach((v, i) => (first.has(v) ? out.push({ row: i + 3, first: first.get(v)! }) : first.set(v, i + 3)));
    return out;
  };
  const repeatsOf = (values: string[]) => {
    const r = new Repeats();
    values.forEach((v, i) => r.add(v, i + 3));
    return r.repeats();
  };
  it('agree with a map of first rows', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^20220[0-9]{1,3}$/), { minLength: 0, maxLength: 3000, size: 'max' }), (values) => {
      expect(repeatsOf(values)).toEqual(reference(values));
    }), { numRuns: 50 });
  });
  it('name the first row of each of 7,000 values met again among 10,000 rows', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `11010819900101${String(i % 7000).padStart(4, '0')}`);
    expect(repeatsOf(values)).toEqual(reference(values));
    expect(repeatsOf(values)).toHaveLength(3000);
  });
  it('tell apart different values whose hashes are equal', () => {
    const [a, b] = COLLIDING;
    expect(repeatsOf([a, b, a, b])).toEqual([{ row: 5, first: 3 }, { row: 6, first: 4 }]);
  });
  it('are listed in their rows at their rule’s place, after the pass', () => {
    const r = validateSheet(sheet(CLEAN, { ...CLEAN, 姓名: '王', 性别: '女' }), { today: '2026-06-10' });
    // Row 4: nameFormat, then the repeats of 学号 and ID (rules 3 and 4), then genderMatchesId.
    expect(r.findings.map((f) => `${f.row}:${f.field}:${f.code}`)).toEqual([
      '4:name:NAME_FORMAT', '4:studentId:STUDENT_ID_DUPLICATE', '4:idNumber:ID_DUPLICATE', '4:gender:GENDER_MISMATCH',
    ]);
  });
});

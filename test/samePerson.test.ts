/** Issue 18, items 1 and 4: who is the same person, and which IDs are near misses. */
import { describe, expect, it } from 'vitest';
import { repeatedRegistrations } from '../shared/samePerson.js';
import { idDifference, idDifferenceText } from '../shared/nearMiss.js';

const row = (file: string, row: number, name: string, studentId: string, idNumber: string | null, college = '计算机学院') => ({ file, row, name, studentId, idNumber, college });

describe('a member registered twice', () => {
  it('the same ID number in two colleges\' files is one person, counted at the first row', () => {
    const a = row('计算机.xlsx', 5, '王浩然', '2022083103', '110108200405151234');
    const b = row('外国语.xlsx', 13, '王浩然', '2022083103', '110108200405151234', '外国语学院');
    expect(repeatedRegistrations([a, b])).toEqual([{ first: a, repeat: b, by: '身份证号、学号' }]);
  });
  it('the same 学号 under the same name is one person even when one ID is missing', () => {
    const a = row('a.xlsx', 3, '李思雨', '2022083102', null);
    const b = row('b.xlsx', 4, '李 思雨', '2022083102', '110108200405151234');
    expect(repeatedRegistrations([a, b]).map((p) => p.by)).toEqual(['学号']);
  });
  it('the same 学号 under two different names is never merged (two people must not become one on a guess)', () => {
    expect(repeatedRegistrations([row('a.xlsx', 3, '李思雨', '2022083102', null), row('b.xlsx', 4, '王浩然', '2022083102', null)])).toEqual([]);
  });
  it('a third row repeats the first', () => {
    const rows = [row('a', 1, '甲乙', '1', 'X'), row('b', 2, '甲乙', '1', 'X'), row('c', 3, '甲乙', '1', 'X')];
    expect(repeatedRegistrations(rows).map((p) => [p.first.file, p.repeat.file])).toEqual([['a', 'b'], ['a', 'c']]);
  });
});

describe('near-miss ID numbers', () => {
  it('one digit', () => expect(idDifference('110108200405151231', '110108200405151237')).toEqual({ kind: 'digit', position: 18, registered: '1', receipt: '7' }));
  it('two neighbouring digits swapped', () => {
    const d = idDifference('110108200405511234', '110108200405151234')!;
    expect(idDifferenceText(d)).toBe('身份证号第13、14位顺序颠倒（登记为「51」，回执为「15」）');
  });
  it('two digits apart, or two typos, are someone else', () => {
    expect(idDifference('110108200405151234', '110108200406151233')).toBeNull();
    expect(idDifference('110108200405151234', '110108200405151234')).toBeNull();
  });
});

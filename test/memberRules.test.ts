/**
 * Reading one registration row into a member record (shared/member.ts), as the reports and
 * messages see it: what was not written reads as nothing, never as a leftover of another row,
 * and a formula error is quoted as the cell shows it.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../shared/normalize.js';
import { validateSheet } from '../shared/validate.js';
import { check, CLEAN, sheet } from './helpers.js';

const TODAY = '2026-06-10';
const records = (...rows: Record<string, Cell>[]) => validateSheet(sheet(...rows), { today: TODAY }).records;

describe('a record says what the college wrote, and nothing for what it did not', () => {
  it('转接类型, 办理方式 and 毕业去向 as written; blank, marked 「/」 or a formula error read as empty', () => {
    const [written, unwritten] = records(
      { ...CLEAN, 转接类型: '京外', 办理方式: '线上', 毕业去向: '就业' },
      { ...CLEAN, 姓名: '李思雨', 学号: '2022083102', 身份证号: '', 转接类型: '', 办理方式: '/', 毕业去向: '#N/A' },
    );
    expect([written!.transferTypeText, written!.methodText, written!.destinationText, written!.idText]).toEqual(['京外', '线上', '就业', '110108200403151232']);
    expect([unwritten!.transferTypeText, unwritten!.methodText, unwritten!.destinationText, unwritten!.idText]).toEqual(['', '', '', '']);
    expect([unwritten!.transferType, unwritten!.method, unwritten!.destination, unwritten!.idNumber]).toEqual([null, null, null, null]);
  });

  it('a row read after a full one keeps none of its values', () => {
    // The first row fills every field the second leaves blank (its 组织编码 a number cell).
    const nothing = { 学院: null, 身份证号: null, 接收党组织: null, 组织编码: null, 去向单位: null, 电子邮箱: null };
    const [, second] = records({ ...CLEAN, 组织编码: 11100238152 }, { ...CLEAN, ...nothing, 姓名: '李思雨', 学号: '2022083102' });
    expect(second).toMatchObject({ row: 4, name: '李思雨', college: '', receivingOrg: '', orgCode: '', orgCodeWasNumber: false, destinationUnit: '', email: '', idText: '' });
  });
});

describe('a formula error is reported quoting the error, not the spaces an export put around it', () => {
  it.each(['#N/A ', ' #N/A', '#N/A\u00a0'])('%j in 联系电话', (written) => {
    const errors = check({ 联系电话: written }).filter((f) => f.code === 'CELL_ERROR_VALUE');
    expect(errors.map((f) => [f.field, f.message])).toEqual([['phone', '单元格是公式错误值「#N/A」，请修正公式或直接填写内容。']]);
  });
});

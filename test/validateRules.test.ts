/**
 * What validateSheet reports about a sheet as a whole and where (issue 25: mutants that
 * survived test/rules.test.ts): the error for a sheet without a header, columns named
 * twice or alike, sheets that start below or right of A1, the 1904 date system, member
 * rows whose cells read like a footer line, the sheet rows of the records, and the counts
 * by severity.
 */
import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import type { Cell } from '../shared/normalize.js';
import type { SheetSnapshot } from '../shared/table.js';
import { countBySeverity, HeaderNotFoundError, validateSheet } from '../shared/validate.js';
import { CLEAN, HEADER, sheet } from './helpers.js';

const TODAY = '2026-06-10';
const row = (overrides: Record<string, Cell> = {}, header: readonly string[] = HEADER) => header.map((h) => (h in overrides ? overrides[h] : CLEAN[h]) ?? null);
/** The second member of 计算机学院2022级本科生第一党支部. */
const LI: Record<string, Cell> = { 姓名: '李思雨', 性别: '女', 学号: '2022083102', 身份证号: '11010519491231002X', 联系电话: '13812345678', 电子邮箱: 'lisy@example.com' };

describe('a sheet without a registration header', () => {
  const catchError = (snapshot: SheetSnapshot): HeaderNotFoundError => {
    try {
      validateSheet(snapshot, { today: TODAY });
    } catch (err) {
      return err as HeaderNotFoundError;
    }
    throw new Error('no error thrown');
  };

  it('fails naming the sheet and every column the template has, in order', () => {
    const err = catchError({ name: '工作表1', rows: [['序号', '备注'], [1, '待补']] });
    expect(err).toBeInstanceOf(HeaderNotFoundError);
    expect(err.name).toBe('HeaderNotFoundError');
    expect(err.sheet).toBe('工作表1');
    expect(err.expected).toEqual(REGISTRATION_FIELDS.map((f) => f.header));
    expect(err.expected.slice(0, 3)).toEqual(['学院', '所在党支部', '姓名']);
    expect(err.message).toMatch(/^在工作表「工作表1」的.+中没有找到登记表的表头。应包含这些列：学院、所在党支部、姓名、性别、.+。$/);
    expect(err.message).toContain(`应包含这些列：${REGISTRATION_FIELDS.map((f) => f.header).join('、')}。`);
  });
});

describe('table-level findings name their columns as the sheet letters them', () => {
  it('a column named twice names the first one, wherever the table starts', () => {
    // 姓名 is the third column of the table (C); a second 姓名 column follows the last (W).
    const header = [...HEADER, '姓名'];
    const rows = [header, [...row(), '张明远']];
    const atA1 = validateSheet({ name: '登记表', rows }, { today: TODAY });
    expect(atA1.findings.map((f) => [f.code, f.column, f.message])).toEqual([['COLUMN_DUPLICATE', 'W', '「姓名」列出现多次，只校验第 C 列。']]);
    // The same table pasted from C5: 姓名 is column E, its repeat Y.
    const atC5 = validateSheet({ name: '登记表', rows, origin: { row: 5, col: 3 } }, { today: TODAY });
    expect(atC5.findings.map((f) => [f.row, f.code, f.column, f.message])).toEqual([[5, 'COLUMN_DUPLICATE', 'Y', '「姓名」列出现多次，只校验第 E 列。']]);
    expect(atC5.columns.name).toBe('E');
  });

  it('a column that fits two fields alike is named with both, and ignored', () => {
    // Neither 学号 nor 组织编码 has a header; 代码 holds ten-digit codes either could be.
    const header = HEADER.map((h) => (h === '学号' ? '代码' : h)).filter((h) => h !== '组织编码');
    const rows = [header, ...['2022083101', '2022083102', '2022083103'].map((no, i) => row({ 代码: no, 姓名: `张明${'远航宇'[i]}` }, header))];
    const r = validateSheet({ name: '登记表', rows }, { today: TODAY });
    const ambiguous = r.findings.filter((f) => f.code === 'COLUMN_AMBIGUOUS');
    expect(ambiguous.map((f) => [f.row, f.column, f.severity, f.message])).toEqual([
      [1, 'E', 'warning', '无法确定「代码」列是「组织编码」还是「学号」，校验时忽略。请在列对应中指定（命令行：--map 表头=字段）。'],
    ]);
  });
});

describe('member rows and their sheet rows', () => {
  it('records carry the sheet row they were read from', () => {
    const r = validateSheet(sheet(CLEAN, { ...CLEAN, ...LI }), { today: TODAY });
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[3, '张明远'], [4, '李思雨']]);
    const below = validateSheet({ ...sheet(CLEAN, { ...CLEAN, ...LI }), origin: { row: 4, col: 1 } }, { today: TODAY });
    expect(below.records.map((m) => m.row)).toEqual([6, 7]);
  });

  // A row whose name cell holds a name is a member, even if another of its cells reads
  // like a footer line (填表人：…); only a row without a name is taken for the footer.
  it.each([
    ['姓名 in column C', HEADER],
    ['姓名 in column A', ['姓名', ...HEADER.filter((h) => h !== '姓名')]],
  ])('a member whose 去向单位 reads 「联系人：…」 is still a member (%s)', (_layout, header) => {
    const member = row({ 去向单位: '联系人：王建国（长沙某某科技有限公司人事部）' }, header);
    const footer = header.map((h) => (h === '学院' ? '填表人：王老师' : null));
    const r = validateSheet({ name: '登记表', rows: [header, member, footer] }, { today: TODAY });
    expect(r.rowCount).toBe(1);
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[2, '张明远']]);
    expect(r.skippedRows).toEqual([{ row: 3, reason: '表尾（「填表人：王老师」）' }]);
  });

  it('a group heading typed in the 姓名 column is no member', () => {
    // 学院 filled down beside it, as a merged or copied cell leaves it.
    const heading = HEADER.map((h) => (h === '学院' ? CLEAN.学院 : h === '姓名' ? '一、本科生党支部（2人）' : null)) as Cell[];
    const rows = sheet(CLEAN, { ...CLEAN, ...LI }).rows;
    rows.splice(2, 0, heading);
    const r = validateSheet({ name: '登记表', rows }, { today: TODAY });
    expect(r.skippedRows).toEqual([{ row: 3, reason: '分组标题行（「一、本科生党支部（2人）」）' }]);
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[4, '张明远'], [5, '李思雨']]);
    expect(r.findings).toEqual([]);
  });
});

describe('dates stored as serial numbers follow the workbook’s date system', () => {
  // 2024-05-20 is serial 45432 counted from 1900, 43970 counted from 1904 (Excel for Mac, older workbooks).
  it.each([
    [false, 45432],
    [true, 43970],
  ])('date1904 %s: serial %d is 2024-05-20', (date1904, serial) => {
    const r = validateSheet({ ...sheet({ ...CLEAN, 入党时间: serial }), date1904 }, { today: TODAY });
    expect(r.findings).toEqual([]);
    expect(r.records[0]!.joinDate).toBe('2024-05-20');
  });
});

describe('a two-digit year is reported only where a date or month was expected', () => {
  it('26.6.12 in 开具日期 is a two-digit year; in 联系电话 it is no phone number', () => {
    const codes = (over: Record<string, Cell>) => validateSheet(sheet({ ...CLEAN, ...over }), { today: TODAY }).findings.map((f) => `${f.field}:${f.code}`);
    expect(codes({ 开具日期: '26.6.12' })).toContain('issueDate:TWO_DIGIT_YEAR');
    expect(codes({ 联系电话: '26.6.12' })).toEqual(['phone:PHONE_INVALID']);
    expect(codes({ 学号: '22.08' })).not.toContain('studentId:TWO_DIGIT_YEAR');
  });
});

describe('counts by severity', () => {
  it('counts each finding once under its severity', () => {
    const snapshot = sheet({ ...CLEAN, 联系电话: '6275123', 身份证号: '110105491231002' });
    snapshot.rows[1]!.push('家庭住址');
    const r = validateSheet(snapshot, { today: TODAY });
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['COLUMN_UNKNOWN', 'info'], ['ID_LEGACY_15', 'warning'], ['GENDER_MISMATCH', 'warning'], ['PHONE_INVALID', 'error'],
    ]);
    expect(countBySeverity(r.findings)).toEqual({ error: 1, warning: 2, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });
});

/** Edges of the registration rules: what a 组织编码 may hold besides its digits. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../shared/normalize.js';
import { enumeratedValues, inDependencyOrder, nameFormat, probationaryMember, Repeats } from '../shared/rules.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, check, codes, sheet } from './helpers.js';

describe('组织编码 is 10 or 12 digits, written with any spaces and hyphens (seed 000: 支部编码; seed 002: 党员E先锋)', () => {
  it.each([
    ['0111002389', 'ten digits, a 9 among them'],
    ['0111-0023-8152', 'hyphens between groups'],
    ['0111 0023 8152', 'spaces between groups'],
    ['0111\t00238152', 'a tab pasted in'],
    ['0111\n00238152', 'a line break inside the cell'],
    ['0111\r\n00238152', 'a Windows line break inside the cell'],
    ['0111\u00a000238152', 'a no-break space from a web page'],
    ['0111\u300000238152', 'a full-width space from a Chinese input method'],
  ])('%j is a valid code (%s)', (code) => expect(codes(check({ 组织编码: code }))).toEqual([]));

  it.each([
    ['011100238A', 'a letter among ten characters'],
    ['0111002381A', 'a letter beside ten digits'],
    ['01110023815/', 'a slash beside eleven digits'],
    ['0111_00238152', 'an underscore is not a separator'],
    ['0111．00238152', 'a full-width dot is not a separator'],
    ['011100238', 'nine digits'],
    ['0111002381523', 'thirteen digits'],
  ])('%j is not a code (%s)', (code) => expect(codes(check({ 组织编码: code }))).toEqual(['orgCode:ORG_CODE_FORMAT']));
});

describe('a lost leading 0 is inferred only from a number cell one digit short (seed 000: 支部编码 10 位)', () => {
  it('a 9-digit number is a 10-digit code whose 0 Excel dropped, and the message gives the fixed code', () => {
    const f = check({ 组织编码: 111002381 });
    expect(codes(f)).toEqual(['orgCode:ORG_CODE_LOST_ZERO']);
    expect(f[0]!.message).toContain('应为「0111002381」');
  });
  it('the same 9 digits typed as text are only a wrong code', () => expect(codes(check({ 组织编码: '111002381' }))).toEqual(['orgCode:ORG_CODE_FORMAT']));
  it('a wrong code names the lengths allowed', () => expect(check({ 组织编码: '011' })[0]!.message).toContain('应为 10 或 12 位数字'));
});

describe('names: 2 to 30 characters, both ends included', () => {
  const longest = '阿卜杜热西提·买买提依明·艾合买提江·吐尔逊·阿布都拉·阿里';
  it('a two-character name (李华) and a 30-character Uyghur name with 间隔号 are names', () => {
    expect([...longest]).toHaveLength(30);
    expect([codes(check({ 姓名: '李华' })), codes(check({ 姓名: longest }))]).toEqual([[], []]);
  });
  it('one character more is not', () => expect(codes(check({ 姓名: `${longest}江` }))).toEqual(['name:NAME_FORMAT']));
  it('a blank name is only 必填项为空, not also a badly formed name', () => expect(codes(check({ 姓名: '' }))).toEqual(['name:REQUIRED']));
});

describe('性别 is optional, but what is written must be 男 or 女', () => {
  it('left blank: no finding', () => expect(codes(check({ 性别: '' }))).toEqual([]));
  it('「未知」 is not a gender (and not a mismatch with the ID number)', () => expect(codes(check({ 性别: '未知' }))).toEqual(['gender:GENDER_INVALID']));
});

describe('enumerated values name the allowed words', () => {
  it('an unknown 转接类型 lists the region\'s three labels', () => {
    const f = check({ 转接类型: '外地' });
    expect(codes(f)).toEqual(['transferType:TRANSFER_TYPE_INVALID']);
    expect(f[0]!.message).toBe('转接类型应为「院内」「京内」「京外」之一。');
  });
  it('an unknown 办理方式 is its own finding', () => expect(codes(check({ 办理方式: '飞鸽传书' }))).toEqual(['method:METHOD_INVALID']));
});

describe('dates on the day of the check (today 2026-06-10)', () => {
  it('joining today is not joining in the future', () => expect(codes(check({ 入党时间: '2026-06-10' }))).toEqual([]));
  it('a letter dated the day before a join date of today is before the join', () => {
    expect(codes(check({ 入党时间: '2026-06-10', 开具日期: '2026-06-09' }))).toEqual(['issueDate:ISSUE_BEFORE_JOIN']);
  });
});

describe('有效期 is 1 to the longest the school allows (seed 003: 一般 90 天), both ends included', () => {
  it.each([1, 90, '90天'])('%j days is valid', (v) => expect(codes(check({ 有效期: v }))).toEqual([]));
  it.each([0, 91])('%j days is not', (v) => expect(codes(check({ 有效期: v }))).toEqual(['validDays:VALID_DAYS_INVALID']));
});

describe('the required-cell exemption for 升学 without a branch covers 接收党组织 only (seed 001)', () => {
  it('a blank 学号 on such a row is still required', () => {
    expect(codes(check({ 毕业去向: '升学', 接收党组织: '待定', 学号: '' }))).toEqual(['studentId:REQUIRED', 'receivingOrg:FURTHER_STUDY_UNDECIDED']);
  });
  it('「待定」 as the code of a 就业 row is a wrong code, not an undecided branch', () => {
    expect(codes(check({ 组织编码: '待定' }))).toEqual(['orgCode:ORG_CODE_FORMAT']);
  });
  it('a 未落实 member with a blank 接收党组织 is told only that it is required', () => {
    expect(codes(check({ 毕业去向: '待就业', 接收党组织: '' }))).toEqual(['receivingOrg:REQUIRED']);
  });
});

describe('京内 needs a 党支部; a company name with no 党委/总支 ending is not taken for a committee (seed 001)', () => {
  it('北京某某科技有限公司 with a branch code passes', () => {
    expect(codes(check({ 转接类型: '京内', 接收党组织: '北京某某科技有限公司', 组织编码: '0111002389', 介绍信抬头: '' }))).toEqual([]);
  });
});

describe('paper letters (seed 000/001)', () => {
  const paper = { 办理方式: '纸质', 介绍信编号: '2026-001', 有效期: 30 };
  it('院内 is online only, whatever else the row has', () => {
    expect(codes(check({ ...paper, 转接类型: '院内' }))).toEqual(['method:PAPER_NOT_ALLOWED']);
  });
  it('a paper row whose 转接类型 is unreadable or blank is told about that, not that the unit is on the network', () => {
    expect(codes(check({ ...paper, 转接类型: '外地' }))).toEqual(['transferType:TRANSFER_TYPE_INVALID']);
    expect(codes(check({ ...paper, 转接类型: '' }))).toEqual(['transferType:REQUIRED']);
  });
});

describe('党费交至: the month of the letter, or the month the school fixed (seed 000)', () => {
  const withSettings = (row: Record<string, Cell>, settings: object) =>
    validateSheet(sheet({ ...CLEAN, ...row }), { today: '2026-06-10', settings: RuleSettingsSchema.parse(settings) }).findings;
  it('a fixed month overrides the letter\'s: 2026-07 fixed, 2026年6月 written is a mismatch that names 2026-07', () => {
    const f = withSettings({ 党费交至: '2026年6月' }, { fixedDuesMonth: '2026-07' });
    expect(codes(f)).toEqual(['duesPaidThrough:DUES_MONTH_MISMATCH']);
    expect(f[0]!.message).toBe('党费一般交至开具介绍信当月（2026-07），当前为 2026-06，请核对。');
    expect(withSettings({ 党费交至: '2026年7月' }, { fixedDuesMonth: '2026-07' })).toEqual([]);
  });
  it('without one, the letter\'s month is named as a month, not a day', () => {
    expect(check({ 党费交至: '2026年5月' })[0]!.message).toBe('党费一般交至开具介绍信当月（2026-06），当前为 2026-05，请核对。');
  });
});

describe('rules run after the rules whose findings they read: the order is checked', () => {
  it('enumeratedValues then probationaryMember is in order', () => {
    const order = [enumeratedValues, probationaryMember];
    expect(inDependencyOrder(order)).toBe(order);
  });
  it('probationaryMember first, or without enumeratedValues, is refused', () => {
    expect(() => inDependencyOrder([probationaryMember, enumeratedValues])).toThrow('Rule probationaryMember reads enumeratedValues, which must run before it.');
    expect(() => inDependencyOrder([nameFormat, probationaryMember])).toThrow('which must run before it');
  });
});

describe('repeats are exact beyond the rows a sheet can hold (more values than a hash key can index)', () => {
  // 2,097,153 values (about 1.5 s): the plain-map path is taken only past 2^21, and nothing else reaches it.
  it('every later row of one 学号 names the first row, in row order', () => {
    const r = new Repeats();
    const n = 2 ** 21 + 1;
    for (let i = 0; i < n; i++) r.add('2022083101', i + 3);
    const out = r.repeats();
    expect([out.length, out[0], out.at(-1)]).toEqual([n - 1, { row: 4, first: 3 }, { row: n + 2, first: 3 }]);
  });
});

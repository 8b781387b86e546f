/**
 * The registration-table rules (shared/rules.ts), one describe per rule, named by the
 * rule's name: the last test checks that every rule has one.
 */
import { describe, expect, it } from 'vitest';
import { CLEAN, HEADER, check, codes, sheet } from './helpers.js';
import { HeaderNotFoundError, validateSheet } from '../shared/validate.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';
import { message } from '../shared/messages.js';
import * as rules from '../shared/rules.js';
import type { Rule } from '../shared/rules.js';

const tested = new Set<string>();
/** The tests of one rule: titled by its name, counted for the every-rule test. */
function rule(r: Rule, what: string, tests: () => void) {
  tested.add(r.name);
  describe(`${r.name}: ${what}`, tests);
}

describe('a clean row', () => {
  it('has no findings', () => expect(check({})).toEqual([]));
});

rule(rules.requiredCells, 'required cells', () => {
  it.each(['学院', '所在党支部', '姓名', '学号', '身份证号', '党员类别', '转接类型', '办理方式', '接收党组织', '毕业去向', '党费交至', '联系电话'])('%s empty is an error', (h) => {
    const f = check({ [h]: '   ' });
    expect(f.some((x) => x.code === 'REQUIRED' && x.severity === 'error')).toBe(true);
  });
  it('出国(境) members keep their relationship at school: no receiving organisation needed', () => {
    expect(check({ 毕业去向: '出国（境）', 接收党组织: '' })).toEqual([]);
  });
});

rule(rules.nameFormat, 'names', () => {
  it.each(['欧阳明轩', '买买提·艾力', '买买提•艾力', '阿依古丽‧吐尔逊', 'John Smith', '𠮷野家'])('accepts %s', (name) => expect(check({ 姓名: name })).toEqual([]));
  it.each(['张3', '王', '李@四', 'A'.repeat(31)])('rejects %s', (name) => expect(codes(check({ 姓名: name }))).toEqual(['name:NAME_FORMAT']));
});

rule(rules.studentIdOnce, 'a 学号 is registered once', () => {
  it('a repeated 学号 is an error on the repeat, naming the first row', () => {
    const r = validateSheet(sheet(CLEAN, { ...CLEAN, 身份证号: '11010519491231002X', 性别: '女' }), { today: '2026-06-10' });
    expect(r.findings.map((f) => [f.row, f.code])).toEqual([[4, 'STUDENT_ID_DUPLICATE']]);
    expect(r.findings[0]!.message).toContain('第 3 行');
  });
});

rule(rules.idNumberValid, 'ID numbers (GB 11643), each registered once', () => {
  it('a repeated ID number is an error', () => {
    const r = validateSheet(sheet(CLEAN, { ...CLEAN, 学号: '2022083102' }), { today: '2026-06-10' });
    expect(codes(r.findings)).toEqual(['idNumber:ID_DUPLICATE']);
  });
  it('an ID typed into a General cell (a number) must be re-entered as text', () => {
    const f = check({ 身份证号: 430102200303271000 });
    expect(codes(f)).toEqual(['idNumber:ID_STORED_AS_NUMBER']);
    expect(f[0]!.message).toContain('文本');
  });
  it('a 15-digit legacy number is a warning', () => {
    expect(check({ 身份证号: '110105491231002', 性别: '女' }).map((f) => [f.code, f.severity])).toEqual([['ID_LEGACY_15', 'warning']]);
  });
  it('a wrong check character names the right one', () => {
    expect(check({ 身份证号: '110108200403151231' })[0]!.message).toContain('「2」');
  });
});

rule(rules.genderMatchesId, 'gender agrees with the ID number', () => {
  it('gender disagreeing with the sequence digit is a warning on gender', () => {
    expect(check({ 性别: '女' }).map((f) => [f.field, f.severity])).toEqual([['gender', 'warning']]);
  });
});

rule(rules.enumeratedValues, 'enumerations', () => {
  it('党员 alone is not a member type', () => expect(codes(check({ 党员类别: '党员' }))).toEqual(['memberType:MEMBER_TYPE_INVALID']));
  it('省外 is not a transfer type in 北京', () => expect(codes(check({ 转接类型: '省外' }))).toEqual(['transferType:TRANSFER_TYPE_INVALID']));
  it('transfer-type labels follow the region setting', () => {
    const settings = RuleSettingsSchema.parse({ region: { name: '湖南', inRegion: '省内', outOfRegion: '省外' } });
    const r = validateSheet(sheet({ ...CLEAN, 转接类型: '省外' }), { today: '2026-06-10', settings });
    expect(r.findings).toEqual([]);
  });
  it('synonyms are accepted', () => expect(check({ 党员类别: '正式', 办理方式: '党员E先锋' })).toEqual([]));
});

rule(rules.contacts, 'contacts', () => {
  it.each(['+86 139 1234 5678', '0731-88888888', '010-82801212'])('accepts %s', (p) => expect(check({ 联系电话: p })).toEqual([]));
  it('a 10-digit mobile is an error', () => expect(codes(check({ 联系电话: '1380013800' }))).toEqual(['phone:PHONE_INVALID']));
  it('a malformed e-mail is an error', () => expect(codes(check({ 电子邮箱: 'zhang@' }))).toEqual(['email:EMAIL_INVALID']));
});

rule(rules.dates, 'dates', () => {
  it('unreadable', () => expect(codes(check({ 开具日期: '六月中旬' }))).toEqual(['issueDate:DATE_INVALID']));
  it('join date in the future', () => expect(codes(check({ 入党时间: '2027-03-01' }))).toContain('joinDate:JOIN_DATE_FUTURE'));
  it('issued before joining', () => expect(codes(check({ 入党时间: '2026-06-01', 开具日期: '2026-05-30', 党费交至: '2026-05' }))).toEqual(['issueDate:ISSUE_BEFORE_JOIN']));
});

rule(rules.duesAndValidity, 'dues and validity', () => {
  it('党费交至 must be a month', () => expect(codes(check({ 党费交至: '六月' }))).toEqual(['duesPaidThrough:MONTH_INVALID']));
  it.each([0, 91, '三个月'])('validity %s is an error', (v) => expect(codes(check({ 有效期: v }))).toEqual(['validDays:VALID_DAYS_INVALID']));
});

rule(rules.orgCodeFormat, 'organisation codes', () => {
  it('a code that lost its leading zero shows the corrected code', () => {
    const f = check({ 组织编码: 11100238152 });
    expect(codes(f)).toEqual(['orgCode:ORG_CODE_LOST_ZERO']);
    expect(f[0]!.message).toContain('011100238152');
  });
  it('letters in a code are an error', () => expect(codes(check({ 组织编码: '01110A238152' }))).toEqual(['orgCode:ORG_CODE_FORMAT']));
  it('10 and 12 digits are accepted by default (seeds 000, 002)', () => {
    expect(check({ 组织编码: '0111002381' })).toEqual([]);
    expect(check({ 组织编码: '011100238152' })).toEqual([]);
  });
});

rule(rules.inRegionNeedsBranch, '京内 goes to a 党支部 with its code (seed 001)', () => {
  const inRegion = { 转接类型: '京内', 介绍信抬头: '', 组织编码: '011100238152', 接收党组织: '中共北京某某科技有限公司第一支部委员会' };
  it('a 支部委员会 is fine', () => expect(check(inRegion)).toEqual([]));
  it.each(['中共北京某某大学某某学院党总支', '中共北京某某大学委员会', '中共北京某某大学某某学院委员会', '北京某某集团党委'])('%s is not a branch', (org) => {
    expect(codes(check({ ...inRegion, 接收党组织: org }))).toEqual(['receivingOrg:IN_REGION_NOT_BRANCH']);
  });
  it('the code is required', () => expect(codes(check({ ...inRegion, 组织编码: '' }))).toEqual(['orgCode:ORG_CODE_REQUIRED']));
});

rule(rules.paperLetterFields, 'paper letters (seeds 000, 001)', () => {
  const paper = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026043', 有效期: 60 };
  it('a complete paper letter to the army is fine', () => expect(check(paper)).toEqual([]));
  it('院内 and 京内 never use paper', () => {
    expect(codes(check({ ...paper, 转接类型: '京内', 组织编码: '011100238152', 接收党组织: '中共北京某某公司第一党支部' }))).toEqual(['method:PAPER_NOT_ALLOWED']);
  });
  it('every letter field is required', () => {
    expect(codes(check({ ...paper, 介绍信编号: '', 有效期: '' }))).toEqual(['letterNo:REQUIRED_FOR_PAPER', 'validDays:REQUIRED_FOR_PAPER']);
  });
  it('a paper letter to a unit on the national system is a warning on method', () => {
    const f = check({ ...paper, 介绍信抬头: '中共湖南省长沙市委组织部', 接收党组织: '中共长沙市某某公司委员会' });
    expect(f.map((x) => [x.field, x.code, x.severity])).toEqual([['method', 'PAPER_ON_NETWORK', 'warning']]);
  });
  it('the off-network keywords are a setting', () => {
    const settings = RuleSettingsSchema.parse({ offNetworkKeywords: ['某某公司'] });
    const r = validateSheet(sheet({ ...CLEAN, ...paper, 介绍信抬头: '中共长沙市委组织部', 接收党组织: '中共长沙市某某公司委员会' }), { today: '2026-06-10', settings });
    expect(r.findings).toEqual([]);
  });
});

rule(rules.letterHeaderAuthority, 'the letter header (seeds 003, 004 第八条)', () => {
  it('a 党支部 can never be the header', () => expect(codes(check({ 介绍信抬头: '中共某某公司第三党支部' }))).toEqual(['letterHeader:HEADER_IS_BRANCH']));
  it('a 党总支 neither', () => expect(codes(check({ 介绍信抬头: '北京大学医学部产业党总支' }))).toEqual(['letterHeader:HEADER_IS_BRANCH']));
  it('an unrecognisable body is a warning', () => expect(check({ 介绍信抬头: '长沙某某科技有限公司' }).map((f) => f.severity)).toEqual(['warning']));
  it.each(['北京科技大学计算机与通信工程学院党委', '中共长沙市委组织部', '哈尔滨工业大学党委组织处', '中央和国家机关工委'])('%s is fine', (h) => expect(check({ 介绍信抬头: h })).toEqual([]));
});

rule(rules.probationaryMember, 'probationary members (seed 002)', () => {
  it('need the 考察表', () => expect(codes(check({ 党员类别: '预备党员', 入党时间: '2025-12-02' }))).toEqual(['probationForm:PROBATION_FORM_MISSING']));
  it('已提供 is enough', () => expect(check({ 党员类别: '预备党员', 入党时间: '2025-12-02', 预备党员考察表: '已提供' })).toEqual([]));
  it('a probation year already over at issue is a warning on memberType', () => {
    expect(check({ 党员类别: '预备党员', 入党时间: '2025-05-20', 预备党员考察表: '是' }).map((f) => [f.field, f.code, f.severity])).toEqual([['memberType', 'PROBATION_OVER', 'warning']]);
  });
});

rule(rules.duesMonthOfIssue, '党费交至 is the month of issue (seed 000)', () => {
  it('another month is a warning', () => expect(check({ 党费交至: '2026年3月' }).map((f) => [f.code, f.severity])).toEqual([['DUES_MONTH_MISMATCH', 'warning']]));
  it('a school may fix one month for all', () => {
    const settings = RuleSettingsSchema.parse({ fixedDuesMonth: '2026-07' });
    expect(validateSheet(sheet({ ...CLEAN, 党费交至: '2026-07' }), { today: '2026-06-10', settings }).findings).toEqual([]);
  });
});

rule(rules.destinations, 'destinations (seed 001)', () => {
  it('未落实 should go to a 人才交流中心 or 街道, else a warning', () => {
    expect(check({ 毕业去向: '未落实', 接收党组织: '长沙市人才交流服务中心党委' })).toEqual([]);
    expect(check({ 毕业去向: '未落实', 接收党组织: '中共长沙某某公司委员会' }).map((f) => [f.code, f.severity])).toEqual([['UNPLACED_ORG', 'warning']]);
  });
  it('升学 with the branch 待定 is a warning, not an error (may transfer in September)', () => {
    expect(check({ 毕业去向: '升学', 接收党组织: '待定' }).map((f) => [f.code, f.severity])).toEqual([['FURTHER_STUDY_UNDECIDED', 'warning']]);
    expect(check({ 毕业去向: '升学', 接收党组织: '' }).map((f) => [f.code, f.severity])).toEqual([['FURTHER_STUDY_UNDECIDED', 'warning']]);
  });
});

describe('table rules', () => {
  it('no header in the first ten rows fails with the expected headers listed', () => {
    expect(() => validateSheet({ name: 'Sheet1', rows: [['a', 'b'], [1, 2]] }, { today: '2026-06-10' })).toThrow(HeaderNotFoundError);
  });
  it('a missing required column is one finding on the header row', () => {
    const snap = sheet(CLEAN);
    const col = snap.rows[1]!.indexOf('联系电话');
    for (const r of snap.rows) r.splice(col, 1);
    const f = validateSheet(snap, { today: '2026-06-10' }).findings;
    expect(f.map((x) => [x.row, x.field, x.code])).toEqual([[2, 'phone', 'COLUMN_MISSING']]);
  });
  it('unknown columns are info; 序号 is known and silent', () => {
    const snap = sheet(CLEAN);
    snap.rows[1]!.push('家庭住址', '序号');
    const f = validateSheet(snap, { today: '2026-06-10' }).findings;
    expect(f.map((x) => [x.code, x.severity, x.column])).toEqual([['COLUMN_UNKNOWN', 'info', 'W']]);
  });
  it('blank and whitespace-only rows are ignored; row numbers are sheet rows', () => {
    const snap = sheet(CLEAN);
    snap.rows.push([null, '   ', '\u3000'], [], HEADER_ROW_WITH({ 姓名: '张3' }));
    const r = validateSheet(snap, { today: '2026-06-10' });
    expect(r.rowCount).toBe(2);
    expect(r.findings.map((f) => f.row)).toContain(6);
  });
  it('the header may sit anywhere in rows 1–10 and columns in any order', () => {
    const snap = sheet(CLEAN);
    const rows = [['标题'], ['填表单位：计算机学院党委'], [], [], [], [], ...snap.rows.slice(1)].map((r) => [...r].reverse());
    const r = validateSheet({ name: 'x', rows }, { today: '2026-06-10' });
    expect(r.headerRow).toBe(7);
    expect(r.findings).toEqual([]);
  });
  it('header names with notes and synonyms are recognised', () => {
    const header = ['所在党委', '党支部', '姓名（必填）', '性别', '学号', '公民身份号码\n（18位）', '党员类别（正式/预备）', '入党日期', '转移类别', '办理方式', '抬头', '所往基层党委', '党组织编码', '去向', '就业单位', '编号', '开具日期', '有效期（天）', '党费交到', '考察表', '手机号', '邮箱'];
    const r = validateSheet({ name: 'x', rows: [header, header.map((_, i) => Object.values(CLEAN)[i] ?? null)] }, { today: '2026-06-10' });
    expect(Object.keys(r.columns)).toHaveLength(22);
    expect(r.findings).toEqual([]);
  });
  it('rows with only a pre-filled 序号 or a note outside the table are not members', () => {
    const snap = sheet(CLEAN);
    snap.rows[1]!.unshift('序号');
    snap.rows[2]!.unshift(1);
    snap.rows.push([2], [3, ...HEADER.map(() => null), '以下空白']);
    const r = validateSheet(snap, { today: '2026-06-10' });
    expect(r.rowCount).toBe(1);
    expect(r.findings).toEqual([]);
  });
  it('header cells named like Object.prototype members are harmless', () => {
    const snap = sheet(CLEAN);
    snap.rows[1]!.push('__proto__', 'constructor', 'toString');
    const r = validateSheet(snap, { today: '2026-06-10' });
    expect(r.findings.filter((f) => f.code === 'COLUMN_UNKNOWN').map((f) => f.column)).toEqual(['W', 'X', 'Y']);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

function HEADER_ROW_WITH(o: Record<string, unknown>) {
  return sheet({ ...CLEAN, 学号: '2022083109', 身份证号: '11010519491231002X', 性别: '女', ...o }).rows[2]!;
}

rule(rules.cellErrorValues, 'formula error values, before the rules', () => {
  it('a formula error value (#N/A from a VLOOKUP) is one finding on its cell, not "required"', () => {
    expect(codes(check({ 学号: '#N/A', 联系电话: '#VALUE!' }))).toEqual(['studentId:CELL_ERROR_VALUE', 'phone:CELL_ERROR_VALUE']);
  });
});

describe('the rules’ contracts', () => {
  it('every rule has tests, titled by its name', () => {
    expect(rules.ROW_RULES.map((r) => r.name).filter((n) => !tested.has(n))).toEqual([]);
  });
  it('a rule that reads another’s findings runs after it: listing it first fails when the module loads', () => {
    expect(rules.ROW_RULES.indexOf(rules.enumeratedValues)).toBeLessThan(rules.ROW_RULES.indexOf(rules.probationaryMember));
    expect(() => rules.inDependencyOrder([rules.probationaryMember, rules.enumeratedValues])).toThrow(/probationaryMember reads enumeratedValues/);
    expect(() => rules.inDependencyOrder([rules.probationaryMember])).toThrow(/must run before/);
  });
  it('a must-fill finding on a cell marked not applicable quotes the mark; other findings stand', () => {
    expect(rules.markedNotApplicable('REQUIRED', '必填项为空', '/')).toEqual({ code: 'MARKED_NOT_APPLICABLE', args: { mark: '/', why: '必填项为空' } });
    expect(rules.markedNotApplicable('PHONE_INVALID', '', '/')).toBeNull();
  });
  it('message arguments are typed per code: a misspelt or missing one does not compile', () => {
    // @ts-expect-error `lenght` is not an argument of ID_LENGTH
    message('ID_LENGTH', { lenght: 17 });
    // @ts-expect-error ID_LENGTH reads `length`
    message('ID_LENGTH');
    expect(message('ID_LENGTH', { length: 17 }).message).toContain('17 位');
  });
});

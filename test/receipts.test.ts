/** Receipts fail closed; names match as people write them; one home for 升学-undecided and staying at school. */
import { describe, expect, it } from 'vitest';
import { receiptState, readReceiptRows, RECEIPT_TABLE_FIELDS } from '../shared/receipts.js';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import { compareNames } from '../shared/names.js';
import { defaultRuleSettings, type RuleSettings } from '../shared/settings.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';
import { findHeader, type SheetSnapshot } from '../shared/table.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, sheet } from './helpers.js';

describe('receipt statuses: landed only on positive evidence', () => {
  it.each(['已报到', '已接收', '报到成功', '已完成', '党员转出成功', '转出成功', '确认报到', '已收回', '已报到（7月1日确认）'])('%s is landed (seed 001: 党员转出成功, 确认报到)', (s) => expect(receiptState(s)).toBe('landed'));
  it.each(['退回', '审批不通过', '党员转出失败', '不予接收', '已驳回'])('%s is failed (seed 001: 审批不通过 → 党员转出失败)', (s) => expect(receiptState(s)).toBe('failed'));
  it.each(['未收回', '待接收', '尚未报到', '未报到', '待审批', '已转出', '不报到了', '没有收到'])('%s is open: not landed', (s) => expect(receiptState(s)).toBe('open'));
  it.each(['处理中请稍候', '见备注', '？', 'OK'])('%s is not recognised: never landed', (s) => expect(receiptState(s)).toBe('unknown'));
  it('a 是否收回 column answers with 是 / 否', () => {
    expect([receiptState('是', true), receiptState('√', true), receiptState('否', true), receiptState('是', false)]).toEqual(['landed', 'landed', 'open', 'unknown']);
  });
});

const snap = (header: string[], ...rows: (string | null)[][]): SheetSnapshot => ({ name: '回执', rows: [['党员E先锋导出'], header, ...rows] });
const read = (s: SheetSnapshot, kind?: 'paperRegister') => readReceiptRows('回执.xlsx', s, findHeader(s, RECEIPT_TABLE_FIELDS, 2)!, { kind });

describe('which rule makes a row a receipt', () => {
  it('a status column decides row by row; 申请时间 is never the receipt date', () => {
    const r = read(snap(['姓名', '身份证号', '申请时间', '办理状态', '报到时间'],
      ['张明远', '110108200403151232', '2026-06-12 09:00:00', '党员转出成功', '2026-07-03 15:20:11'],
      ['李华', '11010519491231002X', '2026-06-12 09:00:00', '待审批', null],
      ['王芳', '110108200402021030', '2026-06-13', '处理中请稍候', null]));
    expect(r.info.rule).toBe('status');
    expect(r.records.map((x) => [x.name, x.state, x.receiptDate])).toEqual([
      ['张明远', 'landed', '2026-07-03'], ['李华', 'open', null], ['王芳', 'unknown', null],
    ]);
  });
  it('a register declared as such: every row came back', () => {
    const r = read(snap(['姓名', '学号', '收回日期'], ['张明远', '2022083101', '2026.7.8']), 'paperRegister');
    expect([r.info.rule, r.records[0]!.state, r.records[0]!.receiptDate]).toEqual(['declaredRegister', 'landed', '2026-07-08']);
  });
  it('a list with no status-like column is a register (and says so)', () => {
    expect(read(snap(['姓名', '学号', '回执日期'], ['张明远', '2022083101', '2026-07-08'])).info.rule).toBe('inferredRegister');
  });
  it('a list whose status-like column was not understood counts nobody', () => {
    const r = read(snap(['姓名', '学号', '回执进度'], ['张明远', '2022083101', '已报到']));
    expect(r.info.rule).toBe('unreadableStatus');
    expect(r.records[0]!.state).toBe('unknown');
  });
  it('footers and record counts of web exports are not receipts', () => {
    const r = read(snap(['姓名', '学号', '办理状态'], ['张明远', '2022083101', '已报到'], ['共 1 条记录', '共 1 条记录', '共 1 条记录'], ['制表日期：2026-09-01', null, null]));
    expect(r.records).toHaveLength(1);
    expect(r.info.skippedRows.map((s) => s.row)).toEqual([4, 5]);
  });
});

function members(settings: RuleSettings, ...rows: Record<string, string>[]): RegisteredMember[] {
  const r = validateSheet(sheet(...rows.map((o) => ({ ...CLEAN, ...o }))), { today: '2026-06-10', settings });
  return r.records.map((m) => ({ ...m, file: 'reg.xlsx', college: '计算机学院' }));
}
const settings = defaultRuleSettings();
const one = members(settings, {});
const receipt = (name: string, statusText = '已报到', receiptDate: string | null = '2026-07-01') => ({
  file: '回执.xlsx', row: 3, name, idNumber: null, idText: '', studentId: '2022083101', receivingOrg: '', receiptDate,
  receiptDateText: '', source: '全国组织关系转接系统', statusText, state: receiptState(statusText),
});
const outcome = (m: RegisteredMember[], r: ReturnType<typeof receipt>[], asOf = '2026-08-01', s = settings) =>
  reconcile({ members: m, receipts: r, asOf, cohort: 2026, settings: s }).members.map((x) => [x.status, x.reasons.join('；')]);

describe('reconciliation fails closed', () => {
  it('an unrecognised status is 回执状态无法识别, for a person to check — never completed', () => {
    const [status, why] = outcome(one, [receipt('张明远', '处理中请稍候')])[0]!;
    expect(status).toBe('unclear');
    expect(why).toContain('回执状态「处理中请稍候」无法识别');
  });
  it.each(['未收回', '尚未报到', '待接收'])('a register row that says %s leaves the member pending', (s) => {
    expect(outcome(one, [receipt('张明远', s)])[0]![0]).toBe('pending');
  });
  it('退回 followed by a later 已接收 is completed; the same day disagreeing is 信息不符', () => {
    expect(outcome(one, [receipt('张明远', '退回', '2026-07-01'), receipt('张明远', '已接收', '2026-07-20')])[0]![0]).toBe('completed');
    expect(outcome(one, [receipt('张明远', '退回', '2026-07-01'), receipt('张明远', '已接收', '2026-07-01')])[0]![0]).toBe('mismatch');
  });
  it('a landed receipt without a readable date is completed and says the date is missing', () => {
    expect(outcome(one, [receipt('张明远', '已报到', null)])[0]![1]).toContain('回执没有日期');
  });
});

describe('names as people write them', () => {
  it.each([
    ['欧阳 娜', '欧阳娜', ['space']],
    ['阿卜杜·热合曼', '阿卜杜•热合曼', ['dot']],
    ['阿卜杜.热合曼', '阿卜杜・热合曼', ['dot']],
    ['陳曉明', '陈晓明', ['traditional']],
    ['張 偉', '张伟', ['space', 'traditional']],
  ])('%s = %s', (a, b, foldings) => expect(compareNames(a, b)).toEqual({ same: true, foldings }));
  it('different people stay different', () => expect(compareNames('陈晓明', '陈小明').same).toBe(false));
  it('a match that needed folding is completed, naming the folding', () => {
    const m = members(settings, { 姓名: '陈晓明' });
    const [status, why] = outcome(m, [receipt('陳曉明')])[0]!;
    expect(status).toBe('completed');
    expect(why).toContain('繁体字按简体比较');
  });
});

describe('one home for each fact', () => {
  it.each(['待定', '不详', '-', '/', '无'])('升学 with 接收党组织 「%s」 is pending until 9月30日 in reconcile as in validation (seed 001)', (org) => {
    const m = members(settings, { 毕业去向: '升学', 接收党组织: org });
    expect(m[0]!.undecidedStudy).toBe(true);
    expect(outcome(m, [], '2026-09-15')[0]![0]).toBe('pending');
    expect(outcome(m, [], '2026-10-01')[0]![0]).toBe('overdue');
  });
  it('exemptDestinations: [] turns the 出国(境) exemption off', () => {
    const none = RuleSettingsSchema.parse({ exemptDestinations: [] });
    const m = members(none, { 毕业去向: '出国(境)', 接收党组织: '' });
    expect(m[0]!.staysAtSchool).toBe(false);
    expect(outcome(m, [], '2026-09-02', none)[0]![0]).toBe('overdue');
    expect(outcome(members(settings, { 毕业去向: '出国（境）留学', 接收党组织: '' }), [], '2026-09-02')[0]![0]).toBe('exempt');
  });
});

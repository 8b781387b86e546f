/**
 * What the college's list and the report say beside each member (shared/memberLists.ts): the
 * next deadline still ahead, the letter's last valid day, the 工作日 of a stalled online
 * transfer, and what the member was told by mail or why not.
 */
import { describe, expect, it } from 'vitest';
import { reconcile, type MemberStatus, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { MEMBER_NOTE_COLUMNS, memberNotes, momentIdLabel } from '../shared/memberLists.js';
import type { OnlineStall } from '../shared/onlineStall.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { rowMaker, sheet } from './helpers.js';
import type { Cell } from '../shared/normalize.js';

const settings = defaultRuleSettings();
const PAPER = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 去向单位: '某部队' };

const row = rowMaker(300, '20220832');
const registered = (o: Record<string, Cell>): RegisteredMember =>
  ({ ...validateSheet(sheet(row(o)), { today: '2026-06-10' }).records[0]!, file: '计算机学院登记表.xlsx', college: '计算机学院' });
const status = (m: RegisteredMember, asOf: string, receipts: ReceiptRecord[] = []): MemberStatus =>
  reconcile({ members: [m], receipts, asOf, cohort: 2026, settings }).members[0]!;

const online = registered({ 姓名: '王浩然' });
const paper90 = registered({ 姓名: '刘子涵', ...PAPER, 有效期: 90 });
const paper60 = registered({ 姓名: '曹雨桐', ...PAPER, 有效期: 60 });
/** Valid 81 days from 6月12日: its last day is 9月1日 itself. */
const paper81 = registered({ 姓名: '何嘉欣', ...PAPER, 有效期: 81 });
const study = registered({ 姓名: '孙悦', 毕业去向: '升学', 接收党组织: '', 去向单位: '北京大学' });

const next = (m: RegisteredMember, asOf: string, stall: OnlineStall | null = null) => memberNotes(status(m, asOf), { asOf, cohort: 2026, stall, told: [] }).cells[0];
const stall = (o: Partial<OnlineStall>): OnlineStall => ({ requestDate: '2026-09-14', elapsed: 5, limit: 15, over: false, dueDate: '2026-10-10', unknownYears: [], ...o });

describe('下一期限: the earliest deadline still ahead of the member (or today)', () => {
  it.each([
    ['online, in June', online, '2026-06-12', '2026-09-01 9月1日清查'],
    ['online, on 9月1日 itself', online, '2026-09-01', '2026-09-01 9月1日清查'],
    ['online, after 9月1日', online, '2026-09-02', '2026-12-10 12月10日复核'],
    ['online, on 12月10日', online, '2026-12-10', '2026-12-10 12月10日复核'],
    ['online, after the review: nothing ahead', online, '2026-12-11', ''],
    ['a 60-day letter: it runs out (8月11日) before 9月1日', paper60, '2026-06-12', '2026-08-11 介绍信有效期满'],
    ['a 90-day letter: 9月1日 comes before its last day (9月10日)', paper90, '2026-06-12', '2026-09-01 9月1日清查'],
    ['a 90-day letter after 9月1日', paper90, '2026-09-05', '2026-09-10 介绍信有效期满'],
    ['a letter whose last day is 9月1日: its own deadline is named', paper81, '2026-06-12', '2026-09-01 介绍信有效期满'],
    ['升学 without a receiving branch: the end of September (seed 001)', study, '2026-09-05', '2026-09-30 升学党员9月底前办理'],
  ])('%s', (_, m, asOf, expected) => expect(next(m, asOf)).toBe(expected));

  it('an online transfer within its 工作日 limit: the day the limit runs out, when it comes first', () => {
    expect(next(online, '2026-09-20', stall({}))).toBe('2026-10-10 线上接收时限（15个工作日）');
    // Past the limit it is no deadline any more but a reason (审批超时).
    expect(next(online, '2026-10-12', stall({ elapsed: 16, over: true }))).toBe('2026-12-10 12月10日复核');
  });

  it('a member whose receipt has landed has no deadline', () => {
    const landed: ReceiptRecord = {
      file: '全国系统导出.xlsx', row: 2, name: online.name, idNumber: online.idNumber, idText: online.idText, studentId: online.studentId,
      receivingOrg: '', receiptDate: '2026-06-20', receiptDateText: '2026-06-20', source: '全国组织关系转接系统', statusText: '已报到', state: 'landed',
    };
    expect(memberNotes(status(online, '2026-07-01', [landed]), { asOf: '2026-07-01', cohort: 2026, stall: null, told: [] }).cells[0]).toBe('');
  });
});

describe('the four cells and the reasons', () => {
  it('headers, in order', () => expect(MEMBER_NOTE_COLUMNS.map((c) => c.header)).toEqual(['下一期限', '介绍信有效期至', '工作日已过', '已提醒本人']));

  it('a paper letter told twice, today’s mail waiting for the cap', () => {
    const n = memberNotes(status(paper90, '2026-08-28'), {
      asOf: '2026-08-28', cohort: 2026, stall: null,
      told: [{ moment: 'letter', day: '2026-06-12' }, { moment: 'expiry-14', day: '2026-08-27' }], notTold: '今日提醒超过每日上限，顺延发送',
    });
    expect(n).toEqual({
      cells: ['2026-09-01 9月1日清查', '2026-09-10', '', '开具后提醒 2026-06-12；有效期提醒（前14天） 2026-08-27；今日提醒超过每日上限，顺延发送'],
      reasons: [],
    });
  });

  it('never told: the reason it could not be', () => {
    const n = memberNotes(status(online, '2026-06-12'), { asOf: '2026-06-12', cohort: 2026, stall: null, told: [], notTold: '电子邮箱一栏填的是电话号码「13912345678」' });
    expect(n.cells).toEqual(['2026-09-01 9月1日清查', '', '', '电子邮箱一栏填的是电话号码「13912345678」']);
  });

  it('a stalled online transfer: the 工作日 cell, and 审批超时 among the reasons', () => {
    const s = stall({ elapsed: 16, over: true });
    const n = memberNotes(status(online, '2026-10-12'), { asOf: '2026-10-12', cohort: 2026, stall: s, told: [{ moment: 'overdue', day: '2026-09-01' }] });
    expect(n).toEqual({
      cells: ['2026-12-10 12月10日复核', '', '16（2026-09-14 发起，上限 15，审批超时）', '超期提醒 2026-09-01'],
      reasons: ['审批超时：线上转接 2026-09-14 发起，已过 16 个工作日仍未接收（接收一般不超过 15 个工作日，湘组办〔2018〕14号第九条），请联系接收党委催办'],
    });
  });

  it('within the limit: the 工作日 so far, no reason', () => {
    const n = memberNotes(status(online, '2026-09-20'), { asOf: '2026-09-20', cohort: 2026, stall: stall({}), told: [] });
    expect(n.reasons).toEqual([]);
    expect(n.cells[2]).toBe('5（2026-09-14 发起，上限 15）');
  });
});

describe('a journal moment id in words', () => {
  it.each([['letter', '开具后提醒'], ['expiry-3', '有效期提醒（前3天）'], ['checkpoint', '9月1日前提醒'], ['overdue', '超期提醒'], ['reminder-0901', 'reminder-0901']])('%s → %s', (id, label) => {
    expect(momentIdLabel(id)).toBe(label);
  });
});

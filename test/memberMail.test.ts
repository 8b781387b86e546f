/**
 * Which member is told what on which day (shared/memberMail.ts), what the mail says
 * (shared/memberMailText.ts), and stalled online transfers by 工作日 (shared/onlineStall.ts).
 */
import { describe, expect, it } from 'vitest';
import { reconcile, type MemberStatus, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { validateSheet } from '../shared/validate.js';
import { addressProblem, memberKey, momentId, planMemberMails, type MemberMailSettings, type ToldState } from '../shared/memberMail.js';
import { memberMailText, receiptSubject } from '../shared/memberMailText.js';
import { onlineStall, stallText } from '../shared/onlineStall.js';
import { WorkCalendar } from '../shared/workdays.js';
import { rowMaker, sheet } from './helpers.js';
import { formatKey } from '../shared/messageKey.js';
import type { Cell } from '../shared/normalize.js';

const settings = defaultRuleSettings();
const ALL_ON: MemberMailSettings = { letter: true, expiry: true, checkpoint: true, overdue: true, expiryLeadDays: [14, 3], dailyCap: 200 };
const LEAD_DAYS = [14, 7, 1, 0];
const INSTITUTIONAL = new Set(['jsj-dangwei@example.edu.cn', 'zuzhibu@example.edu.cn']);

const row = rowMaker(100, '20220831');

const PAPER = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 去向单位: '某部队' };

function registered(rows: Record<string, Cell>[]): RegisteredMember[] {
  return validateSheet(sheet(...rows), { today: '2026-06-10' }).records.map((m) => ({ ...m, file: '计算机学院登记表.xlsx', college: '计算机学院' }));
}

const receiptFor = (m: RegisteredMember, o: Partial<ReceiptRecord>): ReceiptRecord => ({
  file: '全国系统导出.xlsx', row: 2, name: m.name, idNumber: m.idNumber, idText: m.idText, studentId: m.studentId,
  receivingOrg: '', receiptDate: null, receiptDateText: '', source: '全国组织关系转接系统', statusText: '已报到', state: 'landed', ...o,
});

describe('the season: who is told what, once (cohort 2026, all kinds on)', () => {
  const regs = registered([
    row({ 姓名: '王浩然', 电子邮箱: 'wanghr@example.com' }),
    row({ 姓名: '刘子涵', ...PAPER, 有效期: 90, 电子邮箱: 'liuzh@163.com' }),
    row({ 姓名: '曹雨桐', ...PAPER, 有效期: 60, 电子邮箱: 'caoyt@qq.com' }),
    row({ 姓名: '陈静怡', 电子邮箱: 'chenjy@example.com' }),
    row({ 姓名: '周欣然', 毕业去向: '出国(境)', 接收党组织: '', 电子邮箱: 'zhouxr@example.com' }),
    row({ 姓名: '韩雪', 电子邮箱: '13912345678' }),
    row({ 姓名: '沈佳琪', 电子邮箱: 'family@example.com' }),
    row({ 姓名: '彭志强', 电子邮箱: 'family@example.com' }),
  ]);
  const landed = receiptFor(regs[3]!, { receiptDate: '2026-06-20' });
  const journal = new Map<string, ToldState>();
  const run = (asOf: string) => {
    const r = reconcile({ members: regs, receipts: [landed], asOf, cohort: 2026, settings });
    const plan = planMemberMails({ members: r.members, asOf, cohort: 2026, settings: ALL_ON, leadDays: LEAD_DAYS, told: (k) => journal.get(formatKey(k)), sentToday: 0, institutional: INSTITUTIONAL });
    for (const p of plan.send) journal.set(formatKey(p.key), { kind: 'delivered' });
    return { sent: plan.send.map((p) => `${p.member.name}:${momentId(p.moment)}`), unreachable: plan.unreachable.map((u) => u.member.name) };
  };

  it('06-12 the letters are issued: each member with a usable address hears where and how', () => {
    const r = run('2026-06-12');
    expect(r.sent).toEqual(['王浩然:letter', '刘子涵:letter', '曹雨桐:letter', '陈静怡:letter']);
    // 按规定保留 (周欣然) never; a phone number and a shared address are listed instead.
    expect(r.unreachable).toEqual(['韩雪', '沈佳琪', '彭志强']);
  });
  it('06-13 the same moment is not told again', () => expect(run('2026-06-13').sent).toEqual([]));
  it('08-18 (14 days before 9月1日): everyone not completed, including the expired letter; 陈静怡’s receipt landed 06-20: never again', () => {
    expect(run('2026-08-18').sent).toEqual(['王浩然:checkpoint', '刘子涵:checkpoint', '曹雨桐:checkpoint']);
  });
  it('08-31: only the 90-day letter, 14 days before its last day (09-10), since 08-27', () => {
    expect(run('2026-08-31').sent).toEqual(['刘子涵:expiry-14']);
  });
  it('09-01: the first 超期未落实 day', () => expect(run('2026-09-01').sent).toEqual(['王浩然:overdue', '刘子涵:overdue', '曹雨桐:overdue']));
  it('09-02: nothing new', () => expect(run('2026-09-02').sent).toEqual([]));
  it('12-11: never after the 12月10日 review', () => {
    expect(run('2026-12-11')).toEqual({ sent: [], unreachable: [] });
  });
  it('each member got each moment at most once over the season', () => {
    expect([...journal.keys()].filter((k) => k.endsWith(`/member/${memberKey(regs[1]!)}`))).toEqual([
      `2026/letter/2026-06-12/member/${regs[1]!.studentId}`,
      `2026/checkpoint/2026-09-01/member/${regs[1]!.studentId}`,
      `2026/expiry-14/2026-09-10/member/${regs[1]!.studentId}`,
      `2026/overdue/2026-09-01/member/${regs[1]!.studentId}`,
    ]);
  });
});

describe('catching up and the daily cap', () => {
  const regs = registered(Array.from({ length: 5 }, (_, n) => row({ 姓名: ['王浩然', '刘子涵', '曹雨桐', '何嘉欣', '许文博'][n]!, 开具日期: `2026-06-1${n + 2}`, 电子邮箱: `m${n}@example.com` })));
  const r = reconcile({ members: regs, receipts: [], asOf: '2026-07-01', cohort: 2026, settings });
  it('a cap of 3 with 1 already sent today: the two oldest obligations go, the rest wait, none dropped', () => {
    const plan = planMemberMails({ members: r.members, asOf: '2026-07-01', cohort: 2026, settings: { ...ALL_ON, dailyCap: 3 }, leadDays: LEAD_DAYS, told: () => undefined, sentToday: 1, institutional: INSTITUTIONAL });
    expect(plan.send.map((p) => p.moment.opens)).toEqual(['2026-06-12', '2026-06-13']);
    expect(plan.capped.map((p) => p.moment.opens)).toEqual(['2026-06-14', '2026-06-15', '2026-06-16']);
  });
  it('a run missed on the reminder day tells the latest moment only (no two mails a day)', () => {
    const plan = planMemberMails({ members: r.members, asOf: '2026-08-20', cohort: 2026, settings: ALL_ON, leadDays: LEAD_DAYS, told: () => undefined, sentToday: 0, institutional: INSTITUTIONAL });
    expect(plan.send.map((p) => momentId(p.moment))).toEqual(Array(5).fill('checkpoint'));
  });
  it('kinds are off unless turned on', () => {
    const plan = planMemberMails({ members: r.members, asOf: '2026-07-01', cohort: 2026, settings: { ...ALL_ON, letter: false }, leadDays: LEAD_DAYS, told: () => undefined, sentToday: 0, institutional: INSTITUTIONAL });
    expect(plan.send).toEqual([]);
  });
  it('an uncertain earlier attempt is held, a 5xx refusal is listed for the college, a 4xx is tried again', () => {
    const k = (n: number) => `${memberKey(r.members[n]!)}/letter`;
    const told = new Map<string, ToldState>([[k(0), { kind: 'uncertain', reason: '无应答' }], [k(1), { kind: 'refused', reason: '550 mailbox unavailable' }], [k(2), { kind: 'retry' }]]);
    const plan = planMemberMails({ members: r.members, asOf: '2026-07-01', cohort: 2026, settings: ALL_ON, leadDays: LEAD_DAYS, told: (key) => told.get(`${key.id}/${key.kind}`), sentToday: 0, institutional: INSTITUTIONAL });
    expect(plan.uncertain.map((u) => u.member.name)).toEqual(['王浩然']);
    expect(plan.unreachable.map((u) => [u.member.name, u.reason])).toEqual([['刘子涵', '邮件服务器拒收 m1@example.com：550 mailbox unavailable']]);
    expect(plan.send.map((p) => p.member.name)).toEqual(['曹雨桐', '何嘉欣', '许文博']);
  });
});

describe('issue dates in the future or missing', () => {
  const regs = registered([row({ 姓名: '何嘉欣', 开具日期: '2026-07-15', 电子邮箱: 'hejx@example.com' }), row({ 姓名: '许文博', 开具日期: '', 电子邮箱: 'xuwb@example.com' })]);
  const plan = (asOf: string) => planMemberMails({
    members: reconcile({ members: regs, receipts: [], asOf, cohort: 2026, settings }).members, asOf, cohort: 2026, settings: ALL_ON, leadDays: LEAD_DAYS,
    told: () => undefined, sentToday: 0, institutional: INSTITUTIONAL,
  }).send.map((p) => `${p.member.name}:${momentId(p.moment)}`);
  it('a letter dated ahead is not told before its day; one without a date never gets the after-letter mail', () => {
    expect(plan('2026-06-12')).toEqual([]);
    expect(plan('2026-07-15')).toEqual(['何嘉欣:letter']);
  });
  it('both still hear before 9月1日', () => expect(plan('2026-08-18')).toEqual(['何嘉欣:checkpoint', '许文博:checkpoint']));
});

describe('addresses that are not the member’s', () => {
  it.each([
    ['', '未填写电子邮箱'],
    ['zhangmy@example.com; zhang@163.com', '多个地址'],
    ['139 1234 5678', '电话号码'],
    ['12345678', '像是QQ号，缺少 @qq.com'],
    ['zhangmy@example', '格式不正确'],
    ['JSJ-dangwei@example.edu.cn', '学院或组织部的邮箱'],
  ])('「%s」: %s', (raw, why) => expect(addressProblem(raw, INSTITUTIONAL)).toContain(why));
  it('a plain personal address is fine', () => expect(addressProblem('12345678@qq.com', INSTITUTIONAL)).toBeNull());
});

describe('the mail one member gets', () => {
  const [paper, online, other] = registered([
    row({ 姓名: '刘子涵', ...PAPER, 有效期: 90, 电子邮箱: 'liuzh@163.com' }),
    row({ 姓名: '王浩然', 电子邮箱: 'wanghr@example.com' }),
    row({ 姓名: '买买提·艾力', 电子邮箱: 'maimaiti@example.com' }),
  ]);
  const statuses = reconcile({ members: [paper!, online!, other!], receipts: [], asOf: '2026-06-12', cohort: 2026, settings }).members;
  const ctx = {
    asOf: '2026-06-12', cohort: 2026, college: { name: '计算机学院', contactName: '王老师', email: 'jsj-dangwei@example.edu.cn' },
    orgDept: { name: '党委组织部', phone: '010-12345678', email: 'zuzhibu@example.edu.cn' }, receiptAddress: 'huizhi@example.edu.cn',
  };
  const plan = planMemberMails({ members: statuses, asOf: '2026-06-12', cohort: 2026, settings: ALL_ON, leadDays: LEAD_DAYS, told: () => undefined, sentToday: 0, institutional: INSTITUTIONAL });
  const paperMail = memberMailText(plan.send[0]!.member, plan.send[0]!.moment, ctx);

  it('a paper letter: its last valid day, 务必在有效期内报到, and the exact receipt subject (seed 003)', () => {
    expect(paperMail.subject).toBe('【组织关系转接】刘子涵同学：您的党组织关系介绍信已开具，请及时报到');
    expect(paperMail.text).toContain('介绍信有效期至：2026-09-10');
    expect(paperMail.text).toContain('务必在有效期内报到（有效期至 2026-09-10）');
    expect(paperMail.text).toContain(`发送到 huizhi@example.edu.cn，邮件主题写：${receiptSubject(paper!)}`);
    expect(receiptSubject(paper!)).toBe(`刘子涵-${paper!.studentId}-党组织关系回执`);
    expect(paperMail.html).toContain('务必在有效期内报到');
  });
  it('the ID masked, nobody else named, college and 组织部 in the signature', () => {
    expect(paperMail.text).not.toContain(paper!.idText);
    expect(paperMail.text).toContain(`${paper!.idText.slice(0, 4)}**********${paper!.idText.slice(-4)}`);
    for (const m of [online!, other!]) {
      expect(paperMail.text + paperMail.html).not.toContain(m.name);
      expect(paperMail.text + paperMail.html).not.toContain(m.studentId);
    }
    expect(paperMail.text).toContain('计算机学院 王老师（jsj-dangwei@example.edu.cn）');
    expect(paperMail.text).toContain('党委组织部 010-12345678 zuzhibu@example.edu.cn');
  });
  it('without a receipt mailbox the receipt goes back to the college', () => {
    const t = memberMailText(plan.send[1]!.member, plan.send[1]!.moment, { ...ctx, receiptAddress: undefined }).text;
    expect(t).not.toContain('党组织关系回执');
    expect(t).toContain('交回学院党委');
  });
  it('an expired letter is not told to report within its validity, but to have it reissued', () => {
    const late = reconcile({ members: [paper!], receipts: [], asOf: '2026-09-15', cohort: 2026, settings }).members[0]!;
    const t = memberMailText(late, { kind: 'overdue', opens: '2026-09-01', closes: '2026-09-08', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-09-15' }).text;
    expect(t).toContain('已于 2026-09-10 过期');
    expect(t).not.toContain('务必在有效期内报到');
  });
});

describe('online transfers that stall (seed 004: 接收一般不超过 15 个工作日)', () => {
  const [m] = registered([row({ 姓名: '赵雅琪' })]);
  const pending = receiptFor(m!, { statusText: '待审批', state: 'open', requestDate: '2026-09-14' });
  const status = (asOf: string, receipts: ReceiptRecord[]) => reconcile({ members: [m!], receipts, asOf, cohort: 2026, settings }).members[0]!;
  const cal = new WorkCalendar();
  it('started Monday 9月14日: the 15th working day is Saturday 10月10日 (调休), 审批超时 from 10月12日', () => {
    const on10 = onlineStall(status('2026-10-10', [pending]), '2026-10-10', cal, 15)!;
    expect(on10).toMatchObject({ elapsed: 15, over: false, dueDate: '2026-10-10' });
    const on12 = onlineStall(status('2026-10-12', [pending]), '2026-10-12', cal, 15)!;
    expect(on12).toMatchObject({ elapsed: 16, over: true });
    expect(stallText(on12)).toBe('16（2026-09-14 发起，上限 15，审批超时）');
  });
  it('Monday–Friday would have called it late on 10月8日; the notice says 13 working days', () => {
    expect(onlineStall(status('2026-10-08', [pending]), '2026-10-08', cal, 15)).toMatchObject({ elapsed: 13, over: false });
  });
  it('a school limit of 5: by 9月22日 seven working days have passed (the Sunday 9月20日 is one)', () => expect(onlineStall(status('2026-09-22', [pending]), '2026-09-22', cal, 5)).toMatchObject({ elapsed: 7, over: true }));
  it('landed, or no 发起时间: no stall', () => {
    expect(onlineStall(status('2026-10-12', [pending, receiptFor(m!, { receiptDate: '2026-10-09' })]), '2026-10-12', cal, 15)).toBeNull();
    expect(onlineStall(status('2026-10-12', [receiptFor(m!, { statusText: '待审批', state: 'open' })]), '2026-10-12', cal, 15)).toBeNull();
  });
});

// Type use only: keeps the import of MemberStatus honest for readers.
export type { MemberStatus };

/**
 * The rules of the mails to members, one by one (shared/memberMail.ts, shared/memberMailText.ts):
 * which moments a member has and when each opens and closes, which one is told on a day, which
 * addresses cannot be mailed, who is told at all, the order under the daily cap, and the exact
 * Chinese lines a member reads (seed 003: 务必在有效期内报到, 回执拍照, 主题「姓名-学号-党组织关系回执」).
 */
import { describe, expect, it } from 'vitest';
import { reconcile, type MemberStatus, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import {
  addressProblem, currentMoment, isMemberToBeTold, memberKey, momentId, momentLabel, moments, planMemberMails,
  type MemberMailSettings, type Moment, type ToldState,
} from '../shared/memberMail.js';
import { memberMailText, type MemberMailContext } from '../shared/memberMailText.js';
import type { OnlineStall } from '../shared/onlineStall.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { rowMaker, sheet } from './helpers.js';
import type { Cell } from '../shared/normalize.js';

const settings = defaultRuleSettings();
const ALL_ON: MemberMailSettings = { letter: true, expiry: true, checkpoint: true, overdue: true, expiryLeadDays: [14, 3], dailyCap: 200 };
const LEAD_DAYS = [14, 7, 1, 0];
const INSTITUTIONAL = new Set(['jsj-dangwei@example.edu.cn', 'zuzhibu@example.edu.cn', 'huizhi@example.edu.cn']);

const row = rowMaker(100, '20220831');

/** A paper letter to a unit outside the national system (a 部队). */
const PAPER = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 去向单位: '某部队' };

function registered(...rows: Record<string, Cell>[]): RegisteredMember[] {
  return validateSheet(sheet(...rows), { today: '2026-06-10' }).records.map((m) => ({ ...m, file: '计算机学院登记表.xlsx', college: '计算机学院' }));
}
const statuses = (regs: RegisteredMember[], asOf: string, receipts: ReceiptRecord[] = []): MemberStatus[] =>
  reconcile({ members: regs, receipts, asOf, cohort: 2026, settings }).members;
const one = (o: Record<string, Cell>, asOf = '2026-06-12'): MemberStatus => statuses(registered(row(o)), asOf)[0]!;

/** A moment as `kind opens..closes @anchor`: one line a reader can check against the calendar. */
const show = (m: Moment) => `${momentId(m)} ${m.opens}..${m.closes} @${m.anchor}`;
const momentsOf = (ms: MemberStatus, s: Partial<MemberMailSettings> = {}, leadDays: number[] = LEAD_DAYS) =>
  moments(ms, 2026, { ...ALL_ON, ...s }, leadDays).map(show);

describe('a member’s moments, in the order they come (cohort 2026)', () => {
  it('an online transfer issued 6月12日: after the letter until 12月9日, 14 days before 9月1日, and 9月1日 for a week', () => {
    expect(momentsOf(one({ 姓名: '王浩然' }))).toEqual([
      'letter 2026-06-12..2026-12-09 @2026-06-12',
      'checkpoint 2026-08-18..2026-08-31 @2026-09-01',
      'overdue 2026-09-01..2026-09-08 @2026-09-01',
    ]);
  });
  it('a 90-day paper letter (last day 9月10日): the letter mail closes on its last day; expiry reminders 14 and 3 days before', () => {
    expect(momentsOf(one({ 姓名: '刘子涵', ...PAPER, 有效期: 90 }))).toEqual([
      'letter 2026-06-12..2026-09-10 @2026-06-12',
      'checkpoint 2026-08-18..2026-08-31 @2026-09-01',
      'expiry-14 2026-08-27..2026-09-10 @2026-09-10',
      'overdue 2026-09-01..2026-09-08 @2026-09-01',
      'expiry-3 2026-09-07..2026-09-10 @2026-09-10',
    ]);
  });
  it('expiry lead days as written in a config (unsorted, repeated) give each reminder once', () => {
    const m = one({ 姓名: '刘子涵', ...PAPER, 有效期: 90 });
    expect(momentsOf(m, { expiryLeadDays: [3, 14, 3] })).toEqual(momentsOf(m));
  });
  it('a paper letter valid 200 days (past 12月9日): the letter mail closes on 12月9日, the day before the review', () => {
    expect(momentsOf(one({ 姓名: '曹雨桐', ...PAPER, 有效期: 200 }), { expiry: false, checkpoint: false, overdue: false })).toEqual(['letter 2026-06-12..2026-12-09 @2026-06-12']);
  });
  it('a letter issued on 12月10日 or later gets no after-letter mail; one issued 12月9日 does', () => {
    const only = { expiry: false, checkpoint: false, overdue: false };
    expect(momentsOf(one({ 姓名: '何嘉欣', 开具日期: '2026-12-10' }, '2026-12-01'), only)).toEqual([]);
    expect(momentsOf(one({ 姓名: '何嘉欣', 开具日期: '2026-12-09' }, '2026-12-01'), only)).toEqual(['letter 2026-12-09..2026-12-09 @2026-12-09']);
  });
  it('an expiry reminder that would open on or before the issue day is not a moment (a letter valid only 14 days)', () => {
    expect(momentsOf(one({ 姓名: '许文博', ...PAPER, 有效期: 14 }), { letter: false, checkpoint: false, overdue: false })).toEqual(['expiry-3 2026-06-23..2026-06-26 @2026-06-26']);
    expect(momentsOf(one({ 姓名: '许文博', ...PAPER, 有效期: 15 }), { letter: false, checkpoint: false, overdue: false })).toEqual([
      'expiry-14 2026-06-13..2026-06-27 @2026-06-27', 'expiry-3 2026-06-24..2026-06-27 @2026-06-27',
    ]);
  });
  it('each kind is told only when turned on; no reminder before 9月1日 when the lead days are only 0', () => {
    const m = one({ 姓名: '刘子涵', ...PAPER, 有效期: 90 });
    expect(momentsOf(m, { letter: false, expiry: false, checkpoint: false, overdue: false })).toEqual([]);
    expect(momentsOf(m, { letter: false, expiry: false, overdue: false }, [0])).toEqual([]);
    expect(momentsOf(m, { letter: false, expiry: false, overdue: false }, [7, 1])).toEqual(['checkpoint 2026-08-25..2026-08-31 @2026-09-01']);
    expect(momentsOf(m, { letter: false, expiry: false, checkpoint: false })).toEqual(['overdue 2026-09-01..2026-09-08 @2026-09-01']);
  });
  it('升学 without a receiving branch is 超期 only after September (seed 001): the overdue mail opens 10月1日', () => {
    const m = one({ 姓名: '孙悦', 毕业去向: '升学', 接收党组织: '', 去向单位: '北京大学' });
    expect(m.member.undecidedStudy).toBe(true);
    expect(momentsOf(m, { letter: false, expiry: false, checkpoint: false })).toEqual(['overdue 2026-10-01..2026-10-08 @2026-10-01']);
  });
  describe('moments opening on the same day: the more urgent one comes later, and is the one told', () => {
    it('an online letter issued 8月18日, the day the reminder before 9月1日 opens', () => {
      const m = one({ 姓名: '何嘉欣', 开具日期: '2026-08-18' }, '2026-08-18');
      expect(momentsOf(m, { overdue: false })).toEqual(['letter 2026-08-18..2026-12-09 @2026-08-18', 'checkpoint 2026-08-18..2026-08-31 @2026-09-01']);
      expect(momentId(currentMoment(moments(m, 2026, { ...ALL_ON, overdue: false }, LEAD_DAYS), '2026-08-18')!)).toBe('checkpoint');
    });
    it('a paper letter whose 3-day expiry reminder opens 8月18日 too (last day 8月21日)', () => {
      expect(momentsOf(one({ 姓名: '刘子涵', ...PAPER, 有效期: 70 }), { letter: false, overdue: false })).toEqual([
        'expiry-14 2026-08-07..2026-08-21 @2026-08-21', 'expiry-3 2026-08-18..2026-08-21 @2026-08-21', 'checkpoint 2026-08-18..2026-08-31 @2026-09-01',
      ]);
    });
    it('a paper letter whose 3-day expiry reminder opens on 9月1日 (last day 9月4日)', () => {
      expect(momentsOf(one({ 姓名: '刘子涵', ...PAPER, 有效期: 84 }), { letter: false, checkpoint: false })).toEqual([
        'expiry-14 2026-08-21..2026-09-04 @2026-09-04', 'expiry-3 2026-09-01..2026-09-04 @2026-09-04', 'overdue 2026-09-01..2026-09-08 @2026-09-01',
      ]);
    });
  });
});

describe('the moment told on a day: the latest that has come, until it closes', () => {
  const all = moments(one({ 姓名: '刘子涵', ...PAPER, 有效期: 90 }), 2026, ALL_ON, LEAD_DAYS);
  it.each([
    ['2026-06-11', null],
    ['2026-06-12', 'letter'],
    ['2026-08-17', 'letter'],
    ['2026-08-18', 'checkpoint'],
    ['2026-08-27', 'expiry-14'],
    ['2026-09-01', 'overdue'],
    ['2026-09-06', 'overdue'],
    ['2026-09-07', 'expiry-3'],
    ['2026-09-10', 'expiry-3'],
    // The last reminder has closed: an old one is never told late.
    ['2026-09-11', null],
  ])('%s: %s', (asOf, id) => {
    const m = currentMoment(all, asOf);
    expect(m && momentId(m)).toBe(id);
  });
  it('the online member’s 9月1日 mail is told until 9月8日, not on 9月9日', () => {
    const online = moments(one({ 姓名: '王浩然' }), 2026, { ...ALL_ON, letter: false }, LEAD_DAYS);
    expect(currentMoment(online, '2026-09-08')?.kind).toBe('overdue');
    expect(currentMoment(online, '2026-09-09')).toBeNull();
  });
});

describe('labels and journal ids of moments', () => {
  it.each([
    [{ kind: 'letter' as const }, 'letter', '开具后提醒'],
    [{ kind: 'expiry' as const, lead: 14 }, 'expiry-14', '有效期提醒（前14天）'],
    [{ kind: 'checkpoint' as const }, 'checkpoint', '9月1日前提醒'],
    [{ kind: 'overdue' as const }, 'overdue', '超期提醒'],
  ])('%o: %s, 「%s」', (m, id, label) => {
    expect(momentId(m)).toBe(id);
    expect(momentLabel(m)).toBe(label);
  });
});

describe('addresses that cannot be mailed, and why (the secretary reads the reason)', () => {
  it.each([
    ['', '未填写电子邮箱'],
    ['   ', '未填写电子邮箱'],
    ['13912345678', '电子邮箱一栏填的是电话号码「13912345678」'],
    ['+8613912345678', '电子邮箱一栏填的是电话号码「+8613912345678」'],
    ['8613912345678', '电子邮箱一栏填的是电话号码「8613912345678」'],
    ['139-1234-5678', '电子邮箱一栏填的是电话号码「139-1234-5678」'],
    // Twelve digits are no mobile number: a long QQ number.
    ['139123456789', '电子邮箱「139123456789」像是QQ号，缺少 @qq.com，请本人确认后填写完整地址'],
    ['12345678', '电子邮箱「12345678」像是QQ号，缺少 @qq.com，请本人确认后填写完整地址'],
    ['1234', '电子邮箱「1234」格式不正确'],
    ['zhang13912345678', '电子邮箱「zhang13912345678」格式不正确'],
    ['zhangmy12345', '电子邮箱「zhangmy12345」格式不正确'],
    ['zhangmy@example.com;zhang@163.com', '电子邮箱「zhangmy@example.com;zhang@163.com」中有多个地址，请只填本人常用的一个'],
    ['zhangmy@example.com、zhang@163.com', '电子邮箱「zhangmy@example.com、zhang@163.com」中有多个地址，请只填本人常用的一个'],
    ['zhangmy@example.comzhang@163.com', '电子邮箱「zhangmy@example.comzhang@163.com」中有多个地址，请只填本人常用的一个'],
    ['zhangmy@example.com/家', '电子邮箱「zhangmy@example.com/家」中有多个地址，请只填本人常用的一个'],
    ['zhangmy@example', '电子邮箱「zhangmy@example」格式不正确'],
    ['JSJ-dangwei@example.edu.cn', '电子邮箱「JSJ-dangwei@example.edu.cn」是学院或组织部的邮箱，不是本人的'],
  ])('「%s」: %s', (raw, why) => expect(addressProblem(raw, INSTITUTIONAL)).toBe(why));
  it.each(['zhangmy@example.com', ' zhangmy@example.com ', '12345678@qq.com', 'zhang.my+2026@163.com'])('「%s」 is fine', (raw) => expect(addressProblem(raw, INSTITUTIONAL)).toBeNull());
});

describe('a member’s journal key: the 学号, or a digest of the ID number, never the number', () => {
  it('the 学号 as it is, other characters made safe', () => {
    expect(memberKey({ studentId: '2022083101', idNumber: '110108200403151232' })).toBe('2022083101');
    expect(memberKey({ studentId: 'S2022-083 1/01', idNumber: null })).toBe('S2022-083_1_01');
  });
  it('without a 学号: a digest that does not show the ID number', () => {
    const k = memberKey({ studentId: '', idNumber: '110108200403151232' });
    expect(k).toMatch(/^id-[0-9a-f]{1,8}$/);
    expect(k).not.toContain('1232');
    expect(memberKey({ studentId: '', idNumber: '11010820040315125X' })).not.toBe(k);
  });
  it('neither 学号 nor ID number: the digest of nothing (FNV-1a’s offset basis)', () => {
    expect(memberKey({ studentId: '', idNumber: null })).toBe('id-811c9dc5');
  });
});

const receiptFor = (m: RegisteredMember, o: Partial<ReceiptRecord>): ReceiptRecord => ({
  file: '全国系统导出.xlsx', row: 2, name: m.name, idNumber: m.idNumber, idText: m.idText, studentId: m.studentId,
  receivingOrg: '', receiptDate: null, receiptDateText: '', source: '全国组织关系转接系统', statusText: '已报到', state: 'landed', ...o,
});

describe('who is told at all: the transfer is still theirs to finish, and not from 12月10日', () => {
  const regs = registered(row({ 姓名: '王浩然' }), row({ 姓名: '陈静怡' }), row({ 姓名: '赵雅琪' }));
  const rs = statuses(regs, '2026-07-01', [receiptFor(regs[1]!, { receiptDate: '2026-06-20' }), receiptFor(regs[2]!, { statusText: '待审批', state: 'open' })]);
  it('pending: told until 12月9日, not on 12月10日', () => {
    expect(isMemberToBeTold(rs[0]!, '2026-12-09', 2026)).toBe(true);
    expect(isMemberToBeTold(rs[0]!, '2026-12-10', 2026)).toBe(false);
  });
  it('a landed receipt: never told again', () => expect(isMemberToBeTold(rs[1]!, '2026-07-01', 2026)).toBe(false));
  it('fail closed: a landed receipt silences the mails even beside a status that still says 未完成', () => {
    expect(isMemberToBeTold({ ...rs[0]!, receipts: [receiptFor(regs[0]!, { receiptDate: '2026-06-20' })] }, '2026-07-01', 2026)).toBe(false);
  });
  it('an online transfer still waiting for approval: told', () => expect(isMemberToBeTold(rs[2]!, '2026-07-01', 2026)).toBe(true));
});

describe('the day’s plan: shared addresses, order and cap', () => {
  const plan = (members: MemberStatus[], asOf: string, o: { told?: (k: string) => ToldState | undefined; cap?: number } = {}) => planMemberMails({
    members, asOf, cohort: 2026, settings: { ...ALL_ON, dailyCap: o.cap ?? 200 }, leadDays: LEAD_DAYS,
    told: (k) => o.told?.(`${k.id}/${k.kind}`), sentToday: 0, institutional: INSTITUTIONAL,
  });
  const withEmail = (m: MemberStatus, email: string): MemberStatus => ({ ...m, member: { ...m.member, email } });

  it('one address in two rows, however written: neither member is mailed, and the reason counts the others', () => {
    const [a, b, c] = statuses(registered(row({ 姓名: '沈佳琪' }), row({ 姓名: '彭志强' }), row({ 姓名: '王浩然', 电子邮箱: 'wanghr@example.com' })), '2026-06-12');
    const p = plan([withEmail(a!, ' Family@Example.com'), withEmail(b!, 'family@example.com '), c!], '2026-06-12');
    expect(p.unreachable.map((u) => [u.member.name, u.reason])).toEqual([
      ['沈佳琪', '电子邮箱「Family@Example.com」与另外 1 名党员填写的相同，无法确定是谁的'],
      ['彭志强', '电子邮箱「family@example.com」与另外 1 名党员填写的相同，无法确定是谁的'],
    ]);
    expect(p.send.map((s) => [s.member.name, s.address])).toEqual([['王浩然', 'wanghr@example.com']]);
  });
  it('an address written with spaces is mailed without them', () => {
    const [a] = statuses(registered(row({ 姓名: '王浩然' })), '2026-06-12');
    expect(plan([withEmail(a!, ' wanghr@example.com ')], '2026-06-12').send.map((s) => s.address)).toEqual(['wanghr@example.com']);
  });
  it('a must-act member without a usable address is listed even on a day with nothing to tell', () => {
    // A 90-day paper letter: after its last day (9月10日) and the week after 9月1日, nothing is told.
    const [a] = statuses(registered(row({ 姓名: '韩雪', ...PAPER, 有效期: 90, 电子邮箱: '13912345678' })), '2026-09-15');
    expect(plan([a!], '2026-09-15').unreachable.map((u) => [u.member.name, u.moment, u.reason])).toEqual([['韩雪', null, '电子邮箱一栏填的是电话号码「13912345678」']]);
  });
  it('the oldest obligation first, then by college and 学号; the cap cuts the rest to the next days', () => {
    const regs = registered(
      row({ 姓名: '许文博', 学号: '2022083109', 开具日期: '2026-06-13' }),
      row({ 姓名: '何嘉欣', 学号: '2022083105', 开具日期: '2026-06-12' }),
      row({ 姓名: '王浩然', 学号: '2022083103', 开具日期: '2026-06-12' }),
      row({ 姓名: '刘子涵', 学号: '2022083104', 开具日期: '2026-06-12' }),
      row({ 姓名: '曹雨桐', 学号: '2022083102', 开具日期: '2026-06-12' }),
    ).map((m, n) => ({ ...m, email: `m${n}@example.com`, college: n === 4 ? '数学学院' : '计算机学院' }));
    const p = plan(statuses(regs, '2026-07-01'), '2026-07-01', { cap: 3 });
    // 计算机学院 (jì) before 数学学院 (shù) in pinyin order.
    expect(p.send.map((s) => s.member.name)).toEqual(['王浩然', '刘子涵', '何嘉欣']);
    expect(p.capped.map((s) => s.member.name)).toEqual(['曹雨桐', '许文博']);
  });
  it('already delivered: not planned again', () => {
    const [a] = statuses(registered(row({ 姓名: '王浩然' })), '2026-06-12');
    expect(plan([a!], '2026-06-12', { told: () => ({ kind: 'delivered' }) })).toEqual({ send: [], capped: [], unreachable: [], uncertain: [] });
  });
});

describe('the mail a member reads (seed 003)', () => {
  const [paperReg, onlineReg] = registered(
    row({ 姓名: '刘子涵', 学号: '2022083101', ...PAPER, 有效期: 90 }),
    row({ 姓名: '王浩然', 学号: '2022083102', 开具日期: '2026-06-15' }),
  );
  const paper = (asOf: string) => statuses([paperReg!], asOf)[0]!;
  const online = (asOf: string) => statuses([onlineReg!], asOf)[0]!;
  const mask = (m: RegisteredMember) => `${m.idText.slice(0, 4)}**********${m.idText.slice(-4)}`;
  const ctx: MemberMailContext = {
    asOf: '2026-06-12', cohort: 2026, college: { name: '计算机学院', contactName: '王老师', email: 'jsj-dangwei@example.edu.cn' },
    orgDept: { name: '党委组织部', phone: '010-12345678', email: 'zuzhibu@example.edu.cn' }, receiptAddress: 'huizhi@example.edu.cn',
  };
  const AUTOMATIC = '本邮件由学校党组织关系转接系统（zhuanjie）自动发送，只发给您本人。如信息有误或已办理完毕，请与学院党委联系。';
  const paperFacts = () => [
    '  姓名：刘子涵', '  学号：2022083101', `  身份证号：${mask(paperReg!)}`, '  转接类型：京外', '  办理方式：纸质介绍信',
    '  介绍信抬头：中国人民解放军某部政治工作部', '  接收党组织：中国人民解放军某部某营党委', '  开具日期：2026-06-12', '  介绍信有效期至：2026-09-10',
  ];
  const onlineFacts = () => [
    '  姓名：王浩然', '  学号：2022083102', `  身份证号：${mask(onlineReg!)}`, '  转接类型：京外', '  办理方式：线上',
    '  介绍信抬头：中共长沙市委组织部', '  接收党组织：中共长沙市岳麓区麓山街道工作委员会', '  开具日期：2026-06-15',
  ];
  const REPORT_PAPER = '请携带纸质介绍信到接收党组织报到，务必在有效期内报到（有效期至 2026-09-10）。党组织关系介绍信一定要交给接收单位，不能留在自己手里。';
  const REPORT_ONLINE = '组织关系已在线上转出。请主动联系接收党组织，组织关系落地后及时到接收党支部报到，并请对方在系统中确认报到。';
  const SIGNATURE = ['计算机学院 王老师（jsj-dangwei@example.edu.cn）', '党委组织部 010-12345678 zuzhibu@example.edu.cn'];

  it('after a paper letter is issued: the whole mail, text and HTML', () => {
    const mail = memberMailText(paper('2026-06-12'), { kind: 'letter', opens: '2026-06-12', closes: '2026-09-10', anchor: '2026-06-12' }, ctx);
    expect(mail.subject).toBe('【组织关系转接】刘子涵同学：您的党组织关系介绍信已开具，请及时报到');
    expect(mail.text).toBe([
      '刘子涵同学：您好！',
      '',
      '您的党组织关系介绍信已于 2026-06-12 开具。组织关系只有在您到接收党组织报到、对方确认后才算转接完成，请尽快办理。',
      '',
      '您登记的转接信息：',
      ...paperFacts(),
      '',
      '请您：',
      `1. ${REPORT_PAPER}`,
      '2. 报到后，请将接收单位签字盖章的回执拍照，一个月之内发送到 huizhi@example.edu.cn，邮件主题写：刘子涵-2022083101-党组织关系回执（照片作为附件）。',
      '',
      '如有疑问，请联系：',
      ...SIGNATURE,
      '2026-06-12',
      '',
      AUTOMATIC,
    ].join('\n'));
    const cell = (k: string, v: string) => `<tr><td style='border:1px solid #c8c8c8;padding:4px 8px;background:#f0f4f8;white-space:nowrap;'>${k}</td><td style='border:1px solid #c8c8c8;padding:4px 8px;'>${v}</td></tr>`;
    expect(mail.html).toBe(`<!doctype html><html><body style='font-family:"Microsoft YaHei","PingFang SC",sans-serif;font-size:14px;color:#222;line-height:1.6;'>
<p>刘子涵同学：您好！</p>
<p>您的党组织关系介绍信已于 2026-06-12 开具。组织关系只有在您到接收党组织报到、对方确认后才算转接完成，请尽快办理。</p>
<p>您登记的转接信息：</p>
<table style='border-collapse:collapse;font-size:13px;'>${paperFacts().map((f) => f.trim().split('：')).map(([k, v]) => cell(k!, v!)).join('')}</table>
<p>请您：</p>
<ol><li>${REPORT_PAPER}</li><li>报到后，请将接收单位签字盖章的回执拍照，一个月之内发送到 huizhi@example.edu.cn，邮件主题写：刘子涵-2022083101-党组织关系回执（照片作为附件）。</li></ol>
<p>如有疑问，请联系：<br>${SIGNATURE.join('<br>')}<br>2026-06-12</p>
<p style='color:#888;font-size:12px'>${AUTOMATIC}</p>
</body></html>`);
  });

  it('after an online transfer, without a receipt mailbox, signed by a college without a named secretary', () => {
    const mail = memberMailText(online('2026-06-15'), { kind: 'letter', opens: '2026-06-15', closes: '2026-12-09', anchor: '2026-06-15' }, {
      ...ctx, asOf: '2026-06-15', college: { name: '计算机学院' }, orgDept: { name: '党委组织部', email: 'zuzhibu@example.edu.cn' }, receiptAddress: undefined,
    });
    expect(mail.subject).toBe('【组织关系转接】王浩然同学：您的党组织关系转接已办理，请及时报到');
    expect(mail.text).toBe([
      '王浩然同学：您好！',
      '',
      '您的党组织关系转接已于 2026-06-15 在线上办理。组织关系只有在您到接收党组织报到、对方确认后才算转接完成，请尽快办理。',
      '',
      '您登记的转接信息：',
      ...onlineFacts(),
      '',
      '请您：',
      `1. ${REPORT_ONLINE}`,
      '2. 报到后，请将接收单位签字盖章的回执交回学院党委。',
      '',
      '如有疑问，请联系：',
      '计算机学院',
      '党委组织部 zuzhibu@example.edu.cn',
      '2026-06-15',
      '',
      AUTOMATIC,
    ].join('\n'));
    expect(mail.html).toContain('<ol><li>组织关系已在线上转出。');
    expect(mail.html).toContain('<p>如有疑问，请联系：<br>计算机学院<br>党委组织部 zuzhibu@example.edu.cn<br>2026-06-15</p>');
  });

  it('14 days before the paper letter’s last day (9月10日)', () => {
    const mail = memberMailText(paper('2026-08-27'), { kind: 'expiry', lead: 14, opens: '2026-08-27', closes: '2026-09-10', anchor: '2026-09-10' }, { ...ctx, asOf: '2026-08-27', orgDept: undefined });
    expect(mail.subject).toBe('【组织关系转接】刘子涵同学：您的纸质介绍信将于 2026-09-10 到期，请务必在有效期内报到');
    expect(mail.text.split('\n').slice(0, 3)).toEqual(['刘子涵同学：您好！', '', '您的纸质介绍信有效期至 2026-09-10，还有 14 天，学校至今尚未收到您的回执。']);
    expect(mail.text).toContain(`\n1. ${REPORT_PAPER}\n`);
    // Without a 组织部 in the config the signature is the college and the day.
    expect(mail.text).toContain('\n如有疑问，请联系：\n计算机学院 王老师（jsj-dangwei@example.edu.cn）\n2026-08-27\n');
  });

  it('on the letter’s last day it is still valid: report within it, no reissue', () => {
    const mail = memberMailText(paper('2026-09-10'), { kind: 'expiry', lead: 3, opens: '2026-09-07', closes: '2026-09-10', anchor: '2026-09-10' }, { ...ctx, asOf: '2026-09-10' });
    expect(mail.text).toContain('还有 0 天');
    expect(mail.text).toContain(`\n1. ${REPORT_PAPER}\n`);
  });

  it('before 9月1日: the days left and the 清查名单', () => {
    const mail = memberMailText(online('2026-08-18'), { kind: 'checkpoint', opens: '2026-08-18', closes: '2026-08-31', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-08-18' });
    expect(mail.subject).toBe('【组织关系转接】王浩然同学：请在9月1日前完成党组织关系转接');
    expect(mail.text.split('\n')[2]).toBe('距9月1日还有 14 天，学校至今尚未收到您的党组织关系回执。9月1日起，仍未落实组织关系的毕业生党员将被列入清查名单。');
  });

  it('9月1日 passed: 超期未落实, and the 12月10日 review', () => {
    const mail = memberMailText(online('2026-09-01'), { kind: 'overdue', opens: '2026-09-01', closes: '2026-09-08', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-09-01' });
    expect(mail.subject).toBe('【组织关系转接】王浩然同学：您的党组织关系转接已超过9月1日仍未落实');
    expect(mail.text.split('\n')[2]).toBe('截至 2026-09-01，学校仍未收到您的党组织关系回执，您已被列为「超期未落实」。请立即联系接收党组织报到，并与学院党委联系说明情况；12月10日年度复核时仍未落实的，将按与党组织失去联系党员的有关规定处置。');
  });

  it('a paper letter past its last day: have it reissued, never 务必在有效期内报到', () => {
    const mail = memberMailText(paper('2026-09-11'), { kind: 'overdue', opens: '2026-09-01', closes: '2026-09-08', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-09-11' });
    expect(mail.text).toContain('\n请您：\n1. 您的纸质介绍信已于 2026-09-10 过期。请尽快联系学院党委，交回原介绍信后重新开具（过期的介绍信接收单位不予受理）。\n2. 报到后，');
  });

  it('a stalled online transfer: the 审批超时 line between reporting and the receipt', () => {
    const stall: OnlineStall = { requestDate: '2026-09-14', elapsed: 16, limit: 15, over: true, dueDate: '2026-10-10', unknownYears: [] };
    const mail = memberMailText(online('2026-10-12'), { kind: 'overdue', opens: '2026-09-01', closes: '2026-09-08', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-10-12', stall });
    expect(mail.text).toContain(`\n1. ${REPORT_ONLINE}\n2. 审批超时：线上转接 2026-09-14 发起，已过 16 个工作日仍未接收（接收一般不超过 15 个工作日，湘组办〔2018〕14号第九条），请联系接收党委催办。\n3. 报到后，`);
    // Not yet over the limit: nothing to chase.
    expect(memberMailText(online('2026-10-09'), { kind: 'overdue', opens: '2026-09-01', closes: '2026-09-08', anchor: '2026-09-01' }, { ...ctx, asOf: '2026-10-09', stall: { ...stall, elapsed: 14, over: false } }).text).not.toContain('审批超时');
  });

  it('special characters in the registered data are escaped in the HTML', () => {
    const m = paper('2026-06-12');
    const mail = memberMailText({ ...m, member: { ...m.member, receivingOrg: '中共某某<第一>党支部&' } }, { kind: 'letter', opens: '2026-06-12', closes: '2026-09-10', anchor: '2026-06-12' }, ctx);
    expect(mail.html).toContain('中共某某&lt;第一&gt;党支部&amp;');
    expect(mail.text).toContain('  接收党组织：中共某某<第一>党支部&');
  });

  it('a row without a name is greeted as 同学 and the empty 姓名 is not listed', () => {
    const m = online('2026-06-15');
    const mail = memberMailText({ ...m, name: '' }, { kind: 'letter', opens: '2026-06-15', closes: '2026-12-09', anchor: '2026-06-15' }, { ...ctx, asOf: '2026-06-15' });
    expect(mail.text.split('\n')[0]).toBe('同学：您好！');
    expect(mail.subject).toBe('【组织关系转接】同学：您的党组织关系转接已办理，请及时报到');
    expect(mail.text).not.toContain('姓名：');
  });
});

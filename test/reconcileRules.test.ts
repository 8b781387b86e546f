/**
 * The reconciliation's decisions as a college secretary and the 组织部 read them: each
 * member's one status and the 原因 that says which receipt (file, row, source, date)
 * decided it; conflicts named field by field; the facts that stay in a row whatever its
 * status (an invalid ID number masked to its ends, a paper letter whose dates cannot be
 * read, an expired letter); near-miss pairs (one digit or one swap, same name); rows
 * registered twice, counted once; and the totals by status and by college.
 */
import { describe, expect, it } from 'vitest';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import { mailReceiptRecord } from '../shared/mailReceipt.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, sheet } from './helpers.js';

const settings = defaultRuleSettings();

/** Rows of one college's 登记表 (sheet row 3 is the first), each a clean 京外 online row with overrides. */
function registered(college: string, ...rows: Record<string, unknown>[]): RegisteredMember[] {
  const r = validateSheet(sheet(...rows.map((o) => ({ ...CLEAN, ...o }) as never)), { today: '2026-06-10' });
  return r.records.map((m) => ({ ...m, file: `${college}.xlsx`, college }));
}
const cs = (...rows: Record<string, unknown>[]) => registered('计算机学院', ...rows);

/** 张明远's receipt in the national system's export: landed, matched by ID and 学号. */
const receipt = (o: Partial<ReceiptRecord>): ReceiptRecord => ({
  file: '全国系统导出.xlsx', row: 2, name: '张明远', idNumber: '110108200403151232', idText: '110108200403151232', studentId: '2022083101',
  receivingOrg: '中共长沙市岳麓区麓山街道工作委员会', receiptDate: '2026-07-01', receiptDateText: '', source: '全国组织关系转接系统',
  statusText: '已报到', state: 'landed', ...o,
});

const run = (members: RegisteredMember[], receipts: ReceiptRecord[], asOf = '2026-08-25') => reconcile({ members, receipts, asOf, cohort: 2026, settings });
const only = (members: RegisteredMember[], receipts: ReceiptRecord[], asOf = '2026-08-25') => {
  const m = run(members, receipts, asOf).members;
  expect(m).toHaveLength(1);
  return { status: m[0]!.status, reasons: m[0]!.reasons };
};

/** 张明远's number with one digit or two neighbouring digits mistyped (the check digit then fails). */
const TYPO_DIGIT = '110108200403151832'; // 16th digit 8 for 2
const TYPO_SWAP = '110108200403151322'; // 16th and 17th digits 23 written 32

describe('the 原因 names the receipt that decided: source, date and status as written', () => {
  it('a landed receipt: 「全国组织关系转接系统 2026-07-01：已报到」 and nothing else', () => {
    expect(only(cs({}), [receipt({})])).toEqual({ status: 'completed', reasons: ['全国组织关系转接系统 2026-07-01：已报到'] });
  });
  it('a receipt with no source and no status word (a paper register) is 「回执 …：已回执」', () => {
    expect(only(cs({}), [receipt({ source: '', statusText: '' })]).reasons).toEqual(['回执 2026-07-01：已回执']);
  });
  it('an undated receipt completes and says it has no date', () => {
    expect(only(cs({}), [receipt({ receiptDate: null })])).toEqual({ status: 'completed', reasons: ['全国组织关系转接系统：已报到', '回执没有日期'] });
  });
  it('a receipt date that cannot be read is quoted', () => {
    expect(only(cs({}), [receipt({ receiptDate: null, receiptDateText: '2026年13月' })]).reasons).toEqual(['全国组织关系转接系统：已报到', '回执日期「2026年13月」无法识别']);
  });
  it('a name that agrees only after folding says which foldings (spaces, traditional characters)', () => {
    expect(only(cs({}), [receipt({ name: '張 明遠' })])).toEqual({
      status: 'completed', reasons: ['全国组织关系转接系统 2026-07-01：已报到', '姓名按忽略姓名中的空格、繁体字按简体比较后一致'],
    });
  });
  it('a failed transfer quotes the refusal with its source and date', () => {
    expect(only(cs({}), [receipt({ statusText: '退回', state: 'failed' })])).toEqual({ status: 'failed', reasons: ['全国组织关系转接系统 2026-07-01：退回'] });
  });
  it('a failed transfer from a file without a source is 「回执 …」', () => {
    expect(only(cs({}), [receipt({ source: '', statusText: '对方拒绝接收', state: 'failed' })]).reasons).toEqual(['回执 2026-07-01：对方拒绝接收']);
  });
});

describe('a receipt that contradicts the registration is 信息不符, naming the receipt and each field', () => {
  it('matched by 学号 under another name', () => {
    const r = receipt({ file: '党员E先锋导出.xlsx', row: 5, idNumber: null, idText: '', name: '李四' });
    expect(only(cs({}), [r])).toEqual({ status: 'mismatch', reasons: ['党员E先锋导出.xlsx 第5行：姓名不符（回执为「李四」）'] });
  });
  it('matched by 学号 and name with another valid ID number', () => {
    expect(only(cs({}), [receipt({ idNumber: '110105200311070022', idText: '110105200311070022' })])).toEqual({
      status: 'mismatch', reasons: ['全国系统导出.xlsx 第2行：身份证号不符'],
    });
  });
  it('matched by ID number with another name and another 学号: both named, in one line', () => {
    expect(only(cs({}), [receipt({ name: '李四', studentId: '2022999999' })]).reasons).toEqual(['全国系统导出.xlsx 第2行：姓名不符（回执为「李四」），学号不符（回执为 2022999999）']);
  });
  it('a landing and a refusal on the same day contradict each other: both rows named', () => {
    const landed = receipt({ file: '全国系统导出.xlsx', row: 2 });
    const refused = receipt({ file: '党员E先锋导出.xlsx', row: 7, source: '党员E先锋', statusText: '退回', state: 'failed' });
    expect(only(cs({}), [landed, refused])).toEqual({ status: 'mismatch', reasons: ['同一天既有接收回执又有退回记录（党员E先锋导出.xlsx 第7行、全国系统导出.xlsx 第2行）'] });
  });
  it('a landing and a refusal, neither dated: which came last is unknown, and the reason says so', () => {
    const landed = receipt({ file: '全国系统导出.xlsx', row: 2, receiptDate: null });
    const refused = receipt({ file: '党员E先锋导出.xlsx', row: 7, source: '党员E先锋', statusText: '退回', state: 'failed', receiptDate: null });
    expect(only(cs({}), [landed, refused])).toEqual({ status: 'mismatch', reasons: ['都没有日期，无法判断先后，既有接收回执又有退回记录（党员E先锋导出.xlsx 第7行、全国系统导出.xlsx 第2行）'] });
  });
});

describe('the latest definite receipt decides, whatever order the files were read in', () => {
  it('a landing after a refusal completes even when the landing is read first', () => {
    const redone = [receipt({ receiptDate: '2026-07-20' }), receipt({ row: 3, statusText: '退回', state: 'failed', receiptDate: '2026-07-01' })];
    expect(only(cs({}), redone)).toEqual({ status: 'completed', reasons: ['全国组织关系转接系统 2026-07-20：已报到'] });
  });
  it('a later record still in progress (待接收) does not undo a landing', () => {
    const later = receipt({ file: '党员E先锋导出.xlsx', source: '党员E先锋', statusText: '待接收', state: 'open', receiptDate: '2026-07-10' });
    expect(only(cs({}), [receipt({}), later]).status).toBe('completed');
  });
  it.each([
    ['read first', (undated: ReceiptRecord, dated: ReceiptRecord) => [undated, dated]],
    ['read last', (undated: ReceiptRecord, dated: ReceiptRecord) => [dated, undated]],
  ])('an undated landing never outranks a dated refusal (%s): 转接失败', (_, order) => {
    const undated = receipt({ receiptDate: null });
    const dated = receipt({ row: 3, statusText: '退回', state: 'failed', receiptDate: '2026-07-10' });
    expect(only(cs({}), order(undated, dated)).status).toBe('failed');
  });
  it('a photo waiting for its original does not outrank an earlier landing: completed by that one', () => {
    const photo = mailReceiptRecord({
      folder: 'INBOX', uid: 41, date: '2026-07-10', name: '张明远', studentId: '2022083101', note: '',
      origin: { from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-回执', messageId: '<p41@example.com>', attachments: ['回执.jpg'], saved: [] },
    }, false);
    expect(only(cs({}), [receipt({}), photo])).toEqual({ status: 'completed', reasons: ['全国组织关系转接系统 2026-07-01：已报到'] });
  });
  it('a photo after an earlier refusal waits for its original: the refusal is no landing to count instead', () => {
    const photo = mailReceiptRecord({
      folder: 'INBOX', uid: 42, date: '2026-07-10', name: '张明远', studentId: '2022083101', note: '',
      origin: { from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-回执', messageId: '<p42@example.com>', attachments: ['回执.jpg'], saved: [] },
    }, false);
    const refused = receipt({ statusText: '退回', state: 'failed' });
    expect(only(cs({}), [refused, photo])).toEqual({ status: 'photo', reasons: ['邮件回执 2026-07-10：回执照片已收到，待原件'] });
  });
});

describe('without a name on one side, only an equal valid ID number is certain enough', () => {
  const nameless = (o: Partial<ReceiptRecord>) => receipt({ file: '党员E先锋导出.xlsx', row: 4, name: '', source: '党员E先锋', statusText: '已接收', ...o });
  it('a registration row without a name is not completed by a nameless receipt with its ID number', () => {
    expect(only(cs({ 姓名: '' }), [nameless({})])).toEqual({ status: 'mismatch', reasons: ['党员E先锋导出.xlsx 第4行：登记表缺少姓名，无法核对'] });
  });
  it('a nameless receipt matched by 学号 alone, the registered ID being invalid, is checked by a person', () => {
    expect(only(cs({ 身份证号: '110108200403151233' }), [nameless({ idNumber: null, idText: '' })])).toEqual({
      status: 'mismatch', reasons: ['党员E先锋导出.xlsx 第4行：回执缺少姓名，无法核对', '身份证号「1101…1233」无效，无法按身份证号与回执对应，请更正登记表'],
    });
  });
  it('a nameless receipt with a valid ID number matched by 学号 to a row whose ID is invalid is checked by a person', () => {
    expect(only(cs({ 身份证号: '110108200403151233' }), [nameless({})]).status).toBe('mismatch');
  });
  it('a nameless receipt with the equal valid ID number completes, and says so', () => {
    expect(only(cs({}), [nameless({})])).toEqual({ status: 'completed', reasons: ['党员E先锋 2026-07-01：已接收', '回执没有姓名，按身份证号核对'] });
  });
});

describe('without a receipt, the calendar decides (cohort 2026), and says why', () => {
  const paper = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 开具日期: '2026-06-12', 有效期: 30 };
  it.each([
    ['办理中', {}, '2026-07-01', 'pending', ['尚未收到回执']],
    ['升学待定 in summer', { 毕业去向: '升学', 接收党组织: '待定' }, '2026-08-25', 'pending', ['升学，接收党支部待定，可在9月份办理']],
    ['按规定保留', { 毕业去向: '出国(境)', 接收党组织: '' }, '2026-12-10', 'exempt', ['毕业去向为「出国(境)」，组织关系按规定保留']],
    ['超期未落实 on 9月1日', {}, '2026-09-01', 'overdue', ['截至 2026-09-01 未收到回执，已过 9月1日清查节点']],
    ['按失联处置 on 12月10日', {}, '2026-12-10', 'lost', ['截至 2026-12-10 未收到回执，已过 12月10日复核节点']],
    ['介绍信过期 the summer after its last valid day', paper, '2026-08-20', 'expired', ['纸质介绍信 2026-07-12 已过有效期，未收到回执']],
    ['超期未落实 with the expired letter still to be replaced', paper, '2026-09-01', 'overdue',
      ['截至 2026-09-01 未收到回执，已过 9月1日清查节点', '纸质介绍信 2026-07-12 已过有效期：须交回原介绍信后重开']],
  ])('%s', (_, row, asOf, status, reasons) => expect(only(cs(row), [], asOf)).toEqual({ status, reasons }));
});

describe('an invalid ID number stays in the row whatever its status, masked to its ends', () => {
  it.each([
    ['18 characters: first and last four', '110108200403151233', '1101…1233'],
    ['9 characters: still masked', '110108200', '1101…8200'],
    ['8 characters: too short to identify anyone, shown whole', '11010820', '11010820'],
  ])('%s', (_, id, shown) => {
    const r = run(cs({ 身份证号: id }), [], '2026-07-01');
    const reason = `身份证号「${shown}」无效，无法按身份证号与回执对应，请更正登记表`;
    expect(r.members.map((m) => [m.status, m.reasons])).toEqual([['pending', ['尚未收到回执', reason]]]);
    expect(r.invalidIds).toEqual([{ file: '计算机学院.xlsx', row: 3, college: '计算机学院', name: '张明远', reason }]);
  });
  it('a member completed by 学号 is not told again, but the 组织部 still sees the row to correct', () => {
    const r = run(cs({ 身份证号: '110108200403151233' }), [receipt({ idNumber: null, idText: '' })]);
    expect(r.members.map((m) => [m.status, m.reasons])).toEqual([['completed', ['全国组织关系转接系统 2026-07-01：已报到']]]);
    expect(r.invalidIds.map((p) => p.reason)).toEqual(['身份证号「1101…1233」无效，无法按身份证号与回执对应，请更正登记表']);
  });
  it('a valid ID number is no finding', () => expect(run(cs({}), []).invalidIds).toEqual([]));
});

describe('a row that cannot be paired with any receipt', () => {
  it('an invalid ID number and no 学号: listed as unusable, with the reason', () => {
    const r = run(cs({ 身份证号: '110108200403151233', 学号: '' }), []);
    expect(r.members).toEqual([]);
    expect(r.unusable).toEqual([{ file: '计算机学院.xlsx', row: 3, college: '计算机学院', name: '张明远', reason: '身份证号无效且没有学号，无法与回执对应。' }]);
    expect(r.summary.unusable).toBe(1);
  });
  it('a valid ID number without a 学号 is reconciled by the ID', () => {
    const r = run(cs({ 学号: '' }), [receipt({ studentId: '' })]);
    expect(r.unusable).toEqual([]);
    expect(r.members.map((m) => m.status)).toEqual(['completed']);
  });
});

describe('a paper letter whose dates cannot be read (expiry cannot be judged) stays in the row', () => {
  const paper = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042' };
  it.each([
    ['both unreadable', { 开具日期: '六月十二日', 有效期: '3个月' }, '纸质介绍信开具日期「六月十二日」无法识别，有效期「3个月」无法识别（应为天数，如 90），无法判断是否过期，请更正登记表'],
    ['both blank', { 开具日期: '', 有效期: '' }, '纸质介绍信未填写开具日期，未填写有效期，无法判断是否过期，请更正登记表'],
    ['the validity alone unreadable', { 开具日期: '2026-06-12', 有效期: '3个月' }, '纸质介绍信有效期「3个月」无法识别（应为天数，如 90），无法判断是否过期，请更正登记表'],
    ['the issue date alone blank', { 开具日期: '', 有效期: 30 }, '纸质介绍信未填写开具日期，无法判断是否过期，请更正登记表'],
  ])('%s', (_, dates, reason) => {
    const r = run(cs({ ...paper, ...dates }), [], '2026-07-01');
    expect(r.members.map((m) => [m.status, m.reasons])).toEqual([['pending', ['尚未收到回执', reason]]]);
    expect(r.unreadLetters).toEqual([{ file: '计算机学院.xlsx', row: 3, college: '计算机学院', name: '张明远', reason }]);
  });
  it('a completed member is not told again, but the 组织部 still sees the letter', () => {
    const r = run(cs({ ...paper, 开具日期: '2026-06-12', 有效期: '3个月' }), [receipt({})]);
    expect(r.members.map((m) => [m.status, m.reasons])).toEqual([['completed', ['全国组织关系转接系统 2026-07-01：已报到']]]);
    expect(r.unreadLetters).toHaveLength(1);
  });
  it('a letter with both dates readable is no finding', () => {
    expect(run(cs({ ...paper, 开具日期: '2026-06-12', 有效期: 30 }), [], '2026-07-01').unreadLetters).toEqual([]);
  });
  it('an online transfer has no letter dates to read', () => {
    expect(run(cs({ 开具日期: '', 有效期: '' }), [], '2026-07-01').unreadLetters).toEqual([]);
  });
});

describe('near misses: same name, ID number one digit or one swap away — paired for a person, never completed', () => {
  const national = (o: Partial<ReceiptRecord> = {}) => receipt({ studentId: '', ...o });
  it('a mistyped digit: the receipt is named with its source, date and state, and the digit', () => {
    const r = run(cs({ 身份证号: TYPO_DIGIT }), [national()]);
    const difference = '身份证号第16位不同（登记为「8」，回执为「2」），登记的身份证号校验码不符';
    expect(r.members.map((m) => [m.status, m.reasons])).toEqual([['mismatch', [
      `疑似同一人，请核对后更正：全国系统导出.xlsx 第2行（全国组织关系转接系统 2026-07-01 已报到）姓名相同，${difference}；未计为完成`,
      '身份证号「1101…1832」无效，无法按身份证号与回执对应，请更正登记表',
    ]]]);
    expect(r.nearMisses).toEqual([{ file: '计算机学院.xlsx', row: 3, college: '计算机学院', name: '张明远', reason: `全国系统导出.xlsx 第2行：${difference}` }]);
    expect([r.orphans, r.summary.orphans]).toEqual([[], 0]);
  });
  it('two neighbouring digits swapped, on a receipt with no source, date or status word', () => {
    const r = run(cs({ 身份证号: TYPO_SWAP }), [national({ source: '', statusText: '', receiptDate: null })]);
    expect(r.members[0]!.reasons[0]).toBe('疑似同一人，请核对后更正：全国系统导出.xlsx 第2行（回执 已回执）姓名相同，身份证号第16、17位顺序颠倒（登记为「32」，回执为「23」），登记的身份证号校验码不符；未计为完成');
  });
  it('names are compared without spaces (「王 磊」 registered, 「王磊」 on the receipt)', () => {
    const r = run(registered('经济管理学院', { 姓名: '王  磊', 学号: '2022091107', 身份证号: '310115200401022412' }), [national({ name: '王磊', idNumber: '310115200401022411', idText: '310115200401022411' })]);
    expect(r.members.map((m) => m.status)).toEqual(['mismatch']);
    expect(r.nearMisses).toHaveLength(1);
  });
  it('under another name it is someone else: no pair, the receipt stays unmatched', () => {
    const r = run(cs({ 身份证号: TYPO_DIGIT }), [national({ name: '张明达' })]);
    expect(r.members.map((m) => m.status)).toEqual(['pending']);
    expect([r.nearMisses, r.orphans.map((o) => o.name)]).toEqual([[], ['张明达']]);
  });
  it('with another 学号 on the receipt it is someone else', () => {
    const r = run(cs({ 身份证号: TYPO_DIGIT }), [national({ studentId: '2022083115' })]);
    expect(r.members.map((m) => m.status)).toEqual(['pending']);
    expect(r.nearMisses).toEqual([]);
  });
  it('a member some receipt already matched is not paired again', () => {
    const eFirst = receipt({ file: '党员E先锋导出.xlsx', source: '党员E先锋', idNumber: null, idText: '', statusText: '已接收' });
    const r = run(cs({ 身份证号: TYPO_DIGIT }), [eFirst, national()]);
    expect(r.members.map((m) => m.status)).toEqual(['completed']);
    expect(r.nearMisses).toEqual([]);
  });
  it('a receipt that completed one 张明远 is never offered to another 张明远 whose ID is one digit from it', () => {
    const two = cs({}, { 学号: '2022083115', 身份证号: TYPO_DIGIT, 联系电话: '13912345679' });
    const r = run(two, [national()]);
    expect(r.members.map((m) => m.status)).toEqual(['completed', 'pending']);
    expect(r.nearMisses).toEqual([]);
  });
});

describe('a person registered twice is reconciled once, listed in both colleges, counted once', () => {
  const twice = () => [
    ...cs({}, { 姓名: '李思雨', 性别: '女', 学号: '2022083102', 身份证号: '110105200311070022' }),
    ...registered('经济管理学院', { 学院: '经济管理学院党委' }, { 学院: '经济管理学院党委', 姓名: '王芳', 性别: '女', 学号: '2022091104', 身份证号: '110102200306284027' }),
  ];
  it('each row in its own college, in the order read, both naming the other; the repeat is not counted', () => {
    const r = run(twice(), [receipt({})]);
    expect(r.members.map((m) => [m.college, m.row, m.name, m.status, m.counted, m.reasons])).toEqual([
      ['计算机学院', 3, '张明远', 'completed', true, ['重复登记（另见 经济管理学院 第3行）', '全国组织关系转接系统 2026-07-01：已报到']],
      ['计算机学院', 4, '李思雨', 'pending', true, ['尚未收到回执']],
      ['经济管理学院', 3, '张明远', 'completed', false, ['重复登记（另见 计算机学院 第3行）', '全国组织关系转接系统 2026-07-01：已报到']],
      ['经济管理学院', 4, '王芳', 'pending', true, ['尚未收到回执']],
    ]);
    expect(r.repeats.map((p) => [p.first.college, p.repeat.college, p.by])).toEqual([['计算机学院', '经济管理学院', '身份证号、学号']]);
  });
  it('the totals count the person once, in the college of the row counted', () => {
    const { summary } = run(twice(), [receipt({})]);
    const zero = { completed: 0, mismatch: 0, unclear: 0, failed: 0, exempt: 0, lost: 0, overdue: 0, expired: 0, photo: 0, pending: 0 };
    expect(summary).toEqual({
      total: 3,
      byStatus: { ...zero, completed: 1, pending: 2 },
      byCollege: { 计算机学院: { ...zero, completed: 1, pending: 1, total: 2 }, 经济管理学院: { ...zero, pending: 1, total: 1 } },
      orphans: 0, unusable: 0, repeats: 1,
    });
  });
  it('the repeat row keeps its own facts: an ID number mistyped in the second registration', () => {
    const rows = [...cs({}), ...registered('经济管理学院', { 学院: '经济管理学院党委', 身份证号: '110108200403151233' })];
    const r = run(rows, [], '2026-07-01');
    expect(r.members.map((m) => m.reasons)).toEqual([
      ['重复登记（另见 经济管理学院 第3行）', '尚未收到回执'],
      ['重复登记（另见 计算机学院 第3行）', '尚未收到回执', '身份证号「1101…1233」无效，无法按身份证号与回执对应，请更正登记表'],
    ]);
    expect(r.invalidIds.map((p) => p.college)).toEqual(['经济管理学院']);
  });
});

describe('receipts no registration matches', () => {
  it('are all listed, but the total counts only those from files (mail receipts are counted with the mailbox)', () => {
    const strangers = [
      receipt({ row: 8, name: '赵无名', idNumber: '11010519491231002X', idText: '11010519491231002X', studentId: '2019000001' }),
      receipt({ row: 9, name: '钱多多', idNumber: null, idText: '', studentId: '2019000002' }),
      mailReceiptRecord({
        folder: 'INBOX', uid: 7, date: '2026-07-03', name: '孙某某', studentId: '2019000003', note: '',
        origin: { from: '孙某某 <sun@example.com>', subject: '孙某某-2019000003-回执', messageId: '<m7@example.com>', attachments: ['回执.jpg'], saved: [] },
      }, true),
    ];
    const r = run(cs({}), strangers);
    expect(r.orphans.map((o) => o.name)).toEqual(['赵无名', '钱多多', '孙某某']);
    expect(r.summary.orphans).toBe(2);
  });
});

describe('an expired paper letter after a receipt photo', () => {
  // The photo of the stamped receipt shows the letter was received: dated inside its validity
  // (through 07-12), only the original receipt is owed (STATUS_INFO.photo), not a new letter.
  it('a photo dated inside the validity asks for the original receipt, not a new letter', () => {
    const paper = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 开具日期: '2026-06-12', 有效期: 30 };
    const photo = mailReceiptRecord({
      folder: 'INBOX', uid: 43, date: '2026-07-05', name: '张明远', studentId: '2022083101', note: '',
      origin: { from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-回执', messageId: '<p43@example.com>', attachments: ['回执.jpg'], saved: [] },
    }, false);
    expect(only(cs(paper), [photo], '2026-08-20')).toEqual({ status: 'photo', reasons: ['邮件回执 2026-07-05：回执照片已收到，待原件'] });
  });

  it.each([
    ['2026-07-12', false], // the letter's last valid day
    ['2026-07-13', true], // received after it had expired: the letter must still be reissued
  ])('a photo dated %s: reissue advice %s', (date, advised) => {
    const paper = { 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 开具日期: '2026-06-12', 有效期: 30 };
    const photo = mailReceiptRecord({
      folder: 'INBOX', uid: 44, date, name: '张明远', studentId: '2022083101', note: '',
      origin: { from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-回执', messageId: '<p44@example.com>', attachments: ['回执.jpg'], saved: [] },
    }, false);
    const { status, reasons } = only(cs(paper), [photo], '2026-08-20');
    expect(status).toBe('photo');
    expect(reasons.includes('纸质介绍信 2026-07-12 已过有效期：须交回原介绍信后重开')).toBe(advised);
  });
});

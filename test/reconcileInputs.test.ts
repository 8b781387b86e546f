/**
 * The reconciliation's inputs judged before any member is counted (issue 18): whether a
 * receipts file belongs to this season at all, how the receipt sources and their gaps are
 * named and what a send day does about them, the alerts a person must act on, repeats
 * across sheets, and online transfers that stall (seed 004, 湘组办〔2018〕14号 第九条).
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../shared/idNumber.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { receiptFileFit } from '../shared/receiptFit.js';
import { beijingMinute, gapNotice, gapsOf, heldNotice, MAILBOX_SOURCE, sendDecision, sourcesLine, type ReceiptSource } from '../shared/receiptSources.js';
import { findingsText, reconcileAlerts } from '../shared/reconcileFindings.js';
import type { ReconcileResult } from '../shared/reconcile.js';
import { markRepeatsAcross, type RepeatScope } from '../shared/repeats.js';
import type { Finding, MemberRecord } from '../shared/validate.js';
import { onlineStall, stallReason, stallText, STALL_LABEL } from '../shared/onlineStall.js';
import { WorkCalendar } from '../shared/workdays.js';
import { repeatedRegistrations } from '../shared/samePerson.js';
import { idDifference } from '../shared/nearMiss.js';
import type { Reminder } from '../shared/deadlines.js';

/** A valid GB 11643 number (Beijing 海淀, born 2004-05-15, sequence `seq`). */
const id = (seq: number) => {
  const first17 = `11010820040515${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

const COHORT = 2026;

// Registrations of cohort 2026 (entered 2022): two wrote no 学号, only the ID number.
const MEMBERS = [
  { idNumber: id(101), studentId: '2022083101' }, // 张明远
  { idNumber: id(102), studentId: '' }, // 李思雨
  { idNumber: id(103), studentId: '' }, // 王浩然
];

function receipt(file: string, row: number, r: Partial<ReceiptRecord> = {}): ReceiptRecord {
  return {
    file, row, name: '张明远', idNumber: null, idText: '', studentId: '', receivingOrg: '中共北京市海淀区某某街道第一党支部',
    receiptDate: null, receiptDateText: '', source: '全国组织关系转接系统', statusText: '已接收', state: 'landed', ...r,
  };
}

/** A receipts file of `sids.length` rows, the i-th with 学号 sids[i] and date dates[i]. */
const file = (name: string, sids: string[], dates: (string | null)[] = []) =>
  sids.map((sid, i) => receipt(name, i + 2, { studentId: sid, receiptDate: dates[i] ?? null }));

const fit = (receipts: ReceiptRecord[], members = MEMBERS) => receiptFileFit({ receipts, members, cohort: COHORT });
const causeOf = (receipts: ReceiptRecord[]) => fit(receipts)[0]?.cause;

const OTHER_PLACE = '身份证号、学号都与登记表对不上：可能是其他学校或单位的导出，或放错了文件';

describe('a receipts file that matches almost none of the registrations (issue 18, item 6)', () => {
  it('next year\'s export (学号 2023…) is named with the 学号 years of both sides', () => {
    // One stray 2021 row first: the most common year decides, not the first row's.
    const next = file('下一届回执.xlsx', ['2021083109', '20230801', '20230802', '20230803']);
    expect(fit(next)).toEqual([{
      file: '下一届回执.xlsx', rows: 4, matching: 0,
      cause: '回执的学号多以「2023」开头，登记表多以「2022」开头：可能是其他届别的回执',
    }]);
  });

  it('学号 years on both sides that agree do not blame the cohort', () => {
    expect(causeOf(file('别校.xlsx', ['2022990001', '2022990002', '2022990003']))).toBe(OTHER_PLACE);
  });

  it('another year on only half the rows is no majority', () => {
    expect(causeOf(file('混合.xlsx', ['20230801', '20230802', 'S2023003', 'S2023004']))).toBe(OTHER_PLACE);
  });

  it('学号 another school writes (S2023001) have no entry year, even holding one inside', () => {
    expect(causeOf(file('外校.xlsx', ['S2023001', 'S2023002', 'S2023003']))).toBe(OTHER_PLACE);
  });

  it('receipt dates in another season (June to May) name that season\'s cohort', () => {
    const rows = file('2027届.xlsx', ['X1', 'X2', 'X3', 'X4'], ['2027-06-20', '2028-05-10', '2028-05-20', null]);
    expect(causeOf(rows)).toBe('回执日期多在 2027 届的转接期内（本次为 2026 届）：可能是其他届别的导出');
  });

  it('dates from June of the cohort year to May of the next are this season', () => {
    expect(causeOf(file('本届.xlsx', ['X1', 'X2', 'X3'], ['2026-06-20', '2026-06-25', '2027-05-20']))).toBe(OTHER_PLACE);
    expect(causeOf(file('本届.xlsx', ['X1', 'X2', 'X3'], ['2026-07-01', '2026-12-31', '2027-05-31']))).toBe(OTHER_PLACE);
  });

  it('half the dates in another season is no majority', () => {
    expect(causeOf(file('半数.xlsx', ['X1', 'X2', 'X3', 'X4'], ['2026-07-01', '2026-08-01', '2025-07-01', '2025-08-01']))).toBe(OTHER_PLACE);
  });

  it('a file matched by ID number or by 学号 is this season\'s, an ID or 学号 of nobody registered is not', () => {
    const byId = [receipt('国家系统.xlsx', 2, { idNumber: id(102) }), receipt('国家系统.xlsx', 3, { idNumber: id(201) }), receipt('国家系统.xlsx', 4, { idNumber: id(202) })];
    expect(fit(byId)).toEqual([]);
    const bySid = file('E先锋.xlsx', ['2022083101', '2022083198', '2022083199']);
    expect(fit(bySid)).toEqual([]);
    const strangers = [receipt('陌生.xlsx', 2, { idNumber: id(301), studentId: '2022990001' }), receipt('陌生.xlsx', 3, { idNumber: id(302), studentId: '2022990002' }), receipt('陌生.xlsx', 4, { idNumber: id(303), studentId: '2022990003' })];
    expect(fit(strangers).map((f) => [f.rows, f.matching])).toEqual([[3, 0]]);
  });

  it('one matching row in ten is still almost none; more is a real file', () => {
    const sids = ['2022083101', ...Array.from({ length: 9 }, (_, i) => `20229900${i + 10}`)];
    expect(fit(file('十行.xlsx', sids)).map((f) => [f.rows, f.matching])).toEqual([[10, 1]]);
    expect(fit(file('九行.xlsx', sids.slice(0, 9)))).toEqual([]);
  });

  it('two stray rows say nothing; three do', () => {
    expect(fit(file('两行.xlsx', ['S1', 'S2']))).toEqual([]);
    expect(fit(file('三行.xlsx', ['S1', 'S2', 'S3'])).map((f) => f.rows)).toEqual([3]);
  });

  it('mails of the mailbox are judged one by one, never as a file', () => {
    const mail = { from: 'a@example.com', subject: '回执', messageId: '<1@x>', attachments: [], saved: [] } as unknown as ReceiptRecord['mail'];
    expect(fit(['S1', 'S2', 'S3'].map((sid, i) => receipt(MAILBOX_SOURCE, i + 1, { studentId: sid, mail })))).toEqual([]);
  });

  it('with no registrations there is nothing to match against', () => {
    expect(fit(file('外校.xlsx', ['S1', 'S2', 'S3']), [])).toEqual([]);
  });

  it('files are judged each on its own', () => {
    const rows = [...file('a.xlsx', ['S1', 'S2', 'S3']), ...file('b.xlsx', ['2022083101', 'S5', 'S6'])];
    expect(fit(rows).map((f) => f.file)).toEqual(['a.xlsx']);
  });
});

describe('receipt sources named in every mail and report', () => {
  it('a moment in Beijing time', () => {
    expect(beijingMinute(new Date('2026-08-25T00:30:00Z'))).toBe('2026-08-25 08:30');
    expect(beijingMinute(new Date('2026-08-24T16:05:00Z'))).toBe('2026-08-25 00:05');
  });

  const file1: ReceiptSource = { name: '全国系统导出.xlsx', asOf: '2026-08-20 10:00', problem: null };
  const mailbox: ReceiptSource = { name: MAILBOX_SOURCE, asOf: '2026-08-25 08:30', problem: null };
  const broken: ReceiptSource = { name: MAILBOX_SOURCE, asOf: '2026-08-24 08:30', problem: '无法登录邮箱' };
  const never: ReceiptSource = { name: 'E先锋.xlsx', asOf: null, problem: '文件无法打开' };

  it('the sources line', () => {
    expect(sourcesLine([])).toBe('回执来源：无。');
    expect(sourcesLine([file1, mailbox])).toBe('回执来源：全国系统导出.xlsx（2026-08-20 10:00 的版本）、回执邮箱（2026-08-25 08:30 读取）。');
    expect(sourcesLine([broken, never])).toBe('回执来源：回执邮箱（本次无法使用，最后可用：2026-08-24 08:30）、E先锋.xlsx（本次无法使用，最后可用：无）。');
    expect(sourcesLine([{ name: MAILBOX_SOURCE, asOf: null, problem: null }])).toBe('回执来源：回执邮箱（从未读取成功）。');
  });

  it('the gaps are the sources with a problem', () => {
    expect(gapsOf([file1, broken, mailbox, never])).toEqual([broken, never]);
  });

  const reminder: Reminder = { checkpoint: '09-01', lead: 7, date: '2026-08-25' };
  it('a send day with a gap holds the lists until the checkpoint itself, then sends them with the gap stated', () => {
    expect(sendDecision([], reminder, '2026-08-25', COHORT)).toBe('send');
    expect(sendDecision([broken], reminder, '2026-08-31', COHORT)).toBe('hold');
    expect(sendDecision([broken], reminder, '2026-09-01', COHORT)).toBe('sendWithGap');
    expect(sendDecision([broken], reminder, '2026-09-03', COHORT)).toBe('sendWithGap');
  });

  it('the gap at the top of a mail sent in spite of it', () => {
    expect(gapNotice([broken, never])).toBe('注意：以下回执来源本次无法使用，名单可能包含其实已完成转接的党员，请核对后再联系本人：回执邮箱（无法登录邮箱；最后可用：2026-08-24 08:30）；E先锋.xlsx（文件无法打开；最后可用：无）。');
  });

  it('what the 组织部 is told when lists are held', () => {
    expect(heldNotice([broken, never], reminder, [{ college: '计算机学院', members: 12 }, { college: '外国语学院', members: 3 }])).toEqual({
      subject: '【组织关系转接】暂缓发送：回执来源无法使用，2 个学院的9月1日提醒未发出',
      lines: [
        '今天应发送9月1日节点提醒（原定 2026-08-25），但以下回执来源无法使用，按这样的名单提醒会把已完成转接的党员当作未完成：',
        '- 回执邮箱：无法登录邮箱（最后可用：2026-08-24 08:30）',
        '- E先锋.xlsx：文件无法打开（最后可用：无）',
        '',
        '暂缓发送的学院提醒（问题解决后，下次运行时自动补发；到节点当天仍无法使用时，照常发送并在邮件开头说明缺少的来源）：',
        '- 计算机学院（12 人）',
        '- 外国语学院（3 人）',
      ],
    });
  });
});

describe('the findings a person must act on', () => {
  const place = (college: string, file: string, row: number, name: string) => ({ college, file, row, name });
  const empty = { repeats: [], nearMisses: [], invalidIds: [], unreadLetters: [], unfitReceiptFiles: [] };
  const result = (r: Partial<ReconcileResult>) => ({ ...empty, ...r }) as unknown as ReconcileResult;

  it('nothing to act on says nothing', () => {
    expect(reconcileAlerts(result({}))).toEqual([]);
    expect(findingsText(result({}))).toEqual([]);
  });

  it('every kind of finding, in words', () => {
    const r = result({
      repeats: [{ first: place('计算机学院', '计算机.xlsx', 5, '王浩然'), repeat: place('外国语学院', '外国语.xlsx', 13, '王浩然'), by: '身份证号、学号' }] as unknown as ReconcileResult['repeats'],
      nearMisses: [{ ...place('计算机学院', '计算机.xlsx', 7, '李思雨'), reason: '身份证号第18位不同（登记为「1」，回执为「7」）' }],
      invalidIds: [
        { ...place('计算机学院', '计算机.xlsx', 3, '张明远'), reason: '' },
        { ...place('计算机学院', '计算机.xlsx', 9, ''), reason: '' },
        { ...place('外国语学院', '外国语.xlsx', 4, '陈静怡'), reason: '' },
      ],
      unreadLetters: [{ ...place('外国语学院', '外国语.xlsx', 6, '刘子涵'), reason: '有效期「三个月左右」无法识别' }],
      unfitReceiptFiles: [{ file: '下一届回执.xlsx', rows: 20, matching: 0, cause: '可能是其他届别的回执' }],
    });
    expect(findingsText(r)).toEqual([
      '以下党员在两处登记（重复登记），每人只计一次（计入前一处），两处的名单中都已注明，请删除多余的一行：',
      '- 王浩然（身份证号、学号相同）：计算机学院 计算机.xlsx 第5行 与 外国语学院 外国语.xlsx 第13行',
      '以下登记与某张回执疑似同一人（姓名相同，身份证号相差一位或两位颠倒），未计为完成，请核对后更正：',
      '- 计算机学院 计算机.xlsx 第7行 李思雨：身份证号第18位不同（登记为「1」，回执为「7」）',
      '以下登记行的身份证号无效，无法与回执对应，请学院更正：',
      '- 计算机学院（计算机.xlsx）：第3行 张明远、第9行 （姓名空）',
      '- 外国语学院（外国语.xlsx）：第4行 陈静怡',
      '以下纸质介绍信的开具日期或有效期无法识别，无法判断是否过期：',
      '- 外国语学院 外国语.xlsx 第6行 刘子涵：有效期「三个月左右」无法识别',
      '以下回执文件与登记表几乎对不上，请确认是否放错了文件：',
      '- 下一届回执.xlsx：20 行中只有 0 行对应到登记表的身份证号或学号；可能是其他届别的回执',
    ]);
    expect(reconcileAlerts(result({ invalidIds: r.invalidIds })).map((a) => a.head)).toEqual(['以下登记行的身份证号无效，无法与回执对应，请学院更正：']);
  });
});

describe('repeats across sheets and files', () => {
  const finding = (row: number, message: string): Finding => ({ row, field: 'phone', column: 'U', code: 'PHONE_INVALID', severity: 'warning', message } as unknown as Finding);
  const member = (row: number, studentId: string, idNumber: string | null) => ({ row, studentId, idNumber }) as unknown as MemberRecord;
  const scope = (group: string, college: string, records: MemberRecord[], findings: Finding[] = []): RepeatScope => ({
    group, findings, records, columns: { studentId: 'E', idNumber: 'F' }, where: (row) => `${college} 第${row}行`,
  });

  it('the same 学号 or ID number in another college\'s file is found at the later row, naming the first, in row order', () => {
    const a = scope('计算机.xlsx', '计算机学院', [member(3, '2022083101', id(101)), member(4, '2022083102', id(102))]);
    const b = scope('外国语.xlsx', '外国语学院', [member(2, '2022083109', id(109)), member(5, '2022083101', id(201)), member(8, '2022083108', id(102))], [finding(2, 'a'), finding(9, 'b')]);
    markRepeatsAcross([a, b]);
    expect(a.findings).toEqual([]);
    expect(b.findings.map((f) => [f.row, f.field, f.column, f.message])).toEqual([
      [2, 'phone', 'U', 'a'],
      [5, 'studentId', 'E', '学号与计算机学院 第3行重复（同一人登记了两次），请核对。'],
      [8, 'idNumber', 'F', '身份证号与计算机学院 第4行重复（同一人登记了两次），请核对。'],
      [9, 'phone', 'U', 'b'],
    ]);
  });

  it('rows of one group are left to the sheet\'s own rules; a sheet without repeats keeps its findings as they were', () => {
    const one = scope('计算机.xlsx', '计算机学院', [member(3, '2022083101', id(101))]);
    const same = scope('计算机.xlsx', '计算机学院', [member(7, '2022083101', id(101))], [finding(9, 'b'), finding(7, 'a')]);
    markRepeatsAcross([one, same]);
    expect(same.findings.map((f) => f.row)).toEqual([9, 7]);
    const alone = scope('外国语.xlsx', '外国语学院', [member(3, '2022083101', id(101))]);
    markRepeatsAcross([alone]);
    expect(alone.findings).toEqual([]);
  });
});

describe('who is one person, and which ID numbers are near misses', () => {
  const row = (file: string, r: number, name: string, studentId: string, idNumber: string | null) => ({ file, row: r, name, studentId, idNumber, college: '计算机学院' });
  it('a row matched by ID to one registration and by 学号 to an earlier one repeats the earliest', () => {
    const a = row('a.xlsx', 3, '张明远', '2022083101', null);
    const b = row('b.xlsx', 4, '张明远', '2022083199', id(101));
    const c = row('c.xlsx', 5, '张明远', '2022083101', id(101));
    expect(repeatedRegistrations([a, b, c]).map((p) => [p.first.file, p.repeat.file, p.by])).toEqual([['a.xlsx', 'b.xlsx', '身份证号'], ['a.xlsx', 'c.xlsx', '学号']].slice(1));
    const d = row('d.xlsx', 6, '张明远', '2022083199', null);
    expect(repeatedRegistrations([b, a, c]).map((p) => [p.first.file, p.repeat.file, p.by])).toEqual([['b.xlsx', 'c.xlsx', '身份证号']]);
    expect(repeatedRegistrations([a, d, c, b]).map((p) => [p.first.file, p.repeat.file, p.by])).toEqual([['a.xlsx', 'c.xlsx', '学号'], ['a.xlsx', 'b.xlsx', '身份证号']]);
  });
  it('the same 学号 without ID numbers is named by 学号 only; the same ID under two 学号 by ID only', () => {
    expect(repeatedRegistrations([row('a', 3, '李思雨', '2022083102', null), row('b', 4, '李思雨', '2022083102', null)]).map((p) => p.by)).toEqual(['学号']);
    expect(repeatedRegistrations([row('a', 3, '李思雨', '2022083102', id(102)), row('b', 4, '李思雨', '2022083111', id(102))]).map((p) => p.by)).toEqual(['身份证号']);
    expect(repeatedRegistrations([row('a', 3, '李思雨', '2022083102', null), row('b', 4, '王浩然', '2022083103', null)])).toEqual([]);
  });
  it('ID numbers of another length, or the same number, are no near miss', () => {
    expect(idDifference('11010820040515123', '110108200405151234')).toBeNull();
    expect(idDifference('110108200405151234', '11010820040515123')).toBeNull();
    expect(idDifference(id(101), id(101))).toBeNull();
    expect(idDifference('110108200405151234', '110108200405151243')).toEqual({ kind: 'swap', position: 17, registered: '34', receipt: '43' });
    expect(idDifference('110108200405151234', '110108200405151253')).toBeNull();
    expect(idDifference('110108200405151234', '110108200405151245')).toBeNull();
    expect(idDifference('110108200405151234', '110108200405151432')).toBeNull();
    expect(idDifference('110108200405151234', '110108200405152135')).toBeNull();
    expect(idDifference('110108200405151234', '110108200405151233')).toEqual({ kind: 'digit', position: 18, registered: '4', receipt: '3' });
  });
});

describe('online transfers that stall (seed 004: 接收一般不超过 15 个工作日)', () => {
  const calendar = new WorkCalendar();
  const online = { method: 'online' } as unknown as Parameters<typeof onlineStall>[0]['member'];
  const req = (requestDate: string | null, state: ReceiptRecord['state'] = 'open') => receipt('全国系统导出.xlsx', 2, { requestDate, state, statusText: '待接收' });
  const m = (receipts: ReceiptRecord[], status = 'pending', member = online) => ({ receipts, member, status }) as unknown as Parameters<typeof onlineStall>[0];

  it('counts working days from the latest request up to the as-of day', () => {
    // 2026-07-01 (Wed) to 2026-07-24 (Fri): 17 working days.
    const s = onlineStall(m([req('2026-07-01')]), '2026-07-24', calendar, 15)!;
    expect(s).toEqual({ requestDate: '2026-07-01', elapsed: 17, limit: 15, over: true, dueDate: '2026-07-22', unknownYears: [] });
    expect(stallText(s)).toBe('17（2026-07-01 发起，上限 15，审批超时）');
    expect(stallReason(s)).toBe(`${STALL_LABEL}：线上转接 2026-07-01 发起，已过 17 个工作日仍未接收（接收一般不超过 15 个工作日，湘组办〔2018〕14号第九条），请联系接收党委催办`);
    expect(stallText(onlineStall(m([req('2026-07-01')]), '2026-07-10', calendar, 15))).toBe('7（2026-07-01 发起，上限 15）');
  });

  it('a restarted transfer counts from its restart; a request after the as-of day, or none, is not counted', () => {
    expect(onlineStall(m([req('2026-07-10'), req('2026-07-01')]), '2026-07-24', calendar, 15)?.requestDate).toBe('2026-07-10');
    expect(onlineStall(m([req('2026-07-01'), req('2026-08-03')]), '2026-07-24', calendar, 15)?.requestDate).toBe('2026-07-01');
    expect(onlineStall(m([req('2026-07-01'), req(null)]), '2026-07-24', calendar, 15)?.requestDate).toBe('2026-07-01');
    expect(onlineStall(m([req('2026-07-24')]), '2026-07-24', calendar, 15)).toMatchObject({ requestDate: '2026-07-24', elapsed: 0, over: false });
    expect(onlineStall(m([req(null)]), '2026-07-24', calendar, 15)).toBeNull();
    expect(stallText(null)).toBe('');
  });

  it('no stall for a paper letter, a finished, exempt or photographed one, or a landed receipt', () => {
    const open = [req('2026-07-01')];
    expect(onlineStall(m(open, 'pending', { method: 'paper' } as typeof online), '2026-07-24', calendar, 15)).toBeNull();
    for (const status of ['completed', 'exempt', 'photo']) expect(onlineStall(m(open, status), '2026-07-24', calendar, 15)).toBeNull();
    expect(onlineStall(m([req('2026-07-01', 'failed'), req('2026-07-02', 'landed')]), '2026-07-24', calendar, 15)).toBeNull();
    expect(onlineStall(m([req('2026-07-01', 'failed')]), '2026-07-24', calendar, 15)?.over).toBe(true);
  });

  it('years the calendar does not know are said, once each', () => {
    const s = onlineStall(m([req('2040-12-20')]), '2041-01-10', calendar, 15)!;
    expect(s.unknownYears).toEqual([2040, 2041]);
    expect(stallText(s)).toContain('，含按周一至周五估算的年份）');
    // 2027 is not in the package: only the due day reaches it, or only the count does.
    expect(onlineStall(m([req('2026-12-20')]), '2026-12-28', calendar, 15)!.unknownYears).toEqual([2027]);
    expect(onlineStall(m([req('2026-11-02')]), '2027-01-08', calendar, 15)!.unknownYears).toEqual([2027]);
  });
});

/**
 * Receipt e-mails without a server: whose receipt a subject names, what an
 * attachment really is, and how an e-mailed photo counts in reconciliation.
 */
import { describe, expect, it } from 'vitest';
import { identifyReceiptMail, mailReceiptRecord, PHOTO_PENDING_TEXT, stripReplyPrefixes, type MailReceiptFact } from '../shared/mailReceipt.js';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { STATUS_INFO } from '../shared/statuses.js';
import { validateSheet } from '../shared/validate.js';
import { sniffReceiptFile } from '../jobs/inbox/content.js';
import { CLEAN, sheet } from './helpers.js';
import { EXE, HEIC, JPEG, PDF, PNG } from './mailMessages.js';

const subjectOnly = (subject: string) => identifyReceiptMail({ subject, text: '', attachmentNames: [] });

describe('subjects people really send (seed 003 asks for 「姓名-学号-党组织关系回执」)', () => {
  it.each([
    ['张明远-2022083101-党组织关系回执', 'the form seed 003 asks for'],
    ['张明远－2022083101－党组织关系回执', 'full-width dashes'],
    ['张明远—2022083101—党组织关系回执', 'em dashes'],
    ['张明远_2022083101_党组织关系回执', 'underscores'],
    ['张明远 2022083101 党组织关系回执', 'spaces'],
    ['张明远　2022083101　党组织关系回执', 'ideographic spaces'],
    ['2022083101-张明远-党组织关系回执', '学号 first'],
    ['党组织关系回执-张明远-2022083101', 'the words first'],
    ['张明远2022083101党组织关系回执', 'no separators at all'],
    ['张明远-2022083101', 'no 回执 words'],
    ['Re: 张明远-2022083101-党组织关系回执', 'Re:'],
    ['Fw: 张明远-2022083101-党组织关系回执', 'Fw:'],
    ['回复：张明远-2022083101-党组织关系回执', '回复：'],
    ['转发：RE: 张明远-2022083101-党组织关系回执', 'stacked 转发：RE:'],
    ['【回执】姓名：张明远 学号：2022083101', 'labelled parts in brackets'],
    ['计算机学院-张明远-2022083101-组织关系回执', 'with the college in front'],
  ])('%s (%s)', (subject) => {
    const id = subjectOnly(subject);
    expect({ name: id.name, studentId: id.studentId, reasons: id.reasons }).toEqual({ name: '张明远', studentId: '2022083101', reasons: [] });
  });

  it('a name with a middle dot keeps it, whatever dot the phone typed', () => {
    expect(subjectOnly('买买提•艾力-2022080205-党组织关系回执').name).toBe('买买提·艾力');
  });

  it('a letter-prefixed 学号 (研究生 S…) is a 学号; an 18-digit ID number is not', () => {
    expect(subjectOnly('李思雨-S2024110123-党组织关系回执').studentId).toBe('S2024110123');
    expect(subjectOnly('李思雨-110108200403151232-党组织关系回执').studentId).toBe('');
  });

  it('a date in the subject is not taken for the 学号 when a 学号 is there too', () => {
    expect(subjectOnly('20260715-王浩然-2022083103-回执').studentId).toBe('2022083103');
  });

  it.each([
    ['2022083101-党组织关系回执', '2022083101', '', ['主题、正文和附件名中都没有姓名']],
    ['张明远-党组织关系回执', '', '张明远', ['主题、正文和附件名中都没有学号']],
  ])('a part missing from 「%s」 is reported, the other part kept', (subject, studentId, name, reasons) => {
    expect(subjectOnly(subject)).toMatchObject({ studentId, name, reasons });
  });

  it('「回执」 alone names nobody, and says what is missing', () => {
    expect(subjectOnly('回执').reasons).toEqual(['主题、正文和附件名中都没有学号', '主题、正文和附件名中都没有姓名']);
  });

  it('the template subject left unfilled names nobody', () => {
    expect(subjectOnly('姓名-学号-党组织关系回执')).toMatchObject({ name: '', studentId: '' });
  });

  it('the body fills in what the subject lacks, and says so', () => {
    const id = identifyReceiptMail({ subject: '回执', text: '老师您好，我是计算机学院的张明远，学号2022083101，附件是回执照片。谢谢！', attachmentNames: [] });
    expect(id).toMatchObject({ name: '张明远', studentId: '2022083101', found: { name: 'body', studentId: 'body' } });
  });

  it('a body that runs the college into the name, and a scan named 「回执扫描.pdf」, still give the right name', () => {
    const id = identifyReceiptMail({ subject: '回执', text: '老师您好！我是经济管理学院沈佳琪，学号2022020203，介绍信回执扫描件见附件。', attachmentNames: ['回执扫描.pdf'] });
    expect(id).toMatchObject({ name: '沈佳琪', studentId: '2022020203' });
  });

  it('the attachment file name is the last resort, without any folder part', () => {
    const id = identifyReceiptMail({ subject: '党组织关系回执', text: '', attachmentNames: ['../../张明远_2022083101.jpg'] });
    expect(id).toMatchObject({ name: '张明远', studentId: '2022083101', found: { name: 'attachment', studentId: 'attachment' } });
  });

  it('reply prefixes are stripped however they stack', () => expect(stripReplyPrefixes('回复：Fwd: 答复:回执')).toBe('回执'));
});

describe('attachments are judged by their bytes, not their names', () => {
  it.each([
    [JPEG, 'jpeg'],
    [PNG, 'png'],
    [HEIC, 'heic'],
    [PDF, 'pdf'],
    [EXE, null],
    [Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), null],
    // An MP4 video is ISO-BMFF too, but not a HEIF brand.
    [Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]), null],
  ])('%#: %s', (bytes, kind) => expect(sniffReceiptFile(bytes)).toBe(kind));

  it('a HEIF whose major brand is mif1 is a photo too (Android)', () => {
    expect(sniffReceiptFile(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypmif1'), Buffer.alloc(4), Buffer.from('heic'), Buffer.alloc(8)]))).toBe('heic');
  });
});

describe('an e-mailed receipt in reconciliation (cohort 2026, 9月1日 checkpoint)', () => {
  const settings = defaultRuleSettings();
  const member: RegisteredMember[] = validateSheet(sheet({ ...CLEAN }), { today: '2026-06-10' }).records.map((m) => ({ ...m, file: 'reg.xlsx', college: '计算机学院' }));
  const fact = (date: string): MailReceiptFact => ({
    folder: 'INBOX', uid: 7, date, name: '张明远', studentId: '2022083101', note: '',
    origin: { from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-党组织关系回执', messageId: '<a@b>', attachments: ['IMG_0423.jpg'], saved: ['receipts/2022083101/2026-08-20-0123456789abcdef.jpg'] },
  });
  const run = (mailDate: string, asOf: string, photoCounts: boolean) => {
    const r = reconcile({ members: member, receipts: [mailReceiptRecord(fact(mailDate), photoCounts)], asOf, cohort: 2026, settings });
    return `${r.members[0]!.status}｜${r.members[0]!.reasons.join('；')}`;
  };

  it.each([
    // mail date, as of, photo counts → status
    ['2026-08-20', '2026-08-25', true, 'completed'],
    ['2026-08-20', '2026-09-02', true, 'completed'],
    ['2026-09-05', '2026-09-02', true, 'overdue'],
    ['2026-09-05', '2026-09-06', true, 'completed'],
    ['2026-08-20', '2026-08-25', false, 'photo'],
    ['2026-08-20', '2026-09-02', false, 'photo'],
    ['2026-09-05', '2026-09-02', false, 'overdue'],
    ['2026-09-05', '2026-12-11', false, 'photo'],
  ] as const)('mailed %s, as of %s, photo counts: %s → %s', (mailDate, asOf, photoCounts, expected) => {
    expect(run(mailDate, asOf, photoCounts).split('｜')[0]).toBe(expected);
  });

  it('the report says which setting applied', () => {
    expect(run('2026-08-20', '2026-08-25', true)).toBe('completed｜邮件回执 2026-08-20：回执照片（邮件），按设置计为已完成');
    expect(run('2026-08-20', '2026-08-25', false)).toBe(`photo｜邮件回执 2026-08-20：${PHOTO_PENDING_TEXT}`);
    expect(STATUS_INFO.photo).toMatchObject({ label: '回执照片已收到，待原件', resolved: false });
  });

  it('a stamped original in the register completes a member whose photo came by mail', () => {
    const original = { ...mailReceiptRecord(fact('2026-08-01'), true), source: '纸质回执登记', statusText: '', awaitingOriginal: false, mail: undefined };
    const r = reconcile({ members: member, receipts: [original, mailReceiptRecord(fact('2026-08-20'), false)], asOf: '2026-08-25', cohort: 2026, settings });
    expect(r.members[0]!.status).toBe('completed');
    expect(r.members[0]!.reasons).toEqual(['纸质回执登记 2026-08-01：已回执']);
  });

  it('a mailed receipt under another name does not complete anybody', () => {
    const other = { ...fact('2026-08-20'), name: '张明' };
    const r = reconcile({ members: member, receipts: [mailReceiptRecord(other, true)], asOf: '2026-08-25', cohort: 2026, settings });
    expect(r.members[0]!.status).toBe('mismatch');
  });
});

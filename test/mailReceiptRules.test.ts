/**
 * Reading who a receipt e-mail is from (shared/mailReceipt.ts), rule by rule: the 学号 (a
 * labelled one first, a date never preferred), the name (a labelled one first, words of the
 * trade dropped), attachment names without folders and extensions, which part of the mail
 * each was found in, and the receipt record reconciliation gets.
 */
import { describe, expect, it } from 'vitest';
import {
  baseName, findName, findStudentId, identifyReceiptMail, identityNote, mailReceiptRecord, PHOTO_COUNTS_TEXT, PHOTO_PENDING_TEXT,
  stripReplyPrefixes, type MailReceiptFact,
} from '../shared/mailReceipt.js';

describe('the 学号 in a text', () => {
  it.each([
    // Labelled: the 学号 wins over a phone number written before it.
    ['联系电话13912345678，学号：2022083101', '2022083101'],
    ['联系电话13912345678，学号 2022083101', '2022083101'],
    ['联系电话13912345678，学号2022083101', '2022083101'],
    ['联系电话13912345678，学号 ：2022083101', '2022083101'],
    ['联系电话13912345678，学号：S2022083101', 'S2022083101'],
    ['联系电话13912345678，学号：sy2022083101', 'SY2022083101'],
    ['张明远-s2022083101-党组织关系回执', 'S2022083101'],
    // Unlabelled: the first number that is not a date.
    ['张明远-2022083101-党组织关系回执', '2022083101'],
    ['20260715报到 张明远 B20210905', 'B20210905'],
    ['20260715报到 张明远 20191305', '20191305'],
    ['20260715报到 张明远 20190800', '20190800'],
    ['20260715报到 张明远 20190832', '20190832'],
    ['20261231报到 张明远 20191301', '20191301'],
    ['20260101报到 张明远 20190230', '20260101'],
    // Only dates: the first one, rather than nothing.
    ['20260715报到', '20260715'],
    // An 18-digit ID number is no 学号.
    ['身份证号110108200403151232', null],
    ['党组织关系回执', null],
  ])('%s → %s', (text, id) => expect(findStudentId(text)).toBe(id));
});

describe('the name in a text', () => {
  it.each([
    ['张明远-2022083101-党组织关系回执', '张明远'],
    // Labelled: the name after 姓名 wins over a two-character word before it.
    ['报到，姓名：张明远', '张明远'],
    ['报到，姓名 ：张明远', '张明远'],
    ['报到，姓名 张明远', '张明远'],
    ['报到，姓名张明远', '张明远'],
    ['报到，姓名：买买提·艾力', '买买提·艾力'],
    // A label followed by more than a name: the known words are dropped instead.
    ['姓名：张明远同学', '张明远'],
    ['我是经济管理学院沈佳琪', '沈佳琪'],
    ['张明远2022083101已报到', '张明远'],
    ['张明远回执已发送', '张明远'],
    ['zhangmy 张明远', '张明远'],
    ['receipt photo', null],
    ['计算机学院党委', null],
  ])('%s → %s', (text, name) => expect(findName(text)).toBe(name));
});

describe('reply and forward prefixes', () => {
  it('stacked prefixes go, in any language and case', () => {
    expect(stripReplyPrefixes('回复：转发：Fw: RE: 张明远-2022083101-党组织关系回执')).toBe('张明远-2022083101-党组织关系回执');
  });
  it('at most ten are stripped: a runaway thread stops there', () => {
    expect(stripReplyPrefixes(`${'Re: '.repeat(12)}张明远-2022083101-党组织关系回执`)).toBe('Re: Re: 张明远-2022083101-党组织关系回执');
  });
});

describe('an attachment name without its folder and extensions', () => {
  it.each([
    ['张明远-2022083101-回执.jpg', '张明远-2022083101-回执'],
    ['张明远-2022083101-回执.jpeg', '张明远-2022083101-回执'],
    ['张明远-2022083101-回执.pdf.zip', '张明远-2022083101-回执'],
    ['张明远.2022083101.jpg', '张明远.2022083101'],
    ['张明远.回执.jpg', '张明远.回执'],
    ['C:\\Users\\张明远\\Desktop\\回执.JPG', '回执'],
    ['../../etc/passwd', 'passwd'],
    ['回执', '回执'],
  ])('%s → %s', (file, base) => expect(baseName(file)).toBe(base));
});

describe('who a receipt mail is from, and where each part was found', () => {
  it('subject first: a later 学号 or name in the body or an attachment does not replace it', () => {
    const id = identifyReceiptMail({ subject: '张明远-2022083101-党组织关系回执', text: '室友代发：王浩然 2022083102', attachmentNames: ['刘子涵-2022083103.jpg'] });
    expect(id).toEqual({ name: '张明远', studentId: '2022083101', found: { name: 'subject', studentId: 'subject' }, reasons: [] });
    expect(identityNote(id)).toBe('');
  });
  it('a bare subject: the name from the body, the 学号 from the attachment', () => {
    const id = identifyReceiptMail({ subject: '党组织关系回执', text: '老师您好，我是张明远，回执照片见附件。', attachmentNames: ['IMG_2022083101.jpg'] });
    expect(id).toEqual({ name: '张明远', studentId: '2022083101', found: { name: 'body', studentId: 'attachment' }, reasons: [] });
    expect(identityNote(id)).toBe('姓名取自正文，学号取自附件名');
  });
  it('only the 学号 from the body', () => {
    const id = identifyReceiptMail({ subject: '张明远 党组织关系回执', text: '学号：2022083101', attachmentNames: [] });
    expect(identityNote(id)).toBe('学号取自正文');
  });
  it('only the first 1000 characters of the body are read (signatures and quoted threads follow)', () => {
    const quoted = `${'> On 2026-07-01, jsj-dangwei@example.edu.cn wrote:\n'.repeat(25)}张明远 2022083101`;
    expect(quoted.length).toBeGreaterThan(1000);
    expect(identifyReceiptMail({ subject: '党组织关系回执', text: quoted, attachmentNames: [] })).toEqual({
      name: '', studentId: '', found: {}, reasons: ['主题、正文和附件名中都没有学号', '主题、正文和附件名中都没有姓名'],
    });
  });
});

describe('the receipt record of a recognised mail', () => {
  const fact: MailReceiptFact = {
    folder: 'INBOX', uid: 12, date: '2026-07-03', name: '张明远', studentId: '2022083101',
    origin: { from: 'zhangmy@example.com', subject: '张明远-2022083101-党组织关系回执', messageId: '<a1@example.com>', attachments: ['回执.jpg'], saved: ['receipts/2022083101/回执.jpg'] },
    note: '',
  };
  it('a photo that counts as completed (seed 003)', () => {
    expect(mailReceiptRecord(fact, true)).toEqual({
      file: '回执邮箱 INBOX', row: 12, name: '张明远', idNumber: null, idText: '', studentId: '2022083101', receivingOrg: '',
      receiptDate: '2026-07-03', receiptDateText: '', source: '邮件回执', statusText: PHOTO_COUNTS_TEXT, state: 'landed',
      awaitingOriginal: false, mail: fact.origin,
    });
  });
  it('a photo awaiting the stamped original (seed 000), with where the 学号 was found', () => {
    expect(mailReceiptRecord({ ...fact, note: '学号取自附件名' }, false)).toMatchObject({ statusText: `${PHOTO_PENDING_TEXT}（学号取自附件名）`, awaitingOriginal: true, state: 'landed' });
  });
});

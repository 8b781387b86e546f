/**
 * What one receipt e-mail comes to, in this process (mutation testing sees only code the
 * test process runs; test/mailbox.test.ts drives the real mailbox through the CLI): who is
 * never answered automatically (RFC 3834), a copy already handled, the attachment size
 * limit, where a photo is saved and that it is saved once, and what an unmatched mail says.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automatic, displayName, fromText, processMessage, type ProcessOptions } from '../jobs/inbox/process.js';
import { fetchMaildir } from '../jobs/inbox/maildir.js';
import { maxMessageBytes } from '../jobs/inbox/imap.js';
import { InboxJournal } from '../jobs/inbox/journal.js';
import { InputError } from '../jobs/lib/errors.js';
import { tempDir } from './helpers.js';
import { JPEG, rawMail } from './mailMessages.js';

const SUBJECT = '张明远-2022083101-党组织关系回执';
const options = (over: Partial<ProcessOptions> = {}): ProcessOptions => ({ stateDir: tempDir(), maxAttachmentBytes: 10 * 1024 * 1024, seenMessageIds: new Set(), ...over });
const message = (source: Buffer, uid = 1) => ({ key: `INBOX:${uid}`, folder: 'INBOX', uid, source });
const receipt = (over: Parameters<typeof rawMail>[0] | object = {}) =>
  rawMail({ from: '张明远 <ZhangMY@Example.com>', subject: SUBJECT, attachments: [{ filename: '回执.jpg', content: JPEG, type: 'image/jpeg' }], ...over });

describe('mail nobody should answer automatically (RFC 3834)', () => {
  const headersOf = (h: Record<string, unknown>) => new Map(Object.entries(h));
  it.each([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: Auto-Generated (any case, padded)', { 'auto-submitted': '  Auto-Generated ' }],
    ['a mailing list (List-Id)', { 'list-id': 'dangyuan.example.edu.cn' }],
    ['a mailing list (mailparser gathers List-* under list)', { list: { unsubscribe: { url: 'x' } } }],
    ['List-Unsubscribe only', { 'list-unsubscribe': '<mailto:u@example.com>' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: Junk', { precedence: ' Junk ' }],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'yes' }],
    ['X-Auto-Response-Suppress: OOF (an Exchange out-of-office)', { 'x-auto-response-suppress': 'OOF' }],
    ['X-Auto-Response-Suppress: All', { 'x-auto-response-suppress': 'All' }],
  ])('%s', (_name, h) => expect(automatic(headersOf(h))).toBe(true));
  it.each([
    ['a member writing by hand', {}],
    ['Auto-Submitted: no', { 'auto-submitted': 'no' }],
    ['Auto-Submitted: " No " (any case, padded)', { 'auto-submitted': ' No ' }],
    ['Precedence: non-bulk (a word that only ends like bulk)', { precedence: 'non-bulk' }],
    ['Precedence: first-class (not bulk)', { precedence: 'first-class' }],
    ['Precedence: bulky (a word that only starts like bulk)', { precedence: 'bulky' }],
    ['X-Auto-Response-Suppress: DR (delivery reports only)', { 'x-auto-response-suppress': 'DR' }],
  ])('%s is answered', (_name, h) => expect(automatic(headersOf(h))).toBe(false));
  it('an out-of-office reply with the receipt subject gets no acknowledgement, but is still read', async () => {
    const entry = await processMessage(message(receipt({ headers: { 'Auto-Submitted': 'auto-replied' } })), options());
    expect(entry.ackTo).toBe('');
    expect(entry.outcome).toBe('receipt');
  });
});

describe("the sender as the report shows it", () => {
  it('the address in lower case, with the name before it', async () => {
    const entry = await processMessage(message(receipt()), options());
    expect(entry.ackTo).toBe('zhangmy@example.com');
    expect(entry.from).toBe('张明远 <zhangmy@example.com>');
  });
  it('an address without a name is the address alone', () => {
    expect(fromText({ value: [{ address: 'WangHR@Example.com', name: '' }], html: '', text: '' })).toEqual({ address: 'wanghr@example.com', text: 'wanghr@example.com' });
  });
  it("an attachment's name loses its folders and control characters, and is bounded", () => {
    expect(displayName('C:\\Users\\张明远\\Desktop\\回执.jpg')).toBe('回执.jpg');
    expect(displayName('../../etc/回执\u0007.jpg ')).toBe('回执.jpg');
    expect(displayName(`${'回'.repeat(200)}.jpg`)).toHaveLength(120);
    expect(displayName(undefined)).toBe('（无文件名）');
    expect(displayName('\u0001')).toBe('（无文件名）');
  });
});

describe('a copy already handled', () => {
  it('is a duplicate by its Message-ID (trimmed), saves nothing and says why', async () => {
    const source = receipt({ messageId: '<r-1@mail.example.com>' });
    const opts = options({ seenMessageIds: new Set(['<r-1@mail.example.com>']) });
    const entry = await processMessage(message(source), opts);
    expect(entry).toMatchObject({ outcome: 'duplicate', name: '', studentId: '', saved: [], rejected: [], reasons: ['同一封邮件（Message-ID 相同）已处理过'] });
    expect(() => readdirSync(join(opts.stateDir, 'receipts'))).toThrow();
  });
  it('a message without a Message-ID is known by the hash of its bytes', async () => {
    const source = Buffer.from(receipt().toString('latin1').replace(/^Message-ID: .*\r\n/m, ''), 'latin1');
    const first = await processMessage(message(source), options());
    expect(first.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await processMessage(message(source, 2), options({ seenMessageIds: new Set([first.messageId]) }));
    expect(again.outcome).toBe('duplicate');
  });
});

describe('attachments', () => {
  it('one exactly at the size limit is saved; one byte over is refused with both sizes', async () => {
    const at = await processMessage(message(receipt()), options({ maxAttachmentBytes: JPEG.length }));
    expect(at.outcome).toBe('receipt');
    const over = await processMessage(message(receipt()), options({ maxAttachmentBytes: JPEG.length - 1 }));
    expect(over.outcome).toBe('unmatched');
    expect(over.rejected).toEqual([{ name: '回执.jpg', reason: `附件 ${Math.round(JPEG.length / 1024)} KB，超过上限 ${Math.round((JPEG.length - 1) / 1024)} KB，未保存` }]);
    expect(over.reasons).toEqual(['没有可用的回执附件（图片或 PDF）']);
  });
  it('a megabyte is written as 1.0 MB, not 1024 KB', async () => {
    const mb = Buffer.concat([JPEG, Buffer.alloc(1024 * 1024 - JPEG.length)]);
    const entry = await processMessage(message(receipt({ attachments: [{ filename: '回执.jpg', content: mb, type: 'image/jpeg' }] })), options({ maxAttachmentBytes: 512 * 1024 }));
    expect(entry.rejected[0]!.reason).toBe('附件 1.0 MB，超过上限 512 KB，未保存');
  });
  it('sizes over a megabyte are written in MB', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024)]);
    const entry = await processMessage(message(receipt({ attachments: [{ filename: '回执.jpg', content: big, type: 'image/jpeg' }] })), options({ maxAttachmentBytes: 2 * 1024 * 1024 }));
    expect(entry.rejected[0]!.reason).toBe(`附件 ${(big.length / 1024 / 1024).toFixed(1)} MB，超过上限 2.0 MB，未保存`);
  });
  it('an empty attachment is no attachment', async () => {
    const entry = await processMessage(message(receipt({ attachments: [{ filename: '回执.jpg', content: Buffer.alloc(0), type: 'image/jpeg' }] })), options());
    expect(entry.attachmentNames).toEqual([]);
    expect(entry.reasons).toEqual(['邮件没有附件（应附回执照片）']);
  });
  it('a photo is saved under the 学号, named by the date and its content, owner-only, once', async () => {
    const opts = options();
    const entry = await processMessage(message(receipt()), opts);
    expect(entry).toMatchObject({ outcome: 'receipt', name: '张明远', studentId: '2022083101', reasons: [] });
    expect(entry.saved).toHaveLength(1);
    expect(entry.saved[0]).toMatch(/^receipts\/2022083101\/2026-07-20-[0-9a-f]{16}\.jpg$/);
    const file = join(opts.stateDir, entry.saved[0]!);
    expect(readFileSync(file).equals(JPEG)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    // The same photo sent again: the same name, still one file.
    const again = await processMessage(message(receipt(), 2), opts);
    expect(again.saved).toEqual(entry.saved);
    expect(readdirSync(join(opts.stateDir, 'receipts', '2022083101'))).toHaveLength(1);
  });
  it('a mail nobody can be matched to saves nothing and keeps its attachment names for the report', async () => {
    const opts = options();
    const entry = await processMessage(message(receipt({ subject: '回执' })), opts);
    expect(entry.outcome).toBe('unmatched');
    expect(entry.attachmentNames).toEqual(['回执.jpg']);
    expect(entry.saved).toEqual([]);
    expect(entry.reasons).toEqual(['主题、正文和附件名中都没有学号', '主题、正文和附件名中都没有姓名']);
    expect(() => readdirSync(join(opts.stateDir, 'receipts'))).toThrow();
  });
});

describe('a Maildir folder', () => {
  function maildir(subs: string[] = ['new', 'cur']) {
    const dir = tempDir();
    const mail = join(dir, 'Maildir');
    for (const sub of subs) mkdirSync(join(mail, sub), { recursive: true });
    const journal = new InboxJournal(join(dir, 'state', 'mailbox.jsonl'));
    const fetch = (maxAttachmentBytes = 1 << 20) => fetchMaildir(mail, { stateDir: join(dir, 'state'), maxAttachmentBytes, journal });
    return { mail, journal, fetch };
  }
  it('a folder without cur/ and new/ is refused, naming it', async () => {
    const { mail, fetch } = maildir([]);
    mkdirSync(mail, { recursive: true });
    const err = await fetch().catch((e: InputError) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain(mail);
    expect((err as InputError).message).toContain('不是 Maildir 文件夹（其中应有 cur 和 new 子文件夹）');
  });
  it.each([['new'], ['cur']])('only %s/ is enough', async (sub) => {
    const { mail, fetch } = maildir([sub]);
    writeFileSync(join(mail, sub, '1786000001.M1P1.host'), receipt());
    expect(await fetch()).toMatchObject({ handled: 1, receipts: 1 });
  });
  it('a message read from new/ and later moved to cur/ with flags is not read again; the next one is', async () => {
    const { mail, journal, fetch } = maildir();
    writeFileSync(join(mail, 'new', '1786000001.M1P1.host'), receipt());
    expect(await fetch()).toEqual({ handled: 1, receipts: 1, unmatched: 0, duplicates: 0 });
    renameSync(join(mail, 'new', '1786000001.M1P1.host'), join(mail, 'cur', '1786000001.M1P1.host:2,S'));
    writeFileSync(join(mail, 'new', '1786000002.M2P1.host'), receipt({ subject: '李思雨 回执', from: '李思雨 <lisy@example.com>' }));
    expect(await fetch()).toEqual({ handled: 1, receipts: 0, unmatched: 1, duplicates: 0 });
    const entries = journal.read().entries;
    expect(entries.map((e) => [e.key.replace(mail, '…'), e.uid, e.folder])).toEqual([
      ['maildir:…:1786000001.M1P1.host', 1, 'Maildir'],
      ['maildir:…:1786000002.M2P1.host', 2, 'Maildir'],
    ]);
    expect(await fetch()).toEqual({ handled: 0, receipts: 0, unmatched: 0, duplicates: 0 });
  });
  it('hidden files and folders are not messages; a file over the size limit is left for a person', async () => {
    const { mail, fetch } = maildir();
    writeFileSync(join(mail, 'new', '.1786000000.tmp'), receipt());
    mkdirSync(join(mail, 'cur', '1786000003.M3P1.host'));
    const limit = 1024;
    writeFileSync(join(mail, 'new', '1786000004.M4P1.host'), Buffer.concat([receipt(), Buffer.alloc(maxMessageBytes(limit))]));
    writeFileSync(join(mail, 'new', '1786000005.M5P1.host'), receipt());
    expect(await fetch(limit)).toMatchObject({ handled: 1 });
  });
  it('a message exactly at the size limit is read', async () => {
    const { mail, fetch } = maildir();
    const source = receipt();
    const limit = 1024;
    const padded = Buffer.concat([source, Buffer.alloc(maxMessageBytes(limit) - source.length, 0x20)]);
    writeFileSync(join(mail, 'new', '1786000006.M6P1.host'), padded);
    expect(await fetch(limit)).toMatchObject({ handled: 1 });
  });
});

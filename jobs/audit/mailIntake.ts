/**
 * Submissions by e-mail. The receipts mailbox and the submissions mailbox may be one
 * mailbox, so every message is first asked: is this a college sending its 登记表? The
 * rule, in order (the deciding one is recorded with the message):
 *  1. no attachment is a spreadsheet by its content (not its name) → a receipt e-mail,
 *     unless a college address sent a Word file or a photo with no 学号 in sight, which
 *     is listed for a person (「发来的不是登记表」);
 *  2. the sender is no college's address (secretary, cc, senders) → every spreadsheet is
 *     listed for a person, none used;
 *  3. the sender is the address of several colleges, or an attachment's name names
 *     another college → that attachment is listed, not used;
 *  4. otherwise the first spreadsheet is the college's submission, stored unchanged;
 *     a second spreadsheet in the same message is listed for a person.
 */
import type { ParsedMail } from 'mailparser';
import type { LoadedConfig } from '../lib/config.js';
import { placesOf } from '../lib/places.js';
import type { JobConfig } from '../../shared/config.js';
import { identifyReceiptMail } from '../../shared/mailReceipt.js';
import { decodeText } from '../lib/read/workbook.js';
import { collegeOfFile } from '../lib/read/unreadable.js';
import { displayName, type Classified, type Classify, type MailMeta } from '../inbox/process.js';
import type { MailEntry } from '../inbox/journal.js';
import { sniffReceiptFile } from '../inbox/content.js';
import { SubmissionStore } from './store.js';

/** Attachments looked at in one message; the rest are listed (a message with 200 attachments). */
export const MAX_SHEETS_PER_MESSAGE = 20;

export type AttachmentKind = 'spreadsheet' | 'encrypted' | 'word' | 'image' | 'pdf' | 'other';

const has = (b: Buffer, s: string, enc: BufferEncoding = 'latin1') => b.includes(Buffer.from(s, enc));

/** What an attachment is, from its bytes. */
export function attachmentKind(b: Buffer): AttachmentKind {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b) {
    if (has(b, 'xl/workbook') || has(b, 'application/vnd.oasis.opendocument.spreadsheet')) return 'spreadsheet';
    if (has(b, 'word/document') || has(b, 'application/vnd.oasis.opendocument.text')) return 'word';
    return 'other';
  }
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0) {
    if (has(b, 'EncryptionInfo', 'utf16le')) return 'encrypted';
    if (has(b, 'Workbook', 'utf16le') || has(b, 'Book', 'utf16le')) return 'spreadsheet';
    if (has(b, 'WordDocument', 'utf16le')) return 'word';
    return 'other';
  }
  const image = sniffReceiptFile(b);
  if (image) return image === 'pdf' ? 'pdf' : 'image';
  // Text: a CSV or an HTML/XML table with registration headers (a web system's 「.xls」).
  const head = decodeText(b.subarray(0, 64 * 1024));
  if (!/[\u0000-\u0008\u000e-\u001f]/.test(head) && ['姓名', '学号', '身份证', '转接'].filter((w) => head.includes(w)).length >= 3) return 'spreadsheet';
  return 'other';
}

const KIND_TEXT: Record<AttachmentKind, string> = {
  spreadsheet: '表格', encrypted: '加密的 Office 文件', word: 'Word 文档', image: '图片', pdf: 'PDF 文件', other: '无法识别的文件',
};

/** The colleges an address belongs to (secretary, cc or senders). */
export function collegesOfAddress(config: JobConfig, address: string): string[] {
  const a = address.toLowerCase();
  return config.colleges.filter((c) => [c.secretary.email, ...c.cc, ...c.senders].some((x) => x.toLowerCase() === a)).map((c) => c.name);
}

/**
 * The classifier every fetch of the mailbox installs when colleges are configured (`run`,
 * `receipts fetch`, `audit`): a submission is never read, and marked, as a receipt.
 */
export function submissionClassifier(loaded: LoadedConfig): Classify | undefined {
  const { config } = loaded;
  if (!config.colleges.length || !config.mailbox) return undefined;
  const store = new SubmissionStore(placesOf(loaded).stateDir);
  const max = config.mailbox.maxAttachmentBytes;
  return (parsed, meta) => classifyMessage(parsed, meta, config, store, max);
}

/**
 * Decide what a parsed message is and store its submission. The file is stored before the
 * mailbox journal line is written (the caller writes it), so a crash in between stores it
 * again as the same submission.
 */
export function classifyMessage(parsed: ParsedMail, meta: MailMeta, config: JobConfig, store: SubmissionStore, maxBytes: number): Classified {
  const files = parsed.attachments.filter((a) => a.content && a.content.length > 0);
  const kinds = files.map((a) => attachmentKind(a.content));
  const sheets = files.map((a, i) => ({ a, kind: kinds[i]!, name: displayName(a.filename) })).filter((x) => x.kind === 'spreadsheet' || x.kind === 'encrypted');
  const colleges = collegesOfAddress(config, meta.from);
  const who = `发件人 ${meta.from || '（无地址）'}`;
  if (!sheets.length) {
    const id = identifyReceiptMail({ subject: meta.subject, text: parsed.text ?? '', attachmentNames: files.map((a) => displayName(a.filename)) });
    if (colleges.length && files.length && !id.studentId) {
      const what = files.map((a, i) => `「${displayName(a.filename)}」是${KIND_TEXT[kinds[i]!]}`).join('，');
      return {
        rule: `${who}是${colleges.join('、')}的地址，附件中没有表格，主题和正文中也没有学号：不是回执，列出请人工处理`,
        entry: { outcome: 'submission', submissions: [], unassigned: [{ name: files.map((a) => displayName(a.filename)).join('、'), reason: `${colleges.join('、')}发来的附件不是登记表：${what}（登记表应为 Excel 表格）` }], reasons: [] },
      };
    }
    return { entry: null, rule: files.length ? '附件按内容没有表格：按回执邮件处理' : '没有附件：按回执邮件处理' };
  }
  const unassigned: NonNullable<MailEntry['unassigned']> = [];
  const submissions: NonNullable<MailEntry['submissions']> = [];
  if (!colleges.length) {
    for (const s of sheets) unassigned.push({ name: s.name, reason: `${who}不是配置中任何学院的地址（secretary、cc 或 senders），表格未使用` });
    return { rule: `附件「${sheets[0]!.name}」按内容是表格，但${who}不是学院地址：列出请人工处理`, entry: { outcome: 'submission', submissions, unassigned, reasons: [] } };
  }
  let used: string | null = null;
  sheets.forEach((s, i) => {
    if (i >= MAX_SHEETS_PER_MESSAGE) {
      if (i === MAX_SHEETS_PER_MESSAGE) unassigned.push({ name: `其余 ${sheets.length - i} 个表格`, reason: `一封邮件中的表格超过 ${MAX_SHEETS_PER_MESSAGE} 个，其余未查看` });
      return;
    }
    // The attachment's name may say which college, among the sender's (or against it).
    const named = collegeOfFile(s.name, config.colleges);
    const college = named && colleges.includes(named) ? named : colleges.length === 1 && !named ? colleges[0]! : null;
    if (!college) {
      unassigned.push({ name: s.name, reason: named ? `附件名是${named}的，但${who}是${colleges.join('、')}的地址，未使用` : `${who}同时是${colleges.join('、')}的地址，附件名也看不出是哪个学院，未使用` });
      return;
    }
    if (s.a.content.length > maxBytes) {
      unassigned.push({ name: s.name, reason: `附件超过大小上限（${Math.round(maxBytes / 1048576)} MB），未使用` });
      return;
    }
    if (submissions.some((x) => x.college === college)) {
      unassigned.push({ name: s.name, reason: `同一封邮件中${college}的第 2 个表格，未使用（已使用「${used}」）；如应以此表为准，请让学院单独重新发送` });
      return;
    }
    const { submission } = store.add(college, s.a.content, { name: s.name, receivedAt: meta.when.toISOString(), source: 'mail', origin: `${meta.fromText}，主题「${meta.subject}」`, messageId: meta.messageId });
    submissions.push({ college, hash: submission.hash, name: s.name });
    used = s.name;
  });
  const rule = submissions.length
    ? `${who}是${submissions.map((s) => s.college).join('、')}的地址，附件「${submissions.map((s) => s.name).join('」「')}」按内容是表格：作为登记表报送`
    : `附件按内容是表格，${who}是学院地址，但无法确定是哪个学院的：列出请人工处理`;
  return { rule, entry: { outcome: 'submission', submissions, unassigned, reasons: [] } };
}

/**
 * One message, whichever way it was fetched (IMAP or a Maildir file): parse it,
 * find whose receipt it is, check and save its attachments, and say what it was.
 * Attachments are written under stateDir/receipts/<学号>/ with names we make up
 * from the content hash; the sender's file name is only recorded, and nothing
 * is ever opened or run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import { identifyReceiptMail, identityNote } from '../../shared/mailReceipt.js';
import { writeFileAtomic } from '../lib/files.js';
import { EXTENSION, sniffReceiptFile } from './content.js';
import type { MailEntry } from './journal.js';

export interface RawMessage {
  key: string;
  folder: string;
  uid: number;
  source: Buffer;
  /** Server arrival time, when the message has no Date header. */
  internalDate?: Date;
}

export interface ProcessOptions {
  stateDir: string;
  maxAttachmentBytes: number;
  /** Message-IDs already handled (a resent copy, a message moved between folders). */
  seenMessageIds: ReadonlySet<string>;
  /** Is this a college's submission? Asked before reading it as a receipt; stores what it takes. */
  classify?: Classify;
}

/** What a classifier needs of a message besides its parsed form. */
export interface MailMeta { from: string; fromText: string; subject: string; messageId: string; when: Date }

/** A classifier's answer: the message's entry when it is not a receipt e-mail (null: read it as one), and the rule that decided. */
export interface Classified {
  entry: Pick<MailEntry, 'outcome' | 'submissions' | 'unassigned' | 'reasons'> | null;
  rule: string;
}

/**
 * Asked of every new message before it is read as a receipt (the audit's: one mailbox
 * may hold receipts and submissions). Given by the caller, so that the inbox knows
 * nothing of what else a message may be.
 */
export type Classify = (parsed: ParsedMail, meta: MailMeta) => Classified;

const size = (n: number) => (n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** A sender's file name as shown in the report: no folders, no control characters, bounded. */
export function displayName(name: string | undefined): string {
  const s = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return s.slice(0, 120) || '（无文件名）';
}

/** A 学号 usable as a folder name: letters and digits only (the parser guarantees it; checked again here). */
const safeSegment = (id: string) => (/^[A-Za-z0-9]{1,32}$/.test(id) ? id : null);

export function fromText(from: AddressObject | AddressObject[] | undefined): { address: string; text: string } {
  const first = Array.isArray(from) ? from[0] : from;
  const addr = first?.value[0];
  const address = (addr?.address ?? '').toLowerCase();
  return { address, text: addr?.name ? `${addr.name} <${address}>` : address };
}

/**
 * Mail nobody should answer automatically (RFC 3834): auto-replies, bounces,
 * mailing lists and bulk mail.
 */
export function automatic(headers: Map<string, unknown>): boolean {
  const h = (k: string) => {
    const v = headers.get(k);
    return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  };
  const auto = h('auto-submitted').trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  // mailparser gathers List-Id, List-Unsubscribe, List-Post… under "list".
  if (headers.has('list') || headers.has('list-id') || headers.has('list-unsubscribe')) return true;
  if (/^(?:bulk|list|junk|auto_reply)$/i.test(h('precedence').trim())) return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || /\ball\b|\boof\b|autoreply/i.test(h('x-auto-response-suppress'))) return true;
  return false;
}

export async function processMessage(msg: RawMessage, opts: ProcessOptions): Promise<MailEntry> {
  const parsed = await simpleParser(msg.source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const messageId = parsed.messageId?.trim() || `sha256:${createHash('sha256').update(msg.source).digest('hex')}`;
  const when = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : msg.internalDate ?? new Date();
  const from = fromText(parsed.from);
  const subject = parsed.subject ?? '';
  const base = {
    ackTo: automatic(parsed.headers) ? '' : from.address,
    v: 1 as const, key: msg.key, messageId, folder: msg.folder, uid: msg.uid, at: new Date().toISOString(),
    date: dateIn(TIMEZONE, when), from: from.text || from.address, subject,
  };
  if (opts.seenMessageIds.has(messageId)) {
    return { ...base, outcome: 'duplicate', name: '', studentId: '', note: '', saved: [], rejected: [], reasons: ['同一封邮件（Message-ID 相同）已处理过'] };
  }

  // One mailbox may hold receipts and submissions: the audit's rule decides first, and says which rule it was.
  const c = opts.classify?.(parsed, { from: from.address, fromText: base.from, subject, messageId, when });
  if (c?.entry) return { ...base, ackTo: '', name: '', studentId: '', note: '', saved: [], rejected: [], ...c.entry, rule: c.rule };
  const files = parsed.attachments.filter((a) => a.content && a.content.length > 0);
  const names = files.map((a) => displayName(a.filename));
  const id = identifyReceiptMail({ subject, text: parsed.text ?? '', attachmentNames: names });
  const rejected: MailEntry['rejected'] = [];
  const accepted: { content: Buffer; ext: string }[] = [];
  files.forEach((a, i) => {
    if (a.content.length > opts.maxAttachmentBytes) rejected.push({ name: names[i]!, reason: `附件 ${size(a.content.length)}，超过上限 ${size(opts.maxAttachmentBytes)}，未保存` });
    else {
      const kind = sniffReceiptFile(a.content);
      if (!kind) rejected.push({ name: names[i]!, reason: '按文件内容判断不是图片（JPEG/PNG/HEIC）或 PDF，未保存' });
      else accepted.push({ content: a.content, ext: EXTENSION[kind] });
    }
  });

  const reasons = [...id.reasons];
  if (!accepted.length) reasons.push(files.length ? '没有可用的回执附件（图片或 PDF）' : '邮件没有附件（应附回执照片）');
  const folder = safeSegment(id.studentId);
  if (reasons.length || !folder) {
    // Nothing is saved for a message nobody can be matched to: it stays in the mailbox for a person to read.
    return { ...base, rule: c?.rule, outcome: 'unmatched', name: id.name, studentId: id.studentId, note: '', attachmentNames: names, saved: [], rejected, reasons: reasons.length ? reasons : ['学号含有不允许的字符'] };
  }

  const saved: string[] = [];
  for (const a of accepted) {
    // Same photo sent twice → same name → saved once.
    const rel = join('receipts', folder, `${base.date}-${createHash('sha256').update(a.content).digest('hex').slice(0, 16)}.${a.ext}`);
    const abs = join(opts.stateDir, rel);
    if (!existsSync(abs)) writeFileAtomic(abs, a.content);
    saved.push(rel);
  }
  return { ...base, rule: c?.rule, outcome: 'receipt', name: id.name, studentId: id.studentId, note: identityNote(id), attachmentNames: names, saved, rejected, reasons: [] };
}

/** What one fetch came to. */
export interface FetchSummary {
  handled: number;
  receipts: number;
  unmatched: number;
  duplicates: number;
  /** Messages that were the audit's: a college's 登记表, or sheets listed for a person. */
  submissions?: number;
}

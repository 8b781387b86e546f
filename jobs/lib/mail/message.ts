/**
 * One outgoing message, as every feature plans it and the courier delivers it: bare
 * addresses for the envelope and the journal, the parts, a stable Message-ID. Also the
 * few header helpers every composer needs.
 */
import { createHash } from 'node:crypto';
import { occasionOf, recipientOf, type MessageKey } from '../../../shared/messageKey.js';

export interface Attachment { filename: string; content: Buffer; contentType?: string }

export interface Outgoing {
  key: MessageKey;
  /** Who it is for, as the log, the journal and the report's 发送结果 name them (a college, the 组织部). */
  label: string;
  /** Bare addresses: the SMTP envelope and the journal name recipients by these. */
  to: string[];
  cc: string[];
  /** Display names for the To header (「王老师」), by address. */
  names?: Record<string, string>;
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
  messageId: string;
  /** How many members this message carries (for the "nothing lost" accounting). */
  members: number;
  /** The run's as-of day, journalled with the intent (lists say on which day a member was told). */
  asOf?: string;
}

/** No line breaks or control characters in anything that reaches a header. */
export const headerSafe = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** File names survive every mail client and file system: no path or reserved characters. */
export const safeFilename = (s: string) => headerSafe(s).replace(/[\\/:*?"<>|]+/g, '_').slice(0, 120);

/** The bare address of `党委组织部 <a@b>` (or of a bare one), lower-cased: how addresses are compared. */
export const bareAddress = (s: string): string => (/<([^>]+)>/.exec(s)?.[1] ?? s).trim().toLowerCase();

/** `王老师 <a@b>`: the display name quoted so that commas or brackets in it stay part of the name. */
export function formatAddress(email: string, name?: string): string {
  const n = name ? headerSafe(name).replace(/["\\<>]/g, '') : '';
  return n ? `"${n}" <${email}>` : email;
}

/** A stable Message-ID for a key: the same message composed again carries the same ID. */
export function messageIdFor(key: MessageKey, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'zhuanjie.invalid';
  const occasion = occasionOf(key);
  const h = createHash('sha256').update(`${occasion}|${recipientOf(key)}`).digest('hex').slice(0, 16);
  return `<zhuanjie.${occasion.replace(/[^0-9A-Za-z-]/g, '.')}.${h}@${domain}>`;
}

export function contentHash(m: Pick<Outgoing, 'subject' | 'text' | 'to' | 'cc'>): string {
  return createHash('sha256').update(JSON.stringify([m.subject, m.text, m.to, m.cc])).digest('hex').slice(0, 32);
}


/** A message a feature meant to send but could not compose (no address): reported, never journalled. */
export interface Unsendable {
  unsendable: true;
  key: MessageKey;
  label: string;
  members: number;
  reason: string;
}

/** What a feature's plan lists: messages to deliver, and those it could not compose, with why. */
export type Planned = Outgoing | Unsendable;

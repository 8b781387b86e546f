/**
 * The send journal: append-only JSON lines, fsync'd, readable only by its owner (it
 * names recipients). An `intent` is written before a message is handed to the
 * transport and an `outcome` after, so a crash between the two leaves an intent
 * without outcome: "uncertain", reported, never re-sent until a person settles it
 * with a `resolve` line (`zhuanjie journal resolve`).
 *
 * A write is whole or not at all: a short or failed write (disk full) is cut back to
 * where it started and reported naming the file, before anything is sent. A line
 * torn by a crash (power loss mid-write) is reported by line number, and when its
 * message key can still be read, that message counts as uncertain.
 */
import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { ioReason } from '../files.js';

/** uncertain: the message was handed over but the server's answer never came. */
export type SendStatus = 'sent' | 'partial' | 'failed' | 'uncertain';

export type IntentEntry = { type: 'intent'; key: string; messageId: string; hash: string; to: string[]; college?: string; at: string };
export type OutcomeEntry = {
  type: 'outcome'; key: string; messageId: string; status: SendStatus;
  accepted: string[];
  /** Refused for good (5xx). */
  rejected: string[];
  /** Refused for now (4xx): tried again by the next run. */
  deferred?: string[];
  error?: string; at: string;
};
/** A person checked the mailbox: the uncertain message arrived (`sent`) or should go again (`resend`). */
export type ResolveEntry = { type: 'resolve'; key: string; as: 'sent' | 'resend'; at: string };
export type JournalEntry = IntentEntry | OutcomeEntry | ResolveEntry;

export interface KeyState {
  key: string;
  college?: string;
  /** Recipients the server accepted, over every run. */
  delivered: Set<string>;
  /** Recipients refused for good. */
  refused: Set<string>;
  /** Recipients refused for now, to try again. */
  deferred: string[];
  lastIntent?: IntentEntry;
  lastOutcome?: OutcomeEntry;
  /** Why this message's delivery is unknown, or null. */
  uncertain: string | null;
  /** Settled by a person as delivered. */
  resolvedSent: boolean;
}

export interface TornLine { line: number; key?: string }

export interface JournalState {
  keys: Map<string, KeyState>;
  /** Lines that could not be read (a crash mid-write). */
  torn: TornLine[];
}

/** A short, stable handle for one message key (what `journal resolve` takes). */
export const entryId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** The journal could not be read or written: names the file; nothing further is sent. */
export class JournalError extends InputError {}

export class SendJournal {
  constructor(readonly file: string) {}

  read(): JournalState {
    const keys = new Map<string, KeyState>();
    const torn: TornLine[] = [];
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { keys, torn };
      throw new JournalError(this.file, `无法读取发送日志（${ioReason(err)}），未发送任何邮件。`);
    }
    const at = (key: string) => {
      let s = keys.get(key);
      if (!s) keys.set(key, (s = { key, delivered: new Set(), refused: new Set(), deferred: [], uncertain: null, resolvedSent: false }));
      return s;
    };
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let e: JournalEntry;
      try {
        e = JSON.parse(line) as JournalEntry;
        if (typeof e?.key !== 'string') throw new Error('no key');
      } catch {
        const key = /"key":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
        torn.push({ line: i + 1, key: key === undefined ? undefined : safeJsonString(key) });
        if (key !== undefined) at(safeJsonString(key)).uncertain = `发送日志第 ${i + 1} 行不完整（写入时中断），无法确认是否送达`;
        return;
      }
      const s = at(e.key);
      if (e.type === 'intent') {
        s.lastIntent = e;
        s.college = e.college ?? s.college;
        s.uncertain = '上次发送时中断，没有记录结果，无法确认是否送达';
      } else if (e.type === 'outcome') {
        s.lastOutcome = e;
        for (const a of e.accepted) s.delivered.add(a);
        s.refused = new Set(e.rejected);
        s.deferred = e.deferred ?? [];
        s.uncertain = e.status === 'uncertain' ? `邮件已交给服务器但没有收到确认（${e.error ?? '无应答'}），无法确认是否送达` : null;
      } else if (e.type === 'resolve') {
        if (e.as === 'sent') {
          for (const a of s.lastIntent?.to ?? []) s.delivered.add(a);
          s.resolvedSent = true;
        }
        s.uncertain = null;
      }
    });
    return { keys, torn };
  }

  /** Appends one line whole, or throws JournalError with the file unchanged. */
  append(entry: JournalEntry): void {
    // The leading newline keeps a line torn by a crash from swallowing this one.
    const buf = Buffer.from(`\n${JSON.stringify(entry)}\n`);
    let fd: number | null = null;
    let start = -1;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      fd = openSync(this.file, 'a', 0o600);
      fchmodSync(fd, 0o600);
      start = fstatSync(fd).size;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } catch (err) {
      if (fd !== null && start >= 0) {
        try {
          ftruncateSync(fd, start);
          fsyncSync(fd);
        } catch {
          /* the reader reports a torn line */
        }
      }
      throw new JournalError(this.file, `无法写入发送日志（${ioReason(err)}），已停止发送。${entry.type === 'outcome' ? '上一封邮件已交给服务器但结果未能记录，下次运行时会列为“状态不确定”。' : '这封邮件没有发出。'}`);
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }
}

function safeJsonString(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

/**
 * The send journal: append-only JSON lines, fsync'd, readable only by its owner (it
 * names recipients). An `intent` is written before a message is handed to the
 * transport and an `outcome` after, so a crash between the two leaves an intent
 * without outcome: "uncertain", reported, never re-sent until a person settles it
 * with a `resolve` line (`zhuanjie journal resolve`) — unless the intent names the
 * outbox file it was published as, which the next run reads to settle it (courier.ts).
 * The lines of a batch are written together, with one fsync (`appendAll`).
 *
 * A write is whole or not at all: a short or failed write (disk full) is cut back to
 * where it started and reported naming the file, before anything is sent. A line
 * torn by a crash (power loss mid-write) is reported by line number, and when its
 * message key can still be read, that message counts as uncertain.
 */
import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { ioReason, mkdirPrivate } from '../files.js';

/** uncertain: the message was handed over but the server's answer never came. */
export type SendStatus = 'sent' | 'partial' | 'failed' | 'uncertain';

export type IntentEntry = {
  type: 'intent'; key: string; messageId: string; hash: string; to: string[]; college?: string; at: string; asOf?: string;
  /** The outbox file the message is published as (outbox transport only): how the next run settles an interrupted delivery. */
  file?: string;
};
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
  /** The last line for this key is an intent: the run stopped between handing the message over and recording what came of it. */
  interrupted: boolean;
}

/**
 * An outbox delivery cut off between its intent and its outcome: the intent names the file,
 * so the next run settles it from the outbox (courier.ts), not a person.
 */
export const settledFromOutbox = (s: KeyState): s is KeyState & { lastIntent: IntentEntry & { file: string } } => s.interrupted && Boolean(s.lastIntent?.file);

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
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let e: JournalEntry;
      try {
        e = JSON.parse(line) as JournalEntry;
        if (typeof e?.key !== 'string') throw new Error('no key');
      } catch {
        const key = /"key":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
        torn.push({ line: i + 1, key: key === undefined ? undefined : safeJsonString(key) });
        if (key !== undefined) {
          const s = keyState(keys, safeJsonString(key));
          s.uncertain = `发送日志第 ${i + 1} 行不完整（写入时中断），无法确认是否送达`;
          s.interrupted = false;
        }
        return;
      }
      applyEntry(keys, e);
    });
    return { keys, torn };
  }

  /** Appends one line whole, or throws JournalError with the file unchanged. */
  append(entry: JournalEntry): void {
    this.appendAll([entry], entry.type === 'outcome' ? '上一封邮件已交给服务器但结果未能记录，下次运行时会列为“状态不确定”。' : '这封邮件没有发出。');
  }

  /**
   * Appends `entries` in one write and one fsync (a group commit: a batch of outbox
   * messages costs two fsyncs, not two per message), whole or not at all: on failure the
   * file is cut back and JournalError says `consequence` (what the failure means for the
   * messages). A crash mid-write can tear only the last line written; the lines before it
   * are whole, and each is read on its own.
   */
  appendAll(entries: JournalEntry[], consequence: string): void {
    if (!entries.length) return;
    // The leading newline keeps a line torn by a crash from swallowing this one.
    const buf = Buffer.from(`\n${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
    let fd: number | null = null;
    let start = -1;
    try {
      mkdirPrivate(dirname(this.file));
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
      throw new JournalError(this.file, `无法写入发送日志（${ioReason(err)}），已停止发送。${consequence}`);
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }
}

function keyState(keys: Map<string, KeyState>, key: string): KeyState {
  let s = keys.get(key);
  if (!s) keys.set(key, (s = { key, delivered: new Set(), refused: new Set(), deferred: [], uncertain: null, resolvedSent: false, interrupted: false }));
  return s;
}

/** What one journal line does to its message's state: the one place that reads the lines' meaning (reading, and lines a run adds). */
export function applyEntry(keys: Map<string, KeyState>, e: JournalEntry): void {
  const s = keyState(keys, e.key);
  s.interrupted = e.type === 'intent';
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
}

function safeJsonString(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

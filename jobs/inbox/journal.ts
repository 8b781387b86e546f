/**
 * The mailbox journal: one JSON line per message handled, fsync'd, in stateDir.
 * A message is handled once: its key (UIDVALIDITY + UID, or the Maildir file
 * name) and its Message-ID are looked up here before it is read. A line is
 * written only after the attachments are safely on disk, so a fetch interrupted
 * half-way resumes with the first message that has no line. A torn last line
 * (crash mid-write) is ignored and its message simply handled again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { appendJsonLine } from '../lib/files.js';

export interface MailEntry {
  v: 1;
  /** "imap:<host>/<user>/<folder>:<uidvalidity>:<uid>" or "maildir:<folder>:<name>". */
  key: string;
  /** Message-ID, or "sha256:…" of the message when it has none. */
  messageId: string;
  folder: string;
  uid: number;
  /** When it was handled. */
  at: string;
  /** The message's date, YYYY-MM-DD in Beijing time. */
  date: string;
  from: string;
  subject: string;
  /** 'submission': a college's 登记表 (or a sheet listed for a person), the audit's. */
  outcome: 'receipt' | 'unmatched' | 'duplicate' | 'submission';
  name: string;
  studentId: string;
  /** "学号取自正文" and the like. */
  note: string;
  /** The sender's attachment file names, as shown (no folders). */
  attachmentNames?: string[];
  /** Attachments saved, relative to stateDir. */
  saved: string[];
  /** Attachments not saved, with why. */
  rejected: { name: string; reason: string }[];
  /** Why an unmatched message could not be used. */
  reasons: string[];
  /** Submissions stored from this message. */
  submissions?: { college: string; hash: string; name: string }[];
  /** Attachments no college could be given, with why: listed for a person. */
  unassigned?: { name: string; reason: string }[];
  /** The rule that decided whether this was a receipt or a submission. */
  rule?: string;
  /** Where an acknowledgement may go: the sender, unless the message was automatic or from a list (then ''). */
  ackTo?: string;
}

export interface InboxJournalState {
  entries: MailEntry[];
  keys: Set<string>;
  messageIds: Set<string>;
}

export class InboxJournal {
  constructor(readonly file: string) {}

  read(): InboxJournalState {
    const entries: MailEntry[] = [];
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          // Lines of other kinds (acknowledgements were once recorded here) are passed over.
          const e = JSON.parse(line) as MailEntry;
          if (e && e.v === 1 && typeof e.key === 'string') entries.push(e);
        } catch {
          /* a torn line from a crash: that message is handled again */
        }
      }
    }
    return { entries, keys: new Set(entries.map((e) => e.key)), messageIds: new Set(entries.map((e) => e.messageId)) };
  }

  /** Whole or torn at the end, fsync'd; names, 学号 and senders' addresses: owner-only, like the send journal. */
  append(entry: MailEntry): void {
    appendJsonLine(this.file, entry);
  }
}

/**
 * The send journal: append-only JSON lines, fsync'd. An `intent` is written before
 * a message is handed to the transport and an `outcome` after, so a crash between
 * the two leaves an intent without outcome: "uncertain", reported, never re-sent
 * silently. A torn last line (crash mid-write) is ignored.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type SendStatus = 'sent' | 'partial' | 'failed' | 'skipped';

export type JournalEntry =
  | { type: 'intent'; key: string; messageId: string; hash: string; to: string[]; at: string }
  | { type: 'outcome'; key: string; messageId: string; status: SendStatus; accepted: string[]; rejected: string[]; error?: string; at: string };

export interface JournalState {
  /** Latest outcome per key. */
  outcomes: Map<string, Extract<JournalEntry, { type: 'outcome' }>>;
  /** Intents whose outcome was never written. */
  uncertain: Map<string, Extract<JournalEntry, { type: 'intent' }>>;
  /** Lines that could not be read (a torn tail). */
  skippedLines: number;
}

export class Journal {
  constructor(readonly file: string) {}

  read(): JournalState {
    const outcomes: JournalState['outcomes'] = new Map();
    const intents = new Map<string, Extract<JournalEntry, { type: 'intent' }>>();
    let skippedLines = 0;
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let e: JournalEntry;
        try {
          e = JSON.parse(line) as JournalEntry;
        } catch {
          skippedLines++;
          continue;
        }
        if (e.type === 'intent') intents.set(e.key, e);
        else if (e.type === 'outcome') {
          outcomes.set(e.key, e);
          intents.delete(e.key);
        }
      }
    }
    return { outcomes, uncertain: intents, skippedLines };
  }

  append(entry: JournalEntry): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const fd = openSync(this.file, 'a');
    try {
      // A torn previous line must not swallow this one.
      writeSync(fd, `\n${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

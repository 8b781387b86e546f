/**
 * Reading a local Maildir folder (new/ and cur/): the demo's sample messages, or
 * mail another program syncs to disk. The folder is only read, never changed;
 * the journal alone remembers what was handled.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../lib/errors.js';
import type { InboxJournal } from './journal.js';
import { processMessage, type ProcessOptions } from './process.js';
import { count, maxMessageBytes } from './imap.js';
import type { FetchSummary } from './process.js';

export async function fetchMaildir(dir: string, opts: Omit<ProcessOptions, 'seenMessageIds'> & { journal: InboxJournal }): Promise<FetchSummary> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'cur')) && !existsSync(join(root, 'new'))) throw new InputError(root, '不是 Maildir 文件夹（其中应有 cur 和 new 子文件夹）。');
  const files = ['new', 'cur']
    .filter((sub) => existsSync(join(root, sub)))
    .flatMap((sub) => readdirSync(join(root, sub)).filter((f) => !f.startsWith('.')).map((f) => ({ sub, f })))
    // The unique part of a Maildir name stays when flags (":2,S") change.
    .map(({ sub, f }) => ({ path: join(root, sub, f), unique: f.split(':')[0]! }))
    .sort((a, b) => a.unique.localeCompare(b.unique));
  const state = opts.journal.read();
  const seen = new Set(state.messageIds);
  const summary: FetchSummary = { handled: 0, receipts: 0, unmatched: 0, duplicates: 0 };
  let uid = 0;
  for (const file of files) {
    uid++;
    const key = `maildir:${root}:${file.unique}`;
    if (state.keys.has(key)) continue;
    const st = statSync(file.path);
    if (!st.isFile() || st.size > maxMessageBytes(opts.maxAttachmentBytes)) continue;
    const entry = await processMessage({ key, folder: 'Maildir', uid, source: readFileSync(file.path), internalDate: st.mtime }, { ...opts, seenMessageIds: seen });
    opts.journal.append(entry);
    seen.add(entry.messageId);
    count(summary, entry.outcome);
    summary.handled++;
  }
  return summary;
}

/**
 * The 回执 mailbox read for a preview (`run --dry-run`, issue 18 item 3): the same reading
 * as a real fetch, so that the preview counts what a real run would, but nothing changes —
 * IMAP EXAMINE (no flag, keyword or move), no line in the inbox journal, attachments saved
 * to a temporary folder removed afterwards. A Maildir is read the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { placesOf } from '../lib/places.js';
import { fetchImap } from './imap.js';
import { InboxJournal, type InboxJournalState, type MailEntry } from './journal.js';
import { fetchMaildir } from './maildir.js';

/** The real journal as read, plus what this preview would add, kept in memory only. */
class PreviewJournal extends InboxJournal {
  readonly added: MailEntry[] = [];
  override read(): InboxJournalState {
    const s = super.read();
    const entries = [...s.entries, ...this.added];
    return { entries, keys: new Set(entries.map((e) => e.key)), messageIds: new Set(entries.map((e) => e.messageId)) };
  }
  override append(entry: MailEntry): void {
    this.added.push(entry);
  }
}

/** Every entry a real fetch would leave in the journal now: those there already and the new ones. */
export async function previewMail(loaded: LoadedConfig, log: (s: string) => void): Promise<MailEntry[]> {
  const m = loaded.config.mailbox!;
  const journal = new PreviewJournal(placesOf(loaded).inboxJournal);
  const scratch = mkdtempSync(join(tmpdir(), 'zhuanjie-preview-'));
  try {
    const common = { stateDir: scratch, maxAttachmentBytes: m.maxAttachmentBytes, journal };
    if (m.maildir) await fetchMaildir(loaded.path(m.maildir), common);
    else {
      const password = process.env[m.passwordEnv];
      if (!password) throw new InputError('回执邮箱', `没有设置环境变量 ${m.passwordEnv}（回执邮箱 ${m.user} 的密码）。密码不能写在配置文件中。`);
      await fetchImap(m, { ...common, password, log, readOnly: true });
    }
    if (journal.added.length) log(`回执邮箱（试运行，只读）：另有 ${journal.added.length} 封新邮件计入预览，未做任何标记。`);
    return journal.read().entries;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

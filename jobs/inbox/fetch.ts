/**
 * The 回执 mailbox: fetch new receipt e-mails into the journal, and read
 * the journal back as receipts for reconciliation and as the list of e-mails that
 * could not be matched.
 */
import { join } from 'node:path';
import type { MailboxConfig } from '../../shared/config.js';
import { mailReceiptRecord, type UnmatchedMail } from '../../shared/mailReceipt.js';
import type { ReceiptRecord } from '../../shared/receipts.js';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { fetchImap, type ImapFetchOptions } from './imap.js';
import { createSender, type Sender } from '../lib/mail/transport.js';
import { planAcks } from './ack.js';
import { Courier } from '../lib/mail/courier.js';
import { SendJournal } from '../lib/mail/journal.js';
import { INBOX_JOURNAL, placesOf } from '../lib/places.js';
import { InboxJournal, type MailEntry } from './journal.js';
import { fetchMaildir } from './maildir.js';
import { lastRead, markRead } from './lastRead.js';
import { previewMail } from './preview.js';
import { beijingMinute, MAILBOX_SOURCE, type ReceiptSource } from '../../shared/receiptSources.js';
import type { Classify, FetchSummary } from './process.js';

export type { FetchSummary, UnmatchedMail };



/** The mailbox journal of a state folder (placesOf names the same file). */
export const inboxJournal = (stateDir: string) => new InboxJournal(join(stateDir, INBOX_JOURNAL));

export interface FetchOptions {
  log?: (s: string) => void;
  onHandled?: ImapFetchOptions['onHandled'];
  /** Tests inject a sender for acknowledgements; otherwise the config's `mail` decides. */
  sender?: Sender;
  /** Tests pass the password; otherwise it is read from the environment variable named in the config. */
  env?: NodeJS.ProcessEnv;
  /** Asked first of each new message: is it something else than a receipt e-mail (a college's 登记表)? */
  classify?: Classify;
}

/** Fetch new messages (the caller holds the state-folder lock). */
export async function fetchReceipts(loaded: LoadedConfig, opts: FetchOptions = {}): Promise<FetchSummary> {
  const m = loaded.config.mailbox;
  if (!m) throw new InputError(loaded.file ?? '配置', '配置中没有回执邮箱（mailbox）。');
  const log = opts.log ?? (() => {});
  const places = placesOf(loaded);
  const { stateDir } = places;
  const journal = new InboxJournal(places.inboxJournal);
  const common = { stateDir, maxAttachmentBytes: m.maxAttachmentBytes, journal, classify: opts.classify };
  const before = journal.read().keys;
  let s: FetchSummary;
  if (m.maildir) s = await fetchMaildir(loaded.path(m.maildir), common);
  else {
    const password = (opts.env ?? process.env)[m.passwordEnv];
    if (!password) throw new InputError('回执邮箱', `没有设置环境变量 ${m.passwordEnv}（回执邮箱 ${m.user} 的密码）。密码不能写在配置文件中。`);
    s = await fetchImap(m, { ...common, password, log, onHandled: opts.onHandled });
  }
  // 「无法对应」 is decided against the registrations (inbox/unmatched.ts); here only what could not be read.
  log(`回执邮箱：新处理 ${s.handled} 封，其中回执 ${s.receipts} 封，未能识别 ${s.unmatched} 封，重复 ${s.duplicates} 封${s.submissions ? `，登记表报送 ${s.submissions} 封` : ''}。`);
  if (m.acknowledge) {
    const fresh = journal.read().entries.filter((e) => !before.has(e.key));
    const sender = opts.sender ?? createSender(loaded.config, (p) => places.output(p, 'mail.dir'));
    try {
      const sendJournal = new SendJournal(places.sendJournal);
      const courier = new Courier(sendJournal, sendJournal.read(), sender, { log: () => {} });
      for (const ack of planAcks(fresh, loaded.config)) {
        if (!(await courier.deliver(ack))) log(`回执确认邮件未能确认送达 ${ack.to.join(', ')}（不再重发）`);
      }
      const n = courier.results.sent.length;
      if (n) log(`已给 ${n} 位发件人发送回执确认邮件。`);
    } catch (err) {
      // The receipts are read and journalled; a failed acknowledgement must not undo that.
      log(`回执确认邮件发送失败：${(err as Error).message}（不再重发）`);
    } finally {
      if (!opts.sender) sender.close();
    }
  }
  return s;
}

export interface MailReceipts {
  receipts: ReceiptRecord[];
  unmatched: UnmatchedMail[];
}

/** Everything the journal holds, as receipts (per the photo setting) and unmatched e-mails. */
export function readMailReceipts(stateDir: string, m: MailboxConfig | undefined): MailReceipts {
  return mailReceiptsOf(inboxJournal(stateDir).read().entries, m);
}

/** Journal entries as receipts (per the photo setting) and unmatched e-mails. */
export function mailReceiptsOf(entries: readonly MailEntry[], m: MailboxConfig | undefined): MailReceipts {
  const photoCounts = m?.photoCountsAsCompleted ?? true;
  const receipts: ReceiptRecord[] = [];
  const unmatched: UnmatchedMail[] = [];
  for (const e of entries) {
    if (e.outcome === 'receipt') {
      receipts.push(mailReceiptRecord({ folder: e.folder, uid: e.uid, date: e.date, name: e.name, studentId: e.studentId, note: e.note, origin: { from: e.from, subject: e.subject, messageId: e.messageId, attachments: e.attachmentNames ?? [], saved: e.saved } }, photoCounts));
    } else if (e.outcome === 'unmatched') unmatched.push(unmatchedOf(e));
  }
  return { receipts, unmatched };
}

const unmatchedOf = (e: MailEntry): UnmatchedMail => ({
  date: e.date, from: e.from, subject: e.subject, name: e.name, studentId: e.studentId,
  reason: [...e.reasons, ...e.rejected.map((r) => `${r.name}：${r.reason}`)].join('；'),
  attachments: (e.attachmentNames ?? []).join('、'),
});

/**
 * For `run` and `schedule`: fetch new mail, then read the journal. A mailbox that cannot
 * be read is not fatal here: it comes back as a source with its problem and its last good
 * read, and `run` decides (issue 18: a send day holds the college lists back).
 */
export async function mailboxReceipts(loaded: LoadedConfig, opts: { fetch: boolean; preview?: boolean; log: (s: string) => void; now?: Date; classify?: Classify }): Promise<MailReceipts & { source: ReceiptSource | null }> {
  const m = loaded.config.mailbox;
  if (!m) return { receipts: [], unmatched: [], source: null };
  const { stateDir } = placesOf(loaded);
  let problem: string | null = null;
  if (opts.preview) {
    // `run --dry-run`: what a real run would read now, read without changing anything.
    try {
      const entries = await previewMail(loaded, opts.log);
      return { ...mailReceiptsOf(entries, m), source: { name: MAILBOX_SOURCE, asOf: `${beijingMinute(opts.now ?? new Date())}（试运行，只读）`, problem: null } };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problem = err.message;
      opts.log(`警告：回执邮箱无法读取：${err.message} 本次只有此前已读取的邮件回执。`);
    }
  } else if (opts.fetch) {
    try {
      await fetchReceipts(loaded, { log: opts.log, classify: opts.classify });
      markRead(stateDir, beijingMinute(opts.now ?? new Date()));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problem = err.message;
      opts.log(`警告：回执邮箱无法读取：${err.message} 本次只有此前已读取的邮件回执。`);
    }
  }
  return { ...readMailReceipts(stateDir, m), source: { name: MAILBOX_SOURCE, asOf: lastRead(stateDir), problem } };
}

/**
 * Fetching new messages from the 回执 mailbox over IMAP (imapflow). Each message
 * is journalled before it is marked on the server, and marked before the next is
 * read; a mark lost to a crash is made up at the start of the next fetch.
 * Messages are flagged, given a keyword or moved: never deleted.
 */
import { ImapFlow, type FetchMessageObject, type ImapFlowOptions } from 'imapflow';
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import { identifyReceiptMail } from '../../shared/mailReceipt.js';
import type { MailboxConfig } from '../../shared/config.js';
import { InputError } from '../lib/errors.js';
import type { MailEntry, InboxJournal } from './journal.js';
import { processMessage, type ProcessOptions } from './process.js';
import type { FetchSummary } from './process.js';

export const PROCESSED_KEYWORD = '$ZhuanjieReceipt';

/** The message a user can act on, for each way an IMAP session fails. */
export function imapErrorText(err: unknown, m: MailboxConfig): string {
  const e = err as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string };
  const where = `${m.host}:${m.port ?? (m.secure ? 993 : 143)}`;
  if (e.authenticationFailed || e.code === 'AUTHENTICATIONFAILED') return `回执邮箱登录失败：用户名或密码错误（账号 ${m.user}，密码取自环境变量 ${m.passwordEnv}）。邮件未读取，已处理的记录不受影响。`;
  const code = e.code ?? '';
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|CERT_|ERR_TLS_CERT/.test(code) || /self[- ]signed|certificate/i.test(e.message ?? ''))
    return `回执邮箱服务器 ${where} 的证书不受信任（自签名或已过期）。若确认是本校自己的服务器，可在配置 mailbox 中设置 "allowSelfSigned": true。`;
  if (code === 'ECONNREFUSED') return `无法连接回执邮箱服务器 ${where}（连接被拒绝），请检查 host 和 port。`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `找不到回执邮箱服务器 ${m.host}，请检查 host。`;
  if (/TIMEOUT|ETIMEDOUT/.test(code)) return `连接回执邮箱服务器 ${where} 超时。`;
  if (code === 'NoConnection' || code === 'ECONNRESET' || code === 'EPIPE' || /closed|ended|Connection not available/i.test(e.message ?? ''))
    return `与回执邮箱服务器 ${where} 的连接中断。已处理的邮件已记录，下次读取会从中断处继续。`;
  return `读取回执邮箱 ${where} 失败：${e.responseText || e.message || String(err)}`;
}

export interface ImapFetchOptions extends Omit<ProcessOptions, 'seenMessageIds'> {
  journal: InboxJournal;
  password: string;
  log: (s: string) => void;
  /** Called after each message is journalled and marked (tests interrupt the server here). */
  onHandled?: (uid: number) => void | Promise<void>;
  /** A preview (`run --dry-run`): the folder opened with EXAMINE, no flag, keyword, move or folder made. */
  readOnly?: boolean;
}

export async function fetchImap(m: MailboxConfig, opts: ImapFetchOptions): Promise<FetchSummary> {
  const secure = m.secure;
  const options: ImapFlowOptions = {
    host: m.host!,
    port: m.port ?? (secure ? 993 : 143),
    secure,
    // Without TLS from the start, STARTTLS is required: the password never crosses the network in clear.
    doSTARTTLS: secure ? undefined : true,
    auth: { user: m.user!, pass: opts.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: m.timeoutMs,
    greetingTimeout: m.timeoutMs,
    socketTimeout: m.timeoutMs,
    tls: { rejectUnauthorized: !m.allowSelfSigned },
  };
  const client = new ImapFlow(options);
  // A dropped connection surfaces through the pending command; keep the event from crashing the process.
  client.on('error', () => {});
  const summary: FetchSummary = { handled: 0, receipts: 0, unmatched: 0, duplicates: 0 };
  try {
    await client.connect();
    const lock = await client.getMailboxLock(m.folder, opts.readOnly ? { readOnly: true } : undefined).catch((err: unknown) => {
      // A NO to SELECT is a missing folder; anything else (a dropped connection) is classified below.
      const e = err as { responseStatus?: string; responseText?: string; message?: string };
      if (e.responseStatus === 'NO') throw new InputError('回执邮箱', `服务器上没有文件夹「${m.folder}」（${e.responseText || e.message}）。`);
      throw err;
    });
    try {
      const box = client.mailbox;
      if (!box) throw new InputError('回执邮箱', `无法打开文件夹「${m.folder}」。`);
      const prefix = `imap:${m.host}/${m.user}/${m.folder}:${box.uidValidity}:`;
      if (!box.exists) return summary;
      const mark = async (uid: number) => {
        if (opts.readOnly) return;
        if (m.processed === 'flag') await client.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true });
        else if (m.processed === 'keyword') await client.messageFlagsAdd(String(uid), [PROCESSED_KEYWORD], { uid: true });
        else await client.messageMove(String(uid), m.processed.moveTo, { uid: true });
      };
      if (typeof m.processed === 'object' && !opts.readOnly) {
        const exists = (await client.list()).some((f) => f.path === (m.processed as { moveTo: string }).moveTo);
        if (!exists) await client.mailboxCreate(m.processed.moveTo);
      }
      const list = await client.fetchAll('1:*', { uid: true, flags: true, size: true, envelope: true, internalDate: true });
      const state = opts.journal.read();
      const seen = new Set(state.messageIds);
      for (const item of list.sort((a, b) => a.uid - b.uid)) {
        const key = prefix + item.uid;
        const marked = m.processed === 'flag' ? item.flags?.has('\\Flagged') : m.processed === 'keyword' ? item.flags?.has(PROCESSED_KEYWORD) : false;
        if (state.keys.has(key)) {
          // Journalled by an earlier fetch that stopped before marking it.
          if (!marked) await mark(item.uid);
          continue;
        }
        const envId = item.envelope?.messageId?.trim();
        if (envId && seen.has(envId)) {
          opts.journal.append(headerEntry(key, envId, m.folder, item));
          summary.duplicates++;
        } else if ((item.size ?? 0) > maxMessageBytes(opts.maxAttachmentBytes)) {
          // Not downloaded at all: listed for a person to look at in the mailbox.
          const e = headerEntry(key, envId || `imap-size:${key}`, m.folder, item);
          const id = identifyReceiptMail({ subject: e.subject, text: '', attachmentNames: [] });
          opts.journal.append({ ...e, outcome: 'unmatched', name: id.name, studentId: id.studentId, reasons: [`邮件 ${((item.size ?? 0) / 1024 / 1024).toFixed(1)} MB，超过大小上限，未下载`] });
          summary.unmatched++;
        } else {
          const fetched = await client.fetchOne(String(item.uid), { source: true }, { uid: true });
          if (!fetched || !fetched.source) throw new Error(`UID ${item.uid} 无法下载`);
          const entry = await processMessage(
            { key, folder: m.folder, uid: item.uid, source: fetched.source, internalDate: item.internalDate instanceof Date ? item.internalDate : undefined },
            { stateDir: opts.stateDir, maxAttachmentBytes: opts.maxAttachmentBytes, seenMessageIds: seen, classify: opts.classify },
          );
          opts.journal.append(entry);
          seen.add(entry.messageId);
          count(summary, entry.outcome);
        }
        summary.handled++;
        await mark(item.uid);
        await opts.onHandled?.(item.uid);
      }
    } finally {
      lock.release();
    }
    return summary;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('回执邮箱', imapErrorText(err, m));
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A whole message may hold a few attachments at the limit, base64-encoded (4/3). */
export const maxMessageBytes = (maxAttachment: number) => maxAttachment * 4 + 1024 * 1024;

export function count(s: FetchSummary, outcome: MailEntry['outcome']): void {
  if (outcome === 'submission') s.submissions = (s.submissions ?? 0) + 1;
  else if (outcome === 'receipt') s.receipts++;
  else if (outcome === 'unmatched') s.unmatched++;
  else s.duplicates++;
}

/** An entry from the envelope alone (a duplicate, or a message too large to download): a duplicate unless changed. */
function headerEntry(key: string, messageId: string, folder: string, item: FetchMessageObject): MailEntry {
  const env = item.envelope;
  const addr = env?.from?.[0];
  const when = env?.date instanceof Date && !Number.isNaN(env.date.getTime()) ? env.date : item.internalDate instanceof Date ? item.internalDate : null;
  return {
    v: 1, key, messageId, folder, uid: item.uid, at: new Date().toISOString(), date: when ? dateIn(TIMEZONE, when) : '',
    from: addr?.address ? (addr.name ? `${addr.name} <${addr.address}>` : addr.address) : '', subject: env?.subject ?? '', outcome: 'duplicate',
    name: '', studentId: '', note: '', saved: [], rejected: [], reasons: ['同一封邮件（Message-ID 相同）已处理过'],
  };
}

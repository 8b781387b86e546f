/**
 * Optional acknowledgement to a member who mailed a receipt (off by default):
 * "received, counted for 姓名 学号" or "could not be read, please resend as …".
 * Only for messages handled in this fetch, never to automatic mail, lists or our
 * own addresses. Delivered by the courier through the send journal like every other
 * message: at most once per mail, also across crashes (an uncertain one is never resent).
 */
import { cohortFor } from '../../shared/calendar.js';
import type { JobConfig } from '../../shared/config.js';
import { escapeHtml } from '../../shared/html.js';
import type { MessageKey } from '../../shared/messageKey.js';
import { bareAddress, messageIdFor, type Outgoing } from '../lib/mail/message.js';
import type { MailEntry } from './journal.js';

export function composeAck(e: MailEntry, from: string): Outgoing {
  const lines =
    e.outcome === 'receipt'
      ? [`${e.name}同学：`, '', `你的党组织关系回执（学号 ${e.studentId}）已收到并登记，谢谢。`, '', '本邮件由系统自动发送，请勿回复。']
      : [
          '你好：',
          '',
          `你发来的邮件「${e.subject}」未能登记为党组织关系回执：${e.reasons.join('；')}。`,
          '请将盖章的回执拍照作为附件（JPG、PNG、HEIC 或 PDF），邮件主题写“姓名-学号-党组织关系回执”，重新发送。',
          '',
          '本邮件由系统自动发送。',
        ];
  const text = lines.join('\n');
  const key: MessageKey = { cohort: cohortFor(e.date), kind: 'ack', date: e.date, audience: 'sender', id: e.key };
  return {
    key,
    label: e.ackTo!,
    to: [e.ackTo!],
    cc: [],
    subject: e.outcome === 'receipt' ? `已收到：${e.subject}` : `未能登记：${e.subject}`,
    text,
    html: `<!doctype html><html><body>${lines.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : '')).join('')}</body></html>`,
    attachments: [],
    messageId: messageIdFor(key, from),
    members: 0,
  };
}

/** The acknowledgements the mails handled in this fetch call for. */
export function planAcks(entries: readonly MailEntry[], config: JobConfig): Outgoing[] {
  const own = new Set([bareAddress(config.from), config.mailbox?.user?.toLowerCase(), config.orgDept?.email.toLowerCase()].filter(Boolean));
  return entries.filter((e) => e.outcome !== 'duplicate' && e.ackTo && !own.has(e.ackTo)).map((e) => composeAck(e, config.from));
}

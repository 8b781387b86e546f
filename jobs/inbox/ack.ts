/**
 * Optional acknowledgement to a member who mailed a receipt (off by default):
 * "received, counted for 姓名 学号" or "could not be read, please resend as …".
 * Only for messages handled in this fetch, never to automatic mail, lists or our
 * own addresses, and at most once per message: the journal line is written
 * before the message is handed to the transport.
 */
import type { JobConfig } from '../../shared/config.js';
import { escapeHtml } from '../../shared/html.js';
import { messageIdFor, type Outgoing } from '../lib/mail/message.js';
import type { Sender } from '../lib/mail/transport.js';
import type { MailEntry, MailJournal } from './journal.js';

const address = (s: string) => (/<([^>]+)>/.exec(s)?.[1] ?? s).trim().toLowerCase();

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
  return {
    key: `ack/${e.key}`,
    to: [e.ackTo!],
    cc: [],
    subject: e.outcome === 'receipt' ? `已收到：${e.subject}` : `未能登记：${e.subject}`,
    text,
    html: `<!doctype html><html><body>${lines.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : '')).join('')}</body></html>`,
    attachments: [],
    messageId: messageIdFor(`ack-${e.messageId}`, e.ackTo!, from),
    members: 0,
  };
}

export async function sendAcks(entries: readonly MailEntry[], journal: MailJournal, sender: Sender, config: JobConfig, log: (s: string) => void): Promise<number> {
  const own = new Set([address(config.from), config.mailbox?.user?.toLowerCase(), config.orgDept?.email.toLowerCase()].filter(Boolean));
  const acked = journal.read().acked;
  let n = 0;
  for (const e of entries) {
    if (e.outcome === 'duplicate' || !e.ackTo || own.has(e.ackTo) || acked.has(e.key)) continue;
    journal.append({ v: 1, ack: e.key, to: e.ackTo, at: new Date().toISOString() });
    acked.add(e.key);
    const ack = composeAck(e, config.from);
    const d = await sender.deliver(ack, [...ack.to, ...ack.cc]);
    if (d.status !== 'sent') log(`回执确认邮件未能确认送达 ${e.ackTo}：${d.error ?? '未知原因'}（不再重发）`);
    else n++;
  }
  return n;
}

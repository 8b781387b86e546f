/**
 * Receipt sources and their gaps, one rule for every kind (issue 18, items 2 and 6): a
 * receipts file, the 回执 mailbox. A source that cannot be read, or a file that matches
 * almost none of the registrations, is a gap; on a day that sends lists a gap holds the
 * college mails back (the next run within the catch-up window tries again), except on
 * and after the checkpoint itself, when the lists go out with the gap stated at the top
 * of each. Every mail and report names the sources used and as of when.
 */
import { deadlineDate, deadlineLabel, type Reminder } from './deadlines.js';

export interface ReceiptSource {
  /** The file's name, or 「回执邮箱」. */
  name: string;
  /** When its content is from: a file's last change, the mailbox's last successful read (Beijing time, 「2026-08-25 08:30」); null when never. */
  asOf: string | null;
  /** Why it could not be used this time, or null. */
  problem: string | null;
}

export const MAILBOX_SOURCE = '回执邮箱';

/** A moment as 「2026-08-25 08:30」 in Beijing time (Intl: the same in Node and the task pane). */
export function beijingMinute(at: Date): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 「回执来源：A（2026-08-20 10:00 的版本）、回执邮箱（2026-08-25 08:30 读取）」. */
export function sourcesLine(sources: readonly ReceiptSource[]): string {
  if (!sources.length) return '回执来源：无。';
  const one = (s: ReceiptSource) => {
    const when = s.asOf ? (s.name === MAILBOX_SOURCE ? `${s.asOf} 读取` : `${s.asOf} 的版本`) : '从未读取成功';
    return `${s.name}（${s.problem ? `本次无法使用，最后可用：${s.asOf ?? '无'}` : when}）`;
  };
  return `回执来源：${sources.map(one).join('、')}。`;
}

export const gapsOf = (sources: readonly ReceiptSource[]) => sources.filter((s) => s.problem !== null);

/** What a send day does about the gaps: send as usual, hold the college lists, or send with the gap stated. */
export type SendDecision = 'send' | 'hold' | 'sendWithGap';

export function sendDecision(gaps: readonly ReceiptSource[], reminder: Reminder, asOf: string, cohort: number): SendDecision {
  if (!gaps.length) return 'send';
  // On the checkpoint itself (or a catch-up after it) a list with a stated gap beats no list.
  return asOf >= deadlineDate(cohort, reminder.checkpoint) ? 'sendWithGap' : 'hold';
}

/** The gap as the first words of a mail sent in spite of it. */
export function gapNotice(gaps: readonly ReceiptSource[]): string {
  return `注意：以下回执来源本次无法使用，名单可能包含其实已完成转接的党员，请核对后再联系本人：${gaps.map((g) => `${g.name}（${g.problem}；最后可用：${g.asOf ?? '无'}）`).join('；')}。`;
}

/** What the 组织部 is told at once when a send day's lists are held. */
export function heldNotice(gaps: readonly ReceiptSource[], reminder: Reminder, held: readonly { college: string; members: number }[]): { subject: string; lines: string[] } {
  const label = deadlineLabel(reminder.checkpoint);
  return {
    subject: `【组织关系转接】暂缓发送：回执来源无法使用，${held.length} 个学院的${label}提醒未发出`,
    lines: [
      `今天应发送${label}节点提醒（原定 ${reminder.date}），但以下回执来源无法使用，按这样的名单提醒会把已完成转接的党员当作未完成：`,
      ...gaps.map((g) => `- ${g.name}：${g.problem}（最后可用：${g.asOf ?? '无'}）`),
      '',
      '暂缓发送的学院提醒（问题解决后，下次运行时自动补发；到节点当天仍无法使用时，照常发送并在邮件开头说明缺少的来源）：',
      ...held.map((h) => `- ${h.college}（${h.members} 人）`),
    ],
  };
}

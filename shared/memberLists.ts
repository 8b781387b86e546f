/**
 * What the college's list and the report say beside each member: the member's
 * next deadline, the letter's last valid day, the 工作日 elapsed on a stalled online transfer,
 * and what the member was told by mail (kinds and dates) or why they could not be told.
 */
import { deadlineDate, deadlineLabel, furtherStudyGraceDate } from './deadlines.js';
import type { MemberStatus } from './reconcile.js';
import { isUnresolved } from './statuses.js';
import { MEMBER_MAIL_KINDS, momentLabel, type MemberMailKind } from './memberMail.js';
import { lastValidDay } from './letter.js';
import { stallReason, stallText, type OnlineStall } from './onlineStall.js';

/** The four columns, in order: one place for their headers. */
export const MEMBER_NOTE_COLUMNS = [
  { header: '下一期限', width: 24 },
  { header: '介绍信有效期至', width: 13 },
  { header: '工作日已过', width: 26 },
  { header: '已提醒本人', width: 36 },
] as const;

export interface MemberNotes {
  cells: [next: string, validUntil: string, workdays: string, told: string];
  /** Added to the member's 原因 (审批超时). */
  reasons: string[];
}

/** A mail the journal says reached the member: the moment and the day. */
export interface ToldEntry { moment: string; day: string }

/** `expiry-14` → 有效期提醒（前14天）. */
export function momentIdLabel(id: string): string {
  const [kind, lead] = id.split('-') as [MemberMailKind, string | undefined];
  if (!MEMBER_MAIL_KINDS.includes(kind)) return id;
  return momentLabel({ kind, lead: lead === undefined ? undefined : Number(lead) });
}

export interface NotesInput {
  asOf: string;
  cohort: number;
  stall: OnlineStall | null;
  told: readonly ToldEntry[];
  /** Why the member could not be mailed, or that today's mail waits for the cap. */
  notTold?: string;
}

export function memberNotes(m: MemberStatus, i: NotesInput): MemberNotes {
  const last = lastValidDay(m.member);
  const told = [...i.told.map((t) => `${momentIdLabel(t.moment)} ${t.day}`), ...(i.notTold ? [i.notTold] : [])].join('；');
  return {
    cells: [isUnresolved(m.status) ? nextDeadline(m, i) : '', last ?? '', stallText(i.stall), told],
    reasons: i.stall?.over ? [stallReason(i.stall)] : [],
  };
}

/** The earliest deadline still ahead of the member (or today). */
function nextDeadline(m: MemberStatus, i: NotesInput): string {
  const options: [string, string][] = [];
  const last = lastValidDay(m.member);
  if (last) options.push([last, '介绍信有效期满']);
  if (i.stall && !i.stall.over) options.push([i.stall.dueDate, `线上接收时限（${i.stall.limit}个工作日）`]);
  const sep1 = m.member.undecidedStudy ? furtherStudyGraceDate(i.cohort) : deadlineDate(i.cohort, '09-01');
  options.push([sep1, m.member.undecidedStudy ? '升学党员9月底前办理' : `${deadlineLabel('09-01')}清查`]);
  options.push([deadlineDate(i.cohort, '12-10'), `${deadlineLabel('12-10')}复核`]);
  const ahead = options.filter(([d]) => d >= i.asOf).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return ahead.length ? `${ahead[0]![0]} ${ahead[0]![1]}` : '';
}

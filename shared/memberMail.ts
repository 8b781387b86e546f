/**
 * Which member gets which mail on which day. Pure: reconciliation, settings and
 * what the send journal says each member was already told in; planned messages out.
 *
 * Only the member can make a transfer land (seed 001: 党员个人应及时将组织关系介绍信交给目标党组织;
 * seed 003: 务必在有效期内报到, then mail the receipt photo). A member's moments, each told at
 * most once: after the letter (开具日期), before a paper letter's last valid day (lead days,
 * default 14 and 3), before 9月1日 (the college reminders' lead days) and on the first day
 * the member is 超期未落实. On a given day only the latest moment that has come is told —
 * like the college reminders, an older missed one is superseded, so a member never gets two
 * mails on one day — and a moment that has passed (a letter past its last day) is not told
 * late. Never to a member whose receipt has landed, never to 按规定保留, never from 12月10日.
 */
import { deadlineDate, furtherStudyGraceDate, CATCH_UP_DAYS } from './deadlines.js';
import { addDays, isEmail, isoToDayNumber } from './normalize.js';
import type { MemberStatus } from './reconcile.js';
import type { Status } from './statuses.js';
import type { MessageKey } from './messageKey.js';
import { lastValidDay } from './letter.js';

export const MEMBER_MAIL_KINDS = ['letter', 'expiry', 'checkpoint', 'overdue'] as const;
export type MemberMailKind = (typeof MEMBER_MAIL_KINDS)[number];

/** How each kind is named in lists, logs and the README: one place. */
export const MEMBER_MAIL_LABEL: Record<MemberMailKind, string> = {
  letter: '开具后提醒',
  expiry: '有效期提醒',
  checkpoint: '9月1日前提醒',
  overdue: '超期提醒',
};

/** One moment of one member: a kind, and for expiry reminders its lead. */
export interface Moment {
  kind: MemberMailKind;
  /** Days before the letter's last valid day (expiry only). */
  lead?: number;
  /** The day the moment comes: the obligation's date (oldest first under the daily cap). */
  opens: string;
  /** The last day it may still be told. */
  closes: string;
  /** The day the moment belongs to (issue date, last valid day, 9月1日, first overdue day): its message key's date, stable whatever the lead days. */
  anchor: string;
}

/** The journal key part of a moment: one kind at most once per member ('expiry-14', 'letter'). */
export const momentId = (m: Pick<Moment, 'kind' | 'lead'>): string => (m.kind === 'expiry' ? `expiry-${m.lead}` : m.kind);

export const momentLabel = (m: Pick<Moment, 'kind' | 'lead'>): string => (m.kind === 'expiry' ? `${MEMBER_MAIL_LABEL.expiry}（前${m.lead}天）` : MEMBER_MAIL_LABEL[m.kind]);


export interface MemberMailSettings {
  letter: boolean;
  expiry: boolean;
  checkpoint: boolean;
  overdue: boolean;
  expiryLeadDays: number[];
  dailyCap: number;
}

/** Statuses a member is told in: the transfer is theirs to finish. */
const TOLD_STATUSES: ReadonlySet<Status> = new Set(['pending', 'expired', 'overdue']);

/** The member's moments that the settings turn on, in the order they come. */
export function moments(ms: MemberStatus, cohort: number, s: MemberMailSettings, leadDays: readonly number[]): Moment[] {
  const m = ms.member;
  const out: Moment[] = [];
  const sep1 = deadlineDate(cohort, '09-01');
  const dec10 = deadlineDate(cohort, '12-10');
  const lastDay = addDays(dec10, -1);
  const last = lastValidDay(m);
  // 「务必在有效期内报到」 is no advice once the letter has expired.
  if (s.letter && m.issueDate && m.issueDate < dec10) out.push({ kind: 'letter', opens: m.issueDate, closes: last && last < lastDay ? last : lastDay, anchor: m.issueDate });
  if (s.expiry && last) {
    for (const lead of [...new Set(s.expiryLeadDays)].sort((a, b) => b - a)) {
      const opens = addDays(last, -lead);
      if (!m.issueDate || opens > m.issueDate) out.push({ kind: 'expiry', lead, opens, closes: last, anchor: last });
    }
  }
  const maxLead = Math.max(0, ...leadDays);
  if (s.checkpoint && maxLead > 0) out.push({ kind: 'checkpoint', opens: addDays(sep1, -maxLead), closes: addDays(sep1, -1), anchor: sep1 });
  // The first 超期未落实 day: 9月1日, or after September for 升学 without a branch (seed 001).
  const overdueFrom = m.undecidedStudy ? addDays(furtherStudyGraceDate(cohort), 1) : sep1;
  if (s.overdue) out.push({ kind: 'overdue', opens: overdueFrom, closes: addDays(overdueFrom, CATCH_UP_DAYS) < dec10 ? addDays(overdueFrom, CATCH_UP_DAYS) : lastDay, anchor: overdueFrom });
  return out.sort((a, b) => (a.opens < b.opens ? -1 : a.opens > b.opens ? 1 : rank(a) - rank(b)));
}

/** On the same day the more urgent moment is the later one. */
const rank = (m: Moment) => MEMBER_MAIL_KINDS.indexOf(m.kind) * 1000 - (m.lead ?? 0);

/** The moment to tell today: the latest that has come, if it has not passed. */
export function currentMoment(all: readonly Moment[], asOf: string): Moment | null {
  const come = all.filter((m) => m.opens <= asOf);
  const latest = come.at(-1);
  return latest && asOf <= latest.closes ? latest : null;
}

/** What the journal says about one moment of one member. */
export type ToldState =
  | { kind: 'delivered'; at?: string }
  | { kind: 'uncertain'; reason: string }
  /** The server refused the address for good (5xx): not tried again. */
  | { kind: 'refused'; reason: string }
  /** Tried and refused for now, or not yet: to be sent. */
  | { kind: 'retry' };

/** Why an address cannot be mailed; null when it can. */
export function addressProblem(raw: string, institutional: ReadonlySet<string>): string | null {
  const t = raw.trim();
  if (!t) return '未填写电子邮箱';
  if (/^(?:\+?86)?1[3-9]\d{9}$/.test(t.replace(/[-\s]/g, ''))) return `电子邮箱一栏填的是电话号码「${t}」`;
  if (/[,，;；、\s/]/.test(t) || (t.match(/@/g)?.length ?? 0) > 1) return `电子邮箱「${t}」中有多个地址，请只填本人常用的一个`;
  if (/^\d{5,12}$/.test(t)) return `电子邮箱「${t}」像是QQ号，缺少 @qq.com，请本人确认后填写完整地址`;
  if (!isEmail(t)) return `电子邮箱「${t}」格式不正确`;
  if (institutional.has(t.toLowerCase())) return `电子邮箱「${t}」是学院或组织部的邮箱，不是本人的`;
  return null;
}

/** A stable journal identity for a member: the 学号, or a digest of the ID number (never the number itself). */
export function memberKey(m: Pick<MemberStatus, 'studentId' | 'idNumber'>): string {
  if (m.studentId) return m.studentId.replace(/[^0-9A-Za-z-]/g, '_');
  let h = 0x811c9dc5;
  for (const ch of m.idNumber ?? '') h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `id-${h.toString(16)}`;
}

export interface PlannedMail {
  member: MemberStatus;
  moment: Moment;
  address: string;
  /** The message key: the moment's kind and day, audience member, id the member's key. */
  key: MessageKey;
}

export interface NotMailed {
  member: MemberStatus;
  /** The moment that was due, when one was. */
  moment: Moment | null;
  reason: string;
}

export interface MemberMailPlan {
  /** To send today, oldest obligation first. */
  send: PlannedMail[];
  /** Due but over today's cap: sent on the next days, oldest first. */
  capped: PlannedMail[];
  /** Members who must act but cannot be mailed (address missing, invalid, shared or refused): listed for the college. */
  unreachable: NotMailed[];
  /** Due, but an earlier attempt may have arrived: never re-sent until a person settles it (the courier reports them). */
  uncertain: (PlannedMail & { reason: string })[];
}

export interface PlanInput {
  members: readonly MemberStatus[];
  asOf: string;
  cohort: number;
  settings: MemberMailSettings;
  /** The college reminders' lead days (the same before 9月1日). */
  leadDays: readonly number[];
  /** What the journal says about a message key. */
  told: (key: MessageKey) => ToldState | undefined;
  /** Member mails already handed to the server today (the cap counts them). */
  sentToday: number;
  /** The school's own addresses (colleges, 组织部, sender, 回执 mailbox): never a member's. */
  institutional: ReadonlySet<string>;
}

export const isMemberToBeTold = (m: MemberStatus, asOf: string, cohort: number): boolean =>
  TOLD_STATUSES.has(m.status) && !m.receipts.some((r) => r.state === 'landed') && asOf < deadlineDate(cohort, '12-10');

export function planMemberMails(i: PlanInput): MemberMailPlan {
  const plan: MemberMailPlan = { send: [], capped: [], unreachable: [], uncertain: [] };
  const told = i.members.filter((m) => isMemberToBeTold(m, i.asOf, i.cohort));
  // An address written in two rows belongs to nobody for sure: mail neither.
  const uses = new Map<string, number>();
  for (const m of i.members) {
    const a = m.member.email.trim().toLowerCase();
    if (a) uses.set(a, (uses.get(a) ?? 0) + 1);
  }
  const due: PlannedMail[] = [];
  for (const m of told) {
    const moment = currentMoment(moments(m, i.cohort, i.settings, i.leadDays), i.asOf);
    const address = m.member.email.trim();
    let problem = addressProblem(address, i.institutional);
    const shared = uses.get(address.toLowerCase()) ?? 0;
    if (!problem && shared > 1) problem = `电子邮箱「${address}」与另外 ${shared - 1} 名党员填写的相同，无法确定是谁的`;
    if (!moment) {
      // Nobody must-act is skipped unlisted: an unusable address is listed even on a quiet day.
      if (problem) plan.unreachable.push({ member: m, moment: null, reason: problem });
      continue;
    }
    const key: MessageKey = { cohort: i.cohort, kind: momentId(moment), date: moment.anchor, audience: 'member', id: memberKey(m) };
    const state = i.told(key);
    if (state?.kind === 'delivered') continue;
    if (state?.kind === 'uncertain') {
      plan.uncertain.push({ member: m, moment, address, key, reason: state.reason });
      continue;
    }
    if (state?.kind === 'refused') problem = `邮件服务器拒收 ${address}：${state.reason}`;
    if (problem) {
      plan.unreachable.push({ member: m, moment, reason: problem });
      continue;
    }
    due.push({ member: m, moment, address, key });
  }
  // Oldest obligation first; then by college and 学号 so that the order is stable.
  due.sort((a, b) => isoToDayNumber(a.moment.opens) - isoToDayNumber(b.moment.opens) || a.member.college.localeCompare(b.member.college, 'zh') || (a.member.studentId < b.member.studentId ? -1 : a.member.studentId > b.member.studentId ? 1 : 0));
  const room = Math.max(0, i.settings.dailyCap - i.sentToday);
  plan.send = due.slice(0, room);
  plan.capped = due.slice(room);
  return plan;
}

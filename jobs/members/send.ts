/**
 * A run's mails to members themselves: plan them from the reconciliation and
 * the journal, compose each, and hand them one by one to the run's courier, which journals
 * and sends them with the same exactly-once guarantees as the college mails. A server that
 * refuses for now (4xx: 421/451/452, a rate limit) stops the batch after the courier's own
 * retries: the rest wait for the next run rather than being pushed at a server that said
 * no. One refused address (5xx) never stops the rest; it is listed for the college.
 */
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import type { JobConfig } from '../../shared/config.js';
import { memberKey, planMemberMails, type MemberMailPlan, type NotMailed, type PlannedMail } from '../../shared/memberMail.js';
import { memberNotes } from '../../shared/memberLists.js';
import type { MemberMailContext } from '../../shared/memberMailText.js';
import { onlineStall, type OnlineStall } from '../../shared/onlineStall.js';
import type { MemberStatus, ReconcileResult } from '../../shared/reconcile.js';
import { unknownYearWarning, WorkCalendar } from '../../shared/workdays.js';
import type { Courier } from '../lib/mail/courier.js';
import type { JournalState } from '../lib/mail/journal.js';
import type { Sender } from '../lib/mail/transport.js';
import { bareAddress } from '../lib/mail/message.js';
import { printable } from '../lib/terminal.js';
import { composeMemberMail } from './compose.js';
import { memberJournal } from './journal.js';
import type { NotesOf } from '../reconcile/report.js';

export interface MemberMailOutcome {
  /** Any kind turned on in the config. */
  enabled: boolean;
  plan: MemberMailPlan | null;
  /** Delivered by this run. */
  sent: number;
  /** Refused for good (5xx) or failed by this run. */
  failed: NotMailed[];
  /** Refused for now, or not started after a rate limit or a stop: the next run sends them. */
  deferred: NotMailed[];
  /** This run's sends that may or may not have arrived, plus earlier ones still unsettled. */
  uncertain: number;
  /** Working-day years counted Monday–Friday. */
  warnings: string[];
  /** Online transfers' stalls, by member. */
  stalls: Map<MemberStatus, OnlineStall>;
}

/** Any kind of member mail turned on. */
export const memberMailsOn = (config: JobConfig): boolean => {
  const s = config.memberMails;
  return s.letter || s.expiry || s.checkpoint || s.overdue;
};

/** The school's own addresses: a member row holding one of them is not the member's. */
function institutional(config: JobConfig): Set<string> {
  const out = new Set<string>();
  const add = (a?: string) => a && out.add(bareAddress(a));
  for (const c of config.colleges) {
    add(c.secretary.email);
    c.cc.forEach(add);
  }
  add(config.orgDept?.email);
  add(config.from);
  add(receiptAddress(config));
  return out;
}

/** Where members send the receipt photo: the configured address, else the 回执 mailbox's account. */
export const receiptAddress = (config: JobConfig): string | undefined =>
  config.memberMails.receiptAddress ?? (config.mailbox?.user?.includes('@') ? config.mailbox.user : undefined);

/** Stalled online transfers (seed 004), computed for the lists whether or not members are mailed. */
export function stallsOf(config: JobConfig, result: ReconcileResult): { stalls: Map<MemberStatus, OnlineStall>; warnings: string[] } {
  const calendar = new WorkCalendar(config.workdays);
  const stalls = new Map<MemberStatus, OnlineStall>();
  const unknown = new Set<number>();
  for (const m of result.members) {
    const s = onlineStall(m, result.asOf, calendar, config.onlineTransfer.limitWorkdays);
    if (!s) continue;
    stalls.set(m, s);
    s.unknownYears.forEach((y) => unknown.add(y));
  }
  return { stalls, warnings: unknown.size ? [unknownYearWarning([...unknown].sort())] : [] };
}

export interface MemberMailRun {
  config: JobConfig;
  /** Stalled online transfers and the working-day warnings (stallsOf), computed once per run. */
  stalled: ReturnType<typeof stallsOf>;
  result: ReconcileResult;
  cohort: number;
  courier: Courier;
  state: JournalState;
  /** Null in a dry run. */
  sender: Sender | null;
  log: (line: string) => void;
  /** The wall clock: the daily cap counts real days. */
  now?: Date;
  stopping?: () => boolean;
}

export async function sendMemberMails(r: MemberMailRun): Promise<MemberMailOutcome> {
  const { config, result, cohort, courier, log } = r;
  const { stalls, warnings } = r.stalled;
  const outcome: MemberMailOutcome = { enabled: memberMailsOn(config), plan: null, sent: 0, failed: [], deferred: [], uncertain: 0, warnings, stalls };
  if (!outcome.enabled) return outcome;
  const journal = memberJournal(r.state, cohort);
  const today = dateIn(TIMEZONE, r.now ?? new Date());
  const sentToday = journal.sentOn(today);
  const plan = planMemberMails({
    members: result.members, asOf: result.asOf, cohort, settings: config.memberMails, leadDays: config.reminders.leadDays,
    told: journal.told, sentToday, institutional: institutional(config),
  });
  outcome.plan = plan;
  outcome.uncertain = plan.uncertain.length;
  const where = receiptAddress(config);
  const message = (p: PlannedMail) => {
    const c = config.colleges.find((x) => x.name === p.member.college);
    const ctx: MemberMailContext = {
      asOf: result.asOf, cohort, college: { name: p.member.college, contactName: c?.secretary.name, email: c?.secretary.email },
      orgDept: config.orgDept, receiptAddress: where, stall: stalls.get(p.member) ?? null,
    };
    return composeMemberMail(p, ctx, config.from);
  };
  // Held ones go to the courier too: its journal decision reports them (uncertain, not re-sent), as for any message.
  await courier.deliverMany(plan.uncertain.map(message));
  let stop: string | null = null;
  // In the courier's batches (one message at a time over SMTP), composed a batch at a time.
  const size = courier.batchSize;
  for (let n = 0; n < plan.send.length; n += size) {
    const chunk = plan.send.slice(n, n + size);
    if (stop || r.stopping?.()) {
      for (const p of chunk) outcome.deferred.push({ member: p.member, moment: p.moment, reason: stop ?? '进程收到停止信号' });
      continue;
    }
    const before = courier.results.uncertain.length;
    const handed = await courier.deliverMany(chunk.map(message));
    outcome.uncertain += courier.results.uncertain.length - before;
    for (const [j, p] of chunk.entries()) {
      // What the message came to when the courier handed it over; null when the journal or a stop said not to (the courier said so).
      const { delivery: d, stopped } = handed[j]!;
      if (stopped) outcome.deferred.push({ member: p.member, moment: p.moment, reason: '进程收到停止信号' });
      if (!d) continue;
      if (d.status === 'sent') outcome.sent++;
      else if (d.status === 'failed' && d.deferred.length) {
        outcome.deferred.push({ member: p.member, moment: p.moment, reason: d.error ?? '服务器暂时拒收' });
        stop = `邮件服务器暂时拒收（${d.error ?? '4xx'}），下次运行时发送`;
        log(`给党员本人的提醒：${printable(stop)}；本次其余 ${plan.send.length - n - j - 1} 封也留待下次。`);
      } else if (d.status === 'failed') outcome.failed.push({ member: p.member, moment: p.moment, reason: d.error ?? '发送失败' });
    }
  }
  log(r.sender ? memberMailLine(outcome) : `给党员本人的提醒（试运行）：将发送 ${plan.send.length} 封，无法联系 ${plan.unreachable.length} 人。`);
  return outcome;
}

/** One line for the output and the 组织部 summary: how many were told, capped, not reachable. */
export function memberMailLine(o: MemberMailOutcome): string {
  if (!o.enabled || !o.plan) return '给党员本人的提醒：未开启（配置 memberMails）。';
  const parts = [
    `本次发送 ${o.sent} 封`,
    ...(o.plan.capped.length ? [`超出每日上限、顺延 ${o.plan.capped.length} 人`] : []),
    ...(o.deferred.length ? [`服务器暂时拒收或中止、下次发送 ${o.deferred.length} 人`] : []),
    ...(o.failed.length ? [`发送失败 ${o.failed.length} 人`] : []),
    ...(o.uncertain ? [`状态不确定 ${o.uncertain} 封（不会自动重发）`] : []),
    `无法联系 ${o.plan.unreachable.length} 人（邮箱缺失、无效、与他人共用或被拒收，已列入学院名单）`,
  ];
  return `给党员本人的提醒：${parts.join('，')}。`;
}

/** The lists' note columns: deadlines, 工作日, and what the journal says each member was told. */
export function notesFor(o: Pick<MemberMailOutcome, 'stalls'> & Partial<MemberMailOutcome>, state: JournalState, result: ReconcileResult, cohort: number): NotesOf {
  const history = memberJournal(state, cohort).history;
  const notTold = new Map<MemberStatus, string>();
  if (o.plan) {
    for (const u of o.plan.unreachable) notTold.set(u.member, `未能提醒：${u.reason}`);
    for (const c of o.plan.capped) notTold.set(c.member, `${c.moment.opens} 起应提醒，因每日上限顺延`);
    for (const u of o.plan.uncertain) notTold.set(u.member, `提醒状态不确定：${u.reason}`);
  }
  for (const d of o.deferred ?? []) notTold.set(d.member, `提醒待下次发送：${d.reason}`);
  for (const f of o.failed ?? []) notTold.set(f.member, `提醒发送失败：${f.reason}`);
  return (m) => memberNotes(m, {
    asOf: result.asOf, cohort, stall: o.stalls.get(m) ?? null,
    told: history.get(memberKey(m)) ?? [],
    notTold: notTold.get(m),
  });
}

/**
 * What one reminder day sends, as data: a list for each college with unresolved
 * members, then a summary for the 组织部 that names the lists that did not arrive.
 * Nothing here sends; the courier delivers the plan through the journal.
 */
import type { Reminder } from '../../shared/deadlines.js';
import type { MemberStatus, ReconcileResult } from '../../shared/reconcile.js';
import { isUnresolved } from '../../shared/statuses.js';
import { ZH_ORDER } from '../../shared/lists.js';
import type { JobConfig } from '../../shared/config.js';
import { sameOccasion, type MessageKey } from '../../shared/messageKey.js';
import type { Outgoing, Planned } from '../lib/mail/message.js';
import type { SendResults } from '../lib/mail/courier.js';
import { buildCollegeAttachment, type NotesOf } from '../reconcile/report.js';
import { composeCollegeMail } from './collegeMail.js';
import { composeSummaryMail, type SummaryMailInput } from './summaryMail.js';

export interface ReminderContext {
  config: JobConfig;
  result: ReconcileResult;
  asOf: string;
  cohort: number;
  fullIds: boolean;
  /** What the lists say beside each member: deadlines, 工作日, what the member was told. */
  notes?: NotesOf;
  /** The receipt sources used and as of when, for every mail. */
  sources?: string;
  /** A receipt source could not be used and the lists go out anyway (the checkpoint day): said at the top. */
  gap?: string;
}

/** Each college's unresolved members, colleges in the one order of every list. */
export function unresolvedByCollege(result: ReconcileResult): [string, MemberStatus[]][] {
  const byCollege = new Map<string, MemberStatus[]>();
  for (const m of result.members) {
    if (!isUnresolved(m.status)) continue;
    const list = byCollege.get(m.college);
    if (list) list.push(m);
    else byCollege.set(m.college, [m]);
  }
  return [...byCollege].sort(([a], [b]) => ZH_ORDER.compare(a, b));
}

export async function planCollegeMails(ctx: ReminderContext, reminder: Reminder, byCollege: readonly [string, MemberStatus[]][]): Promise<Planned[]> {
  const { config, asOf, cohort, fullIds } = ctx;
  const contact = config.orgDept?.phone ? `${config.orgDept.name} ${config.orgDept.phone}` : undefined;
  const out: Planned[] = [];
  for (const [college, members] of byCollege) {
    const key: MessageKey = { cohort, kind: reminder.checkpoint, date: reminder.date, audience: 'college', id: college };
    const c = config.colleges.find((x) => x.name === college);
    if (!c) {
      out.push({ unsendable: true, key, label: college, members: members.length, reason: '配置中没有该学院的联系人邮箱' });
      continue;
    }
    const attachment = await buildCollegeAttachment(college, members, asOf, { fullIds, notes: ctx.notes });
    out.push(composeCollegeMail({ college, secretary: c.secretary, cc: c.cc, from: config.from, cohort, asOf, reminder, members, attachment, contact, sources: ctx.sources, gap: ctx.gap }));
  }
  return out;
}

/**
 * What the 组织部 summary names for one reminder: the college lists that reached no one
 * (a partial delivery reached the secretary and counts no members) and those that may not have.
 */
export function collegeShortfall(d: Pick<SendResults, 'failures' | 'uncertain'>, occasion: Pick<MessageKey, 'cohort' | 'kind' | 'date'>) {
  const ofColleges = (f: { key: MessageKey }) => f.key.audience === 'college' && sameOccasion(f.key, occasion);
  const named = ({ label, reason, members }: { label: string; reason: string; members: number }) => ({ college: label, reason, members });
  return {
    undelivered: d.failures.filter((f) => ofColleges(f) && f.members > 0).map(named),
    uncertain: d.uncertain.filter(ofColleges).map(named),
  };
}

/** The summary for the 组织部 (null without one configured), given what the college lists came to. */
export function planSummaryMail(
  ctx: ReminderContext,
  reminder: Reminder,
  sent: Pick<SendResults, 'failures' | 'uncertain'>,
  extras: Pick<SummaryMailInput, 'report' | 'unreadable' | 'unmatchedMail' | 'lines' | 'correction'>,
): Outgoing | null {
  const { config, result, cohort } = ctx;
  if (!config.orgDept) return null;
  const { undelivered, uncertain } = collegeShortfall(sent, { cohort, kind: reminder.checkpoint, date: reminder.date });
  return composeSummaryMail({ result, label: config.orgDept.name, to: [config.orgDept.email], from: config.from, reminder, undelivered, uncertain, sources: ctx.sources, gap: ctx.gap, ...extras });
}

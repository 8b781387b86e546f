/**
 * The season's deadlines, one table (seed 001: 「6月10日前」各学院党委报送登记表审核备案,
 * 「9月1日」清查组织关系未落实的毕业生党员, 「12月10日」年度复核). Each row says which job it
 * starts: the audit of submitted registration tables, or the reminders of unfinished
 * transfers. Lead days come from the configuration of that job. Calendar days only;
 * working days are another module's.
 */
import { addDays, isoToDayNumber } from './normalize.js';

export type Job = 'audit' | 'reminders';

export const DEADLINES = [
  { id: '06-10', label: '6月10日', what: '各学院党委报送登记表，组织部审核备案', job: 'audit' },
  { id: '09-01', label: '9月1日', what: '清查组织关系未落实的毕业生党员', job: 'reminders' },
  { id: '12-10', label: '12月10日', what: '年度复核，仍未落实者按失去联系党员处置', job: 'reminders' },
] as const satisfies readonly { id: string; label: string; what: string; job: Job }[];

export type Deadline = (typeof DEADLINES)[number];
export type DeadlineId = Deadline['id'];
/** The deadlines the reminders of unfinished transfers lead up to. */
export type CheckpointId = Extract<Deadline, { job: 'reminders' }>['id'];

export const deadlinesOf = <J extends Job>(job: J) => DEADLINES.filter((d): d is Extract<Deadline, { job: J }> => d.job === job);

/** The deadlines of the reminders job, in date order. */
export const CHECKPOINTS = deadlinesOf('reminders');

/** Later reminders that are missed (server down) are still sent within this many days after the deadline. */
export const CATCH_UP_DAYS = 7;

export const deadlineDate = (cohort: number, id: DeadlineId): string => `${cohort}-${id}`;

export const deadlineLabel = (id: DeadlineId): string => DEADLINES.find((d) => d.id === id)!.label;

export const isDeadlineId = (s: string): s is DeadlineId => DEADLINES.some((d) => d.id === s);

export const isCheckpointId = (s: string): s is CheckpointId => CHECKPOINTS.some((c) => c.id === s);

/**
 * A 升学 member whose receiving branch is not known yet may transfer in September
 * (seed 001: 「部分由于升学无法明确具体党支部的，可在9月份进行接转」): pending until this day.
 */
export const furtherStudyGraceDate = (cohort: number): string => `${cohort}-09-30`;

/** One day on which a job speaks about a deadline: `lead` days before it (0 = the day, negative = after). */
export interface Reminder {
  checkpoint: DeadlineId;
  lead: number;
  date: string;
}

export function reminderSchedule(cohort: number, leadDays: readonly number[], job: Job = 'reminders'): Reminder[] {
  const out: Reminder[] = [];
  for (const d of deadlinesOf(job)) {
    for (const lead of [...new Set(leadDays)].sort((a, b) => b - a)) {
      out.push({ checkpoint: d.id, lead, date: addDays(deadlineDate(cohort, d.id), -lead) });
    }
  }
  return out;
}

/**
 * The reminder each deadline of `job` should send as of `asOf`: the latest whose day
 * has come, as long as the deadline is at most CATCH_UP_DAYS behind. node-cron does
 * not catch up missed runs, so the caller runs this on start and every tick and sends
 * what its journal has not seen. Older missed reminders are superseded.
 */
export function dueReminders(asOf: string, cohort: number, leadDays: readonly number[], job: Job = 'reminders'): Reminder[] {
  const today = isoToDayNumber(asOf);
  const schedule = reminderSchedule(cohort, leadDays, job);
  const due: Reminder[] = [];
  for (const d of deadlinesOf(job)) {
    if (today > isoToDayNumber(deadlineDate(cohort, d.id)) + CATCH_UP_DAYS) continue;
    const latest = schedule.filter((r) => r.checkpoint === d.id && isoToDayNumber(r.date) <= today).at(-1);
    if (latest) due.push(latest);
  }
  return due;
}

/** A forced deadline (`--checkpoint 09-01`) is sent as that day's reminder. */
export function forcedReminder(asOf: string, cohort: number, id: DeadlineId): Reminder {
  return { checkpoint: id, lead: isoToDayNumber(deadlineDate(cohort, id)) - isoToDayNumber(asOf), date: asOf };
}

/**
 * Checkpoints of the graduation year (seed 001: 9月1日 list, 12月10日 review)
 * and the reminder days before them. Calendar dates only: no working days.
 */
import { addDays, isoToDayNumber } from './normalize.js';

export const TIMEZONE = 'Asia/Shanghai';

export const CHECKPOINTS = [
  { id: '09-01', label: '9月1日', what: '清查组织关系未落实的毕业生党员' },
  { id: '12-10', label: '12月10日', what: '年度复核，仍未落实者按失去联系党员处置' },
] as const;

export type CheckpointId = (typeof CHECKPOINTS)[number]['id'];

/** Later reminders that are missed (server down) are still sent within this many days after the checkpoint. */
export const CATCH_UP_DAYS = 7;

export const checkpointDate = (cohort: number, id: CheckpointId): string => `${cohort}-${id}`;

/**
 * A 升学 member whose receiving branch is not known yet may transfer in September
 * (seed 001: 「部分由于升学无法明确具体党支部的，可在9月份进行接转」): pending until this day.
 */
export const furtherStudyGraceDate = (cohort: number): string => `${cohort}-09-30`;

export const checkpointLabel = (id: CheckpointId): string => CHECKPOINTS.find((c) => c.id === id)!.label;

export const isCheckpointId = (s: string): s is CheckpointId => CHECKPOINTS.some((c) => c.id === s);

/** The date in a time zone as YYYY-MM-DD (Intl works in Node and in the task pane). */
export function dateIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Graduation year for a date: the same year from June on, the previous year before. */
export function cohortFor(asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) < 6 ? y - 1 : y;
}

export interface Reminder {
  checkpoint: CheckpointId;
  /** Days before the checkpoint (0 = the day itself). */
  lead: number;
  date: string;
}

export function reminderSchedule(cohort: number, leadDays: readonly number[]): Reminder[] {
  const out: Reminder[] = [];
  for (const c of CHECKPOINTS) {
    for (const lead of [...new Set(leadDays)].sort((a, b) => b - a)) {
      out.push({ checkpoint: c.id, lead, date: addDays(checkpointDate(cohort, c.id), -lead) });
    }
  }
  return out;
}

/**
 * The reminder each checkpoint should send as of `asOf`: the latest whose day has
 * come, as long as the checkpoint is at most CATCH_UP_DAYS behind. node-cron does
 * not catch up missed runs, so the caller runs this on start and every tick and
 * sends what its journal has not seen. Older missed reminders are superseded.
 */
export function dueReminders(asOf: string, cohort: number, leadDays: readonly number[]): Reminder[] {
  const today = isoToDayNumber(asOf);
  const due: Reminder[] = [];
  for (const c of CHECKPOINTS) {
    const cp = isoToDayNumber(checkpointDate(cohort, c.id));
    if (today > cp + CATCH_UP_DAYS) continue;
    const candidates = reminderSchedule(cohort, leadDays).filter((r) => r.checkpoint === c.id && isoToDayNumber(r.date) <= today);
    const latest = candidates.at(-1);
    if (latest) due.push(latest);
  }
  return due;
}

/** A forced checkpoint (`--checkpoint 09-01`) is sent as that day's reminder. */
export function forcedReminder(asOf: string, cohort: number, id: CheckpointId): Reminder {
  return { checkpoint: id, lead: isoToDayNumber(checkpointDate(cohort, id)) - isoToDayNumber(asOf), date: asOf };
}

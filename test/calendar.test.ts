/** The graduation year's calendar (shared/calendar.ts, shared/deadlines.ts): cohorts, the season's deadlines (seed 001), reminders. */
import { describe, expect, it } from 'vitest';
import { cohortFor } from '../shared/calendar.js';
import { CHECKPOINTS, DEADLINES, deadlineLabel, dueReminders, forcedReminder, furtherStudyGraceDate, reminderSchedule } from '../shared/deadlines.js';

describe('calendar', () => {
  it('the cohort is the as-of year from June, the previous year before', () => {
    expect(cohortFor('2026-06-01')).toBe(2026);
    expect(cohortFor('2027-01-15')).toBe(2026);
  });
  it('reminders 14, 7, 1 and 0 days before each checkpoint', () => {
    expect(reminderSchedule(2026, [14, 7, 1, 0]).map((r) => r.date)).toEqual(['2026-08-18', '2026-08-25', '2026-08-31', '2026-09-01', '2026-11-26', '2026-12-03', '2026-12-09', '2026-12-10']);
  });
  it('a missed reminder is caught up; an older one is superseded by the later one', () => {
    expect(dueReminders('2026-08-17', 2026, [14, 7, 1, 0])).toEqual([]);
    expect(dueReminders('2026-08-20', 2026, [14, 7, 1, 0]).map((r) => r.date)).toEqual(['2026-08-18']);
    expect(dueReminders('2026-08-26', 2026, [14, 7, 1, 0]).map((r) => r.date)).toEqual(['2026-08-25']);
    expect(dueReminders('2026-09-09', 2026, [14, 7, 1, 0])).toEqual([]);
  });
});

describe('the season’s deadlines (seed 001), one table', () => {
  it('are 6月10日 (audit of the submitted tables), 9月1日 and 12月10日 (reminders), each starting one job', () => {
    expect(DEADLINES.map((d) => [d.id, d.label, d.job])).toEqual([['06-10', '6月10日', 'audit'], ['09-01', '9月1日', 'reminders'], ['12-10', '12月10日', 'reminders']]);
  });
  it('the audit’s reminders lead up to 6月10日 only, the transfer reminders never do', () => {
    expect(dueReminders('2026-06-08', 2026, [3, 0], 'audit')).toEqual([{ checkpoint: '06-10', lead: 3, date: '2026-06-07' }]);
    expect(dueReminders('2026-06-10', 2026, [14, 7, 1, 0])).toEqual([]);
    expect(dueReminders('2026-08-31', 2026, [3, 0], 'audit')).toEqual([]);
  });
});

describe('checkpoints (seed 001)', () => {
  it('are 9月1日 (list the unresolved) and 12月10日 (lost contact), labelled once', () => {
    expect(CHECKPOINTS.map((c) => [c.id, deadlineLabel(c.id)])).toEqual([['09-01', '9月1日'], ['12-10', '12月10日']]);
  });
  it('a 升学 member with no branch yet is pending until 9月30日 (may transfer in September)', () => expect(furtherStudyGraceDate(2026)).toBe('2026-09-30'));
  it('a forced checkpoint is sent as that day’s reminder, with the days left', () => {
    expect(forcedReminder('2026-08-25', 2026, '09-01')).toEqual({ checkpoint: '09-01', lead: 7, date: '2026-08-25' });
  });
});

/**
 * Dates as the school lives them: Beijing time and the graduation year a day belongs
 * to. The season's deadlines are in deadlines.ts.
 */

export const TIMEZONE = 'Asia/Shanghai';

/** The date in a time zone as YYYY-MM-DD (Intl works in Node and in the task pane). */
export function dateIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Graduation year for a date: the same year from June on, the previous year before. */
export function cohortFor(asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) < 6 ? y - 1 : y;
}

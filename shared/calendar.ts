/**
 * Dates as the school lives them: Beijing time and the graduation year a day belongs
 * to. The season's deadlines are in deadlines.ts.
 */

export const TIMEZONE = 'Asia/Shanghai';

/** The date in a time zone as YYYY-MM-DD (Intl works in Node and in the task pane). */
export function dateIn(timeZone: string, at: Date = new Date()): string {
  return dayFormat(timeZone).format(at);
}

/** Formatters by time zone: building one costs far more than using it (a journal of 10,000 lines asks for thousands). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}
let beijingFormat: Intl.DateTimeFormat | undefined;

/** Graduation year for a date: the same year from June on, the previous year before. */
export function cohortFor(asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) < 6 ? y - 1 : y;
}

/**
 * A moment as people in China read it: Beijing time, 2026-08-25 08:30:05. Every time the
 * project shows (log lines, the report's 发送结果, the lock's holder, journal listings)
 * goes through here; files meant for programs (journals) keep ISO 8601 with its zone.
 * An ISO string that does not parse is shown as it is (an old or hand-edited journal).
 */
export function beijingTime(at: Date | string = new Date()): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  beijingFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const parts = beijingFormat.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

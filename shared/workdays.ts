/**
 * 工作日: the one calendar of Chinese working days. Seed 004 sets its limits in working
 * days (每一级审批不超过 5 个工作日, 接收一般不超过 15 个工作日, 15 个工作日内报到), and Chinese
 * working days follow the State Council's yearly holiday notice (国务院办公厅关于某年部分节假日
 * 安排的通知), with 调休 weekends that are working days: counting Monday–Friday is wrong
 * several weeks a year.
 *
 * The notices come from the maintained package `chinese-days` (its JSON: every holiday and
 * every 调休 working day, per year), plus the school's own lists in the config. A year that
 * neither holds is counted Monday–Friday and said so (`unknownYears`), never silently: the
 * caller prints the warning in its output and the 组织部 summary.
 */
import notices from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, dayNumberToIso, isoToDayNumber } from './normalize.js';

export interface WorkdaySettings {
  /** Extra days off (a school's own closure), YYYY-MM-DD. */
  extraHolidays: string[];
  /** Extra working days, YYYY-MM-DD. */
  extraWorkdays: string[];
  /**
   * A year's notice entered by hand when the package does not hold it yet (it is published
   * each November): its holidays and 调休 working days. A year listed here counts as known.
   */
  notices: Record<string, { holidays: string[]; workdays: string[] }>;
}

export const DEFAULT_WORKDAY_SETTINGS: Readonly<WorkdaySettings> = Object.freeze({ extraHolidays: [], extraWorkdays: [], notices: {} });

const PACKAGE_HOLIDAYS = Object.keys(notices.holidays);
const PACKAGE_WORKDAYS = Object.keys(notices.workdays);
/** Years the package holds a notice for. */
export const PACKAGE_YEARS: readonly number[] = [...new Set(PACKAGE_HOLIDAYS.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

/** The warning for a year counted Monday–Friday: one text for the output, the report and the summary. */
export const unknownYearWarning = (years: readonly number[]): string =>
  `${years.join('、')} 年的节假日安排不在内置数据中（chinese-days 收录 ${PACKAGE_YEARS[0]}–${PACKAGE_YEARS.at(-1)} 年），工作日暂按周一至周五计算，可能有误。请在配置 workdays.notices 中录入国务院办公厅当年的节假日安排通知，或更新 zhuanjie。`;

export interface WorkdayCount {
  /** Working days after `from`, up to and including `to` (0 when `to` ≤ `from`). */
  days: number;
  /** Years in the span the calendar does not know: counted Monday–Friday. */
  unknownYears: number[];
}

export class WorkCalendar {
  private readonly off: Set<string>;
  private readonly on: Set<string>;
  private readonly known: Set<number>;

  constructor(settings: WorkdaySettings = DEFAULT_WORKDAY_SETTINGS) {
    const hand = Object.entries(settings.notices);
    this.off = new Set([...PACKAGE_HOLIDAYS, ...hand.flatMap(([, n]) => n.holidays), ...settings.extraHolidays]);
    this.on = new Set([...PACKAGE_WORKDAYS, ...hand.flatMap(([, n]) => n.workdays), ...settings.extraWorkdays]);
    // A school's extra working day wins over the notice's holiday only when it says so explicitly.
    for (const d of settings.extraWorkdays) this.off.delete(d);
    for (const d of settings.extraHolidays) this.on.delete(d);
    this.known = new Set([...PACKAGE_YEARS, ...hand.map(([y]) => Number(y))]);
  }

  yearKnown(year: number): boolean {
    return this.known.has(year);
  }

  /** A 调休 weekend day is a working day; a holiday on a weekday is not. */
  isWorkday(iso: string): boolean {
    if (this.on.has(iso)) return true;
    if (this.off.has(iso)) return false;
    const weekday = (isoToDayNumber(iso) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** Working days elapsed from `from` to `to` (seed 004's limits are counted this way). */
  between(from: string, to: string): WorkdayCount {
    const a = isoToDayNumber(from);
    const b = isoToDayNumber(to);
    let days = 0;
    const unknown = new Set<number>();
    for (let n = a + 1; n <= b; n++) {
      const iso = dayNumberToIso(n);
      if (this.isWorkday(iso)) days++;
      const y = Number(iso.slice(0, 4));
      if (!this.known.has(y)) unknown.add(y);
    }
    return { days, unknownYears: [...unknown].sort() };
  }

  /** The day on which `n` working days after `from` have passed (n ≥ 1). */
  addWorkdays(from: string, n: number): { date: string; unknownYears: number[] } {
    let d = from;
    let left = n;
    const unknown = new Set<number>();
    while (left > 0) {
      d = addDays(d, 1);
      const y = Number(d.slice(0, 4));
      if (!this.known.has(y)) unknown.add(y);
      if (this.isWorkday(d)) left--;
    }
    return { date: d, unknownYears: [...unknown].sort() };
  }
}

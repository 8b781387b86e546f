/**
 * 工作日 (shared/workdays.ts). The vectors are taken from the State Council's notices
 * themselves (国务院办公厅关于2025年部分节假日安排的通知, 国务院办公厅关于2026年部分节假日安排的通知),
 * not from the data package, so that a wrong package release fails here.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_YEARS, WorkCalendar, unknownYearWarning } from '../shared/workdays.js';
import { parseJobConfig } from '../shared/config.js';

const cal = new WorkCalendar();
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
};

describe('2025 notice', () => {
  it('春节: 1月28日（周二）至2月4日（周二）放假调休；1月26日（周日）、2月8日（周六）上班', () => {
    for (const d of range('2025-01-28', '2025-02-04')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2025-01-26')).toBe(true);
    expect(cal.isWorkday('2025-02-08')).toBe(true);
    expect(cal.isWorkday('2025-02-05')).toBe(true);
  });
  it('劳动节: 5月1日至5日放假；4月27日（周日）上班', () => {
    for (const d of range('2025-05-01', '2025-05-05')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2025-04-27')).toBe(true);
  });
  it('国庆节、中秋节: 10月1日（周三）至8日（周三）放假；9月28日（周日）、10月11日（周六）上班', () => {
    for (const d of range('2025-10-01', '2025-10-08')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    expect(cal.isWorkday('2025-10-12')).toBe(false);
    // 9月26日（周五）→10月10日（周五）: the Sunday 9月28日 counts, the eight days off do not.
    expect(cal.between('2025-09-26', '2025-10-10')).toEqual({ days: 5, unknownYears: [] });
  });
});

describe('2026 notice', () => {
  it('元旦: 1月1日至3日放假；1月4日（周日）上班', () => {
    for (const d of range('2026-01-01', '2026-01-03')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-01-04')).toBe(true);
  });
  it('春节: 2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班', () => {
    for (const d of range('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.between('2026-02-13', '2026-02-27').days).toBe(5);
  });
  it('劳动节 5月9日（周六）上班；端午 6月19日（周五）放假', () => {
    expect(cal.isWorkday('2026-05-09')).toBe(true);
    expect(cal.isWorkday('2026-05-05')).toBe(false);
    expect(cal.isWorkday('2026-06-19')).toBe(false);
  });
  it('中秋 9月25日（周五）、国庆 10月1日至7日放假；9月20日（周日）、10月10日（周六）上班', () => {
    expect(cal.isWorkday('2026-09-25')).toBe(false);
    for (const d of range('2026-10-01', '2026-10-07')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    // Monday–Friday would say 8 working days from 9月30日 to 10月12日; the notice says 4.
    expect(cal.between('2026-09-30', '2026-10-12').days).toBe(4);
    // Seed 004's 15 个工作日 from Monday 9月14日 run out on the Saturday that is a working day.
    expect(cal.addWorkdays('2026-09-14', 15)).toEqual({ date: '2026-10-10', unknownYears: [] });
  });
});

describe('a year the data does not hold', () => {
  it('is counted Monday–Friday and named, never silently', () => {
    const last = PACKAGE_YEARS.at(-1)!;
    expect(last).toBeGreaterThanOrEqual(2026);
    const next = last + 1;
    const c = cal.between(`${last}-12-30`, `${next}-01-08`);
    expect(c.unknownYears).toEqual([next]);
    expect(unknownYearWarning(c.unknownYears)).toContain(`${next} 年的节假日安排不在内置数据中`);
    expect(cal.yearKnown(next)).toBe(false);
  });
  it('entered by hand from its notice (workdays.notices), it is known and its days count', () => {
    const own = new WorkCalendar({ extraHolidays: [], extraWorkdays: [], notices: { '2099': { holidays: ['2099-01-01', '2099-01-02'], workdays: ['2099-01-04'] } } });
    expect(own.yearKnown(2099)).toBe(true);
    expect(own.isWorkday('2099-01-02')).toBe(false);
    expect(own.isWorkday('2099-01-04')).toBe(true); // a Sunday
    expect(own.between('2098-12-31', '2099-01-05')).toEqual({ days: 2, unknownYears: [] });
  });
  it('a school’s extra day off and extra working day override the notice', () => {
    const own = new WorkCalendar({ extraHolidays: ['2026-06-12'], extraWorkdays: ['2026-10-07'], notices: {} });
    expect(own.isWorkday('2026-06-12')).toBe(false);
    expect(own.isWorkday('2026-10-07')).toBe(true);
  });
});

describe('config', () => {
  it('workdays lists are dates; a wrong one is named', () => {
    const bad = parseJobConfig({ workdays: { extraHolidays: ['2026-6-12'] } }, 'config.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('workdays.extraHolidays 第 1 项');
    const ok = parseJobConfig({ workdays: { notices: { '2027': { holidays: ['2027-01-01'], workdays: [] } } } }, 'config.json');
    expect(ok.ok).toBe(true);
  });
});

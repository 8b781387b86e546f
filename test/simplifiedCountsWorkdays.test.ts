// Three small decisions of the core: traditional characters read as simplified (shared/simplified.ts),
// how many members are still open (shared/statuses.ts), and working days crossing into a year the
// calendar does not know (shared/workdays.ts).
import { describe, expect, it, vi } from 'vitest';
import { STATUSES, openCount, type Status } from '../shared/statuses.js';
import { PACKAGE_YEARS, WorkCalendar, unknownYearWarning } from '../shared/workdays.js';

/** A fresh copy of the module: its character table is built on first use, as in a new process. */
async function freshToSimplified() {
  vi.resetModules();
  return (await import('../shared/simplified.js')).toSimplified;
}

describe('traditional characters are read as simplified', () => {
  it.each([
    ['預備黨員', '预备党员'],
    ['線上', '线上'],
    ['京內', '京内'],
    ['計算機學院黨委第一黨支部', '计算机学院党委第一党支部'],
    ['2026屆畢業生', '2026届毕业生'],
    // A traditional character outside the BMP (a surrogate pair), alone and after simplified text.
    ['𠁞', '𠀾'],
    ['京外𠁞', '京外𠀾'],
    ['𡞵', '㛟'],
  ])('%s → %s', async (written, read) => {
    expect((await freshToSimplified())(written)).toBe(read);
  });

  it.each(['2022083101', 'zhangmy@pku.edu.cn', '京外', '预备党员', '', '😀', '㐀'])('%j stays as written, even as the first text read', async (text) => {
    expect((await freshToSimplified())(text)).toBe(text);
  });
});

describe('open members are those in an unresolved status', () => {
  const counts = (c: Partial<Record<Status, number>>) => Object.fromEntries(STATUSES.map((s) => [s, c[s] ?? 0])) as Record<Status, number>;
  it.each([
    [{ completed: 30, exempt: 2 }, 0],
    [{ completed: 30, exempt: 2, pending: 5, overdue: 3, photo: 1 }, 9],
    [{ mismatch: 1, unclear: 1, failed: 1, lost: 1, overdue: 1, expired: 1, photo: 1, pending: 1 }, 8],
  ])('%o → %i open', (c, open) => expect(openCount(counts(c))).toBe(open));
});

describe('working days in a year without a holiday notice', () => {
  it('the warning names the unknown years and the years the package holds', () => {
    expect(unknownYearWarning([2027, 2028])).toBe(
      `2027、2028 年的节假日安排不在内置数据中（chinese-days 收录 ${Math.min(...PACKAGE_YEARS)}–${Math.max(...PACKAGE_YEARS)} 年），工作日暂按周一至周五计算，可能有误。请在配置 workdays.notices 中录入国务院办公厅当年的节假日安排通知，或更新 zhuanjie。`);
  });

  it('counting past the last known year says which years were counted Monday–Friday', () => {
    const last = Math.max(...PACKAGE_YEARS);
    const cal = new WorkCalendar();
    expect(cal.addWorkdays(`${last}-12-24`, 3).unknownYears).toEqual([]);
    const far = cal.addWorkdays(`${last}-12-20`, 300);
    expect(far.unknownYears).toEqual([last + 1, last + 2]);
    expect(cal.between(`${last}-12-20`, far.date)).toEqual({ days: 300, unknownYears: [last + 1, last + 2] });
  });
});

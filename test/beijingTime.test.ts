/**
 * Times are shown in Beijing time as people write them (issue 24, item 5): one formatter
 * (shared/calendar.ts), read by the report's 发送结果, the scheduler's log and the lock.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { beijingTime } from '../shared/calendar.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF } from '../jobs/demo/sample.js';
import { sampleJob, startSmtp } from './smtp.js';

describe('beijingTime', () => {
  it.each([
    ['2026-08-25T00:30:05Z', '2026-08-25 08:30:05'],
    ['2026-08-24T16:00:00Z', '2026-08-25 00:00:00'], // midnight in Beijing is 16:00 UTC the day before
    ['2026-12-31T23:59:59+08:00', '2026-12-31 23:59:59'],
    ['2026-06-10T01:02:03.456Z', '2026-06-10 09:02:03'],
  ])('%s → %s', (iso, shown) => expect(beijingTime(iso)).toBe(shown));

  it('a Date in any process time zone gives the same Beijing wall time', () => {
    expect(beijingTime(new Date(Date.UTC(2026, 7, 25, 0, 30, 5)))).toBe('2026-08-25 08:30:05');
  });

  it('text that is no time is shown as it is (a hand-edited journal), not as "Invalid Date"', () => {
    expect(beijingTime('上周')).toBe('上周');
  });
});

describe('the report’s 发送结果 sheet', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('lists when each message went in Beijing time (2026-08-25 08:30:05), not ISO UTC', async () => {
    const server = await startSmtp();
    close = server.close;
    const { loaded } = sampleJob(server.port);
    const before = Date.now();
    const o = await runJob(loaded, { asOf: SAMPLE_AS_OF });
    const wb = XLSX.read(readFileSync(o.reportFile));
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['发送结果']!, { header: 1 });
    expect(rows[0]![0]).toBe('时间（北京时间）');
    const times = rows.slice(1).map((r) => r[0]!);
    expect(times).toHaveLength(4);
    for (const t of times) {
      expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      // Within the run, read back as +08:00.
      const ms = new Date(`${t.replace(' ', 'T')}+08:00`).getTime();
      expect(ms).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(ms).toBeLessThanOrEqual(Date.now());
    }
  });
});

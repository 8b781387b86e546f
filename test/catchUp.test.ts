/**
 * Issue 18, item 8: a reminder sent late (the machine was off) tells the real distance on
 * the day it goes out, says it is a 补发, and after a checkpoint speaks of what must happen
 * now — on the real SMTP server, with the season's data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { startSmtp } from './smtp.js';
import { buildSeason, openpyxlMissing } from './season.js';

let servers: Awaited<ReturnType<typeof startSmtp>>[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function lateRun(asOf: string) {
  const smtp = await startSmtp();
  servers.push(smtp);
  const season = buildSeason({ smtpPort: smtp.port });
  const o = await runJob(loadConfig(season.file), { asOf });
  return { o, mails: smtp.messages };
}

describe.skipIf(openpyxlMissing)('catch-up and late mails (issue 18, item 8)', () => {
  it('the 11-26 reminder missed and sent on 12-01 says 9 days and 补发', async () => {
    const { o, mails } = await lateRun('2026-12-01');
    expect(o.reminders.map((r) => r.date)).toEqual(['2026-11-26']);
    expect(mails).toHaveLength(5);
    for (const m of mails) {
      expect(m.parsed.subject).toMatch(/^【组织关系转接】（补发）.*：距12月10日还有9天仍有\d+名党员未完成转接/);
      expect(m.parsed.subject).not.toContain('14天');
    }
    const college = mails.find((m) => m.to.includes('jsj-dangwei@example.edu.cn'))!;
    expect(college.parsed.text).toContain('本提醒原定 2026-11-26 发送，现补发');
  });

  it('schedule catching up the 12-03 reminder on 12-07 says 3 days, not 7', async () => {
    const { mails } = await lateRun('2026-12-07');
    for (const m of mails) expect(m.parsed.subject).toContain('（补发）');
    for (const m of mails) expect(m.parsed.subject).toContain('距12月10日还有3天');
  });

  it('after 9月1日 a catch-up speaks of what must happen now, never of 「节点前」', async () => {
    const { mails } = await lateRun('2026-09-03');
    const college = mails.find((m) => m.to.includes('jsj-dangwei@example.edu.cn'))!;
    expect(college.parsed.subject).toContain('（补发）计算机学院：9月1日已过2天仍有');
    expect(college.parsed.text).toContain('已到9月1日清查节点：请立即逐一联系本人和接收党组织');
    expect(college.parsed.text).not.toContain('节点前请逐一联系');
  });

  it('a reminder on its own day is no 补发', async () => {
    const { mails } = await lateRun('2026-08-25');
    for (const m of mails) {
      expect(m.parsed.subject).not.toContain('补发');
      expect(m.parsed.subject).toContain('距9月1日还有7天');
    }
  });
});

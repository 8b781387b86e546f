/**
 * Issue 18, item 5: a summary computed without some colleges says so in its subject and
 * first line, and when their sheets become readable on a later run of the same reminder,
 * one corrected summary goes out saying what changed. Real SMTP.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { startSmtp } from './smtp.js';
import { buildSeason, openpyxlMissing } from './season.js';

describe.skipIf(openpyxlMissing)('an incomplete summary and its correction (issue 18, item 5)', () => {
  it('says 不完整 first, and is corrected once when the sheets are readable again', async () => {
    const smtp = await startSmtp();
    try {
      const season = buildSeason({ smtpPort: smtp.port });
      const files = ['外国语学院', '机械工程学院'].map((c) => join(season.dir, 'input', `${c}-登记表.xlsx`));
      const good = files.map((f) => readFileSync(f));
      for (const f of files) writeFileSync(f, Buffer.from('PK\u0003\u0004 password protected?'));
      const first = await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      expect(first.result.summary.total).toBe(20);
      const summary = smtp.messages.find((m) => m.to.includes('zuzhibu@example.edu.cn'))!;
      expect(summary.parsed.subject).toMatch(/^【组织关系转接】全校汇总（不完整：机械工程学院、外国语学院 登记表无法读取）：距9月1日还有7天仍有\d+名党员未完成转接$/);
      expect(summary.parsed.text!.split('\n')[0]).toBe('不完整：机械工程学院、外国语学院 登记表无法读取，其中的党员未计入以下人数。');
      expect(smtp.messages).toHaveLength(3);

      // Fixed the same day, run again: the two lists and one corrected summary.
      files.forEach((f, k) => writeFileSync(f, good[k]!));
      const second = await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      expect(second.result.summary.total).toBe(40);
      const fresh = smtp.messages.slice(3);
      expect(fresh.map((m) => m.to[0]).sort()).toEqual(['jx-dangwei@example.edu.cn', 'wgy-dangwei@example.edu.cn', 'zuzhibu@example.edu.cn']);
      const corrected = fresh.find((m) => m.to.includes('zuzhibu@example.edu.cn'))!;
      expect(corrected.parsed.subject).toMatch(/^【组织关系转接】（更正）全校汇总：距9月1日还有7天仍有\d+名党员未完成转接$/);
      expect(corrected.parsed.text!.split('\n')[0]).toBe('更正：2026-08-25 发出的汇总缺少 机械工程学院、外国语学院（登记表当时无法读取），现已读取；以下为更正后的全校数字。');
      expect(corrected.parsed.text).toContain('登记 40 人');

      // Once: a third run sends nothing.
      await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      expect(smtp.messages).toHaveLength(6);
    } finally {
      await smtp.close();
    }
  });
});

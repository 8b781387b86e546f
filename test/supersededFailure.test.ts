/**
 * Issue 18, item 10: a college list that failed on 08-18 and whose next reminder (08-25)
 * was delivered is closed in `zhuanjie journal`, not left 「发送失败（下次运行时重发）」 forever.
 * Real SMTP.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { journalList } from '../jobs/lib/mail/journalAdmin.js';
import { runJob } from '../jobs/reminders/run.js';
import { startSmtp } from './smtp.js';
import { buildSeason, openpyxlMissing } from './season.js';

describe.skipIf(openpyxlMissing)('superseded failures (issue 18, item 10)', () => {
  it('a failure followed by a delivered later reminder of the same checkpoint is closed', async () => {
    let refuse = true;
    const smtp = await startSmtp({ rcpt: (a) => (refuse && a === 'jsj-dangwei@example.edu.cn' ? { code: 550, message: 'mailbox unavailable' } : undefined) });
    try {
      const season = buildSeason({ smtpPort: smtp.port });
      const first = await runJob(loadConfig(season.file), { asOf: '2026-08-18' });
      expect(first.failures.map((f) => f.label)).toEqual(['计算机学院']);
      const open = journalList(loadConfig(season.file));
      expect(open.items.map((u) => [u.college, u.state])).toEqual([['计算机学院', 'failed']]);

      refuse = false;
      await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      const closed = journalList(loadConfig(season.file));
      expect(closed.items).toEqual([]);
      expect(closed.text).toContain('没有需要处理的记录。');
      expect(closed.text).toContain('另有 1 项发送失败已由之后送达的同一节点提醒取代，已关闭。');
    } finally {
      await smtp.close();
    }
  });
});

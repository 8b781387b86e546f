/**
 * Issue 18, item 10: a run interrupted (Ctrl-C, SIGTERM) names every message it did not
 * send — the 组织部 summary among them — and the next run sends exactly those. Real SMTP.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { journalList } from '../jobs/lib/mail/journalAdmin.js';
import { startSmtp } from './smtp.js';
import { buildSeason, openpyxlMissing } from './season.js';

describe.skipIf(openpyxlMissing)('an interrupted run (issue 18, item 10)', () => {
  it('lists what it did not send, `journal` shows it owed, and the next run sends only that', async () => {
    const smtp = await startSmtp();
    try {
      const season = buildSeason({ smtpPort: smtp.port });
      const lines: string[] = [];
      // Asked to stop once the first college's list is out.
      const o = await runJob(loadConfig(season.file), { asOf: '2026-08-25', log: (l) => lines.push(l), stopping: () => smtp.messages.length >= 1 });
      expect(smtp.messages).toHaveLength(1);
      expect(o.stopped).toBe(4);
      expect(o.unsent.map((u) => u.label)).toEqual(['计算机学院', '经济管理学院', '外国语学院', '党委组织部']);
      expect(lines.filter((l) => l.startsWith('未发送（运行被中断'))).toHaveLength(4);
      expect(lines.at(-2)).toMatch(/^未发送（运行被中断，下次运行时发送）：党委组织部（\d+ 人）$/);
      // `zhuanjie journal` shows the four as owed, the summary among them.
      const owed = journalList(loadConfig(season.file));
      expect(owed.items.map((u) => [u.college, u.state])).toEqual([['计算机学院', 'unsent'], ['经济管理学院', 'unsent'], ['外国语学院', 'unsent'], ['党委组织部', 'unsent']]);
      expect(owed.text).toContain('未发送（下次运行时发送）：党委组织部');
      const again = await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      expect(again.sent).toHaveLength(4);
      expect(again.alreadySent).toHaveLength(1);
      expect(smtp.messages).toHaveLength(5);
      expect(journalList(loadConfig(season.file)).items).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});

/**
 * Issue 18, item 3: `run --dry-run` beside a real season — it writes nothing a real run
 * wrote (the day's report and its 发送结果 stay), needs no SMTP password, and runs while
 * `schedule` holds the lock.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../jobs/lib/config.js';
import { acquireLock } from '../jobs/lib/lock.js';
import { runJob } from '../jobs/reminders/run.js';
import { cliAsync } from './helpers.js';
import { buildSeason, openpyxlMissing } from './season.js';
import { dovecotMissing, PASSWORD, startDovecot, USER } from './dovecot.js';
import { JPEG, rawMail } from './mailMessages.js';
import { PROCESSED_KEYWORD } from '../jobs/inbox/imap.js';

describe.skipIf(openpyxlMissing)('run --dry-run (issue 18, item 3)', () => {
  it('leaves the real report and the journal as they were, needs no password, and runs beside the lock', async () => {
    const season = buildSeason();
    const real = await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
    expect(real.sent).toHaveLength(5);
    const report = readFileSync(real.reportFile);
    const journal = readFileSync(join(season.dir, 'state', 'journal.jsonl'));

    // The config now names an SMTP account whose password is not in the environment.
    const config = JSON.parse(readFileSync(season.file, 'utf8'));
    config.mail = { transport: 'smtp', host: '127.0.0.1', port: 9, secure: false, user: 'zuzhibu@example.edu.cn', passwordEnv: 'ZHUANJIE_TEST_NO_SUCH_PASSWORD' };
    writeFileSync(season.file, JSON.stringify(config));
    const lock = await acquireLock(join(season.dir, 'state'));
    try {
      const dry = await cliAsync(['run', '--config', season.file, '--as-of', '2026-08-25', '--dry-run']);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('组织关系转接对账-2026-08-25-试运行.xlsx');
      expect(dry.stdout).toContain('邮件：已发送 0 封');
    } finally {
      await lock.release();
    }
    expect(readFileSync(real.reportFile).equals(report)).toBe(true);
    expect(readFileSync(join(season.dir, 'state', 'journal.jsonl')).equals(journal)).toBe(true);
    expect(existsSync(join(season.dir, 'reports', '组织关系转接对账-2026-08-25-试运行.xlsx'))).toBe(true);
    // A real run still refuses without the password.
    expect((await cliAsync(['run', '--config', season.file, '--as-of', '2026-08-26'])).stderr).toContain('ZHUANJIE_TEST_NO_SUCH_PASSWORD');
  });

  it.skipIf(dovecotMissing)('reads the mailbox read-only (EXAMINE) and previews exactly what the real run then sends', async () => {
    const dovecot = await startDovecot();
    try {
      const season = buildSeason({ mailbox: { host: dovecot.host, port: dovecot.port, secure: false, allowSelfSigned: true, user: USER, timeoutMs: 5000 } });
      await dovecot.append(rawMail({ from: '傅晓 <fx@example.com>', subject: '傅晓-2022050105-党组织关系回执', date: 'Mon, 20 Jul 2026 10:15:00 +0800', attachments: [{ filename: 'c.jpg', content: JPEG }] }));
      process.env.ZHUANJIE_IMAP_PASSWORD = PASSWORD;
      const lines: string[] = [];
      const dry = await runJob(loadConfig(season.file), { asOf: '2026-08-25', dryRun: true, log: (l) => lines.push(l) });
      expect(dry.result.members.find((m) => m.name === '傅晓')!.status).toBe('completed');
      expect(lines).toContain('回执邮箱（试运行，只读）：另有 1 封新邮件计入预览，未做任何标记。');
      // Nothing changed: no keyword on the message, no inbox journal, no saved photo.
      expect([...(await dovecot.flags()).values()].flat()).not.toContain(PROCESSED_KEYWORD);
      expect(existsSync(join(season.dir, 'state'))).toBe(false);
      const preview = lines.filter((l) => l.startsWith('（试运行）将发送：')).map((l) => l.replace(/^（试运行）将发送：/, '').replace(/ → .*$/, ''));
      const real = await runJob(loadConfig(season.file), { asOf: '2026-08-25' });
      expect(real.sent.map((m) => m.subject)).toEqual(preview);
      expect([...(await dovecot.flags()).values()].flat()).toContain(PROCESSED_KEYWORD);
    } finally {
      delete process.env.ZHUANJIE_IMAP_PASSWORD;
      await dovecot.dispose();
    }
  });
});

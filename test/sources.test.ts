/**
 * Issue 18, item 2: one rule for every receipt source. A receipts file that cannot be read
 * is treated like a mailbox that is down: a send day holds the college lists, the 组织部 is
 * told at once, the exit code is non-zero; on the checkpoint day the lists go out with the
 * gap stated first. Through the CLI, on the real SMTP server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAsync } from './helpers.js';
import { startSmtp } from './smtp.js';
import { buildSeason, openpyxlMissing } from './season.js';

let servers: Awaited<ReturnType<typeof startSmtp>>[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe.skipIf(openpyxlMissing)('an unreadable receipts file on a send day (issue 18, item 2)', () => {
  it('holds the lists before the checkpoint, and sends them with the gap first on the checkpoint day', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const season = buildSeason({ smtpPort: smtp.port });
    // A download cut short: a .xlsx that is no zip.
    writeFileSync(join(season.dir, 'input', '全国组织关系转接系统-回执.xlsx'), Buffer.from('PK\u0003\u0004 broken'));

    const held = await cliAsync(['run', '--config', season.file, '--as-of', '2026-08-25']);
    expect(held.code).toBe(2);
    expect(held.stdout).toContain('警告：回执来源「全国组织关系转接系统-回执.xlsx」本次无法使用：无法读取');
    expect(held.stdout).toContain('暂缓发送 4 个学院的提醒（2026-08-25）');
    expect(smtp.messages.map((m) => [m.to, m.parsed.subject])).toEqual([[['zuzhibu@example.edu.cn'], '【组织关系转接】暂缓发送：回执来源无法使用，4 个学院的9月1日提醒未发出']]);
    expect(smtp.messages[0]!.parsed.text).toContain('- 全国组织关系转接系统-回执.xlsx：无法读取');

    // The same day again: the 组织部 is not told twice.
    expect((await cliAsync(['run', '--config', season.file, '--as-of', '2026-08-25'])).code).toBe(2);
    expect(smtp.messages).toHaveLength(1);

    const sent = await cliAsync(['run', '--config', season.file, '--as-of', '2026-09-01']);
    expect(sent.code).toBe(2);
    const lists = smtp.messages.slice(1);
    expect(lists).toHaveLength(5);
    for (const m of lists) {
      expect(m.parsed.subject).toContain('截至9月1日');
      expect(m.parsed.text!.startsWith('注意：以下回执来源本次无法使用，名单可能包含其实已完成转接的党员')).toBe(true);
      expect(m.parsed.text).toContain('全国组织关系转接系统-回执.xlsx（无法读取');
    }
  });
});

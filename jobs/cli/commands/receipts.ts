/** `zhuanjie receipts fetch`: read new mail in the 回执 mailbox. */
import type { Command } from 'commander';
import { loadConfig } from '../../lib/config.js';
import { acquireLock } from '../../lib/lock.js';
import { placesOf } from '../../lib/places.js';
import { fetchReceipts } from '../../inbox/fetch.js';
import { submissionClassifier } from '../../audit/mailIntake.js';

export function receiptsCommand(program: Command): void {
  const receipts = program.command('receipts').description('回执邮箱：读取党员用邮件发来的回执照片');
  receipts
    .command('fetch')
    .description('读取配置中回执邮箱（mailbox）的新邮件，识别姓名和学号，保存回执附件')
    .requiredOption('--config <文件>', '配置文件（JSON），其中 mailbox 为回执邮箱')
    .action(async (o: { config: string }) => {
      const loaded = loadConfig(o.config);
      const lock = await acquireLock(placesOf(loaded).stateDir);
      try {
        // Submissions may share the mailbox: they are stored for the audit, never read as receipts.
        await fetchReceipts(loaded, { log: (s) => console.log(s), classify: submissionClassifier(loaded) });
      } finally {
        await lock.release();
      }
    });
}

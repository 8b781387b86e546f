/** `zhuanjie schedule`: the long-running daily sender. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../../lib/errors.js';
import { assertMailSecrets, loadConfig } from '../../lib/config.js';
import { startScheduler } from '../../schedule/schedule.js';

export function scheduleCommand(program: Command): void {
  program.command('schedule')
    .description('常驻运行：每天按配置的时间（北京时间）检查并发送到期提醒，补发停机期间错过的提醒')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .addOption(new Option('--now <时间>', '按此时刻运行（测试用，ISO 8601）').hideHelp())
    .action(async (o: { config: string; now?: string }) => {
      const loaded = loadConfig(o.config);
      assertMailSecrets(loaded);
      const now = o.now ? new Date(o.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new InputError('--now', `「${o.now}」不是有效时刻。`);
      await startScheduler(loaded, { log: (s) => console.log(s), now: now && (() => now) });
    });
}

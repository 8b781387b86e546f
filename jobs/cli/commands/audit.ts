/** `zhuanjie audit`: one round of the 6月10日 审核, on whatever day it is called. */
import type { Command } from 'commander';
import { dateIn, TIMEZONE } from '../../../shared/calendar.js';
import { assertMailSecrets, loadConfig } from '../../lib/config.js';
import { auditJson, auditText, runAudit } from '../../audit/run.js';
import { EXIT, isoOption } from '../options.js';

export function auditCommand(program: Command): void {
  program.command('audit')
    .description('登记表审核（6月10日前各学院报送）：读取报送（文件夹和邮箱），逐个审核，给各学院回复审核意见（附批注版），提醒未报送或需修改的学院，截止日起给组织部发汇总')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .option('--as-of <YYYY-MM-DD>', '按此日期运行（默认：今天，北京时间）')
    .option('--dry-run', '只审核，不保存报送、不读邮箱、不发送邮件')
    .option('--json', '输出一个 JSON 文档')
    .action(async (o: { config: string; asOf?: string; dryRun?: boolean; json?: boolean }) => {
      const loaded = loadConfig(o.config);
      assertMailSecrets(loaded);
      const asOf = o.asOf ? isoOption(o.asOf, '--as-of') : dateIn(TIMEZONE);
      // With --json the progress goes to stderr: stdout is the one document.
      const log = o.json ? (s: string) => console.error(s) : (s: string) => console.log(s);
      const outcome = await runAudit(loaded, { asOf, mode: 'command', dryRun: Boolean(o.dryRun), log });
      if (o.json) console.log(JSON.stringify(auditJson(outcome), null, 2));
      else console.log(auditText(outcome));
      process.exitCode = outcome.failures.length || outcome.uncertain.length || outcome.torn.length ? EXIT.findings : EXIT.ok;
    });
}

/** `zhuanjie run`: reconcile, and on a reminder day send the lists and the summary. */
import type { Command } from 'commander';
import { dateIn, TIMEZONE } from '../../../shared/calendar.js';
import { CHECKPOINTS, deadlineLabel, isCheckpointId } from '../../../shared/deadlines.js';
import { AUDIT_DEADLINE } from '../../audit/deadline.js';
import { auditText, runAudit } from '../../audit/run.js';
import { InputError } from '../../lib/errors.js';
import { assertMailSecrets, loadConfig } from '../../lib/config.js';
import { runJob } from '../../reminders/run.js';
import { EXIT, isoOption } from '../options.js';

export function runCommand(program: Command): void {
  program.command('run')
    .description('对账，并在提醒日给各学院发送未完成名单、给组织部发送汇总')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .option('--as-of <YYYY-MM-DD>', '按此日期运行，如 2026-08-25（默认：今天，北京时间）')
    .option(`--checkpoint <${[AUDIT_DEADLINE, ...CHECKPOINTS.map((c) => c.id)].join('|')}>`, `强制发送某个节点（${deadlineLabel(AUDIT_DEADLINE)}登记表审核、${CHECKPOINTS.map((c) => c.label).join('或')}）的提醒`)
    .option('--dry-run', '只对账和生成报告，不发送邮件')
    .action(async (o: { config: string; asOf?: string; checkpoint?: string; dryRun?: boolean }) => {
      const loaded = loadConfig(o.config);
      // A dry run sends nothing: it needs no SMTP password.
      if (!o.dryRun) assertMailSecrets(loaded);
      if (o.checkpoint && !isCheckpointId(o.checkpoint) && o.checkpoint !== AUDIT_DEADLINE) throw new InputError('--checkpoint', `「${o.checkpoint}」不是节点，应为 ${[AUDIT_DEADLINE, ...CHECKPOINTS.map((c) => c.id)].join('、')} 之一。`);
      const asOf = o.asOf ? isoOption(o.asOf, '--as-of') : dateIn(TIMEZONE);
      if (o.checkpoint === AUDIT_DEADLINE) {
        // The 6月10日 审核, forced: reminders and the 组织部 summary today.
        const outcome = await runAudit(loaded, { asOf, mode: 'forced', dryRun: Boolean(o.dryRun), log: (s) => console.log(s) });
        console.log(auditText(outcome));
        process.exitCode = outcome.failures.length || outcome.uncertain.length || outcome.torn.length ? EXIT.findings : EXIT.ok;
        return;
      }
      // The first Ctrl+C / SIGTERM lets the message in flight finish (no uncertain entry); a second one kills.
      let stopping = false;
      const onSignal = () => {
        stopping = true;
        console.log('收到停止信号：等待当前这封邮件发完后停止（再按一次 Ctrl+C 立即退出）…');
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      const outcome = await runJob(loaded, { asOf, checkpoint: o.checkpoint as never, dryRun: Boolean(o.dryRun), log: (s) => console.log(s), stopping: () => stopping }).finally(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      });
      // An unreadable source, or lists held back for one, is bad input; an interrupted run did not finish (issue 18).
      process.exitCode = outcome.unreadable.length || outcome.gaps.length || outcome.held.length ? EXIT.input : outcome.failures.length || outcome.uncertain.length || outcome.torn.length || outcome.stopped ? EXIT.findings : EXIT.ok;
    });
}

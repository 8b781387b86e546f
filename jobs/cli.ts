/** `zhuanjie`: the command line. Exit codes: 0 fine, 1 findings/failed sends, 2 unreadable input, 3 busy. */
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { dateIn, isCheckpointId, TIMEZONE, cohortFor } from '../shared/calendar.js';
import { parseDate } from '../shared/normalize.js';
import { reconcile } from '../shared/reconcile.js';
import { InputError } from './errors.js';
import { loadConfig } from './config.js';
import { assertWritable, expandInputs, writeFileAtomic } from './files.js';
import { membersOf, readReceipts, validateFile } from './load.js';
import { reconcileJson, reconcileText, validationJson, validationText } from './output.js';
import { buildReport } from './report.js';
import { buildTemplate } from './template.js';
import { BusyError, runJob } from './run.js';
import { startScheduler } from './schedule.js';
import { runDemo } from './demo.js';
import { progress } from './progress.js';
import { journalList, journalResolve } from './journalCommand.js';
import { readEach } from './unreadable.js';
import { printable } from './terminal.js';

export const EXIT = { ok: 0, findings: 1, input: 2, busy: 3 } as const;

function isoOption(value: string, name: string): string {
  const iso = parseDate(value);
  if (!iso) throw new InputError(name, `「${value}」不是有效日期，请写成 YYYY-MM-DD。`);
  return iso;
}

function program(): Command {
  const p = new Command('zhuanjie')
    .description('毕业生党员组织关系转接：登记表校验、回执对账与节点提醒')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride();

  p.command('validate')
    .description('校验登记表（.xlsx .xls .ods .csv），逐行列出问题')
    .argument('<file...>', '登记表文件或文件夹')
    .option('--sheet <名称>', '要校验的工作表（默认：第一个能识别表头的工作表）')
    .option('--config <文件>', '配置文件（JSON），其中 rules 为校验设置')
    .option('--json', '输出一个 JSON 文档')
    .addOption(new Option('--today <日期>', '按此日期判断“晚于今天”（测试用）').hideHelp())
    .action((files: string[], o: { sheet?: string; config?: string; json?: boolean; today?: string }) => {
      const { config } = loadConfig(o.config);
      const today = o.today ? isoOption(o.today, '--today') : dateIn(TIMEZONE);
      // Every readable file is checked and reported; the unreadable ones are listed (exit 2).
      const { results, unreadable } = readEach(expandInputs(files), (f) => validateFile(f, { settings: config.rules, today, sheet: o.sheet }));
      // `unreadable` appears only when there is one: the usual document keeps its one key.
      if (o.json) console.log(JSON.stringify({ ...validationJson(results), ...(unreadable.length ? { unreadable: unreadable.map(({ file, reason }) => ({ file, reason })) } : {}) }, null, 2));
      else if (results.length) console.log(results.map(validationText).join('\n\n'));
      for (const u of unreadable) console.error(`错误：${printable(u.file)}：${printable(u.reason)}`);
      process.exitCode = unreadable.length ? EXIT.input : results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
    });

  p.command('template')
    .description('生成空白的标准登记表（表头、下拉选项、文本格式）')
    .option('--out <文件>', '输出文件', '毕业生党员组织关系介绍信登记表.xlsx')
    .option('--config <文件>', '配置文件（JSON）')
    .option('--force', '覆盖已存在的文件')
    .action(async (o: { out: string; config?: string; force?: boolean }) => {
      const { config } = loadConfig(o.config);
      assertWritable(o.out, Boolean(o.force));
      writeFileAtomic(o.out, await buildTemplate(config.rules));
      console.log(`已生成模板：${resolve(o.out)}`);
    });

  p.command('reconcile')
    .description('把回执与登记表对账，列出每名党员截至某日的状态')
    .requiredOption('--registrations <path...>', '登记表文件或文件夹')
    .requiredOption('--receipts <path...>', '回执文件或文件夹（党员E先锋、全国系统导出或纸质回执登记）')
    .option('--as-of <日期>', '对账日期（默认：今天，北京时间）')
    .option('--cohort <年份>', '毕业年份（默认：对账日期的年份，6月前为上一年）')
    .option('--config <文件>', '配置文件（JSON）')
    .option('--out <文件>', '写出对账报告 .xlsx')
    .option('--force', '覆盖已存在的报告文件')
    .option('--json', '输出一个 JSON 文档')
    .option('--full-id', '显示完整身份证号（敏感个人信息，默认打码）')
    .action(async (o: { registrations: string[]; receipts: string[]; asOf?: string; cohort?: string; config?: string; out?: string; force?: boolean; json?: boolean; fullId?: boolean }) => {
      const { config } = loadConfig(o.config);
      const asOf = o.asOf ? isoOption(o.asOf, '--as-of') : dateIn(TIMEZONE);
      const cohort = o.cohort ? Number(o.cohort) : config.cohort ?? cohortFor(asOf);
      if (!Number.isInteger(cohort) || cohort < 2000 || cohort > 2100) throw new InputError('--cohort', `「${o.cohort}」不是有效的毕业年份。`);
      if (o.out) assertWritable(o.out, Boolean(o.force));
      const regFiles = expandInputs(o.registrations);
      const recFiles = expandInputs(o.receipts);
      const tick = progress(regFiles.length + recFiles.length, '读取');
      const validations = regFiles.map((f) => tick(f, () => validateFile(f, { settings: config.rules, today: asOf })));
      const receipts = recFiles.flatMap((f) => tick(f, () => readReceipts(f)));
      const result = reconcile({ members: membersOf(validations, config.colleges), receipts, asOf, cohort, settings: config.rules });
      const fullIds = Boolean(o.fullId) || config.fullIdNumbers;
      if (o.out) writeFileAtomic(o.out, await buildReport(result, { fullIds }), { private: true });
      if (o.json) console.log(JSON.stringify(reconcileJson(result, fullIds), null, 2));
      else {
        console.log(reconcileText(result));
        if (o.out) console.log(`报告：${resolve(o.out)}`);
      }
    });

  p.command('run')
    .description('对账，并在提醒日给各学院发送未完成名单、给组织部发送汇总')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .option('--as-of <日期>', '按此日期运行（默认：今天，北京时间）')
    .option('--checkpoint <节点>', '强制发送某个节点的提醒：09-01 或 12-10')
    .option('--dry-run', '只对账和生成报告，不发送邮件')
    .action(async (o: { config: string; asOf?: string; checkpoint?: string; dryRun?: boolean }) => {
      const loaded = loadConfig(o.config);
      if (o.checkpoint && !isCheckpointId(o.checkpoint)) throw new InputError('--checkpoint', `「${o.checkpoint}」不是节点，应为 09-01 或 12-10。`);
      const asOf = o.asOf ? isoOption(o.asOf, '--as-of') : dateIn(TIMEZONE);
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
      process.exitCode = outcome.unreadable.length ? EXIT.input : outcome.failures.length || outcome.uncertain.length || outcome.torn.length ? EXIT.findings : EXIT.ok;
    });

  p.command('journal')
    .description('查看发送日志中需要处理的邮件（状态不确定、发送失败）；resolve <编号> --sent|--resend 在人工核实后处理一条')
    .argument('[操作]', 'resolve：处理一条“状态不确定”的记录')
    .argument('[编号]', 'zhuanjie journal 列出的编号')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .option('--sent', '已核实收到：不再发送')
    .option('--resend', '已核实没收到：下次运行时重发')
    .option('--json', '输出一个 JSON 文档')
    .action(async (action: string | undefined, id: string | undefined, o: { config: string; sent?: boolean; resend?: boolean; json?: boolean }) => {
      const loaded = loadConfig(o.config);
      if (!action) {
        const list = journalList(loaded);
        console.log(o.json ? JSON.stringify({ unsettled: list.items, tornLines: list.torn }, null, 2) : list.text);
        process.exitCode = list.items.length || list.torn.length ? EXIT.findings : EXIT.ok;
        return;
      }
      if (action !== 'resolve' || !id) throw new InputError('journal', '用法：zhuanjie journal resolve <编号> --sent 或 --resend');
      if (Boolean(o.sent) === Boolean(o.resend)) throw new InputError('journal resolve', '请在 --sent（已收到）和 --resend（重发）中选一个。');
      console.log(await journalResolve(loaded, id, o.sent ? 'sent' : 'resend'));
    });

  p.command('schedule')
    .description('常驻运行：每天按配置的时间（北京时间）检查并发送到期提醒，补发停机期间错过的提醒')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .addOption(new Option('--now <时间>', '按此时刻运行（测试用，ISO 8601）').hideHelp())
    .action(async (o: { config: string; now?: string }) => {
      const loaded = loadConfig(o.config);
      const now = o.now ? new Date(o.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new InputError('--now', `「${o.now}」不是有效时刻。`);
      await startScheduler(loaded, { log: (s) => console.log(s), now: now && (() => now) });
    });

  p.command('demo')
    .description('用内置样例数据运行一次完整流程（邮件写入 outbox 文件夹），无需任何配置')
    .option('--out <文件夹>', '输出文件夹', 'out/demo')
    .action(async (o: { out: string }) => {
      await runDemo(o.out, (s) => console.log(s));
    });

  return p;
}

export async function main(argv: string[]): Promise<number> {
  const p = program();
  try {
    await p.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.input;
    }
    if (err instanceof InputError) {
      console.error(`错误：${err.message}`);
      if (process.env.ZHUANJIE_DEBUG) console.error(err);
      return EXIT.input;
    }
    if (err instanceof BusyError) {
      console.error(`错误：${err.message}`);
      return EXIT.busy;
    }
    console.error(`内部错误：${err instanceof Error ? err.message : String(err)}`);
    if (process.env.ZHUANJIE_DEBUG) console.error(err);
    return EXIT.input;
  }
}

/** `zhuanjie`: the command line. Exit codes: 0 fine, 1 findings/failed sends, 2 unreadable input, 3 busy. */
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { dateIn, TIMEZONE, cohortFor } from '../../shared/calendar.js';
import { CHECKPOINTS, isCheckpointId } from '../../shared/deadlines.js';
import { parseDate } from '../../shared/normalize.js';
import { InputError } from '../lib/errors.js';
import { assertMailSecrets, loadConfig } from '../lib/config.js';
import { helpConfiguration, outputConfiguration } from './cliText.js';
import { explainSystemError } from '../lib/systemErrors.js';
import { assertWritable, expandInputs, writeFileAtomic } from '../lib/files.js';
import { membersOf, validateFile } from '../lib/read/load.js';
import { repeatedRegistrations } from '../../shared/samePerson.js';
import { columnsJson, columnsText, reconcileJson, reconcileText, repeatJson, repeatsText, validationJson, validationText } from './output.js';
import { columnOverrides, loadAndReconcile } from '../reconcile/pipeline.js';
import { readTable } from '../lib/read/workbook.js';
import { REGISTRATION_FIELDS, REQUIRED_FIELDS } from '../../shared/fields.js';
import { unusedOverrides } from '../../shared/headers.js';
import { RECEIPT_TABLE_FIELDS } from '../../shared/receipts.js';
import { buildReport } from '../reconcile/report.js';
import { buildTemplate } from '../template/template.js';
import { BusyError, runJob } from '../reminders/run.js';
import { startScheduler } from '../schedule/schedule.js';
import { runDemo } from '../demo/demo.js';
import { progress } from './progress.js';
import { acquireLock } from '../lib/lock.js';
import { placesOf } from '../lib/places.js';
import { fetchReceipts, mailboxReceipts } from '../inbox/fetch.js';
import { unmatchedMailLine, unmatchedMails } from '../inbox/unmatched.js';
import { journalList, journalResolve } from '../lib/mail/journalAdmin.js';
import { readEach } from '../lib/read/unreadable.js';
import { printable } from '../lib/terminal.js';

export const EXIT = { ok: 0, findings: 1, input: 2, busy: 3 } as const;

function isoOption(value: string, name: string): string {
  const iso = parseDate(value);
  if (!iso) throw new InputError(name, `「${value}」不是有效日期，请写成 YYYY-MM-DD。`);
  return iso;
}

/** --map 表头=字段 (repeatable) → { 表头: 字段 }. */
function mapOption(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const i = p.lastIndexOf('=');
    if (i <= 0 || i === p.length - 1) throw new InputError('--map', `「${p}」应写成 表头=字段，例如 --map "转入单位党组织=介绍信抬头"。`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** Repeatable options: each use adds one value. */
const collect = (value: string, previous: string[]) => [...previous, value];

const MAP_HELP = '指定某列对应的字段（可多次），如 --map "学生编号=学号"；字段写标准表头或「忽略」';

function program(): Command {
  const p = new Command('zhuanjie')
    .description('毕业生党员组织关系转接：登记表校验、回执对账与节点提醒')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    // Before any subcommand: they inherit the Chinese help and error texts.
    .configureHelp(helpConfiguration)
    .configureOutput(outputConfiguration)
    .exitOverride();

  p.command('validate')
    .description('校验登记表（.xlsx .xls .ods .csv），逐行列出问题')
    .argument('<文件或文件夹...>', '登记表文件或文件夹')
    .option('--sheet <名称>', '要校验的工作表（默认：第一个能识别表头的工作表）')
    .option('--config <文件>', '配置文件（JSON），其中 rules 为校验设置、columns 为列对应')
    .option('--map <表头=字段>', MAP_HELP, collect, [])
    .option('--explain', '先列出每一列被识别成什么字段、依据是什么')
    .option('--json', '输出一个 JSON 文档')
    .addOption(new Option('--today <YYYY-MM-DD>', '按此日期判断“晚于今天”（测试用）').hideHelp())
    .action((files: string[], o: { sheet?: string; config?: string; json?: boolean; today?: string; map?: string[]; explain?: boolean }) => {
      const loaded = loadConfig(o.config);
      const { config } = loaded;
      const today = o.today ? isoOption(o.today, '--today') : dateIn(TIMEZONE);
      const overrides = columnOverrides({ ...config.columns, ...mapOption(o.map) }, o.map?.length ? '--map' : (loaded.file ?? '--map'));
      // Every readable file is checked and reported; the unreadable ones are listed (exit 2).
      const { results, unreadable } = readEach(expandInputs(files), (f) => validateFile(f, { settings: config.rules, today, sheet: o.sheet, overrides }));
      if (o.map?.length && results.length) {
        const cli = columnOverrides(mapOption(o.map), '--map');
        const unused = [...cli.keys()].filter((k) => results.every((r) => unusedOverrides(cli, r.header.decisions).includes(k)));
        if (unused.length) throw new InputError('--map', `表头${unused.map((h) => `「${h}」`).join('、')}在表中不存在，请核对拼写。`);
      }
      // A member in two files (two colleges' sheets) is found across the files (issue 18); repeats inside one file are findings of that file.
      const across = repeatedRegistrations(membersOf(results, config.colleges)).filter((p) => p.first.file !== p.repeat.file);
      // `unreadable` and `repeatsAcrossFiles` appear only when there are some: the usual document keeps its one key.
      if (o.json) console.log(JSON.stringify({ ...validationJson(results), ...(across.length ? { repeatsAcrossFiles: across.map(repeatJson) } : {}), ...(unreadable.length ? { unreadable: unreadable.map(({ file, reason }) => ({ file, reason })) } : {}) }, null, 2));
      else {
        if (results.length) console.log(results.map((r) => validationText(r, { explain: o.explain })).join('\n\n'));
        if (across.length) console.log(`\n${repeatsText(across)}`);
      }
      for (const u of unreadable) console.error(`错误：${printable(u.file)}：${printable(u.reason)}`);
      process.exitCode = unreadable.length ? EXIT.input : across.length || results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
    });

  p.command('columns')
    .description('列出表中每一列被识别成什么字段、依据是什么，以及缺少的必填列')
    .argument('<file...>', '登记表或回执文件、文件夹')
    .option('--receipts', '按回执表识别（默认按登记表）')
    .option('--sheet <名称>', '要查看的工作表（默认：最像的那个）')
    .option('--map <表头=字段>', MAP_HELP, collect, [])
    .option('--config <文件>', '配置文件（JSON），其中 columns 为列对应')
    .option('--json', '输出一个 JSON 文档')
    .action((files: string[], o: { receipts?: boolean; sheet?: string; map?: string[]; config?: string; json?: boolean }) => {
      const loaded = loadConfig(o.config);
      const overrides = columnOverrides({ ...loaded.config.columns, ...mapOption(o.map) }, o.map?.length ? '--map' : (loaded.file ?? '--map'));
      const fields = o.receipts ? RECEIPT_TABLE_FIELDS : REGISTRATION_FIELDS;
      const required = o.receipts ? ['name'] : REQUIRED_FIELDS;
      const tables = expandInputs(files).map((f) => readTable(f, fields, { sheet: o.sheet, what: o.receipts ? '回执' : '登记表', minMatches: o.receipts ? 2 : 3, overrides }));
      if (o.json) {
        console.log(JSON.stringify({ files: tables.map((t) => ({ file: t.file, sheet: t.snapshot.name, headerRow: t.header.row, headerFirstRow: t.header.firstRow, columns: columnsJson(t.header.decisions), missingColumns: required.filter((k) => !t.header.columns.has(k as never)), otherSheets: t.otherSheets })) }, null, 2));
      } else {
        console.log(tables.map((t) => columnsText(t.file, t.snapshot.name, t.header, { required, otherSheets: t.otherSheets })).join('\n\n'));
      }
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
    // Commander needs an ASCII word before "..." to see a list; help shows <路径...>.
    .requiredOption('--registrations <path...>', '登记表文件或文件夹')
    .option('--receipts <path...>', '回执文件或文件夹（党员E先锋、全国系统导出）')
    .option('--paper-register <path...>', '纸质回执登记表：没有状态列时，每一行都算已收回的回执')
    .option('--map <表头=字段>', MAP_HELP, collect, [])
    .option('--as-of <YYYY-MM-DD>', '对账日期，如 2026-08-25（默认：今天，北京时间）')
    .option('--cohort <年份>', '毕业年份，如 2026（默认：对账日期的年份，6月前为上一年）')
    .option('--config <文件>', '配置文件（JSON）')
    .option('--out <文件>', '写出对账报告 .xlsx')
    .option('--force', '覆盖已存在的报告文件')
    .option('--json', '输出一个 JSON 文档')
    .option('--full-id', '显示完整身份证号（敏感个人信息，默认打码）')
    .action(async (o: { registrations: string[]; receipts?: string[]; paperRegister?: string[]; map?: string[]; asOf?: string; cohort?: string; config?: string; out?: string; force?: boolean; json?: boolean; fullId?: boolean }) => {
      const loaded = loadConfig(o.config);
      const { config } = loaded;
      if (!o.receipts?.length && !o.paperRegister?.length) throw new InputError('--receipts', '请用 --receipts 或 --paper-register 指定回执文件。');
      const asOf = o.asOf ? isoOption(o.asOf, '--as-of') : dateIn(TIMEZONE);
      const cohort = o.cohort ? Number(o.cohort) : config.cohort ?? cohortFor(asOf);
      if (!Number.isInteger(cohort) || cohort < 2000 || cohort > 2100) throw new InputError('--cohort', `「${o.cohort}」不是有效的毕业年份。`);
      if (o.out) assertWritable(o.out, Boolean(o.force));
      const sources = (paths: readonly string[] | undefined, kind?: 'paperRegister') => (paths ?? []).map((path) => ({ path, kind }));
      const registrations = sources(o.registrations);
      const receipts = [...sources(o.receipts), ...sources(o.paperRegister, 'paperRegister')];
      const tick = progress(expandInputs([...o.registrations, ...(o.receipts ?? []), ...(o.paperRegister ?? [])]).length, '读取');
      // E-mailed receipts already read from the 回执 mailbox count here too (no fetch: that is `receipts fetch` or `run`).
      const mail = await mailboxReceipts(loaded, { fetch: false, log: () => {} });
      const { result } = loadAndReconcile({
        registrations, receipts, columns: { ...config.columns, ...mapOption(o.map) }, columnsFrom: o.map?.length ? '--map' : (loaded.file ?? '--map'),
        settings: config.rules, colleges: config.colleges, asOf, cohort, each: tick, extraReceipts: mail.receipts,
      });
      const fullIds = Boolean(o.fullId) || config.fullIdNumbers;
      if (o.out) writeFileAtomic(o.out, await buildReport(result, { fullIds, unmatchedMail: unmatchedMails(mail.unmatched, result) }), { private: true });
      if (o.json) console.log(JSON.stringify(reconcileJson(result, fullIds), null, 2));
      else {
        console.log(reconcileText(result));
        const unmatched = unmatchedMails(mail.unmatched, result).length;
        if (unmatched) console.log(unmatchedMailLine(unmatched));
        if (o.out) console.log(`报告：${resolve(o.out)}`);
      }
    });

  p.command('run')
    .description('对账，并在提醒日给各学院发送未完成名单、给组织部发送汇总')
    .requiredOption('--config <文件>', '配置文件（JSON）')
    .option('--as-of <YYYY-MM-DD>', '按此日期运行，如 2026-08-25（默认：今天，北京时间）')
    .option(`--checkpoint <${CHECKPOINTS.map((c) => c.id).join('|')}>`, `强制发送某个节点（${CHECKPOINTS.map((c) => c.label).join('或')}）的提醒`)
    .option('--dry-run', '只对账和生成报告，不发送邮件')
    .action(async (o: { config: string; asOf?: string; checkpoint?: string; dryRun?: boolean }) => {
      const loaded = loadConfig(o.config);
      // A dry run sends nothing: it needs no SMTP password.
      if (!o.dryRun) assertMailSecrets(loaded);
      if (o.checkpoint && !isCheckpointId(o.checkpoint)) throw new InputError('--checkpoint', `「${o.checkpoint}」不是节点，应为 ${CHECKPOINTS.map((c) => c.id).join(' 或 ')}。`);
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
      // An unreadable source, or lists held back for one, is bad input (issue 18).
      process.exitCode = outcome.unreadable.length || outcome.gaps.length || outcome.held.length ? EXIT.input : outcome.failures.length || outcome.uncertain.length || outcome.torn.length || outcome.stopped ? EXIT.findings : EXIT.ok;
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

  const receipts = p.command('receipts').description('回执邮箱：读取党员用邮件发来的回执照片');
  receipts
    .command('fetch')
    .description('读取配置中回执邮箱（mailbox）的新邮件，识别姓名和学号，保存回执附件')
    .requiredOption('--config <文件>', '配置文件（JSON），其中 mailbox 为回执邮箱')
    .action(async (o: { config: string }) => {
      const loaded = loadConfig(o.config);
      const lock = await acquireLock(placesOf(loaded).stateDir);
      try {
        await fetchReceipts(loaded, { log: (s) => console.log(s) });
      } finally {
        await lock.release();
      }
    });

  p.command('schedule')
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
    // A system error (disk full, no permission, file locked by Excel) is the user's to fix:
    // say it in Chinese with the original in parentheses; anything else is ours.
    const system = explainSystemError(err);
    console.error(system ? `错误：${system}` : `内部错误：${err instanceof Error ? err.message : String(err)}`);
    if (process.env.ZHUANJIE_DEBUG) console.error(err);
    return EXIT.input;
  }
}

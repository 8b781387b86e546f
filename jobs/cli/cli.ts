/**
 * `zhuanjie`: the command line. One file per command under commands/; this one builds
 * the program and turns errors into Chinese messages and exit codes (options.ts: EXIT).
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../lib/errors.js';
import { BusyError } from '../lib/lock.js';
import { explainSystemError } from '../lib/systemErrors.js';
import { helpConfiguration, outputConfiguration } from './cliText.js';
import { EXIT } from './options.js';
import { columnsCommand } from './commands/columns.js';
import { demoCommand } from './commands/demo.js';
import { journalCommand } from './commands/journal.js';
import { receiptsCommand } from './commands/receipts.js';
import { reconcileCommand } from './commands/reconcile.js';
import { runCommand } from './commands/run.js';
import { scheduleCommand } from './commands/schedule.js';
import { templateCommand } from './commands/template.js';
import { validateCommand } from './commands/validate.js';
import { annotateCommand } from './commands/annotate.js';
import { auditCommand } from './commands/audit.js';


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

  for (const add of [validateCommand, annotateCommand, columnsCommand, templateCommand, reconcileCommand, auditCommand, runCommand, journalCommand, receiptsCommand, scheduleCommand, demoCommand]) add(p);

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

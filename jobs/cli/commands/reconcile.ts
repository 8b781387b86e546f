/** `zhuanjie reconcile`: match receipts to registrations and list each member's status. */
import type { Command } from 'commander';
import { skippedLine } from '../../lib/terminal.js';
import { resolve } from 'node:path';
import { cohortFor, dateIn, TIMEZONE } from '../../../shared/calendar.js';
import { InputError } from '../../lib/errors.js';
import { loadConfig } from '../../lib/config.js';
import { assertWritable, expandInputs, writeFileAtomic } from '../../lib/files.js';
import { mailboxReceipts } from '../../inbox/fetch.js';
import { unmatchedMailLine, unmatchedMails } from '../../inbox/unmatched.js';
import { loadAndReconcile } from '../../reconcile/pipeline.js';
import { buildReport } from '../../reconcile/report.js';
import { reconcileText } from '../../reconcile/text.js';
import { reconcileJson } from '../output.js';
import { progress } from '../progress.js';
import { collect, isoOption, MAP_HELP, mapOption } from '../options.js';

export function reconcileCommand(program: Command): void {
  program.command('reconcile')
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
      const { result, skipped, collegeNotes } = loadAndReconcile({
        registrations, receipts, columns: { ...config.columns, ...mapOption(o.map) }, columnsFrom: o.map?.length ? '--map' : (loaded.file ?? '--map'),
        settings: config.rules, colleges: config.colleges, asOf, cohort, each: tick, extraReceipts: mail.receipts,
      });
      for (const line of [...skipped.map(skippedLine), ...collegeNotes]) console.error(line);
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
}

/** `zhuanjie validate`: check registration tables, one line per finding. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { dateIn, TIMEZONE } from '../../../shared/calendar.js';
import { unusedOverrides } from '../../../shared/headers.js';
import { InputError } from '../../lib/errors.js';
import { loadConfig } from '../../lib/config.js';
import { expandInputs } from '../../lib/files.js';
import { markRepeatsAcrossFiles, validateWorkbook } from '../../lib/read/load.js';
import { readEach } from '../../lib/read/unreadable.js';
import { printable } from '../../lib/terminal.js';
import { columnOverrides } from '../../reconcile/pipeline.js';
import { validationJson, validationText } from '../output.js';
import { collect, EXIT, isoOption, MAP_HELP, mapOption } from '../options.js';

export function validateCommand(program: Command): void {
  program.command('validate')
    .description('校验登记表（.xlsx .xls .ods .csv），逐行列出问题')
    .argument('<文件或文件夹...>', '登记表文件或文件夹')
    .option('--sheet <名称>', '只校验这一个工作表（默认：每个有登记表表头的可见工作表，其余工作表说明为何不读）')
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
      // Every registration sheet of every file; a member registered in two files is found like a repeat within one.
      const each = readEach(expandInputs(files), (f) => validateWorkbook(f, { settings: config.rules, today, sheet: o.sheet, overrides }));
      const { unreadable } = each;
      const results = each.results.flat();
      markRepeatsAcrossFiles(results);
      if (o.map?.length && results.length) {
        const cli = columnOverrides(mapOption(o.map), '--map');
        const unused = [...cli.keys()].filter((k) => results.every((r) => unusedOverrides(cli, r.header.decisions).includes(k)));
        if (unused.length) throw new InputError('--map', `表头${unused.map((h) => `「${h}」`).join('、')}在表中不存在，请核对拼写。`);
      }
      // `unreadable` appears only when there is one: the usual document keeps its one key.
      if (o.json) console.log(JSON.stringify({ ...validationJson(results), ...(unreadable.length ? { unreadable: unreadable.map(({ file, reason }) => ({ file, reason })) } : {}) }, null, 2));
      else if (results.length) console.log(results.map((r) => validationText(r, { explain: o.explain })).join('\n\n'));
      for (const u of unreadable) console.error(`错误：${printable(u.file)}：${printable(u.reason)}`);
      process.exitCode = unreadable.length ? EXIT.input : results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
    });
}

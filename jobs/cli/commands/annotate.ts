/** `zhuanjie annotate`: the annotated copy of a registration table (the original is only read). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolve } from 'node:path';
import { dateIn, TIMEZONE } from '../../../shared/calendar.js';
import { countSeverities } from '../../../shared/audit.js';
import { loadConfig } from '../../lib/config.js';
import { columnOverrides } from '../../reconcile/pipeline.js';
import { annotateFile } from '../../audit/read.js';
import { collect, EXIT, isoOption, MAP_HELP, mapOption } from '../options.js';

export function annotateCommand(program: Command): void {
  program.command('annotate')
    .description('写出批注版登记表（.xlsx）：问题单元格标色并加批注，首页「审核意见」逐条列出；原文件不改动')
    .argument('<文件>', '登记表（.xlsx .xls .ods .csv 或网上系统导出的表格）')
    .option('--out <文件>', '输出文件（默认：原文件名加「-审核意见.xlsx」，与原文件同一文件夹）')
    .option('--force', '覆盖已存在的输出文件')
    .option('--sheet <名称>', '要校验的工作表（默认：第一个能识别表头的工作表）')
    .option('--config <文件>', '配置文件（JSON），其中 rules 为校验设置、columns 为列对应')
    .option('--map <表头=字段>', MAP_HELP, collect, [])
    .addOption(new Option('--today <YYYY-MM-DD>', '按此日期判断“晚于今天”（测试用）').hideHelp())
    .action(async (file: string, o: { out?: string; force?: boolean; sheet?: string; config?: string; map?: string[]; today?: string }) => {
      const loaded = loadConfig(o.config);
      const today = o.today ? isoOption(o.today, '--today') : dateIn(TIMEZONE);
      const overrides = columnOverrides({ ...loaded.config.columns, ...mapOption(o.map) }, o.map?.length ? '--map' : (loaded.file ?? '--map'));
      const { out, validation } = await annotateFile(file, { settings: loaded.config.rules, today, sheet: o.sheet, overrides, out: o.out, force: o.force });
      const { errors, warnings } = countSeverities(validation.findings);
      console.log(`已写出批注版：${resolve(out)}（错误 ${errors} 处，提醒 ${warnings} 处；原文件未改动）`);
      process.exitCode = errors ? EXIT.findings : EXIT.ok;
    });
}

/** `zhuanjie template`: write the standard blank registration table. */
import type { Command } from 'commander';
import { basename, extname, resolve } from 'node:path';
import { InputError } from '../../lib/errors.js';
import { loadConfig } from '../../lib/config.js';
import { assertWritable, writeFileAtomic } from '../../lib/files.js';
import { buildTemplate } from '../../template/template.js';

export function templateCommand(program: Command): void {
  program.command('template')
    .description('生成空白的标准登记表（表头、下拉选项、文本格式）')
    .option('--out <文件>', '输出文件', '毕业生党员组织关系介绍信登记表.xlsx')
    .option('--config <文件>', '配置文件（JSON）')
    .option('--force', '覆盖已存在的文件')
    .action(async (o: { out: string; config?: string; force?: boolean }) => {
      // The template is a workbook (dropdowns, text formats, colours): a .csv or .xls name would lose all of it.
      if (extname(o.out).toLowerCase() !== '.xlsx') throw new InputError('--out', `模板只能生成 .xlsx（下拉选项、文本格式和底色在 ${extname(o.out) || '无扩展名的文件'} 中都会丢失）。请写成例如 --out ${basename(o.out, extname(o.out)) || '登记表'}.xlsx。`);
      const { config } = loadConfig(o.config);
      assertWritable(o.out, Boolean(o.force));
      writeFileAtomic(o.out, await buildTemplate(config.rules));
      console.log(`已生成模板：${resolve(o.out)}`);
    });
}

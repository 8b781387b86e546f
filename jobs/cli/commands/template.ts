/** `zhuanjie template`: write the standard blank registration table. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
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
      const { config } = loadConfig(o.config);
      assertWritable(o.out, Boolean(o.force));
      writeFileAtomic(o.out, await buildTemplate(config.rules));
      console.log(`已生成模板：${resolve(o.out)}`);
    });
}

/** `zhuanjie demo`: the whole flow on built-in sample data. */
import type { Command } from 'commander';
import { runDemo } from '../../demo/demo.js';

export function demoCommand(program: Command): void {
  program.command('demo')
    .description('用内置样例数据运行一次完整流程（邮件写入 outbox 文件夹），无需任何配置')
    .option('--out <文件夹>', '输出文件夹', 'out/demo')
    .action(async (o: { out: string }) => {
      await runDemo(o.out, (s) => console.log(s));
    });
}

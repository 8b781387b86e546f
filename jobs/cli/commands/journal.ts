/** `zhuanjie journal`: what the send journal leaves unsettled, and settling one. */
import type { Command } from 'commander';
import { InputError } from '../../lib/errors.js';
import { loadConfig } from '../../lib/config.js';
import { journalList, journalResolve } from '../../lib/mail/journalAdmin.js';
import { EXIT } from '../options.js';

export function journalCommand(program: Command): void {
  program.command('journal')
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
}

/** `zhuanjie columns`: what each column was read as, and why. */
import type { Command } from 'commander';
import { REGISTRATION_FIELDS, REQUIRED_FIELDS } from '../../../shared/fields.js';
import { RECEIPT_TABLE_FIELDS } from '../../../shared/receipts.js';
import { loadConfig } from '../../lib/config.js';
import { expandInputs } from '../../lib/files.js';
import { readTable } from '../../lib/read/workbook.js';
import { columnOverrides } from '../../reconcile/pipeline.js';
import { columnsJson, columnsText } from '../output.js';
import { collect, MAP_HELP, mapOption } from '../options.js';

export function columnsCommand(program: Command): void {
  program.command('columns')
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
}

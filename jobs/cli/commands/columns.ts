/** `zhuanjie columns`: what each column was read as, and why. */
import type { Command } from 'commander';
import { REGISTRATION_FIELDS, REQUIRED_FIELDS } from '../../../shared/fields.js';
import { readReceiptRows, RECEIPT_RULE_TEXT, RECEIPT_STATE_TEXT, RECEIPT_TABLE_FIELDS, statusWords, type ReceiptRule } from '../../../shared/receipts.js';
import type { HeaderMatch, SheetSnapshot } from '../../../shared/table.js';
import type { SkippedSheet } from '../../../shared/sheets.js';
import { basename } from 'node:path';
import { readRegistrationSheets } from '../../lib/read/sheets.js';
import { loadConfig } from '../../lib/config.js';
import { expandInputs } from '../../lib/files.js';
import { readTable } from '../../lib/read/workbook.js';
import { columnOverrides } from '../../reconcile/pipeline.js';
import { columnsJson, columnsText, statusWordsText } from '../output.js';
import { collect, MAP_HELP, mapOption } from '../options.js';

/** One table as `columns` shows it; receipts add their rule and status words. */
interface ColumnsTable {
  file: string;
  snapshot: SheetSnapshot;
  header: HeaderMatch;
  skippedSheets: SkippedSheet[];
  receiptRule?: ReceiptRule;
  statusWords?: ReturnType<typeof statusWords>;
}

export function columnsCommand(program: Command): void {
  program.command('columns')
    .description('列出表中每一列被识别成什么字段、依据是什么，以及缺少的必填列')
    .argument('<file...>', '登记表或回执文件、文件夹')
    .option('--receipts', '按回执表识别（默认按登记表）')
    .option('--sheet <名称>', '只看这一个工作表（默认：登记表看每个有登记表表头的可见工作表，回执看最像的那个）')
    .option('--map <表头=字段>', MAP_HELP, collect, [])
    .option('--config <文件>', '配置文件（JSON），其中 columns 为列对应')
    .option('--json', '输出一个 JSON 文档')
    .action((files: string[], o: { receipts?: boolean; sheet?: string; map?: string[]; config?: string; json?: boolean }) => {
      const loaded = loadConfig(o.config);
      const overrides = columnOverrides({ ...loaded.config.columns, ...mapOption(o.map) }, o.map?.length ? '--map' : (loaded.file ?? '--map'));
      const fields = o.receipts ? RECEIPT_TABLE_FIELDS : REGISTRATION_FIELDS;
      const required = o.receipts ? ['name'] : REQUIRED_FIELDS;
      // Registrations: every sheet that is read, and the others with why; receipts: the one table read.
      const tables = expandInputs(files).flatMap((f): ColumnsTable[] => {
        if (!o.receipts) {
          const { read, skipped } = readRegistrationSheets(f, { sheet: o.sheet, overrides });
          return read.map((t, i) => ({ file: f, snapshot: t.snapshot, header: t.header, skippedSheets: i === 0 ? skipped : [] }));
        }
        // Receipts: also every distinct status word found, with what it counts as.
        const t = readTable(f, fields, { sheet: o.sheet, what: '回执', minMatches: 2, overrides });
        const read = readReceiptRows(basename(f), t.snapshot, t.header);
        return [{ ...t, skippedSheets: [], receiptRule: read.info.rule, statusWords: statusWords(read.records) }];
      });
      if (o.json) {
        console.log(JSON.stringify({ files: tables.map((t) => ({ file: t.file, sheet: t.snapshot.name, headerRow: t.header.row, headerFirstRow: t.header.firstRow, columns: columnsJson(t.header.decisions), missingColumns: required.filter((k) => !t.header.columns.has(k as never)), skippedSheets: t.skippedSheets, ...(t.statusWords ? { receiptRule: RECEIPT_RULE_TEXT[t.receiptRule!], statusWords: t.statusWords.map((w) => ({ ...w, decision: RECEIPT_STATE_TEXT[w.state] })) } : {}) })) }, null, 2));
      } else {
        console.log(tables.map((t) => columnsText(t.file, t.snapshot.name, t.header, { required, skippedSheets: t.skippedSheets }) + (t.statusWords ? `\n${statusWordsText(t.receiptRule!, t.statusWords)}` : '')).join('\n\n'));
      }
    });
}

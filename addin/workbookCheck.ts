/**
 * 「校验整个工作簿」: every sheet that holds members (one per 党支部 is common) checked
 * at once, with the rules the CLI uses (shared/sheets.ts picks the sheets, shared/repeats.ts
 * finds a member registered on two sheets). Each sheet gets its own marks; the pane shows
 * the first sheet's findings and says which sheets were read and which were not, and why.
 */
import { overrideMap } from '../shared/headers.js';
import { marksFor } from '../shared/marks.js';
import { markRepeatsAcross } from '../shared/repeats.js';
import { receiptExportSigns } from '../shared/receipts.js';
import { chooseRegistrationSheets, skippedSheetsText } from '../shared/sheets.js';
import { HEADER_SEARCH_TEXT } from '../shared/table.js';
import { countBySeverity, validateSheet, type ValidationResult } from '../shared/validate.js';
import type { PaneContext } from './context.js';

/** Shown when the host cannot say which date system the workbook uses (before ExcelApi 1.16). */
export const DATE_SYSTEM_NOTE = '提示：此版本的 Excel 无法告知本工作簿使用哪种日期系统，日期按常用的 1900 日期系统读取。若工作簿在 Mac 版 Excel 中设置了「使用 1904 日期系统」，日期会早 4 年，请以命令行 zhuanjie validate 的结果为准。';

export function workbookCheck({ port, state, display, queue, settings, today }: PaneContext) {
  return {
    checkWorkbook: () =>
      queue.run(async () => {
        const sheets = await port.readWorkbook();
        state.mapping = sheets[0]?.snapshot.mapping ?? {};
        const overrides = overrideMap(state.mapping);
        const { read, skipped } = chooseRegistrationSheets(sheets, { overrides, looksLikeReceipts: receiptExportSigns });
        if (!read.length) {
          state.result = null;
          display.render();
          display.status(`没有哪个工作表的${HEADER_SEARCH_TEXT}中有登记表表头。${skipped.length ? skippedSheetsText(skipped) : ''}`, 'error');
          return;
        }
        const results: ValidationResult[] = read.map((s) => validateSheet(s.snapshot, { settings, today: today(), header: s.header }));
        markRepeatsAcross(results.map((r) => ({
          group: r.sheet, findings: r.findings, columns: r.columns, where: (row: number) => `「${r.sheet}」第 ${row} 行`,
          get records() {
            return r.records;
          },
        })));
        for (const r of results) {
          await port.clearMarks(r.sheet);
          await port.applyMarks(r.sheet, marksFor(r.findings));
        }
        state.result = results[0]!;
        state.sheet = results[0]!.sheet;
        display.render();
        const parts = results.map((r) => {
          const c = countBySeverity(r.findings);
          return `「${r.sheet}」${r.rowCount} 行，错误 ${c.error} 处，提醒 ${c.warning} 处`;
        });
        const note = port.knowsDateSystem ? '' : ` ${DATE_SYSTEM_NOTE}`;
        display.status(`已校验整个工作簿（${results.length} 个工作表）：${parts.join('；')}。下方列出「${results[0]!.sheet}」的问题。${skipped.length ? ` ${skippedSheetsText(skipped)}。` : ''}${note}`);
      }),
  };
}

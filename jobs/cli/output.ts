/** What the CLI prints: human Chinese lines, or one JSON document. */
import { displayWidth } from './cliText.js';
import { basename } from 'node:path';
import { fieldLabel, REQUIRED_FIELDS } from '../../shared/fields.js';
import { explainDecision, type ColumnDecision } from '../../shared/headers.js';
import type { HeaderMatch } from '../../shared/table.js';
import { SEVERITY_LABEL, findingPlace } from '../../shared/messages.js';
import { countBySeverity } from '../../shared/validate.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import type { RepeatedRow } from '../../shared/samePerson.js';
import { RECEIPT_RULE_TEXT, RECEIPT_STATE_TEXT, type ReceiptRule, type ReceiptState } from '../../shared/receipts.js';
import { maskIdNumber } from '../../shared/idNumber.js';
import type { FileValidation } from '../lib/read/load.js';
import { printable } from '../lib/terminal.js';
import { skippedSheetsText, type SkippedSheet } from '../../shared/sheets.js';

/** Each header cell, what it was read as, and why: the same for text and JSON. */
export function columnsJson(decisions: readonly ColumnDecision[]) {
  return decisions.map((d) => ({
    column: d.letter ?? null, header: d.header, field: d.field, reason: d.reason, term: d.term ?? null,
    candidates: d.candidates ?? [], explanation: explainDecision(d),
  }));
}

const rowsText = (firstRow: number, row: number) => (firstRow === row ? `第 ${row} 行` : `第 ${firstRow}–${row} 行`);

/** `zhuanjie columns` and `validate --explain`: every header → field, with the reason; missing required fields. */
export function columnsText(file: string, sheet: string, header: HeaderMatch, opts: { required?: readonly string[]; skippedSheets?: readonly SkippedSheet[] } = {}): string {
  const lines = [`${basename(file)}（工作表「${sheet}」，表头在${rowsText(header.firstRow, header.row)}）`];
  const width = Math.max(...header.decisions.map((d) => displayWidth(d.header)), 4);
  for (const c of columnsJson(header.decisions)) {
    lines.push(`  ${(c.column ?? '').padEnd(3)} ${c.header}${' '.repeat(width - displayWidth(c.header))} → ${c.explanation}`);
  }
  const missing = (opts.required ?? []).filter((k) => !header.columns.has(k as never));
  if (missing.length) lines.push(`  缺少必填列：${missing.map((k) => `「${fieldLabel(k)}」`).join('、')}（可用 --map 表头=字段 指定）`);
  if (opts.skippedSheets?.length) lines.push(`  ${printable(skippedSheetsText(opts.skippedSheets))}`);
  return lines.join('\n');
}

/** `columns --receipts`: how the file's rows count, and every distinct status word with its decision. */
export function statusWordsText(rule: ReceiptRule, words: readonly { word: string; state: ReceiptState; count: number }[]): string {
  const lines = [`  回执的判断：${RECEIPT_RULE_TEXT[rule]}`];
  if (rule === 'status') {
    lines.push('  状态列中的取值：');
    for (const w of words) lines.push(`    「${printable(w.word || '（空白）')}」${w.count} 行 → ${RECEIPT_STATE_TEXT[w.state]}`);
  }
  return lines.join('\n');
}

export function validationJson(results: readonly FileValidation[]) {
  return {
    files: results.map((r) => ({
      file: r.file,
      sheet: r.sheet,
      headerRow: r.headerRow,
      headerFirstRow: r.header.firstRow,
      rowCount: r.rowCount,
      columns: columnsJson(r.header.decisions),
      missingColumns: REQUIRED_FIELDS.filter((k) => !r.header.columns.has(k)),
      skippedRows: r.skippedRows,
      skippedSheets: r.skippedSheets,
      findings: r.findings.map(({ row, field, column, code, severity, message }) => ({ row, field, column, code, severity, message })),
    })),
  };
}

export function validationText(r: FileValidation, opts: { explain?: boolean } = {}): string {
  const c = countBySeverity(r.findings);
  const lines = [
    `${printable(basename(r.file))}（工作表「${printable(r.sheet)}」，表头在${rowsText(r.header.firstRow, r.headerRow)}，${r.rowCount} 行数据）：错误 ${c.error} 处，提醒 ${c.warning} 处，提示 ${c.info} 处`,
  ];
  if (opts.explain) lines.push(columnsText(r.file, r.sheet, r.header, { required: REQUIRED_FIELDS }).split('\n').slice(1).join('\n'));
  if (r.skippedSheets.length) lines.push(`  ${printable(skippedSheetsText(r.skippedSheets))}`);
  if (r.skippedRows.length) lines.push(`  不是党员的行已跳过：${r.skippedRows.map((s) => `第${s.row}行${s.reason}`).join('；')}`);
  const sorted = [...r.findings].sort((a, b) => a.row - b.row || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? ''));
  for (const f of sorted) {
    const where = findingPlace(f, fieldLabel);
    lines.push(`  [${SEVERITY_LABEL[f.severity]}] 第${f.row}行 ${where}：${printable(f.message)}`);
  }
  if (c.error === 0 && c.warning === 0) lines.push('  全部通过。');
  return lines.join('\n');
}

export function reconcileJson(result: ReconcileResult, fullIds: boolean) {
  const id = (v: string | null) => (v ? (fullIds ? v : maskIdNumber(v)) : null);
  return {
    asOf: result.asOf,
    cohort: result.cohort,
    members: result.members.map((m) => ({
      studentId: m.studentId,
      name: m.name,
      college: m.college,
      idNumber: id(m.idNumber),
      file: m.file,
      row: m.row,
      status: m.status,
      reasons: m.reasons,
    })),
    orphans: result.orphans.map((r) => ({
      file: r.file, row: r.row, name: r.name, studentId: r.studentId, idNumber: id(r.idNumber ?? (r.idText || null)),
      receivingOrg: r.receivingOrg, receiptDate: r.receiptDate, source: r.source, status: r.statusText,
    })),
    unusable: result.unusable,
    repeats: result.repeats.map(repeatJson),
    invalidIds: result.invalidIds,
    unreadLetters: result.unreadLetters,
    unfitReceiptFiles: result.unfitReceiptFiles,
    receiptFiles: result.receiptFiles.map((f) => ({ ...f, ruleText: RECEIPT_RULE_TEXT[f.rule] })),
    skippedSheets: result.skippedSheets,
    summary: result.summary,
  };
}

const placeJson = (p: { file: string; row: number; college: string; name: string }) => ({ file: p.file, row: p.row, college: p.college, name: p.name });

export const repeatJson = (p: RepeatedRow) => ({ by: p.by, first: placeJson(p.first), repeat: placeJson(p.repeat) });

export { reconcileText } from '../reconcile/text.js';

/** What the CLI prints: human Chinese lines, or one JSON document. */
import { basename } from 'node:path';
import { fieldLabel } from '../shared/fields.js';
import { SEVERITY_LABEL } from '../shared/messages.js';
import { countBySeverity } from '../shared/validate.js';
import { STATUS_INFO, STATUSES } from '../shared/statuses.js';
import type { ReconcileResult } from '../shared/reconcile.js';
import { maskIdNumber } from '../shared/idNumber.js';
import type { FileValidation } from './load.js';
import { printable } from './terminal.js';

export function validationJson(results: readonly FileValidation[]) {
  return {
    files: results.map((r) => ({
      file: r.file,
      sheet: r.sheet,
      headerRow: r.headerRow,
      rowCount: r.rowCount,
      findings: r.findings.map(({ row, field, column, code, severity, message }) => ({ row, field, column, code, severity, message })),
    })),
  };
}

export function validationText(r: FileValidation): string {
  const c = countBySeverity(r.findings);
  const lines = [
    `${printable(basename(r.file))}（工作表「${printable(r.sheet)}」，表头在第 ${r.headerRow} 行，${r.rowCount} 行数据）：错误 ${c.error} 处，提醒 ${c.warning} 处，提示 ${c.info} 处`,
  ];
  const sorted = [...r.findings].sort((a, b) => a.row - b.row || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? ''));
  for (const f of sorted) {
    const where = f.field ? `${fieldLabel(f.field)}${f.column ? `（${f.column}列）` : ''}` : f.column ? `${f.column}列` : '';
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
    summary: result.summary,
  };
}

export function reconcileText(result: ReconcileResult): string {
  const s = result.summary;
  const lines = [`截至 ${result.asOf}（${result.cohort} 届）：登记 ${s.total} 人`];
  lines.push('  ' + STATUSES.filter((k) => s.byStatus[k]).map((k) => `${STATUS_INFO[k].label} ${s.byStatus[k]}`).join('，'));
  for (const [college, c] of Object.entries(s.byCollege)) {
    const open = STATUSES.filter((k) => !STATUS_INFO[k].resolved).reduce((n, k) => n + c[k], 0);
    lines.push(`  ${printable(college)}：${c.total} 人，未完成 ${open} 人`);
  }
  if (s.orphans) lines.push(`  无法对应登记的回执 ${s.orphans} 条`);
  if (s.unusable) lines.push(`  身份信息不可用的登记 ${s.unusable} 条`);
  return lines.join('\n');
}

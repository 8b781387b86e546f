/** What the CLI prints: human Chinese lines, or one JSON document. */
import { basename } from 'node:path';
import { fieldLabel } from '../shared/fields.js';
import { SEVERITY_LABEL, findingPlace } from '../shared/messages.js';
import { countBySeverity } from '../shared/validate.js';
import { COMPLETION_RATE_RULE, STATUS_INFO, STATUSES, completionRate, openCount } from '../shared/statuses.js';
import { collegeRows } from './report.js';
import type { ReconcileResult } from '../shared/reconcile.js';
import { maskIdNumber } from '../shared/idNumber.js';
import type { FileValidation } from './load.js';

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
    `${basename(r.file)}（工作表「${r.sheet}」，表头在第 ${r.headerRow} 行，${r.rowCount} 行数据）：错误 ${c.error} 处，提醒 ${c.warning} 处，提示 ${c.info} 处`,
  ];
  const sorted = [...r.findings].sort((a, b) => a.row - b.row || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? ''));
  for (const f of sorted) {
    const where = findingPlace(f, fieldLabel);
    lines.push(`  [${SEVERITY_LABEL[f.severity]}] 第${f.row}行 ${where}：${f.message}`);
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
  const lines = [`截至 ${result.asOf}（${result.cohort} 届）：登记 ${s.total} 人，完成率 ${completionRate({ ...s.byStatus, total: s.total }).text}（${COMPLETION_RATE_RULE}）`];
  lines.push('  ' + STATUSES.filter((k) => s.byStatus[k]).map((k) => `${STATUS_INFO[k].label} ${s.byStatus[k]}`).join('，'));
  for (const [college, c] of collegeRows(s)) lines.push(`  ${college}：${c.total} 人，未完成 ${openCount(c)} 人，完成率 ${completionRate(c).text}`);
  if (s.orphans) lines.push(`  无对应登记的回执 ${s.orphans} 条`);
  if (s.unusable) lines.push(`  身份信息不可用的登记 ${s.unusable} 条`);
  return lines.join('\n');
}

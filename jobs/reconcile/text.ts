/** The reconciliation in a few lines of text: what `reconcile` prints and `run` logs. */
import { COMPLETION_RATE_RULE, STATUS_INFO, STATUSES, completionRate, openCount } from '../../shared/statuses.js';
import { collegeRows } from '../../shared/lists.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import { RECEIPT_RULE_TEXT } from '../../shared/receipts.js';
import { printable } from '../lib/terminal.js';
import { findingsText } from '../../shared/reconcileFindings.js';

export function reconcileText(result: ReconcileResult): string {
  const s = result.summary;
  const lines = [`截至 ${result.asOf}（${result.cohort} 届）：登记 ${s.total} 人，完成率 ${completionRate({ ...s.byStatus, total: s.total }).text}（${COMPLETION_RATE_RULE}）`];
  lines.push('  ' + STATUSES.filter((k) => s.byStatus[k]).map((k) => `${STATUS_INFO[k].label} ${s.byStatus[k]}`).join('，'));
  for (const [college, c] of collegeRows(s)) lines.push(`  ${printable(college)}：${c.total} 人，未完成 ${openCount(c)} 人，完成率 ${completionRate(c).text}`);
  for (const f of result.receiptFiles) lines.push(`  回执 ${printable(f.file)}：${f.rows} 行，${RECEIPT_RULE_TEXT[f.rule]}`);
  for (const k of result.skippedSheets) lines.push(`  未读取的工作表 ${printable(k.file)}「${printable(k.sheet)}」：${printable(k.reason)}`);
  if (s.orphans) lines.push(`  无对应登记的回执 ${s.orphans} 条`);
  if (s.unusable) lines.push(`  身份信息不可用的登记 ${s.unusable} 条`);
  lines.push(...findingsText(result).map((l) => `  ${printable(l)}`));
  return lines.join('\n');
}

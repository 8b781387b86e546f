/**
 * The order in which members and colleges are listed, wherever they are listed: the
 * report, the college attachment, the mails and the terminal read the same order.
 */
import type { MemberStatus, ReconcileResult } from './reconcile.js';
import { STATUSES } from './statuses.js';

/** One collator for every comparison: localeCompare builds one per call. */
export const ZH_ORDER = new Intl.Collator('zh');

/** The most urgent status first (STATUSES' order: 信息不符 … 待回执), then by college and 学号. */
export function sortForAction(members: readonly MemberStatus[]): MemberStatus[] {
  const rank = new Map(STATUSES.map((s, i) => [s, i]));
  return [...members].sort((a, b) => rank.get(a.status)! - rank.get(b.status)! || ZH_ORDER.compare(a.college, b.college) || (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
}

/** Colleges in one order (by Chinese collation) for the report and the summary mail. */
export const collegeRows = (s: ReconcileResult['summary']) => Object.entries(s.byCollege).sort(([a], [b]) => ZH_ORDER.compare(a, b));

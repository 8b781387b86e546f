/**
 * Which cells carry a mark, and of what kind: the pane colours them in the sheet, the
 * audit's annotated copy fills them. One mark per cell, the worst severity winning;
 * findings without a cell (whole-row) and 提示 mark nothing.
 */
import { columnNumber } from './table.js';
import type { Finding } from './validate.js';

export type MarkKind = 'error' | 'warning';

/** A cell by 1-based sheet row and 1-based column number. */
export interface Mark { row: number; col: number; kind: MarkKind }

/** How a mark looks, in the pane's sheet and in the audit's annotated copy: red for 错误, amber for 提醒. */
export const MARK_STYLE: Record<MarkKind, { fill: string; font: string }> = {
  error: { fill: '#FDE7E9', font: '#A4262C' },
  warning: { fill: '#FFF4CE', font: '#8A6914' },
};

export function marksFor<F extends Pick<Finding, 'row' | 'column' | 'severity'>>(findings: readonly F[]): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const f of findings) {
    if (!f.column || f.severity === 'info') continue;
    const key = `${f.row}:${f.column}`;
    const prior = byCell.get(key);
    if (!prior || (prior.kind === 'warning' && f.severity === 'error')) byCell.set(key, { row: f.row, col: columnNumber(f.column), kind: f.severity });
  }
  return [...byCell.values()];
}

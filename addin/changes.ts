/**
 * What the sheet's change events mean for the pane's model: the rows to read again,
 * or why only a full check will do. Pure, so each reason is tested on its own.
 */
import { columnNumber } from '../shared/table.js';
import type { SheetChange } from './office.js';

/** One area of an event's address, 1-based and inclusive; whole rows or columns run to Infinity. */
interface Area { r1: number; r2: number; c1: number; c2: number }

/** "Q102", "A3:R5", "5:7" (whole rows), "A:C" (whole columns), optionally "Sheet!…" and several joined by commas. */
export function areasOf(address: string): Area[] | null {
  const out: Area[] = [];
  for (const part of address.split(',')) {
    const ends = part.replace(/^.*!/, '').replace(/\$/g, '').trim().split(':');
    const parsed = ends.map((e) => /^([A-Z]*)(\d*)$/i.exec(e));
    if (parsed.some((p) => !p || (!p[1] && !p[2]))) return null;
    const a = parsed[0]!;
    const b = parsed[1] ?? a;
    const col = (p: RegExpExecArray, open: number) => (p[1] ? columnNumber(p[1].toUpperCase()) : open);
    const row = (p: RegExpExecArray, open: number) => (p[2] ? Number(p[2]) : open);
    out.push({ r1: row(a, 1), r2: row(b, Infinity), c1: col(a, 1), c2: col(b, Infinity) });
  }
  return out;
}

export type Plan =
  | { full: false; spans: { from: number; to: number }[] }
  /** `moved`: cells (and our marks with them) may have moved, so the marks are cleared and drawn afresh. */
  | { full: true; why: string; moved: boolean };

/** The rows to re-read for `changes` on a table whose header is `headerRow` and whose known width is `width` columns. */
export function planFor(changes: readonly SheetChange[], headerRow: number, width: number): Plan {
  const rows: [number, number][] = [];
  for (const c of changes) {
    if (c.kind === 'structure') return { full: true, why: '插入或删除了行、列或单元格', moved: true };
    if (c.kind === 'sort') return { full: true, why: '表格已排序', moved: true };
    const areas = areasOf(c.address);
    if (!areas) return { full: true, why: `无法识别改动的位置「${c.address}」`, moved: true };
    for (const a of areas) {
      if (a.r1 <= headerRow) return { full: true, why: '表头或表头以上的行有改动', moved: false };
      if (a.c2 > width || a.r2 === Infinity) return { full: true, why: '改动超出了已校验的表格范围', moved: false };
      rows.push([a.r1, a.r2]);
    }
  }
  // Merged, so overlapping and adjacent edits read once.
  rows.sort((x, y) => x[0] - y[0]);
  const spans: { from: number; to: number }[] = [];
  for (const [from, to] of rows) {
    const last = spans[spans.length - 1];
    if (last && from <= last.to + 1) last.to = Math.max(last.to, to);
    else spans.push({ from, to });
  }
  return { full: false, spans };
}

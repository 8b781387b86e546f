/**
 * What our marks on a sheet are, cell by cell: which conditional format (by Excel's
 * id) covers each marked cell. A check then deletes and adds only the formats that
 * differ from what it wants, instead of clearing and re-applying them all. A format
 * covers up to 400 cells; a cell leaving it means deleting it and adding its others
 * back, in the same single sync.
 */
import type { Mark, MarkKind } from '../shared/marks.js';
import type { MarkGroup } from './office.js';

export interface MarkPlan {
  remove: string[];
  add: Mark[];
}

export class MarkLedger {
  /** row → col → the kind shown and the format showing it. */
  private readonly cells = new Map<number, Map<number, { kind: MarkKind; group: string }>>();
  private readonly groups = new Map<string, Mark[]>();

  /** What to delete and add so that `rows` (every row when absent) show exactly `want`. */
  plan(want: readonly Mark[], rows?: ReadonlySet<number>): MarkPlan {
    const wanted = new Map<string, MarkKind>();
    for (const w of want) wanted.set(`${w.row}:${w.col}`, w.kind);
    const drop = new Set<string>();
    const scope = rows ? [...rows].map((r) => [r, this.cells.get(r)] as const) : [...this.cells];
    for (const [row, cols] of scope) {
      if (!cols) continue;
      for (const [col, { kind }] of cols) if (wanted.get(`${row}:${col}`) !== kind) drop.add(`${row}:${col}`);
    }
    const add = want.filter((w) => this.cells.get(w.row)?.get(w.col)?.kind !== w.kind);
    const remove = new Set<string>();
    for (const key of drop) {
      const [row, col] = key.split(':').map(Number) as [number, number];
      remove.add(this.cells.get(row)!.get(col)!.group);
    }
    // A deleted format's other cells go back on in new formats.
    for (const id of remove) for (const m of this.groups.get(id)!) if (!drop.has(`${m.row}:${m.col}`)) add.push(m);
    return { remove: [...remove], add };
  }

  /** The plan done: its formats deleted and `created` added. */
  commit(plan: MarkPlan, created: readonly MarkGroup[]): void {
    for (const id of plan.remove) {
      for (const m of this.groups.get(id) ?? []) {
        const cols = this.cells.get(m.row);
        if (cols?.get(m.col)?.group === id) cols.delete(m.col);
        if (cols?.size === 0) this.cells.delete(m.row);
      }
      this.groups.delete(id);
    }
    for (const g of created) {
      this.groups.set(g.id, g.marks);
      for (const m of g.marks) {
        const cols = this.cells.get(m.row) ?? new Map();
        cols.set(m.col, { kind: g.kind, group: g.id });
        this.cells.set(m.row, cols);
      }
    }
  }
}

/**
 * What the task pane holds between clicks. Plain data: each part reads and updates
 * it, display.ts shows it. It knows nothing of the parts (context.ts bundles them).
 */
import type { ValidationResult } from '../shared/validate.js';
import type { SheetModel } from './model.js';

export type Filter = 'all' | 'error' | 'warning';

export interface PaneState {
  /** The last check's result; null before one, after 清除标记, or when no header was found. */
  result: ValidationResult | null;
  /** The sheet that result is about: re-checks, marks and 修复格式 go there. */
  sheet: string | null;
  /** Which findings the list shows. */
  filter: Filter;
  /** The user's column corrections, as last read with the sheet (a colleague's change arrives with the next read). */
  mapping: Record<string, string | null>;
  /** The last check's model of the sheet (rows, findings, repeat indexes, our marks): edits re-check against it. */
  model: SheetModel | null;
}

export const newState = (): PaneState => ({ result: null, sheet: null, filter: 'all', mapping: {}, model: null });

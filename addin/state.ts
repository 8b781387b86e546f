/**
 * What the task pane holds between clicks, and what its parts share. Plain data:
 * each part reads and updates it, display.ts shows it.
 */
import type { RuleSettings } from '../shared/settings.js';
import type { ValidationResult } from '../shared/validate.js';
import type { Display } from './display.js';
import type { WorkbookPort } from './office.js';
import type { Queue } from './queue.js';

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
}

export const newState = (): PaneState => ({ result: null, sheet: null, filter: 'all', mapping: {} });

/** Everything a part of the pane works with: the workbook, the state, the page and the one queue for Excel work. */
export interface PaneContext {
  port: WorkbookPort;
  state: PaneState;
  display: Display;
  queue: Queue;
  /** The rules as the CLI's defaults: the pane has no configuration file. */
  settings: RuleSettings;
  today: () => string;
}

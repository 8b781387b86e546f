/** What every part of the pane is handed: the workbook, the state, the page and the one queue. */
import type { RuleSettings } from '../shared/settings.js';
import type { Display } from './display.js';
import type { WorkbookPort } from './office.js';
import type { Queue } from './queue.js';
import type { PaneState } from './state.js';

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

/**
 * The pane's page as the state says it should look: the status line, the summary,
 * the 列对应 list and the findings. The HTML itself comes from view.ts.
 */
import { countBySeverity } from '../shared/validate.js';
import { groupByRow, mappingRows, missingColumnLabels } from './plan.js';
import type { PaneState } from './state.js';
import { columnsHtml, findingsHtml, missingColumnsText } from './view.js';

export interface Display {
  /** An element of the pane by id (the ids are those of taskpane.html). */
  el<T extends HTMLElement>(id: string): T;
  status(text: string, kind?: 'info' | 'error'): void;
  /** Redraw everything that follows from the state. */
  render(): void;
}

export function createDisplay(root: HTMLElement, state: PaneState): Display {
  const $ = <T extends HTMLElement>(id: string) => root.querySelector<T>(`#${id}`)!;

  const status = (text: string, kind: 'info' | 'error' = 'info') => {
    const el = $('status');
    el.textContent = text;
    el.dataset.kind = kind;
  };

  function render() {
    const { result, mapping, filter } = state;
    const rows = result ? mappingRows(result, mapping) : [];
    $('columns').hidden = rows.length === 0;
    $('column-list').innerHTML = columnsHtml(rows);
    $('column-missing').textContent = result ? missingColumnsText(missingColumnLabels(result)) : '';
    $('summary').hidden = !result;
    if (!result) {
      $('findings').innerHTML = '';
      return;
    }
    const c = countBySeverity(result.findings);
    $('sum-rows').textContent = String(result.rowCount);
    $('sum-errors').textContent = String(c.error);
    $('sum-warnings').textContent = String(c.warning);
    $('findings').innerHTML = findingsHtml(groupByRow(result.findings, filter), result.findings.length > 0);
  }

  return { el: $, status, render };
}

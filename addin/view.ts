/**
 * The task pane's HTML, from plain data: the 列对应 step and the findings list. Pure
 * functions (no DOM, no Excel), so the pane's parts only decide what to show and when.
 */
import { REGISTRATION_FIELDS, fieldLabel } from '../shared/fields.js';
import { escapeHtml } from '../shared/html.js';
import { SEVERITY_LABEL, findingPlace } from '../shared/messages.js';
import type { MappingRow, RowGroup } from './plan.js';

const FIELD_OPTIONS: [string, string][] = [['', '（自动识别）'], ['忽略', '忽略此列'], ...REGISTRATION_FIELDS.map((f): [string, string] => [f.key, f.header])];

const options = (current: string) =>
  FIELD_OPTIONS.map(([v, label]) => `<option value="${escapeHtml(v)}"${v === current ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('');

/** 列对应: each column not recognised (or mapped by the user), why, and a dropdown of fields. */
export const columnsHtml = (rows: readonly MappingRow[]): string =>
  rows
    .map((r) => `<li><label><span class="col">${escapeHtml(r.letter)}列「${escapeHtml(r.header)}」</span><span class="why">${escapeHtml(r.why)}</span>
        <select class="map" data-header="${escapeHtml(r.header)}">${options(r.current)}</select></label></li>`)
    .join('');

export const missingColumnsText = (labels: readonly string[]): string =>
  labels.length ? `缺少必填列：${labels.join('、')}。可在上面把某一列对应过去。` : '';

/** Findings grouped by row; a button per finding selects its cell. */
export function findingsHtml(groups: readonly RowGroup[], anyFindings: boolean): string {
  if (!groups.length) return `<li class="empty">${anyFindings ? '没有该类问题。' : '全部通过，没有发现问题。'}</li>`;
  return groups
    .map((g) => `<li class="group"><div class="row-label">第 ${g.row} 行</div><ul>${g.findings
      .map((f) => `<li><button class="item ${f.severity}" data-row="${f.row}" data-col="${f.column ?? ''}">
                  <span class="badge">${SEVERITY_LABEL[f.severity]}</span>
                  <span class="where">${escapeHtml(findingPlace(f, fieldLabel))}</span>
                  <span class="msg">${escapeHtml(f.message)}</span></button></li>`)
      .join('')}</ul></li>`)
    .join('');
}

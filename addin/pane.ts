/**
 * The task pane's behaviour: buttons, summary, list, live checking. It talks to
 * Excel only through a WorkbookPort and to the rules only through shared/.
 */
import { dateIn, TIMEZONE } from '../shared/calendar.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { templateLayout } from '../shared/template.js';
import { columnNumber, HEADER_SEARCH_TEXT } from '../shared/table.js';
import { countBySeverity, HeaderNotFoundError, validateSheet, type ValidationResult } from '../shared/validate.js';
import type { WorkbookPort } from './office.js';
import { groupByRow, LOST_DIGIT_CODES, mappingRows, marksFor, missingColumnLabels, textColumns } from './plan.js';
import { columnsHtml, findingsHtml, missingColumnsText } from './view.js';
import { overrideMap } from '../shared/headers.js';

type Filter = 'all' | 'error' | 'warning';

export interface PaneOptions {
  today?: () => string;
  /** Debounce for live re-checks: a paste fires several events. */
  liveDelayMs?: number;
}


export function startPane(root: HTMLElement, port: WorkbookPort, opts: PaneOptions = {}) {
  const today = opts.today ?? (() => dateIn(TIMEZONE));
  const settings = defaultRuleSettings();
  const $ = <T extends HTMLElement>(id: string) => root.querySelector<T>(`#${id}`)!;
  let result: ValidationResult | null = null;
  let sheet: string | null = null;
  let filter: Filter = 'all';
  let stopLive: (() => Promise<void>) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = Promise.resolve();
  // The user's column corrections, as last read with the sheet (a colleague's change arrives with the next read).
  let mapping: Record<string, string | null> = {};

  const status = (text: string, kind: 'info' | 'error' = 'info') => {
    const el = $('status');
    el.textContent = text;
    el.dataset.kind = kind;
  };

  /** Serialise Excel work: a live re-check must not interleave with a button click. */
  const queue = (job: () => Promise<void>) => {
    busy = busy.then(job).catch((err: unknown) => status(explain(err), 'error'));
    return busy;
  };

  function render() {
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

  async function check(read: () => Promise<{ name: string; snap: Awaited<ReturnType<WorkbookPort['readActive']>> }>) {
    const { name, snap } = await read();
    mapping = snap.mapping;
    let next: ValidationResult;
    try {
      next = validateSheet(snap, { settings, today: today(), overrides: overrideMap(mapping) });
    } catch (err) {
      if (err instanceof HeaderNotFoundError) {
        result = null;
        render();
        status(`工作表「${name}」的${HEADER_SEARCH_TEXT}中没有找到登记表表头。可点击「插入标准模板」新建一张。`, 'error');
        return;
      }
      throw err;
    }
    await port.clearMarks(name);
    await port.applyMarks(name, marksFor(next.findings));
    result = next;
    sheet = name;
    render();
    const c = countBySeverity(next.findings);
    status(`已校验「${name}」：${next.rowCount} 行，错误 ${c.error} 处，提醒 ${c.warning} 处。`);
  }

  const checkActive = () =>
    queue(() =>
      check(async () => {
        const snap = await port.readActive();
        return { name: snap.name, snap };
      }),
    );

  const recheck = () =>
    queue(async () => {
      if (!sheet) return;
      const name = sheet;
      await check(async () => ({ name, snap: await port.readSheet(name) }));
    });

  async function setLive(on: boolean) {
    if (!on) {
      await stopLive?.();
      stopLive = null;
      status('已关闭实时校验。');
      return;
    }
    if (!sheet) await checkActive();
    if (!sheet) {
      ($('live') as HTMLInputElement).checked = false;
      return;
    }
    // The whole sheet is re-read on each change (a constant number of syncs): that
    // covers multi-cell pastes, fill-down and table-level rules such as duplicates.
    stopLive = await port.onChanged(sheet, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void recheck(), opts.liveDelayMs ?? 150);
    });
    status(`实时校验已开启：修改「${sheet}」后自动重新校验。`);
  }

  root.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('button');
    if (!target) return;
    if (target.id === 'validate') void checkActive();
    else if (target.id === 'clear')
      void queue(async () => {
        const name = sheet ?? (await port.readActive()).name;
        const n = await port.clearMarks(name);
        result = null;
        render();
        status(`已清除「${name}」上的 ${n} 组校验标记，表格内容和格式未改动。`);
      });
    else if (target.id === 'template')
      void queue(async () => {
        const name = await port.insertTemplate(templateLayout(settings));
        status(`已插入标准模板「${name}」：带下拉选项，学号、身份证号等列为文本格式。`);
      });
    else if (target.id === 'fix')
      void queue(async () => {
        if (!result || !sheet) return status('请先点击「校验当前工作表」。', 'error');
        const cols = textColumns(result);
        await port.setTextFormat(sheet, cols, result.headerRow + 1);
        const lost = result.findings.filter((f) => LOST_DIGIT_CODES.has(f.code));
        status(
          lost.length
            ? `已把 ${cols.length} 列设为文本格式。其中 ${lost.length} 个单元格的数字已被 Excel 丢失，必须重新录入（见下方列表）；本工具不会改动已有的值。`
            : `已把 ${cols.length} 列设为文本格式，没有发现已丢失数字的单元格。`,
        );
        filter = 'error';
        ($('filter') as HTMLSelectElement).value = 'error';
        render();
      });
    else if (target.classList.contains('item') && target.dataset.col && sheet) {
      void queue(() => port.select(sheet!, Number(target.dataset.row), columnNumber(target.dataset.col!)));
    }
  });
  root.addEventListener('change', (e) => {
    const select = (e.target as HTMLElement).closest<HTMLSelectElement>('select.map');
    if (!select) return;
    const header = select.dataset.header!;
    void queue(async () => {
      const next = { ...(await port.readMapping()) };
      if (select.value) next[header] = select.value;
      else delete next[header];
      await port.saveMapping(next);
      mapping = next;
      status(`已保存列对应：「${header}」→ ${select.value ? select.selectedOptions[0]!.textContent : '自动识别'}（随工作簿保存）。`);
    }).then(recheck);
  });
  $('filter').addEventListener('change', (e) => {
    filter = (e.target as HTMLSelectElement).value as Filter;
    render();
  });
  $('live').addEventListener('change', (e) => void queue(() => setLive((e.target as HTMLInputElement).checked)));

  return { checkActive, idle: () => busy };
}

function explain(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'InvalidOperationInCellEditMode') return '单元格正在编辑中：请先按 Enter 结束编辑再操作。';
  return `操作未完成：${e?.message ?? String(err)}`;
}

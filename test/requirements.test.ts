/**
 * Readiness for real hosts: every Excel API member the pane uses, with the requirement
 * set that introduced it as @types/office-js annotates it (the same "[Api set: ExcelApi
 * 1.N]" remark as Microsoft's reference pages). A member above what manifest.xml declares
 * must sit behind a `supports('ExcelApi', '1.N')` check in addin/office.ts, so a host
 * without it gets the fallback (and a Chinese word about it) instead of an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeExcel, newSheet } from './e2e/fakeExcel.js';
import { registrationRows } from './e2e/sheet5k.js';
import { paneOver } from './paneHost.js';
import { createWorkbookPort } from '../addin/office.js';
import { templateLayout } from '../shared/template.js';
import { defaultRuleSettings } from '../shared/settings.js';

const ROOT = join(import.meta.dirname, '..');
const TYPES = readFileSync(join(ROOT, 'node_modules', '@types', 'office-js', 'index.d.ts'), 'utf8');
const OFFICE_TS = readFileSync(join(ROOT, 'addin', 'office.ts'), 'utf8');
const MANIFEST = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const MAIN_TS = readFileSync(join(ROOT, 'addin', 'main.ts'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Class (or interface) → member → the lowest ExcelApi version annotated on any of its declarations. */
function excelApiSets(): Map<string, Map<string, number>> {
  const start = TYPES.indexOf('declare namespace Excel {');
  const body = TYPES.slice(start, TYPES.indexOf('\ndeclare namespace', start + 1));
  const out = new Map<string, Map<string, number>>();
  const version = (doc: string) => {
    const m = /\[Api set: ExcelApi (\d+)\.(\d+)/.exec(doc);
    return m ? Number(m[2]) : undefined;
  };
  const decl = /((?:    \/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?)    (?:export )?(?:class|interface) (\w+)[^\n]*\{\n([\s\S]*?)\n    \}\n/g;
  for (const [, classDoc, name, members] of body.matchAll(decl)) {
    const classSet = version(classDoc!);
    const map = new Map<string, number>();
    const member = /((?:        \/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?)        (?:readonly )?(\w+)\??[(:<]/g;
    for (const [, doc, m] of members!.matchAll(member)) {
      const v = version(doc!) ?? classSet;
      if (v !== undefined) map.set(m!, Math.min(map.get(m!) ?? Infinity, v));
    }
    out.set(name!, map);
  }
  return out;
}

/**
 * Every member addin/office.ts (and the event handlers it registers) uses: [class, member,
 * the version of the supports() check guarding it, when above the manifest].
 */
const USED: [string, string, number?][] = [
  ['Workbook', 'settings'], ['Workbook', 'worksheets'], ['SettingCollection', 'getItemOrNullObject'], ['SettingCollection', 'add'], ['Setting', 'value'],
  ['WorksheetCollection', 'getActiveWorksheet'], ['WorksheetCollection', 'getItem'], ['WorksheetCollection', 'add'], ['WorksheetCollection', 'items'],
  ['Worksheet', 'visibility'],
  ['Worksheet', 'name'], ['Worksheet', 'id'], ['Worksheet', 'activate'], ['Worksheet', 'freezePanes'], ['WorksheetFreezePanes', 'freezeRows'],
  ['Worksheet', 'onChanged'], ['Worksheet', 'onRowSorted', 10], ['Worksheet', 'getUsedRangeOrNullObject'], ['Worksheet', 'getRangeByIndexes'],
  ['Worksheet', 'getRange'], ['Worksheet', 'getRanges', 9],
  ['Range', 'getMergedAreasOrNullObject', 13], ['RangeAreas', 'address', 13], ['Range', 'values'], ['Range', 'rowIndex'], ['Range', 'columnIndex'],
  ['Range', 'rowCount'], ['Range', 'columnCount'], ['Range', 'conditionalFormats'], ['RangeAreas', 'conditionalFormats', 9],
  ['Range', 'numberFormat'], ['Range', 'format'], ['Range', 'select'], ['Range', 'dataValidation', 8], ['DataValidation', 'rule', 8],
  ['RangeFormat', 'font'], ['RangeFormat', 'fill'], ['RangeFormat', 'wrapText'], ['RangeFormat', 'columnWidth'], ['RangeFont', 'bold'], ['RangeFont', 'size'], ['RangeFill', 'color'],
  ['ConditionalFormatCollection', 'add'], ['ConditionalFormatCollection', 'getItem'], ['ConditionalFormatCollection', 'items'],
  ['ConditionalFormat', 'id'], ['ConditionalFormat', 'type'], ['ConditionalFormat', 'custom'], ['ConditionalFormat', 'delete'],
  ['CustomConditionalFormat', 'rule'], ['CustomConditionalFormat', 'format'], ['ConditionalFormatRule', 'formula'],
  ['ConditionalRangeFormat', 'fill'], ['ConditionalRangeFormat', 'font'], ['ConditionalRangeFill', 'color'], ['ConditionalRangeFont', 'color'],
  ['WorksheetChangedEventArgs', 'address'], ['WorksheetChangedEventArgs', 'changeType'], ['WorksheetChangedEventArgs', 'details', 9], ['ChangedEventDetail', 'valueAfter', 9], ['WorksheetRowSortedEventArgs', 'address', 10],
];

/**
 * Members office.ts uses that this @types/office-js (1.0.612) does not declare, with the set the
 * code guards them by (the workbook check, issue 19, gives ExcelApi 1.16 for the date system).
 * Unverified here: the test fails once the types declare them, so the entry moves to USED.
 */
const UNTYPED: [string, string, number][] = [['Workbook', 'use1904DateSystem', 16]];

const manifestMin = Number(/<Set Name="ExcelApi" MinVersion="1\.(\d+)"\/>/.exec(MANIFEST)![1]);
const sets = excelApiSets();

describe('requirement sets of the Excel API members the pane uses', () => {
  it('the annotations are read (ConditionalFormatCollection.getItem is ExcelApi 1.6, Worksheet.getRanges 1.9)', () => {
    expect(sets.get('ConditionalFormatCollection')?.get('getItem')).toBe(6);
    expect(sets.get('Worksheet')?.get('getRanges')).toBe(9);
    expect(manifestMin).toBe(7);
  });

  it.each(USED)('%s.%s: within manifest.xml’s ExcelApi, or guarded by a supports() check of its own set', (cls, member, guard) => {
    const v = sets.get(cls)?.get(member);
    expect(v, `${cls}.${member} 不在 @types/office-js 中`).toBeDefined();
    if (v! <= manifestMin) {
      expect(guard, `${cls}.${member} 属于 ExcelApi 1.${v}，无需检查`).toBeUndefined();
      return;
    }
    // Guarded by its own set or a later one (merged areas, 1.13, are read as RangeAreas, 1.9), and office.ts really checks it.
    expect(guard ?? 0, `${cls}.${member} 需要 ExcelApi 1.${v}，高于 manifest.xml 的 1.${manifestMin}，却没有 supports() 检查`).toBeGreaterThanOrEqual(v!);
    expect(OFFICE_TS).toContain(`supports('ExcelApi', '1.${guard}')`);
  });

  it.each(UNTYPED)('%s.%s (not in @types/office-js): guarded by supports() of ExcelApi 1.%i', (cls, member, guard) => {
    expect(sets.get(cls)?.has(member), `${cls}.${member} 已在 @types/office-js 中：请移到 USED`).toBeFalsy();
    expect(guard).toBeGreaterThan(manifestMin);
    expect(OFFICE_TS).toContain(`supports('ExcelApi', '1.${guard}')`);
    expect(OFFICE_TS).toContain(member);
  });

  it('the list is complete: every Excel member name office.ts writes after a dot is in it', () => {
    const excelNames = new Set([...sets.values()].flatMap((m) => [...m.keys()]));
    const listed = new Set(USED.map(([, m]) => m));
    // Names shared with plain JavaScript or with our own port (arrays, strings, promises, the ledger),
    // and the request context's own members (ctx.workbook, sync, load: ExcelApi 1.1, unannotated).
    const notExcel = new Set(['workbook', 'max', 'min', 'load', 'sync', 'run', 'map', 'push', 'filter', 'join', 'slice', 'length', 'includes', 'isNullObject', 'remove', 'marks', 'kind',
      'rows', 'cf', 'r', 'from', 'to', 'label', 'width', 'body', 'choices', 'textFormat', 'title', 'titleFontSize', 'headerRow', 'sheet', 'columns', 'fill', 'c', 'set']);
    const code = OFFICE_TS.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const used = new Set([...code.matchAll(/\.(\w+)/g)].map((m) => m[1]!).filter((n) => excelNames.has(n) && !notExcel.has(n)));
    expect([...used].filter((n) => !listed.has(n))).toEqual([]);
  });
});

describe('hosts without a set the pane can use get a Chinese word, not a silent failure', () => {
  it('the pane refuses, in Chinese, exactly below manifest.xml’s ExcelApi, and the README states that version', () => {
    const sets = /<Sets DefaultMinVersion="1\.(\d+)">/.exec(MANIFEST);
    expect(Number(sets?.[1])).toBe(manifestMin);
    expect([...MAIN_TS.matchAll(/supports\('ExcelApi', '1\.(\d+)'\)/g)].map((m) => Number(m[1]))).toEqual([manifestMin]);
    expect(MAIN_TS).toContain(`需要 ExcelApi 1.${manifestMin} 及以上`);
    expect(README).toContain(`ExcelApi 1.${manifestMin}（\`manifest.xml\` 声明的也是 1.${manifestMin}`);
  });

  it('ExcelApi 1.8 missing: 插入标准模板 works without dropdowns and says so', async () => {
    const host = new FakeExcel([newSheet('说明', [['填表说明']])]);
    const port = createWorkbookPort(host, (set, v) => !(set === 'ExcelApi' && Number(v.split('.')[1]) >= 8));
    const { name, dropdowns } = await port.insertTemplate(templateLayout(defaultRuleSettings()));
    expect(dropdowns).toBe(false);
    expect(host.sheet(name).validations).toEqual([]);
  });

  it('ExcelApi 1.10 missing: 实时校验 says sorts go unseen and what to do after one', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(20))]);
    const pane = paneOver(host, { supports: (set, v) => !(set === 'ExcelApi' && Number(v.split('.')[1]) >= 10) });
    await pane.setLive(true);
    expect(pane.lastStatus()).toContain('此版本的 Excel 不报告排序（需要 ExcelApi 1.10）');
    expect(host.sheet('登记表').sortHandlers).toHaveLength(0);
  });
});

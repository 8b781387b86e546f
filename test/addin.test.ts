/**
 * The add-in's Office boundary (addin/office.ts): reading, marking, clearing,
 * template, format fix and events, through office-addin-mock and a test host.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { SHEET_LAST_ROW, TEMPLATE_SHEET, templateLayout } from '../shared/template.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { createWorkbookPort, type ExcelHost } from '../addin/office.js';
import { mappingRows, textColumns } from '../addin/plan.js';
import { marksFor } from '../shared/marks.js';
import { overrideMap } from '../shared/headers.js';
import { FakeExcel, newSheet, numberFormatAt } from './e2e/fakeExcel.js';
import { registrationRows } from './e2e/sheet5k.js';
import { MANIFEST_XSD, optionalShared } from './helpers.js';
import { checkManifest } from '../scripts/validate-manifest.mjs';
import { findingPlace } from '../shared/messages.js';
import { fieldLabel } from '../shared/fields.js';

const ROOT = join(import.meta.dirname, '..');
const all = () => true;

describe('reading the active sheet', () => {
  it('with office-addin-mock: loads, syncs, and hands shared/ plain values (Excel "" → empty)', async () => {
    const mock = new OfficeMockObject({
      workbook: {
        use1904DateSystem: false,
        settings: {
          item: { isNullObject: false, value: '{"学生编号":"学号"}' },
          getItemOrNullObject() { return this.item; },
        },
        worksheets: {
          sheet: {
            name: '2026届登记表',
            id: '{7C2D1E40-5A7B-4E0C-9F3A-2B6D8E1F0A11}',
            used: {
              rowIndex: 0, columnIndex: 0, rowCount: 2, columnCount: 3, isNullObject: false,
              merged: { isNullObject: true, address: '' },
              getMergedAreasOrNullObject() { return this.merged; },
            },
            block: { values: [['姓名', '学号', '身份证号'], ['张明远', '2022083101', '']] },
            getUsedRangeOrNullObject() { return this.used; },
            getRangeByIndexes() { return this.block; },
          },
          getActiveWorksheet() { return this.sheet; },
        },
      },
    });
    const port = createWorkbookPort({ run: (batch) => batch(mock) } as ExcelHost, all);
    const snap = await port.readActive();
    expect(snap).toEqual({ name: '2026届登记表', rows: [['姓名', '学号', '身份证号'], ['张明远', '2022083101', null]], origin: { row: 1, col: 1 }, mapping: { 学生编号: '学号' }, sheetId: '{7C2D1E40-5A7B-4E0C-9F3A-2B6D8E1F0A11}', merged: '' });
  });

  it('a 5,000-row sheet is read, validated and marked in a handful of syncs, never one per row', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(5000))]);
    const port = createWorkbookPort(host, all);
    const snap = await port.readActive();
    expect(host.syncs).toBe(2);
    const result = validateSheet(snap, { today: '2026-06-20' });
    expect(result.rowCount).toBe(5000);
    await port.clearMarks('登记表');
    await port.updateMarks('登记表', [], marksFor(result.findings));
    expect(host.syncs).toBeLessThanOrEqual(6);
    expect(host.sheet('登记表').cfs.length).toBeGreaterThan(0);
  });

  it('merged 学院 cells read as in the CLI on ExcelApi 1.13; older hosts see Excel’s own top-left value', async () => {
    const rows = registrationRows(3);
    for (const r of [3, 4]) rows[r]![0] = '';
    const sheet = () => Object.assign(newSheet('登记表', rows.map((r) => [...r])), { merges: ['A3:A5', 'A1:R1'] });
    const modern = await createWorkbookPort(new FakeExcel([sheet()]), all).readActive();
    expect(modern.rows.slice(2).map((r) => r[0])).toEqual(['计算机学院党委', '计算机学院党委', '计算机学院党委']);
    expect(validateSheet(modern, { today: '2026-06-20' }).findings.filter((f) => f.code === 'REQUIRED')).toEqual([]);
    const older = await createWorkbookPort(new FakeExcel([sheet()]), (set, v) => !(set === 'ExcelApi' && v === '1.13')).readActive();
    expect(older.rows.slice(2).map((r) => r[0])).toEqual(['计算机学院党委', null, null]);
  });

  it('a 100,000-row sheet is read in chunks below the payload limit', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(100_000))]);
    const snap = await createWorkbookPort(host, all).readActive();
    expect(snap.rows).toHaveLength(100_002);
    expect(host.syncs).toBeLessThanOrEqual(1 + Math.ceil((100_002 * 18) / 200_000));
  });
});

describe('marks', () => {
  it('validate then 清除标记 leaves values, formats, validation, comments and widths exactly as they were', async () => {
    const s = newSheet('登记表', registrationRows(300));
    s.numberFormat.set('E3', '@');
    s.fill.set('C3', '#FFFF00');
    s.validations.push({ address: 'I3:I302', rule: { list: { source: '院内,京内,京外' } } });
    s.comments.set('C5', '已核对');
    s.widths.set(2, 80);
    // The user's own rule must survive our clear.
    s.cfs.push({ id: '{user-rule}', addresses: ['Q3:Q302'], type: 'Custom', formula: '=LEN(Q3)<>11', fill: '#FF0000', font: '', deleted: false });
    const before = JSON.stringify({ ...s, handlers: [] }, (_k, v) => (v instanceof Map ? [...v] : v));

    const host = new FakeExcel([s]);
    const port = createWorkbookPort(host, all);
    const result = validateSheet(await port.readActive(), { today: '2026-06-20' });
    await port.updateMarks('登记表', [], marksFor(result.findings));
    const ours = s.cfs.length - 1;
    expect(ours).toBeGreaterThan(0);
    expect(s.cfs.filter((c) => c.formula.includes('zhuanjie:error')).flatMap((c) => c.addresses)).toContain('Q102');

    expect(await port.clearMarks('登记表')).toBe(ours);
    expect(JSON.stringify({ ...s, handlers: [] }, (_k, v) => (v instanceof Map ? [...v] : v))).toBe(before);
  });

  it('without ExcelApi 1.9 (no RangeAreas) each cell gets its own mark, in the same single sync', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(300))]);
    const port = createWorkbookPort(host, (set, v) => !(set === 'ExcelApi' && v === '1.9'));
    const result = validateSheet(await port.readActive(), { today: '2026-06-20' });
    const before = host.syncs;
    await port.updateMarks('登记表', [], marksFor(result.findings));
    expect(host.syncs - before).toBe(1);
    expect(host.sheet('登记表').cfs).toHaveLength(marksFor(result.findings).length);
  });

  it('a cell with an error and a warning is marked once, as an error', () => {
    const marks = marksFor([
      { row: 5, field: 'gender', column: 'D', code: 'GENDER_MISMATCH' as never, severity: 'warning', message: '' },
      { row: 5, field: 'gender', column: 'D', code: 'REQUIRED' as never, severity: 'error', message: '' },
    ]);
    expect(marks).toEqual([{ row: 5, col: 4, kind: 'error' }]);
  });
});

describe('template and format fix', () => {
  it('插入标准模板 draws the shared layout: marked required headers, whole-column dropdowns and Text columns, each set once', async () => {
    const host = new FakeExcel([newSheet(TEMPLATE_SHEET, [['已有内容']])]);
    const port = createWorkbookPort(host, all);
    const layout = templateLayout(defaultRuleSettings());
    const { name, dropdowns } = await port.insertTemplate(layout);
    expect(name).toBe('登记表2');
    expect(dropdowns).toBe(true);
    const s = host.sheet(name);
    expect(s.values[1]!.slice(0, 4)).toEqual(['学院（必填）', '所在党支部（必填）', '姓名（必填）', '性别']);
    // The same colours as `zhuanjie template`: required and optional headers differ.
    expect(s.fill.get('A2')).toBe(layout.columns[0]!.fill);
    expect(s.fill.get('D2')).toBe(layout.columns[3]!.fill);
    expect(s.fill.get('A2')).not.toBe(s.fill.get('D2'));
    expect(s.frozenRows).toBe(2);
    const transfer = s.validations.filter((v) => JSON.stringify(v.rule).includes('院内,京内,京外'));
    const col = layout.columns.find((c) => c.key === 'transferType')!;
    expect(transfer.map((v) => v.address)).toEqual([col.body]);
    expect(col.body).toMatch(new RegExp(`^[A-Z]+3:[A-Z]+${SHEET_LAST_ROW}$`));
    expect(s.validations).toHaveLength(layout.columns.filter((c) => c.choices).length);
    expect(numberFormatAt(s, 'F3')).toBe('@');
    expect(numberFormatAt(s, `F${SHEET_LAST_ROW}`)).toBe('@');
    expect(numberFormatAt(s, 'F2')).toBeUndefined();
    expect(s.numberFormat.size).toBe(0);
    expect(host.active).toBe(name);
    expect(host.sheet(TEMPLATE_SHEET).values).toEqual([['已有内容']]);
    // The template's own header is recognised by the rules.
    const snap = await port.readSheet(name);
    expect(validateSheet(snap, { today: '2026-06-20' }).headerRow).toBe(2);
  });

  it('修复格式 sets Text on the ID/code columns and never rewrites a value', async () => {
    const rows = registrationRows(10);
    rows[5]![5] = 110108200403151200; // an ID Excel already turned into a number
    const host = new FakeExcel([newSheet('登记表', rows)]);
    const port = createWorkbookPort(host, all);
    const result = validateSheet(await port.readActive(), { today: '2026-06-20' });
    const before = JSON.stringify(host.sheet('登记表').values);
    await port.setTextFormat('登记表', textColumns(result), 3);
    expect(JSON.stringify(host.sheet('登记表').values)).toBe(before);
    expect(numberFormatAt(host.sheet('登记表'), 'F6')).toBe('@');
    expect(numberFormatAt(host.sheet('登记表'), 'F90000')).toBe('@');
    expect(result.findings.find((f) => f.row === 6 && f.field === 'idNumber')?.code).toBe('ID_STORED_AS_NUMBER');
  });
});

describe('events', () => {
  it('onChanged reports edits until removed', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(5))]);
    const port = createWorkbookPort(host, all);
    const seen: string[] = [];
    const stop = await port.onChanged('登记表', (c) => seen.push(c.address));
    host.edit('登记表', 'Q4', '13800000000');
    await stop();
    host.edit('登记表', 'Q5', '13800000001');
    expect(seen).toEqual(['Q4']);
  });

  it('clicking an item selects that cell on its sheet', async () => {
    const host = new FakeExcel([newSheet('登记表', registrationRows(5)), newSheet('说明')]);
    host.active = '说明';
    await createWorkbookPort(host, all).select('登记表', 102, 17);
    expect(host.selected).toEqual({ sheet: '登记表', address: 'Q102' });
    expect(host.active).toBe('登记表');
  });
});

describe('manifest.xml', () => {
  const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
  it('parses, and has the pane, the ribbon button, the icons and one https site everywhere', () => {
    expect(checkManifest(manifest)).toEqual([]);
  });
  it.each([
    ['an http pane', (m: string) => m.replaceAll('https://localhost:3000/taskpane.html', 'http://localhost:3000/taskpane.html'), 'https'],
    ['an icon on another site', (m: string) => m.replace('https://localhost:3000/assets/icon-80.png', 'https://cdn.example.com/icon-80.png'), '同站点'],
    ['a button resource that is not defined', (m: string) => m.replace('resid="Taskpane.Url"', 'resid="Taskpane.Url2"'), 'Taskpane.Url2'],
    ['the pane site missing from AppDomains', (m: string) => m.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://example.edu.cn</AppDomain>'), 'AppDomains'],
    ['an older ExcelApi than the pane checks', (m: string) => m.replace('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.1"/>'), 'ExcelApi 1.7'],
    ['broken XML', (m: string) => m.replace('</OfficeApp>', ''), '格式正确'],
  ])('refuses %s', (_what, edit, said) => {
    expect(checkManifest(edit(manifest)).join('\n')).toContain(said);
  });
  it.skipIf(!optionalShared(MANIFEST_XSD, 'manifest.xml 的 XSD 校验'))('validates offline against the Office add-in manifest schema (../shared)', () => {
    const out = execFileSync('xmllint', ['--nonet', '--noout', '--schema', MANIFEST_XSD, join(ROOT, 'manifest.xml')], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe('');
  });
});

describe('列对应: the user maps a column the pane could not recognise', () => {
  it('the choice is stored with the workbook and the next check uses it', async () => {
    const rows = registrationRows(3).map((r) => [...r]);
    const sIdx = rows[1]!.indexOf('学号');
    rows[1]![sIdx] = 'XH';
    const host = new FakeExcel([newSheet('登记表', rows as (string | number)[][])]);
    const port = createWorkbookPort(host, all);
    expect(await port.readMapping()).toEqual({});
    const before = validateSheet(await port.readActive(), { today: '2026-06-20' });
    const rowsOffered = mappingRows(before, {});
    expect(rowsOffered.map((r) => [r.header, r.current])).toEqual([['XH', '']]);
    expect(before.findings.some((f) => f.code === 'COLUMN_MISSING' && f.field === 'studentId')).toBe(true);

    await port.saveMapping({ XH: 'studentId' });
    // A colleague opening the same file: a new port over the same workbook.
    const again = await createWorkbookPort(host, all).readMapping();
    expect(again).toEqual({ XH: 'studentId' });
    const after = validateSheet(await port.readActive(), { today: '2026-06-20', overrides: overrideMap(again) });
    expect(after.findings.some((f) => f.code === 'COLUMN_MISSING')).toBe(false);
    expect(after.columns.studentId).toBe(before.header.decisions.find((d) => d.header === 'XH')!.letter);
    expect(mappingRows(after, again).map((r) => [r.header, r.current, r.why])).toEqual([['XH', 'studentId', '「学号」（按用户设置）']]);
  });
});

describe('the findings list', () => {
  it('names the column as the CLI does: 联系电话（V列）, a bare column, or nothing for a whole row', () => {
    expect(findingPlace({ field: 'phone', column: 'V' }, fieldLabel)).toBe('联系电话（V列）');
    expect(findingPlace({ field: null, column: 'X' }, fieldLabel)).toBe('X列');
    expect(findingPlace({ field: null, column: null }, fieldLabel)).toBe('');
  });
});

describe('the workbook’s date system (Workbook.use1904DateSystem, ExcelApi 1.16)', () => {
  // 2026-06-12 is serial 46185 in the 1900 system and 44723 in Mac Excel's 1904 system.
  const rows = (serial: number) => [['姓名', '学号', '身份证号', '开具日期'], ['张明远', '2022083101', '110108200403151232', serial]];

  it('a 1904 workbook hands over serials that count from 1904: the pane reads the same date', async () => {
    const host = new FakeExcel([newSheet('登记表', rows(44723))]);
    host.use1904DateSystem = true;
    const port = createWorkbookPort(host, all);
    expect(port.knowsDateSystem).toBe(true);
    const snap = await port.readActive();
    expect(snap.date1904).toBe(true);
    expect(host.syncs).toBe(2);
    expect(validateSheet(snap, { today: '2026-06-20' }).records[0]!.issueDate).toBe('2026-06-12');
  });

  it('a 1900 workbook reads as before', async () => {
    const snap = await createWorkbookPort(new FakeExcel([newSheet('登记表', rows(46185))]), all).readActive();
    expect(snap.date1904).toBeUndefined();
    expect(validateSheet(snap, { today: '2026-06-20' }).records[0]!.issueDate).toBe('2026-06-12');
  });

  it('a host before ExcelApi 1.16 is not asked, and says it cannot tell', async () => {
    const host = new FakeExcel([newSheet('登记表', rows(44723))]);
    host.use1904DateSystem = true;
    const port = createWorkbookPort(host, (set, v) => set === 'ExcelApi' && Number(v.split('.')[1]) <= 15);
    expect(port.knowsDateSystem).toBe(false);
    expect((await port.readActive()).date1904).toBeUndefined();
  });
});

describe('reading the whole workbook (校验整个工作簿)', () => {
  it('every sheet with whether it is hidden', async () => {
    const hidden = newSheet('选项', [['院内'], ['京内']]);
    hidden.visibility = 'VeryHidden';
    const host = new FakeExcel([newSheet('一支部', registrationRows(3)), newSheet('二支部', registrationRows(3)), hidden]);
    const sheets = await createWorkbookPort(host, all).readWorkbook();
    expect(sheets.map((s) => [s.snapshot.name, s.hidden])).toEqual([['一支部', false], ['二支部', false], ['选项', true]]);
  });
});

// Which sheets of a workbook are read as members and why the others are not (shared/sheets.ts),
// and the standard registration template with its dropdowns (shared/template.ts).
import { describe, expect, it } from 'vitest';
import { overrideMap } from '../shared/headers.js';
import type { Cell } from '../shared/normalize.js';
import { chooseRegistrationSheets, skippedSheetsText, type SheetCandidate } from '../shared/sheets.js';
import type { HeaderMatch, SheetSnapshot } from '../shared/table.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { dropdownError, templateLayout } from '../shared/template.js';
import { CLEAN, sheet } from './helpers.js';

const visible = (name: string, rows: Cell[][]): SheetCandidate => ({ hidden: false, snapshot: { name, rows } });
const hidden = (name: string, rows: Cell[][]): SheetCandidate => ({ hidden: true, snapshot: { name, rows } });
const members = (name: string): SheetCandidate => ({ hidden: false, snapshot: { ...sheet(CLEAN), name } });
const INSTRUCTIONS: Cell[][] = [['填表说明', null], ['1. 身份证号请按文本格式填写', ''], ['2. 转接类型从下拉列表中选择', '']];
const OPTIONS: Cell[][] = [['转接类型', '办理方式', '党员类别'], ['院内', '线上', '正式党员'], ['京内', '纸质介绍信', '预备党员'], ['京外', null, null]];
const ZHANG = ['张明远', '2022083101', '110108200403151232'];

const reasons = (sheets: SheetCandidate[], opts?: Parameters<typeof chooseRegistrationSheets>[1]) =>
  Object.fromEntries(chooseRegistrationSheets(sheets, opts).skipped.map((s) => [s.sheet, s]));

describe('a sheet is read when its header names a member and an identity', () => {
  it.each([
    ['姓名 and 学号', [['姓名', '学号', '性别'], ['张明远', '2022083101', '男']]],
    ['姓名 and 身份证号', [['姓名', '身份证号', '性别'], ['张明远', '110108200403151232', '男']]],
    ['姓名, 学号 and 身份证号', [['姓名', '学号', '身份证号'], ZHANG]],
  ] as const)('%s', (_, rows) => {
    const choice = chooseRegistrationSheets([visible('2026届毕业生党员', rows.map((r) => [...r]))]);
    expect(choice.read.map((r) => r.snapshot.name)).toEqual(['2026届毕业生党员']);
    expect(choice.skipped).toEqual([]);
  });

  it('without 姓名, or with 姓名 alone, it is another table', () => {
    expect(reasons([visible('Sheet1', [['学号', '身份证号', '性别'], ['2022083101', '110108200403151232', '男']])]).Sheet1)
      .toEqual({ sheet: 'Sheet1', reason: '表头与登记表不同（只识别出「学号」「身份证号」「性别」），未读取；若其中是党员，请按标准表头填写或用 --sheet 指定', mayHoldMembers: false });
    expect(reasons([visible('Sheet1', [['姓名', '性别', '民族'], ['张明远', '男', '汉族']])]).Sheet1)
      .toMatchObject({ mayHoldMembers: false });
  });

  it('a sheet recognising half the fields of the best one is read; fewer than half is a different table', () => {
    const half = visible('二支部', [['姓名', '学号', '身份证号'], ZHANG]);
    const best = visible('一支部', [['姓名', '学号', '身份证号', '性别', '民族', '联系电话'], [...ZHANG, '男', '汉族', '13912345678']]);
    expect(chooseRegistrationSheets([best, half]).read.map((r) => r.snapshot.name)).toEqual(['一支部', '二支部']);
    const best7 = visible('一支部', [['姓名', '学号', '身份证号', '性别', '民族', '联系电话', '电子邮箱'], [...ZHANG, '男', '汉族', '13912345678', 'zhangmy@pku.edu.cn']]);
    const fewer = visible('汇总', [['学院', '姓名', '学号'], ['计算机学院党委', '张明远', '2022083101']]);
    expect(reasons([best7, fewer]).汇总).toEqual({ sheet: '汇总', reason: '表头与登记表不同（只识别出「学院」「姓名」「学号」），未读取；若其中是党员，请按标准表头填写或用 --sheet 指定', mayHoldMembers: true });
  });

  it('a header word the user mapped counts', () => {
    const rows: Cell[][] = [['姓名', '学号', '身份证号', '本人号码'], [...ZHANG, '13912345678']];
    const choice = chooseRegistrationSheets([visible('2026届毕业生党员', rows)], { overrides: overrideMap({ 本人号码: 'phone' }) });
    expect([...choice.read[0]!.header.columns.keys()].sort()).toEqual(['idNumber', 'name', 'phone', 'studentId']);
  });
});

describe('every sheet not read is named with the reason', () => {
  it('empty sheets, instructions and option lists, visible or hidden', () => {
    const got = reasons([members('2026届毕业生党员'), visible('Sheet1', [[null, ''], ['  ']]), visible('Sheet2', []), visible('填表说明', INSTRUCTIONS),
      hidden('说明', INSTRUCTIONS), hidden('选项', OPTIONS), hidden('备份', [['姓名', '学号', '身份证号'], ZHANG])]);
    expect(got).toEqual({
      Sheet1: { sheet: 'Sheet1', reason: '空工作表' },
      Sheet2: { sheet: 'Sheet2', reason: '空工作表' },
      填表说明: { sheet: '填表说明', reason: '没有登记表的表头（填表说明、选项等），不是党员名单' },
      说明: { sheet: '说明', reason: '隐藏的工作表，没有登记表的表头（填表说明、选项等），不是党员名单' },
      选项: { sheet: '选项', reason: '隐藏的工作表，不是党员名单（选项等）' },
      备份: { sheet: '备份', reason: '隐藏的工作表（有登记表表头），未读取；若其中是党员，请取消隐藏后再提交', mayHoldMembers: true },
    });
  });

  it('a receipt export is never members, its signs named', () => {
    const looksLikeReceipts = (s: SheetSnapshot, _: HeaderMatch) => (s.rows[0]!.includes('转接状态') ? ['转接状态', '报到时间'] : []);
    const receipt = visible('回执', [['姓名', '学号', '身份证号', '转接状态', '报到时间'], [...ZHANG, '已报到', '2026-07-01']]);
    expect(reasons([receipt], { looksLikeReceipts }).回执).toEqual({ sheet: '回执', reason: '像是回执（有「转接状态」、「报到时间」等列），不是登记表' });
    expect(chooseRegistrationSheets([members('2026届毕业生党员')], { looksLikeReceipts }).skipped).toEqual([]);
  });

  it('the skipped sheets in one line, as the CLI and the pane say it', () => {
    expect(skippedSheetsText([{ sheet: 'Sheet1', reason: '空工作表' }, { sheet: '说明', reason: '隐藏的工作表，不是党员名单（选项等）' }]))
      .toBe('未读取的工作表：「Sheet1」空工作表；「说明」隐藏的工作表，不是党员名单（选项等）');
  });
});

describe('the standard template', () => {
  // Built inside each test, not when the file is collected: the mutation run switches a change on per test.
  const layout = () => templateLayout(defaultRuleSettings());
  const column = (header: string) => layout().columns.find((c) => c.header === header)!;

  it('required columns say so in the header cell; 有效期 says its unit', () => {
    expect(layout().columns.map((c) => c.label)).toEqual([
      '学院（必填）', '所在党支部（必填）', '姓名（必填）', '性别', '民族', '学号（必填）', '身份证号（必填）', '党员类别（必填）', '入党时间',
      '转接类型（必填）', '办理方式（必填）', '介绍信抬头', '接收党组织（必填）', '组织编码', '毕业去向（必填）', '去向单位', '介绍信编号',
      '开具日期', '有效期（天）', '党费交至（必填）', '预备党员考察表', '联系电话（必填）', '电子邮箱', '备注',
    ]);
  });

  it('dropdowns: the region words for 转接类型, the field choices elsewhere, none for free text', () => {
    expect(column('转接类型').choices).toEqual(['院内', '京内', '京外']);
    expect(column('办理方式').choices).toEqual(['线上', '纸质介绍信']);
    expect(column('性别').choices).toEqual(['男', '女']);
    expect(column('姓名').choices).toBeNull();
    expect(dropdownError(column('转接类型').choices!)).toBe('请从下拉列表中选择：院内、京内、京外');
  });

  it('formats and dropdowns cover each column from the row below the header to Excel\'s last row', () => {
    expect(layout().headerRow).toBe(2);
    expect(layout().columns.slice(0, 3).map((c) => c.body)).toEqual(['A3:A1048576', 'B3:B1048576', 'C3:C1048576']);
    expect(column('备注').body).toBe('X3:X1048576');
  });
});

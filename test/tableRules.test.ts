/**
 * Finding the table in a sheet (shared/table.ts), rule by rule: merged cells read as the
 * secretary sees them, merged-area addresses from Office.js, where the header is and which
 * of its rows count, and which rows below it are no members (section headings, 合计, 填表说明,
 * a note merged across the row) with the reason the user is shown.
 */
import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import type { Cell } from '../shared/normalize.js';
import {
  blankRowReason, fillMerged, findHeader, footerReason, isBlankRow, nonMemberReason, parseAreas, type MergedArea, type SheetSnapshot,
} from '../shared/table.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, HEADER } from './helpers.js';

const TITLE = '计算机学院毕业生党员组织关系介绍信登记表';
const FORM_LINE = '填报单位：计算机学院党委  联系人：王老师';
const TODAY = '2026-06-10';

/** A merged area from 1-based sheet rows and column letters, as Excel shows it: 'B3:B4'. */
function area(address: string): MergedArea {
  return parseAreas(address)[0]!;
}

const member = (over: Record<string, Cell> = {}, header: readonly string[] = HEADER): Cell[] => header.map((h) => (h in over ? over[h]! : (CLEAN[h] ?? null)));
const LI: Record<string, Cell> = { 姓名: '李思雨', 性别: '女', 学号: '2022083102', 身份证号: '11010520040822002X', 电子邮箱: 'lisy@example.com', 联系电话: '13812345678' };

describe('merged cells read as their top-left value, as the secretary sees them (fillMerged)', () => {
  it('a workbook read by SheetJS (rows end at their last value, blanks are null), table at A1', () => {
    const rows: Cell[][] = [
      [TITLE],
      ['学院', '姓名', '学号', '介绍信信息', null, null, '转接类型'],
      [null, null, null, '抬头', '编号'],
      ['计算机学院党委', '张明远', '2022083101', '中共长沙市委组织部', '', null, '京外'],
      [null, '李思雨', '2022083102', '中共北京市海淀区委组织部', null],
    ];
    fillMerged(rows, { row: 1, col: 1 }, [
      // The title merged across the whole sheet: read at most 256 columns wide.
      area('A1:XFD1'),
      // Headers merged down over the two header rows; the group title across its sub-headers.
      area('A2:A3'), area('B2:B3'), area('C2:C3'), area('D2:F2'), area('G2:G3'),
      // 学院 merged down a block that runs past the rows read.
      area('A4:A7'),
      // Blank merged areas fill nothing: one holding an empty text (as an HTML export gives it),
      // one whose top-left is null, one entirely right of where the rows end.
      area('E4:E5'), area('F4:F5'), area('J4:K5'),
    ]);
    expect(rows[0]).toHaveLength(256);
    expect(rows[0]!.every((c) => c === TITLE)).toBe(true);
    expect(rows.slice(1)).toStrictEqual([
      ['学院', '姓名', '学号', '介绍信信息', '介绍信信息', '介绍信信息', '转接类型'],
      // The short lower header row is padded with null up to the merged 转接类型, not left with holes.
      ['学院', '姓名', '学号', '抬头', '编号', null, '转接类型'],
      ['计算机学院党委', '张明远', '2022083101', '中共长沙市委组织部', '', null, '京外'],
      ['计算机学院党委', '李思雨', '2022083102', '中共北京市海淀区委组织部', null],
    ]);
  });

  it('a range read by Office.js (blanks are empty texts), table starting at B3', () => {
    const rows: Cell[][] = [
      ['学院', '姓名', '学号', '身份证号', '介绍信信息', '', '', '转接类型'],
      ['', '', '', '', '抬头', '编号', '有效期', ''],
      ['计算机学院党委', '张明远', '2022083101', '110108200403151232', '中共长沙市委组织部', '', '30', '京外'],
      ['', '李思雨', '2022083102', '11010520040822002X', '中共长沙市委组织部', '', '30', ''],
    ];
    fillMerged(rows, { row: 3, col: 2 }, [
      // 转接类型 merged down the two members before 学院 is: the order Office.js lists them in is not sorted.
      area('I5:I6'), area('B5:B6'),
      area('C3:C4'), area('B3:B4'), area('D3:D4'), area('E3:E4'), area('F3:H3'), area('I3:I4'),
      // 编号 left blank for both, merged: stays blank. A merge left of the range read holds nothing read.
      area('G5:G6'), area('A3:A6'),
    ]);
    expect(rows).toStrictEqual([
      ['学院', '姓名', '学号', '身份证号', '介绍信信息', '介绍信信息', '介绍信信息', '转接类型'],
      ['学院', '姓名', '学号', '身份证号', '抬头', '编号', '有效期', '转接类型'],
      ['计算机学院党委', '张明远', '2022083101', '110108200403151232', '中共长沙市委组织部', '', '30', '京外'],
      ['计算机学院党委', '李思雨', '2022083102', '11010520040822002X', '中共长沙市委组织部', '', '30', '京外'],
    ]);
  });

  // Every header cell merged down over two rows is filled into both: the lower copy is the header
  // too (it was read as a member with 14 findings, ID_LENGTH, GENDER_INVALID…).
  it('a header merged down over two rows is one header: its lower row is no member', () => {
    const rows: Cell[][] = [[TITLE], [FORM_LINE], [...HEADER], HEADER.map(() => null), member()];
    fillMerged(rows, { row: 1, col: 1 }, [area('A1:V1'), area('A2:V2'), ...HEADER.map((_, j) => ({ s: { r: 2, c: j }, e: { r: 3, c: j } }))]);
    const r = validateSheet({ name: '登记表', rows }, { today: TODAY });
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[5, '张明远']]);
    expect(r.headerRow).toBe(4);
    expect(r.findings).toEqual([]);
  });
});

describe('merged areas as Office.js lists them (parseAreas)', () => {
  it.each<[string, [number, number, number, number][]]>([
    ['Sheet1!A3:B5, Sheet1!C1', [[2, 0, 4, 1], [0, 2, 0, 2]]],
    ['登记表!AB12:AD15', [[11, 27, 14, 29]]],
    ["'2026届 登记表'!$A$3:$V$4,'2026届 登记表'!$Z$10", [[2, 0, 3, 21], [9, 25, 9, 25]]],
    ['Sheet1!a3:c4 ', [[2, 0, 3, 2]]],
    ['', []],
  ])('%j', (address, areas) => {
    expect(parseAreas(address).map((a) => [a.s.r, a.s.c, a.e.r, a.e.c])).toEqual(areas);
  });
});

describe('which rows are the header', () => {
  const top = ['学院', '姓名', '学号', '身份证号', '介绍信', '介绍信', '介绍信', '转接类型'];
  const lower = ['学院', '姓名', '学号', '身份证号', '抬头', '编号', '有效期', '转接类型'];

  it('a group title 「介绍信」 over 抬头/编号/有效期 that recognises nothing more leaves the lower row the header alone', () => {
    // Each sub-header is clear alone; 「介绍信」+「编号」 reads better but finds no more columns.
    const h = findHeader({ name: '登记表', rows: [[TITLE], top, lower, member({}, lower)] }, REGISTRATION_FIELDS)!;
    expect([h.firstRow, h.row, h.index]).toEqual([3, 3, 2]);
    expect(h.decisions.find((d) => d.col === 5)).toMatchObject({ header: '编号', field: 'letterNo', reason: 'exact' });
  });

  // 学院 and 姓名 merged down over two header rows, the other headers one row high: the lower row,
  // 「学院」「姓名」 and blanks, is the header too (it was read as a member with 10 REQUIRED findings).
  it('a header with some cells merged down over two rows is one header: its lower row is no member', () => {
    const rows: Cell[][] = [[TITLE], [...HEADER], HEADER.map((h) => (h === '学院' || h === '姓名' ? h : null)), member()];
    const r = validateSheet({ name: '登记表', rows }, { today: TODAY });
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[4, '张明远']]);
    expect([r.header.firstRow, r.headerRow]).toEqual([2, 3]);
    expect(r.findings).toEqual([]);
  });

  it('a column recognised by its values counts only the rows below the header, not the header’s own word', () => {
    const header = ['姓名', '学号', '身份证号', '党员类别', '类别'];
    const rows: Cell[][] = [[TITLE], header, ...['京外', '京内', '院内'].map((t, i) => [`张明${'远达宇'[i]}`, `202208310${i + 1}`, '110108200403151232', '正式党员', t])];
    const h = findHeader({ name: '登记表', rows }, REGISTRATION_FIELDS)!;
    expect(h.row).toBe(2);
    expect(h.decisions.at(-1)).toMatchObject({ field: 'transferType', reason: 'values' });
    expect(h.decisions.at(-1)!.evidence).toContain('（3/3 个值）');
  });

  it('the values of the first 300 rows below the header are the evidence', () => {
    const header = ['姓名', '学号', '身份证号', '党员类别', '类别'];
    const members = Array.from({ length: 320 }, (_, i): Cell[] => [`张明远${i}`, String(2022083001 + i), '110108200403151232', '正式党员', ['京外', '京内', '院内'][i % 3]!]);
    const h = findHeader({ name: '登记表', rows: [[TITLE], [FORM_LINE], header, ...members] }, REGISTRATION_FIELDS)!;
    expect(h.decisions.at(-1)).toMatchObject({ field: 'transferType', reason: 'values' });
    expect(h.decisions.at(-1)!.evidence).toContain('（300/300 个值）');
  });

  it('a repeated column names the column used instead by its sheet letter (table starting at C2)', () => {
    const h = findHeader({ name: '登记表', rows: [['学院', '姓名', '学号', '身份证号', '姓名'], ['计算机学院党委', '张明远', '2022083101', '110108200403151232', '张明远']], origin: { row: 2, col: 3 } }, REGISTRATION_FIELDS)!;
    expect(h.duplicates).toEqual([{ key: 'name', col: 4, first: 1 }]);
    expect(h.decisions[4]).toMatchObject({ reason: 'duplicate', letter: 'G', usedLetter: 'D' });
  });
});

describe('a row with nothing in the recognised columns (isBlankRow)', () => {
  it.each<[string, readonly Cell[] | undefined, number[] | undefined, boolean]>([
    ['a row the sheet does not hold', undefined, [1, 2], true],
    ['blanks of every kind', [null, '', '  ', '\u3000'], undefined, true],
    ['a name in the second cell', [null, '张明远'], undefined, false],
    ['a pre-filled 序号 and a note far to the right', [7, null, null, null, '备注：已转出'], [1, 2, 3], true],
    ['a name in a recognised column', [7, '张明远', null], [1, 2], false],
    ['a recognised column past the row’s end', [7, null], [1, 5], true],
  ])('%s', (_what, cells, columns, blank) => expect(isBlankRow(cells, columns)).toBe(blank));
});

describe('why a row with nothing in the recognised columns is listed (blankRowReason)', () => {
  const table: SheetSnapshot = { name: '登记表', rows: [], origin: { row: 4, col: 2 }, totalRows: new Map([[9, 'SUBTOTAL']]) };

  it('a totals row whose formulas were saved without results, found by its sheet row (table starting at B4)', () => {
    expect(blankRowReason(table, 5, [null, null])).toBe('合计行（公式 SUBTOTAL）');
    expect(blankRowReason(table, 4, [null, null])).toBeNull();
  });

  it('a section heading written in the 序号 column, quoted trimmed and at most 20 characters', () => {
    expect(blankRowReason(table, 2, [' 二、硕士研究生党支部（共12人，其中预备党员3人） ', null])).toBe('分组标题行（「二、硕士研究生党支部（共12人，其中预备」）');
  });

  it('a 合计 line beside the table, quoted the same way', () => {
    expect(blankRowReason(table, 6, [null, ' 合计：38人，其中正式党员30人，预备党员8人 '])).toBe('表尾（「合计：38人，其中正式党员30人，预备党」）');
  });

  it('a pre-filled 序号 alone is just blank, not listed', () => {
    expect(blankRowReason(table, 3, [12, null, null])).toBeNull();
    expect(blankRowReason({ name: '登记表', rows: [] }, 3, undefined)).toBeNull();
  });
});

describe('why a row below the header is no member (nonMemberReason, footerReason)', () => {
  const known = HEADER.map((_, j) => j);
  const NAME = HEADER.indexOf('姓名');
  const at = (values: Record<string, Cell>): Cell[] => HEADER.map((h) => values[h] ?? null);
  const plain: SheetSnapshot = { name: '登记表', rows: [] };

  it('a totals row the reader saw formulas in, by its sheet row (table starting at row 3)', () => {
    const s: SheetSnapshot = { name: '登记表', rows: [], origin: { row: 3, col: 1 }, totalRows: new Map([[12, 'SUM']]) };
    expect(nonMemberReason(s, 9, at({ 学院: '合计', 姓名: 38 }), known, NAME)).toBe('合计行（公式 SUM）');
    expect(nonMemberReason(s, 8, member(), known, NAME)).toBeNull();
  });

  it('a section heading in the 姓名 column, 学院 filled beside it and the row ending early', () => {
    const heading = [CLEAN.学院!, null, ' 一、计算机学院2022级本科生第一党支部（12人） '];
    expect(nonMemberReason(plain, 2, heading, known, NAME)).toBe('分组标题行（「一、计算机学院2022级本科生第一党支部」）');
  });

  it('a member whose first cell reads like a heading (党小组 「第一组」) is still a member: a name, 学号 and more beside it', () => {
    const header = ['党小组', ...HEADER];
    const cells = ['第一组', ...member()];
    expect(nonMemberReason(plain, 2, cells, known.map((j) => j + 1), NAME + 1)).toBeNull();
  });

  it('a 合计 line whose 姓名 cell holds a count in full-width digits (「９人」) is a footer', () => {
    expect(footerReason(at({ 学院: '合计', 姓名: '９人' }), known, NAME)).toBe('表尾（「合计」）');
    expect(footerReason(at({ 学院: '人数合计', 姓名: '３８人' }), known, NAME)).toBe('表尾（「人数合计」）');
  });

  it('a member with a 曾用名 note in the name cell is a member, even beside a 「联系人：…」 cell', () => {
    const cells = member({ 姓名: '张明远（曾用名：张明）', 去向单位: '联系人：王建国（长沙某某科技有限公司人事部）' });
    expect(footerReason(cells, known, NAME)).toBeNull();
    expect(nonMemberReason(plain, 2, cells, known, NAME)).toBeNull();
  });

  it('a 填表说明 line below the table, quoted trimmed and at most 20 characters', () => {
    expect(footerReason(at({ 学院: ' 填表说明：1. 本表由各学院党委填写，请于6月10日前报送党委组织部。 ' }), known, NAME))
      .toBe('表尾（「填表说明：1. 本表由各学院党委填写，请」）');
  });

  it('one note merged across at least three recognised columns is no member; two alike are not enough', () => {
    const note = ' 以上信息已由各党支部书记逐条核对，确认无误后报送 ';
    // Merged across 学院…姓名 and 性别 of a row the reader padded with blanks.
    expect(footerReason([note, note, note, null, note], known, NAME)).toBe('合并单元格中的说明（「以上信息已由各党支部书记逐条核对，确认无」）');
    expect(footerReason([note, null, note, note], known, NAME)).toBe('合并单元格中的说明（「以上信息已由各党支部书记逐条核对，确认无」）');
    expect(footerReason([note, note, null], known, NAME)).toBeNull();
    expect(footerReason(undefined, known, NAME)).toBeNull();
  });
});

describe('a whole registration sheet: title, form line, header, sections, members, footers', () => {
  it('members are read from the rows between the header and the footer, every other row listed with why', () => {
    const rows: Cell[][] = [
      [TITLE],
      [FORM_LINE],
      [...HEADER],
      at0('一、本科生党支部（2人）'),
      member(),
      member(LI),
      at0('合计'),
      at0('填表说明：1. 本表由各学院党委填写，请于6月10日前报送党委组织部。'),
    ];
    const r = validateSheet({ name: '登记表', rows, origin: { row: 2, col: 1 } }, { today: TODAY });
    expect(r.headerRow).toBe(4);
    expect(r.records.map((m) => [m.row, m.name])).toEqual([[6, '张明远'], [7, '李思雨']]);
    expect(r.skippedRows).toEqual([
      { row: 5, reason: '分组标题行（「一、本科生党支部（2人）」）' },
      { row: 8, reason: '表尾（「合计」）' },
      { row: 9, reason: '表尾（「填表说明：1. 本表由各学院党委填写，请」）' },
    ]);
  });
});

/** A row with one text in its first cell (学院), as a heading or a footer is typed. */
function at0(text: string): Cell[] {
  return [text, ...HEADER.slice(1).map(() => null)];
}

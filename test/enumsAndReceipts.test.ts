/**
 * Value vocabularies (shared/enums.ts) and receipt lists (shared/receipts.ts) at their edges:
 * a value in brackets, a word that starts like a 不适用 mark, a branch not known yet, the
 * region's own words; a receipt's status words, its row numbers, and a registration table
 * that is really a receipt export.
 */
import { describe, expect, it } from 'vitest';
import {
  destinationLabel, isNotApplicable, isUndecidedOrg, parseDestination, parseMemberType, parseMethod, transferTypeLabels, transferTypeParser, transferTypeWords,
} from '../shared/enums.js';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import { overrideMap } from '../shared/headers.js';
import { readReceiptRows, receiptExportSigns, receiptState, RECEIPT_TABLE_FIELDS, statusWords } from '../shared/receipts.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';
import { findHeader, type SheetSnapshot } from '../shared/table.js';
import { HEADER } from './helpers.js';

const region = (name: string, inRegion: string, outOfRegion: string) => RuleSettingsSchema.parse({ region: { name, inRegion, outOfRegion } });

describe('a value with its brackets but no note is the value inside them', () => {
  it.each([
    ['【线上】', parseMethod, 'online'],
    ['（纸质）', parseMethod, 'paper'],
    ['〔中共党员〕', parseMemberType, 'full'],
    ['出国（境', parseDestination, 'abroad'],
  ] as const)('%s', (v, parse, code) => expect(parse(v)).toBe(code));
  it('brackets around nothing are no value', () => expect(parseMethod('【】')).toBeNull());
});

describe('a 不适用 mark is the whole cell, not its first character (「无」「略」「空」 start many words)', () => {
  it.each(['/', '无', '略', '空', '暂无', 'N/A', 'na', '--', '——'])('%s is a mark', (v) => expect(isNotApplicable(v)).toBe(true));
  it.each(['无效', '略高', '空白', '不详', '暂无支部', '-1', '/a', 'NAN', 'n/a/'])('%s is a value that starts like a mark', (v) => expect(isNotApplicable(v)).toBe(false));
});

describe('a receiving branch not known yet (seed 001: 升学尚无支部者可在9月份接转)', () => {
  it.each(['', '/', '—', '无', '不适用', '待定', '不详', '待开学后确定', '入学后再定', '尚未分配', '暂未确定', '报到后确定'])('%j is not known yet', (v) => expect(isUndecidedOrg(v)).toBe(true));
  it.each([
    '海淀区第一党支部', '中共北京大学支部', '研究生第一支部', '开学后到学院报到', '已确定', '中共北京市海淀区某某街道第一党支部',
  ])('%s names a branch (or says it is settled)', (v) => expect(isUndecidedOrg(v)).toBe(false));
});

describe('transfer-type words of each kind of province-level unit (seed 001: 京内 / 京外; seed 004: 省内 / 省外)', () => {
  it('a municipality written with 市 takes 市内 / 市外 and 天津市内', () => {
    const tianjin = transferTypeParser(region('天津市', '津内', '津外'));
    expect(['津内', '市内', '天津市内', '天津内', '市外', '天津市外', '出津', '省内'].map(tianjin))
      .toEqual(['inRegion', 'inRegion', 'inRegion', 'inRegion', 'outOfRegion', 'outOfRegion', 'outOfRegion', null]);
  });
  it('a province written with 省 takes 省内 / 省外', () => {
    const hunan = transferTypeParser(region('湖南省', '湘内', '湘外'));
    expect(['湖南省内', '省内', '湖南省外', '出湘', '市内'].map(hunan)).toEqual(['inRegion', 'inRegion', 'outOfRegion', 'outOfRegion', null]);
  });
  it('an autonomous region takes 区内 / 区外, whichever way its name is written', () => {
    for (const name of ['广西', '广西壮族自治区']) {
      const guangxi = transferTypeParser(region(name, '桂内', '桂外'));
      expect(['区内', '广西区内', '区外', '出桂', '省内'].map(guangxi)).toEqual(['inRegion', 'inRegion', 'outOfRegion', 'outOfRegion', null]);
    }
  });
  it('内蒙古内: only the final 内 is cut for 出内蒙古', () => {
    const words = transferTypeWords(region('内蒙古自治区', '内蒙古内', '内蒙古外'));
    expect(words.outOfRegion).toContain('出内蒙古');
    expect(words.inRegion).toEqual(expect.arrayContaining(['区内', '内蒙古区内', '内蒙古内']));
    expect(transferTypeParser(region('内蒙古自治区', '内蒙古内', '内蒙古外'))('出内蒙古')).toBe('outOfRegion');
  });
  it('the template menu offers the three labels in order: 院内, 京内, 京外', () => {
    expect(transferTypeLabels(defaultRuleSettings())).toEqual(['院内', '京内', '京外']);
    expect(transferTypeLabels(region('上海', '沪内', '沪外'))).toEqual(['院内', '沪内', '沪外']);
  });
});

describe('a destination code reads back as the template word', () => {
  it.each([['abroad', '出国(境)'], ['employed', '就业'], ['furtherStudy', '升学'], ['other', '']] as const)('%s → %j', (d, label) => expect(destinationLabel(d)).toBe(label));
});

const receiptSheet = (header: string[], rows: (string | number | null)[][], origin?: SheetSnapshot['origin']): SheetSnapshot =>
  ({ name: '回执', rows: [['党员E先锋导出'], header, ...rows], ...(origin ? { origin } : {}) });
const readReceipts = (s: SheetSnapshot, overrides?: Record<string, string | null>) =>
  readReceiptRows('回执.xlsx', s, findHeader(s, RECEIPT_TABLE_FIELDS, { minMatches: 2, ...(overrides ? { overrides: overrideMap(overrides, RECEIPT_TABLE_FIELDS) } : {}) })!);

describe('a status word is read on its own (fail closed: only a completion word is landed)', () => {
  it('a blank status is still open, not unknown', () => expect([receiptState(''), receiptState('  ')]).toEqual(['open', 'open']));
  it('是 / √ answer no question unless the column asks one: unknown', () => expect([receiptState('是'), receiptState('√'), receiptState('否')]).toEqual(['unknown', 'unknown', 'unknown']));
  it('under 是否收回, a status word that is no yes/no is read as a status word', () => {
    const r = readReceipts(receiptSheet(['姓名', '身份证号', '是否收回'], [['张明远', '110108200403151232', '已收回'], ['李华', '11010519491231002X', '退回'], ['王芳', '110108200402021030', '未收回']]));
    expect(r.records.map((x) => x.state)).toEqual(['landed', 'failed', 'open']);
  });
  it('是 under a header that only contains 是否 (党员是否报到) is not taken as an answer: a person looks', () => {
    const r = readReceipts(receiptSheet(['姓名', '身份证号', '党员是否报到'], [['张明远', '110108200403151232', '是']]));
    expect(r.info.rule).toBe('status');
    expect(r.records[0]!.state).toBe('unknown');
  });
});

describe('which columns make a list without a status column unreadable', () => {
  it('a 收回日期 column is a date, not a status nobody understood: the list is a register', () => {
    expect(readReceipts(receiptSheet(['姓名', '学号', '收回日期'], [['张明远', '2022083101', '2026-07-08']])).info.rule).toBe('inferredRegister');
  });
  it('a 序号 column whose hint mentions 办理 is still only a 序号', () => {
    const r = readReceipts(receiptSheet(['序号（按办理顺序）', '姓名', '学号'], [[1, '张明远', '2022083101']]));
    expect([r.info.rule, r.records[0]!.state]).toEqual(['inferredRegister', 'landed']);
  });
  it('a 回执进度 column the user chose to ignore does not make the list unreadable', () => {
    const r = readReceipts(receiptSheet(['姓名', '学号', '回执进度'], [['张明远', '2022083101', '已报到']]), { 回执进度: null });
    expect([r.info.rule, r.records[0]!.state]).toEqual(['inferredRegister', 'landed']);
  });
});

describe('a receipt names the sheet row it came from', () => {
  it('rows count from the top of the sheet, and from where the used range starts', () => {
    const rows = [['张明远', '2022083101', '已报到'], ['李华', '2022083102', '待接收']];
    expect(readReceipts(receiptSheet(['姓名', '学号', '办理状态'], rows)).records.map((x) => x.row)).toEqual([3, 4]);
    expect(readReceipts(receiptSheet(['姓名', '学号', '办理状态'], rows, { row: 5, col: 2 })).records.map((x) => x.row)).toEqual([7, 8]);
  });
  it('a note beside the table, in a row blank where the table is, is skipped by its row', () => {
    const r = readReceipts(receiptSheet(['姓名', '学号', '办理状态'], [['张明远', '2022083101', '已报到'], [null, null, null, '填表人：王老师'], ['李华', '2022083102', '待接收']], { row: 2, col: 1 }));
    expect(r.records.map((x) => x.row)).toEqual([4, 6]);
    expect(r.info.skippedRows).toEqual([{ row: 5, reason: '表尾（「填表人：王老师」）' }]);
  });
});

describe('the status words of a file, as `columns --receipts` lists them: unknown first, then failed, open, landed; more frequent first', () => {
  it('each word once, with its decision and count', () => {
    const statuses = ['已报到', '见备注', '已退回', '待接收', '已报到', '未报到', '已报到', '未报到', '待接收', '未报到'];
    const r = readReceipts(receiptSheet(['姓名', '学号', '办理状态'], statuses.map((s, i) => [`党员${i}`, `20220831${String(i).padStart(2, '0')}`, s])));
    expect(statusWords(r.records)).toEqual([
      { word: '见备注', state: 'unknown', count: 1 },
      { word: '已退回', state: 'failed', count: 1 },
      { word: '未报到', state: 'open', count: 3 },
      { word: '待接收', state: 'open', count: 2 },
      { word: '已报到', state: 'landed', count: 3 },
    ]);
  });
});

describe('a sheet that reads as a registration table but is a receipt export (status or date columns, under half the required columns)', () => {
  const signs = (header: string[]) => {
    const s: SheetSnapshot = { name: 'Sheet1', rows: [header, header.map(() => null)] };
    return receiptExportSigns(s, findHeader(s, REGISTRATION_FIELDS, { minMatches: 1 })!);
  };
  it('five of the twelve required columns and a status column: a receipt export', () => {
    expect(signs(['学院', '所在党支部', '姓名', '学号', '身份证号', '办理状态', '报到时间'])).toEqual(['办理状态', '报到时间']);
  });
  it('six of the twelve, half of them: a registration table with an extra column', () => {
    expect(signs(['学院', '所在党支部', '姓名', '学号', '身份证号', '党员类别', '办理状态', '报到时间'])).toEqual([]);
  });
  it('every required column and a 报到时间: a registration table', () => {
    expect(signs([...HEADER, '报到时间'])).toEqual([]);
  });
  it('few required columns and nothing of a receipt: not a receipt export', () => {
    expect(signs(['姓名', '性别', '入党时间', '介绍信编号'])).toEqual([]);
  });
});

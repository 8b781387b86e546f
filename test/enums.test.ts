/** Values as people type them (shared/enums.ts over the vocabularies in shared/fields.ts): enumerations, not-applicable marks, dates and months. */
import { describe, expect, it } from 'vitest';
import { isNotApplicable, parseDestination, parseMemberType, parseMethod, parseYesNo, transferTypeParser } from '../shared/enums.js';
import { cellText, parseDate, parseMonth } from '../shared/normalize.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';
import { check, codes } from './helpers.js';

const beijing = transferTypeParser(defaultRuleSettings());

describe('transfer types follow the region (seed 001)', () => {
  it.each(['京内', '京内转接', '北京市内', '市内', '市内转接', '京 内'])('%s is 京内 in 北京', (v) => expect(beijing(v)).toBe('inRegion'));
  it.each(['京外', '北京市外', '市外', '转出市外', '转出市外【全国线上转接】', '出京', '外省市'])('%s is 京外 in 北京', (v) => expect(beijing(v)).toBe('outOfRegion'));
  it.each(['院内', '本院', '院内转接', '内部调动'])('%s is 院内 (seed 001: 内部调动 is the 院内 menu path)', (v) => expect(beijing(v)).toBe('internal'));
  it.each(['省外', '省内', '沪内', '校内'])('%s is not recognised in 北京 (校内 is ambiguous: another college of the school is 京内)', (v) => expect(beijing(v)).toBeNull());
  it('a school in 上海 gets 沪内 / 市内 / 沪外 from its region setting alone', () => {
    const shanghai = transferTypeParser(RuleSettingsSchema.parse({ region: { name: '上海', inRegion: '沪内', outOfRegion: '沪外' } }));
    expect(['沪内', '市内', '上海市内', '沪外', '上海市外', '出沪', '京内'].map(shanghai)).toEqual(['inRegion', 'inRegion', 'inRegion', 'outOfRegion', 'outOfRegion', 'outOfRegion', null]);
  });
  it('a province takes 省内 / 省外 (湖南, seed 004)', () => {
    const hunan = transferTypeParser(RuleSettingsSchema.parse({ region: { name: '湖南', inRegion: '湘内', outOfRegion: '湘外' } }));
    expect(['省内', '湖南省内', '省外', '市外'].map(hunan)).toEqual(['inRegion', 'inRegion', 'outOfRegion', null]);
  });
});

describe('methods, yes/no, member types, destinations', () => {
  it.each(['网上', '线上转接', 'E先锋', '党员E先锋', '全国系统', '线上（党员E先锋）', 'ｅ先锋'])('%s is online', (v) => expect(parseMethod(v)).toBe('online'));
  it.each(['纸质', '开具纸质介绍信', '纸质版', '线下'])('%s is paper', (v) => expect(parseMethod(v)).toBe('paper'));
  it.each(['√', '✓', '✔', '是', '有', '已提供', 'Y'])('%s is yes', (v) => expect(parseYesNo(v)).toBe('yes'));
  it.each(['✗', '×', '否', '无', '未提供', 'x'])('%s is no', (v) => expect(parseYesNo(v)).toBe('no'));
  it.each(['是', '已提供', '已附', '有'])('%s ticks the 考察表 as provided', (y) => expect(parseYesNo(y)).toBe('yes'));
  it('政治面貌 words give the member type; 党员 alone does not (a 预备党员 is a 党员 too)', () => {
    expect([parseMemberType('中共党员'), parseMemberType('中共预备党员'), parseMemberType('党员')]).toEqual(['full', 'probationary', null]);
  });
  it.each([['签约就业', 'employed'], ['读研', 'furtherStudy'], ['出国（境）', 'abroad'], ['出国(境)留学', 'abroad'], ['待就业', 'unplaced'], ['应征入伍', 'military']])('%s is %s', (v, d) => expect(parseDestination(v)).toBe(d));
});

describe('not-applicable marks', () => {
  it.each(['/', '／', '—', '－', '-', '无', '不适用', '略', 'N/A'])('%s means the field does not apply (as the cell reads it)', (v) => expect(isNotApplicable(cellText(v))).toBe(true));
  it.each(['', '张三', '京外'])('%s is a value', (v) => expect(isNotApplicable(v)).toBe(false));
  it('is blank where the field does not apply: 抬头 and 编号 on a 京外 online row', () => {
    expect(check({ 介绍信抬头: '/', 介绍信编号: '—', 有效期: '不适用', 组织编码: '/' })).toEqual([]);
  });
  it('is its own finding where the field must be filled: 接收党组织 「/」 for a 就业 member', () => {
    const f = check({ 接收党组织: '/' });
    expect(codes(f)).toEqual(['receivingOrg:MARKED_NOT_APPLICABLE']);
    expect(f[0]!.message).toBe('填了「/」表示不适用，但此项应当填写：必填项为空，请填写。');
  });
  it('a 京内 row whose code is 「/」 is told the code is required, naming the mark', () => {
    const f = check({ 转接类型: '京内', 接收党组织: '中共北京某某科技有限公司第一支部委员会', 组织编码: '—', 介绍信抬头: '' });
    expect(codes(f)).toEqual(['orgCode:MARKED_NOT_APPLICABLE']);
    expect(f[0]!.message).toContain('京内转接必须填写接收党支部的组织编码');
  });
});

describe('dates and months as web systems and people write them', () => {
  it.each([
    ['2026-06-12 10:30:05', '2026-06-12'],
    ['2026-06-12 10:30:05.123', '2026-06-12'],
    ['2026-06-12T10:30', '2026-06-12'],
    ['2026/6/12 9:05', '2026-06-12'],
    ['2026.6.12', '2026-06-12'],
    ['2026年6月12日 10时30分', '2026-06-12'],
    ['20260612', '2026-06-12'],
    ['20260612 103000', '2026-06-12'],
    ['2026-06-11T20:00:00Z', '2026-06-12'], // UTC 20:00 is 04:00 on the 12th in Beijing
    ['2026-06-12T08:00:00+08:00', '2026-06-12'],
  ])('%s → %s', (v, iso) => expect(parseDate(v)).toBe(iso));
  it('number cells: a serial with a time fraction, and 20260612 typed as a number', () => {
    expect(parseDate(46185.4375)).toBe('2026-06-12');
    expect(parseDate(20260612)).toBe('2026-06-12');
  });
  it.each([['2026.6', '2026-06'], ['2026/06', '2026-06'], ['2026年06月份', '2026-06'], ['202606', '2026-06'], ['2026-06-01 00:00:00', '2026-06']])('month %s → %s', (v, m) => expect(parseMonth(v)).toBe(m));
  it.each(['2026-02-30', '2026-13-01', '12/06/2026'])('%s is not a date (day-first is ambiguous)', (v) => expect(parseDate(v)).toBeNull());
});

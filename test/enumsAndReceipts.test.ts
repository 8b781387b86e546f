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
import { defaultRuleSettings } from '../shared/settings.js';
import { RuleSettingsSchema } from '../shared/settingsSchema.js';

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
    expect(['湖南省内', '省内', '湖南省外', '出湘', '市内', '湖南省省内'].map(hunan)).toEqual(['inRegion', 'inRegion', 'outOfRegion', 'outOfRegion', null, null]);
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

/**
 * Held-out categories of issue 18: a 党总支 written in full for a 京内 transfer, the
 * placeholders a college writes while a 升学 member's branch is unknown, and 入党时间
 * written as a year and month.
 */
import { describe, expect, it } from 'vitest';
import { CLEAN, check, codes, sheet } from './helpers.js';
import { validateSheet } from '../shared/validate.js';
import { parseDateOrMonth } from '../shared/normalize.js';

describe('京内 goes to a 党支部, not a 党总支 written in full (seed 001: 不能是党委或党总支)', () => {
  const inRegion = { 转接类型: '京内', 介绍信抬头: '', 组织编码: '011100238152' };
  it.each(['中共北京某某科技有限公司研发中心总支部委员会', '中共北京某某大学机关党总支部委员会', '北京某某集团第二总支部'])('%s is an error', (org) => {
    expect(codes(check({ ...inRegion, 接收党组织: org }))).toEqual(['receivingOrg:IN_REGION_NOT_BRANCH']);
  });
  it.each(['中共北京某某科技有限公司研发中心第一支部委员会', '北京某某大学化学系研究生第二党支部'])('%s is a branch', (org) => {
    expect(check({ ...inRegion, 接收党组织: org })).toEqual([]);
  });
});

describe('升学 with no branch yet (seed 001: 升学无法明确具体党支部的，可在9月份进行接转)', () => {
  it.each(['待定', '待开学后确定', '开学后确定', '暂无', '未知', '待分配', '入学后再定', '尚未确定'])('「%s」 is undecided: a warning, no REQUIRED error', (placeholder) => {
    const f = check({ 毕业去向: '升学', 转接类型: '京内', 介绍信抬头: '', 接收党组织: placeholder, 组织编码: placeholder });
    expect(f.map((x) => [x.code, x.severity])).toEqual([['FURTHER_STUDY_UNDECIDED', 'warning']]);
  });
  it('a real organisation name is not a placeholder', () => {
    expect(codes(check({ 毕业去向: '升学', 转接类型: '京内', 介绍信抬头: '', 接收党组织: '中共北京某某大学研究生工作部委员会', 组织编码: '' }))).toEqual(['receivingOrg:IN_REGION_NOT_BRANCH', 'orgCode:ORG_CODE_REQUIRED']);
  });
});

describe('入党时间 as a year and month, compared with the issue date by month', () => {
  it.each([['2024-05', '2024-05'], ['2024.05', '2024-05'], ['2024年5月', '2024-05'], ['2024/5', '2024-05'], ['202405', '2024-05'], [202405, '2024-05'], [2024.05, '2024-05'], ['2024-05-20', '2024-05-20']])('%s → %s', (cell, iso) => {
    expect(parseDateOrMonth(cell)).toBe(iso);
  });
  it.each(['2024-05', '2024.05', '2024年5月', '2024/5', '202405', 202405])('「%s」 is a valid 入党时间', (v) => {
    expect(check({ 入党时间: v })).toEqual([]);
  });
  it('under the header 入党年月 too', () => {
    const snap = sheet({ ...CLEAN, 入党时间: '2024.05' });
    snap.rows[1] = snap.rows[1]!.map((h) => (h === '入党时间' ? '入党年月' : h));
    const r = validateSheet(snap, { today: '2026-06-10' });
    expect(r.columns.joinDate).toBe('H');
    expect(r.findings).toEqual([]);
    expect(r.records[0]!.joinDate).toBe('2024-05');
  });
  it('the same month as the issue date is not before it; an earlier issue month is', () => {
    expect(check({ 入党时间: '2026-06', 开具日期: '2026-06-01' })).toEqual([]);
    expect(codes(check({ 入党时间: '2026-06', 开具日期: '2026-05-31', 党费交至: '2026-05' }))).toEqual(['issueDate:ISSUE_BEFORE_JOIN']);
  });
  it('a month after today is in the future', () => {
    expect(codes(check({ 入党时间: '2026-07' }, '2026-06-10'))).toEqual(['joinDate:JOIN_DATE_FUTURE']);
    expect(check({ 入党时间: '2026-06', 开具日期: '2026-06-12' }, '2026-06-10')).toEqual([]);
  });
  it('a probation counted from a join month ends a year after that month ends (never called over on a guess)', () => {
    expect(check({ 党员类别: '预备党员', 入党时间: '2025-06', 预备党员考察表: '是' })).toEqual([]);
    expect(codes(check({ 党员类别: '预备党员', 入党时间: '2025-05', 预备党员考察表: '是' }))).toEqual(['memberType:PROBATION_OVER']);
  });
  it('a month that does not exist is still an error', () => expect(codes(check({ 入党时间: '2024-13' }))).toEqual(['joinDate:DATE_INVALID']));
});

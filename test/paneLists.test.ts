/**
 * What the task pane lists for the secretary, decided in addin/plan.ts: the cells whose
 * digits Excel already lost (to be typed again), the columns offered in the 列对应 step,
 * and the findings shown under 全部 / 仅错误 / 仅提醒.
 */
import { describe, expect, it } from 'vitest';
import { groupByRow, LOST_DIGIT_CODES, mappingRows } from '../addin/plan.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, HEADER, sheet } from './helpers.js';

describe('修复格式 lists every cell whose digits Excel lost', () => {
  it('an ID number stored as a number and a 12-digit code that lost its leading 0 both', () => {
    const r = validateSheet(sheet({ ...CLEAN, 身份证号: 110108200403151230, 转接类型: '京内', 接收党组织: '中共北京市海淀区某某街道第一党支部', 组织编码: 11102381523 }), { today: '2026-06-10' });
    expect(r.findings.filter((f) => LOST_DIGIT_CODES.has(f.code)).map((f) => f.code)).toEqual(['ID_STORED_AS_NUMBER', 'ORG_CODE_LOST_ZERO']);
  });
});

describe('the 列对应 step offers every column it could not place', () => {
  it('two unknown columns are both offered, in sheet order', () => {
    const header = [...HEADER, '家庭住址', '备用列'];
    const row = [...HEADER.map((h) => CLEAN[h] ?? null), '北京市海淀区', 'x'];
    const r = validateSheet({ name: '登记表', rows: [header, row] }, { today: '2026-06-10' });
    expect(mappingRows(r, {}).map((m) => [m.letter, m.header])).toEqual([['W', '家庭住址'], ['X', '备用列']]);
  });
});

describe('the findings list filters', () => {
  const r = validateSheet(sheet({ ...CLEAN, 联系电话: '1380013800', 党费交至: '2026年3月' }), { today: '2026-06-10' });
  it('仅提醒 shows warnings and no error', () => {
    expect(groupByRow(r.findings, 'warning').flatMap((g) => g.findings.map((f) => f.severity))).toEqual(['warning']);
  });
  it('仅错误 shows errors and no warning', () => {
    expect(groupByRow(r.findings, 'error').flatMap((g) => g.findings.map((f) => f.severity))).toEqual(['error']);
  });
  it('全部 shows both, grouped by row', () => {
    expect(groupByRow(r.findings, 'all')).toEqual([{ row: 3, findings: r.findings }]);
  });
});

// What a reminder says about time on the day it is really sent (issue 18, item 8; seed 001:
// 「9月1日」清查, 「12月10日」年度复核): the distance, the 补发 mark and the action text.
import { describe, expect, it } from 'vitest';
import { actionText, catchUpMark, distanceText, sendDay } from '../shared/sendDay.js';

describe('sendDay counts the real days from the sending day to the checkpoint', () => {
  it.each([
    // reminder scheduled, sent on, cohort → days, late
    [{ checkpoint: '09-01', lead: 7, date: '2026-08-25' }, '2026-08-25', 7, false],
    [{ checkpoint: '09-01', lead: 7, date: '2026-08-25' }, '2026-08-24', 8, false],
    [{ checkpoint: '12-10', lead: 14, date: '2026-11-26' }, '2026-12-01', 9, true],
    [{ checkpoint: '09-01', lead: 0, date: '2026-09-01' }, '2026-09-01', 0, false],
    [{ checkpoint: '09-01', lead: 0, date: '2026-09-01' }, '2026-09-04', -3, true],
  ] as const)('%o sent on %s: %i days, late %s', (r, asOf, days, late) => {
    expect(sendDay({ ...r }, asOf, 2026)).toEqual({ checkpoint: r.checkpoint, days, late, scheduled: r.date });
  });
});

describe('distanceText says the distance as users read it', () => {
  it.each([
    ['09-01', 7, '距9月1日还有7天'],
    ['09-01', 1, '距9月1日还有1天'],
    ['12-10', 9, '距12月10日还有9天'],
    ['09-01', 0, '截至9月1日'],
    ['09-01', -1, '9月1日已过1天'],
    ['12-10', -3, '12月10日已过3天'],
  ] as const)('%s, %i days → 「%s」', (checkpoint, days, text) => {
    expect(distanceText({ checkpoint, days, late: false, scheduled: '2026-08-25' })).toBe(text);
  });
});

describe('catchUpMark marks only a catch-up', () => {
  it('a late reminder carries 「（补发）」, one on time nothing', () => {
    expect(catchUpMark({ checkpoint: '09-01', days: 5, late: true, scheduled: '2026-08-25' })).toBe('（补发）');
    expect(catchUpMark({ checkpoint: '09-01', days: 7, late: false, scheduled: '2026-08-25' })).toBe('');
  });
});

describe('actionText: before the checkpoint, on it, and after it', () => {
  const before = '9月1日节点前请逐一联系本人和接收党组织，落实报到并收回回执。';
  const clearance = '已到9月1日清查节点：请立即逐一联系本人和接收党组织，落实报到并收回回执，仍无法落实的报组织部。';
  const review = '已到12月10日复核节点：仍未落实者请按与党组织失去联系党员的规定处置，并报组织部。';
  it.each([
    ['09-01', 1, false, before],
    ['09-01', 7, true, `${before}（本提醒原定 2026-08-25 发送，现补发。）`],
    ['09-01', 0, false, clearance],
    ['09-01', -2, true, `${clearance}（本提醒原定 2026-08-25 发送，现补发。）`],
    ['12-10', 0, false, review],
    ['12-10', -1, true, `${review}（本提醒原定 2026-08-25 发送，现补发。）`],
    ['12-10', 3, false, '12月10日节点前请逐一联系本人和接收党组织，落实报到并收回回执。'],
  ] as const)('%s, %i days, late %s → the text', (checkpoint, days, late, text) => {
    expect(actionText({ checkpoint, days, late, scheduled: '2026-08-25' })).toBe(text);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { membersOf, readReceipts, validateFile } from '../jobs/lib/read/load.js';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, FIXTURES, optionalShared, sheet } from './helpers.js';

const settings = defaultRuleSettings();
const keyFile = join(FIXTURES, 'key.json');
const key = optionalShared(keyFile, '../shared/fixtures 的对账答案 key.json') ? JSON.parse(readFileSync(keyFile, 'utf8')) : null;

// describe.skipIf still runs its body to collect the tests: nothing here may touch `key` unguarded.
describe.skipIf(!key)('reconciliation of the real-producer fixtures (key.json)', () => {
  if (!key) return;
  const v = validateFile(join(FIXTURES, key.reconcile.registrations), { settings, today: '2026-06-10' });
  const members = membersOf([v], []);
  const receipts = readReceipts(join(FIXTURES, key.reconcile.receipts));
  for (const [asOf, expected] of Object.entries(key.reconcile.expect as Record<string, Record<string, string>>)) {
    it(`statuses as of ${asOf}`, () => {
      const r = reconcile({ members, receipts, asOf, cohort: key.reconcile.cohort, settings });
      const got = Object.fromEntries(r.members.filter((m) => m.studentId in expected).map((m) => [m.studentId, m.status]));
      expect(got).toEqual(expected);
      expect(r.orphans.map((o) => o.studentId)).toEqual(key.reconcile.orphanStudentIds);
    });
  }
});

/** One member per row, built from the helper's clean row. */
function members(...rows: Record<string, unknown>[]): RegisteredMember[] {
  const r = validateSheet(sheet(...rows.map((o) => ({ ...CLEAN, ...o }) as never)), { today: '2026-06-10' });
  return r.records.map((m) => ({ ...m, file: 'reg.xlsx', college: '计算机学院' }));
}

const receipt = (o: Partial<ReceiptRecord>): ReceiptRecord => ({
  file: 'rec.xlsx', row: 2, name: '张明远', idNumber: '110108200403151232', idText: '110108200403151232', studentId: '2022083101',
  receivingOrg: '', receiptDate: '2026-07-01', receiptDateText: '', source: '全国组织关系转接系统', statusText: '已报到', state: 'landed', ...o,
});

const status = (m: RegisteredMember[], r: ReceiptRecord[], asOf: string) => reconcile({ members: m, receipts: r, asOf, cohort: 2026, settings }).members.map((x) => x.status);

describe('statuses', () => {
  const one = members({});
  it('completed: a landed receipt matches by ID and the names agree', () => expect(status(one, [receipt({ studentId: '' })], '2026-08-01')).toEqual(['completed']));
  it('completed by 学号 when the receipt has no ID number', () => expect(status(one, [receipt({ idNumber: null, idText: '' })], '2026-08-01')).toEqual(['completed']));
  it('never completed on a name alone', () => expect(status(one, [receipt({ idNumber: null, idText: '', studentId: '' })], '2026-08-01')).toEqual(['pending']));
  it('mismatch: matched by 学号 but the name differs', () => expect(status(one, [receipt({ name: '李四' })], '2026-08-01')).toEqual(['mismatch']));
  it('mismatch: matched by ID but the 学号 differs', () => expect(status(one, [receipt({ studentId: '2022999999' })], '2026-08-01')).toEqual(['mismatch']));
  it('failed: the receipt says 退回', () => expect(status(one, [receipt({ statusText: '退回', state: 'failed' })], '2026-08-01')).toEqual(['failed']));
  it('a failed transfer redone later lands', () => {
    expect(status(one, [receipt({ statusText: '退回', state: 'failed', receiptDate: '2026-07-01' }), receipt({ receiptDate: '2026-07-20' })], '2026-08-01')).toEqual(['completed']);
  });
  it('a receipt dated after the as-of date does not count yet', () => expect(status(one, [receipt({ receiptDate: '2026-09-08' })], '2026-08-20')).toEqual(['pending']));
  it('exempt: 出国(境) stays at school', () => expect(status(members({ 毕业去向: '出国(境)', 接收党组织: '' }), [], '2026-12-10')).toEqual(['exempt']));

  describe('without a receipt, by date (cohort 2026)', () => {
    const paper = members({ 办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部某营党委', 介绍信编号: '2026042', 有效期: 30 });
    it.each([
      ['2026-07-01', 'pending'],
      ['2026-08-20', 'expired'],
      ['2026-08-31', 'expired'],
      ['2026-09-01', 'overdue'],
      ['2026-12-09', 'overdue'],
      ['2026-12-10', 'lost'],
    ])('paper letter, 30 days, as of %s: %s', (asOf, s) => expect(status(paper, [], asOf)).toEqual([s]));

    const study = members({ 毕业去向: '升学', 接收党组织: '待定', 转接类型: '京外' });
    it.each([
      ['2026-08-31', 'pending'],
      ['2026-09-01', 'pending'],
      ['2026-09-30', 'pending'],
      ['2026-10-01', 'overdue'],
      ['2026-12-10', 'lost'],
    ])('升学 with the branch 待定, as of %s: %s (seed 001: may transfer in September)', (asOf, s) => expect(status(study, [], asOf)).toEqual([s]));
  });

  it('orphans are receipts that match no registration', () => {
    const r = reconcile({ members: one, receipts: [receipt({ idNumber: '11010519491231002X', studentId: '2022000000', name: '赵无名' })], asOf: '2026-08-01', cohort: 2026, settings });
    expect(r.orphans.map((o) => o.name)).toEqual(['赵无名']);
  });
  it('a registration with neither usable ID nor 学号 is reported unusable', () => {
    const m = members({ 身份证号: 430102200303271000, 学号: '' });
    const r = reconcile({ members: m, receipts: [], asOf: '2026-08-01', cohort: 2026, settings });
    expect(r.unusable).toHaveLength(1);
    expect(r.members).toHaveLength(0);
  });
});

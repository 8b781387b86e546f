/**
 * Every day-boundary the project decides on, on the day itself and the day either
 * side: the issue date against the join date, the probation anniversary (seed 002),
 * a paper letter's last valid day, a receipt dated on the as-of day, the last
 * catch-up day of a missed reminder, and the lock's stale threshold. Nothing here
 * relies on the reference files beside the repository.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/normalize.js';
import { CATCH_UP_DAYS, dueReminders } from '../shared/deadlines.js';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { acquireLock, BusyError, STALE_MS } from '../jobs/lib/lock.js';
import { CLEAN, check, codes, sheet, tempDir } from './helpers.js';

const settings = defaultRuleSettings();

function members(...rows: Record<string, unknown>[]): RegisteredMember[] {
  const r = validateSheet(sheet(...rows.map((o) => ({ ...CLEAN, ...o }) as never)), { today: '2026-06-10' });
  return r.records.map((m) => ({ ...m, file: '计算机学院.xlsx', college: '计算机学院' }));
}
const statusOn = (m: RegisteredMember[], receipts: ReceiptRecord[], asOf: string) =>
  reconcile({ members: m, receipts, asOf, cohort: 2026, settings }).members.map((x) => x.status);

describe('a letter issued on the day the member joined the Party', () => {
  const joined = { 入党时间: '2026-06-12', 党费交至: '2026-06' };
  it('is not issued before joining', () => {
    expect(codes(check({ ...joined, 开具日期: '2026-06-12' }, '2026-06-20'))).toEqual([]);
  });
  it('one day earlier is', () => {
    expect(codes(check({ ...joined, 开具日期: '2026-06-11' }, '2026-06-20'))).toEqual(['issueDate:ISSUE_BEFORE_JOIN']);
  });
});

describe('the probation year ends on its anniversary (seed 002: 预备期满一年应先讨论转正)', () => {
  const probationer = { 党员类别: '预备党员', 入党时间: '2025-06-12', 预备党员考察表: '已提供', 党费交至: '2026-06' };
  it('a letter issued on the anniversary is a warning to hold the 转正 discussion first', () => {
    expect(addDays('2025-06-12', 365)).toBe('2026-06-12');
    expect(check({ ...probationer, 开具日期: '2026-06-12' }).map((f) => [f.code, f.severity])).toEqual([['PROBATION_OVER', 'warning']]);
  });
  it('the day before, the member is still probationary', () => {
    expect(check({ ...probationer, 开具日期: '2026-06-11' })).toEqual([]);
  });
});

describe('a paper letter is valid through issue date + 有效期 (seed 003: 务必在有效期内报到)', () => {
  const paper = members({
    办理方式: '纸质介绍信', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '中国人民解放军某部政治工作部', 去向单位: '中国人民解放军某部',
    介绍信编号: '京计字2026-031', 开具日期: '2026-06-12', 有效期: 30,
  });
  it('on its last valid day it is still 办理中', () => expect(statusOn(paper, [], '2026-07-12')).toEqual(['pending']));
  it('the next day it is 介绍信过期', () => expect(statusOn(paper, [], '2026-07-13')).toEqual(['expired']));
});

describe('a receipt dated on the as-of day counts on that day', () => {
  const one = members({});
  const landed: ReceiptRecord = {
    file: '全国系统导出.xlsx', row: 2, name: '张明远', idNumber: '110108200403151232', idText: '110108200403151232', studentId: '2022083101',
    receivingOrg: '', receiptDate: '2026-08-25', receiptDateText: '', source: '全国组织关系转接系统', statusText: '已报到', state: 'landed',
  };
  it('counted on its own day', () => expect(statusOn(one, [landed], '2026-08-25')).toEqual(['completed']));
  it('not counted the day before (a later receipt is not known yet)', () => expect(statusOn(one, [landed], '2026-08-24')).toEqual(['pending']));
});

describe(`a missed reminder is caught up for ${CATCH_UP_DAYS} days after its deadline`, () => {
  const leads = [14, 7, 1, 0];
  it('on the 7th day after 9月1日 the 9月1日 reminder is still due', () => {
    expect(dueReminders('2026-09-08', 2026, leads)).toEqual([{ checkpoint: '09-01', lead: 0, date: '2026-09-01' }]);
  });
  it('on the 8th day it is not', () => expect(dueReminders('2026-09-09', 2026, leads)).toEqual([]));
});

describe('the lock of a process that stopped refreshing it', () => {
  /** A generation held by a live process on another host: only its age can free it. */
  function heldElsewhere(dir: string, ageMs: number) {
    const lockDir = join(dir, 'run.lock');
    const file = join(lockDir, '1');
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ state: 'held', pid: process.pid, host: `${hostname()}-其他服务器`, token: 'x', at: new Date().toISOString() }));
    const t = new Date(Date.now() - ageMs);
    utimesSync(file, t, t);
  }
  // A run may take minutes (a slow SMTP server): ten minutes without a refresh, not less, makes it hung.
  it('is honoured for 9 minutes without a refresh', async () => {
    expect(STALE_MS).toBe(10 * 60_000);
    const dir = tempDir();
    heldElsewhere(dir, 9 * 60_000);
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(BusyError);
  });
  it('is taken over after 11 minutes, and the process that lost it is told before its next send', async () => {
    const dir = tempDir();
    const hung = await acquireLock(dir);
    const file = join(dir, 'run.lock', '1');
    const t = new Date(Date.now() - 11 * 60_000);
    utimesSync(file, t, t);
    const next = await acquireLock(dir);
    next.assertHeld();
    expect(() => hung.assertHeld()).toThrow(/已被另一个进程接管/);
    await next.release();
    await hung.release();
  });
  it('a released lock is not held: sending after release stops', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    await lock.release();
    expect(() => lock.assertHeld()).toThrow(/已停止发送/);
  });
});

/**
 * 实时校验 on the test host: an edit re-checks only its rows (and the rows sharing a
 * 学号 or ID number with them) in one read and one write, marks change by difference,
 * changes that can move rows or columns fall back to a full check that says why, and
 * changes arriving while a check runs are merged into the next one.
 */
import { describe, expect, it } from 'vitest';
import type { WorkbookPort } from '../addin/office.js';
import { FakeExcel, newSheet, type FakeChange } from './e2e/fakeExcel.js';
import { registrationRows } from './e2e/sheet5k.js';
import { entries, freshFindings, freshMarks, paneOver } from './paneHost.js';

const SHEET = '2026届登记表';
const hostOf = (n: number) => new FakeExcel([newSheet(SHEET, registrationRows(n)), newSheet('说明', [['填表说明']])]);

async function liveOn(n = 5000) {
  const host = hostOf(n);
  const pane = paneOver(host);
  await pane.check.checkActive();
  await pane.setLive(true);
  await pane.settled();
  return { host, pane };
}

describe('an edit re-checks only what it touched', () => {
  it('fixing the first of two repeated 学号 (rows 251 and 252) clears row 252’s finding too, in one sync: the value Excel sent, the marks, and the rows read back to confirm', async () => {
    const { host, pane } = await liveOn();
    // Every 250th member repeats the previous 学号: sheet row 252 repeats row 251.
    expect(pane.state.result!.findings.some((f) => f.row === 252 && f.code === 'STUDENT_ID_DUPLICATE')).toBe(true);
    expect(host.marksOn(SHEET).get('E252')).toEqual(['error']);
    const before = host.syncs;
    host.edit(SHEET, 'E251', '2022089999');
    await pane.settled();
    expect(host.syncs - before).toBe(1);
    expect(pane.state.result!.findings.some((f) => f.row === 252 && f.code === 'STUDENT_ID_DUPLICATE')).toBe(false);
    expect(host.marksOn(SHEET).has('E252')).toBe(false);
    expect(pane.lastStatus()).toMatch(/^已增量校验「2026届登记表」第 251 行（只重查改动的 1 行和与其学号、身份证号相同的 1 行）/);
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('typing a 学号 that another row holds marks both rows; the other row names the first', async () => {
    const { host, pane } = await liveOn();
    host.edit(SHEET, 'E4000', '2022080010');
    await pane.settled();
    const dup = pane.state.result!.findings.find((f) => f.row === 4000 && f.code === 'STUDENT_ID_DUPLICATE');
    expect(dup?.message).toBe('学号与第 13 行重复，请核对。');
    // Typed above the first holder: now that row is the repeat.
    host.edit(SHEET, 'E5', '2022080010');
    await pane.settled();
    const rows = pane.state.result!.findings.filter((f) => f.code === 'STUDENT_ID_DUPLICATE' && [5, 13, 4000].includes(f.row));
    expect(rows.map((f) => [f.row, f.message])).toEqual([[13, '学号与第 5 行重复，请核对。'], [4000, '学号与第 5 行重复，请核对。']]);
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('without ExcelApi 1.9 (no value in the event) a typed cell costs one read and one write', async () => {
    const host = hostOf(5000);
    const pane = paneOver(host, { supports: (set, v) => !(set === 'ExcelApi' && Number(v.split('.')[1]) >= 9) });
    await pane.check.checkActive();
    await pane.setLive(true);
    await pane.settled();
    const before = host.syncs;
    host.edit(SHEET, 'E251', '2022089999');
    await pane.settled();
    expect(host.syncs - before).toBe(2);
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('a value in the event that the sheet does not hold: the read in the same sync catches it, and a full check runs', async () => {
    const { host, pane } = await liveOn(300);
    host.sheet(SHEET).values[6]![16] = '13912345678';
    const e: FakeChange = { address: 'Q7', type: 'WorksheetChanged', changeType: 'RangeEdited', worksheetId: host.sheet(SHEET).id, source: 'Local', details: { valueAfter: '1391234' } };
    for (const h of host.sheet(SHEET).handlers) void h(e);
    await pane.settled();
    expect(pane.lastStatus()).toMatch(/^已整表重新校验「2026届登记表」（单元格的值与 Excel 的改动通知不符）/);
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('a paste of 500 rows costs one read and one write', async () => {
    const { host, pane } = await liveOn();
    const block = registrationRows(500).slice(2).map((r, i) => r.map((v, j) => (j === 4 ? String(2023090000 + i) : j === 16 && i % 7 === 0 ? '12345' : v)));
    const before = host.syncs;
    host.paste(SHEET, 'A1001', block);
    await pane.settled();
    expect(host.syncs - before).toBe(2);
    expect(pane.lastStatus()).toContain('第 1001–1500 行');
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('a new member typed below the last row is checked incrementally', async () => {
    const { host, pane } = await liveOn(50);
    host.paste(SHEET, 'A53', [registrationRows(1)[2]!.map((v, j) => (j === 16 ? '1391234' : v))]);
    await pane.settled();
    expect(pane.lastStatus()).toContain('已增量校验');
    expect(pane.state.result!.rowCount).toBe(51);
    expect(host.marksOn(SHEET).get('Q53')).toEqual(['error']);
    // Its 学号 and ID number are those of the first member: both rows are told.
    expect(pane.state.result!.findings.filter((f) => f.row === 53).map((f) => f.code)).toEqual(expect.arrayContaining(['STUDENT_ID_DUPLICATE', 'ID_DUPLICATE']));
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
  });
});

describe('a full check, on purpose, when only one will do', () => {
  const cases: [string, (h: FakeExcel) => void, string][] = [
    ['a row inserted', (h) => h.shiftRows(SHEET, 10, 1), '插入或删除了行、列或单元格'],
    ['a row deleted', (h) => h.shiftRows(SHEET, 10, -1), '插入或删除了行、列或单元格'],
    ['the rows sorted', (h) => h.sortRows(SHEET, 3, 2), '表格已排序'],
    ['the header edited', (h) => h.edit(SHEET, 'Q2', '手机号码'), '表头或表头以上的行有改动'],
    ['a cell right of the table', (h) => h.edit(SHEET, 'Z7', '备注'), '改动超出了已校验的表格范围'],
    ['the workbook’s 列对应 changed by a colleague', (h) => {
      h.settings.set('zhuanjie.columns', JSON.stringify({ 备用: '忽略' }));
      h.edit(SHEET, 'Q7', '13912345678');
    }, '列对应设置已改变'],
    ['a change the pane never heard of', (h) => {
      h.sheet(SHEET).values.push(registrationRows(1)[2]!);
      h.edit(SHEET, 'Q7', '13912345678');
    }, '工作表有未收到的改动'],
  ];
  it.each(cases)('%s', async (_what, change, why) => {
    const { host, pane } = await liveOn(300);
    change(host);
    await pane.settled();
    expect(pane.lastStatus()).toMatch(new RegExp(`^已整表重新校验「2026届登记表」（${why}）：`));
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('another sheet renamed into place is checked afresh and watched from then on', async () => {
    const { host, pane } = await liveOn(50);
    host.rename(SHEET, '旧表');
    host.rename('说明', SHEET);
    host.sheet(SHEET).values = registrationRows(20).map((r) => [...r]);
    host.edit('旧表', 'Q7', '13912345678');
    await pane.settled();
    expect(pane.lastStatus()).toBe('已整表重新校验「2026届登记表」（工作表已被重命名或替换）：20 行，错误 0 处，提醒 0 处。');
    host.edit(SHEET, 'Q7', '1391234');
    await pane.settled();
    expect(pane.lastStatus()).toMatch(/^已增量校验「2026届登记表」第 7 行.*错误 1 处/);
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('our marks on moved cells are cleared and drawn afresh, never left behind', async () => {
    const { host, pane } = await liveOn(300);
    host.shiftRows(SHEET, 50, 3);
    await pane.settled();
    host.edit(SHEET, 'Q105', '13912345678');
    await pane.settled();
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });

  it('a mark deleted by hand: the next write fails, and a full check puts things right', async () => {
    const { host, pane } = await liveOn(300);
    host.sheet(SHEET).cfs = [];
    host.edit(SHEET, 'E251', '2022089999');
    await pane.settled();
    expect(pane.lastStatus()).toContain('（工作表上的校验标记已被改动）');
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });
});

describe('the pane’s sheet', () => {
  it('校验当前工作表 on another sheet while 实时校验 is on: live checking follows it there', async () => {
    const host = new FakeExcel([newSheet(SHEET, registrationRows(50)), newSheet('2025届', registrationRows(30))]);
    const pane = paneOver(host);
    await pane.checkActive();
    await pane.setLive(true);
    await pane.settled();
    host.active = '2025届';
    await pane.checkActive();
    expect(pane.lastStatus()).toBe('已校验「2025届」：30 行，错误 0 处，提醒 0 处。');
    host.edit(SHEET, 'Q7', '1391234');
    await pane.settled();
    expect(pane.lastStatus()).toBe('已校验「2025届」：30 行，错误 0 处，提醒 0 处。');
    host.edit('2025届', 'Q7', '1391234');
    await pane.settled();
    expect(pane.lastStatus()).toMatch(/^已增量校验「2025届」第 7 行.*错误 1 处/);
    expect(entries(host.marksOn('2025届'))).toEqual(entries(freshMarks(host, '2025届')));
  });

  it('marks deleted by hand, then 校验当前工作表: ours are cleared and drawn afresh', async () => {
    const { host, pane } = await liveOn(300);
    host.sheet(SHEET).cfs = [];
    await pane.checkActive();
    expect(pane.errors).toEqual([]);
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });
});

describe('the queue', () => {
  it('edits made while a check runs are merged into one next check: none dropped, none read twice', async () => {
    const host = hostOf(300);
    const reads: number[][] = [];
    const pane = paneOver(host, {
      port: (p): WorkbookPort => ({
        ...p,
        markAndRead: (sheet, remove, add, spans, width) => (reads.push(spans.flatMap((s) => [s.from, s.to])), p.markAndRead(sheet, remove, add, spans, width)),
      }),
    });
    await pane.check.checkActive();
    await pane.setLive(true);
    await pane.settled();
    host.latency = { syncMs: 20, msPer10KB: 0 };
    host.edit(SHEET, 'Q10', '1');
    await new Promise((r) => setTimeout(r, 5));
    // The first check is reading row 10: these three wait for it, then go in one check.
    host.edit(SHEET, 'Q20', '2');
    host.edit(SHEET, 'Q21', '3');
    host.edit(SHEET, 'Q40', '4');
    await new Promise((r) => setTimeout(r, 200));
    await pane.settled();
    expect(reads).toEqual([[10, 10], [20, 21, 40, 40]]);
    expect(pane.errors).toEqual([]);
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
  });

  it('实时校验 ticked before any check: the sheet is checked first, then watched', async () => {
    const host = hostOf(50);
    const pane = paneOver(host);
    await pane.setLive(true);
    expect(pane.state.result!.rowCount).toBe(50);
    host.edit(SHEET, 'Q10', '1');
    await pane.settled();
    expect(pane.lastStatus()).toContain('已增量校验「2026届登记表」第 10 行');
  });

  it('turned off and on again: what changed meanwhile is found by a full check', async () => {
    const { host, pane } = await liveOn(50);
    await pane.setLive(false);
    host.shiftRows(SHEET, 5, -2);
    host.edit(SHEET, 'Q9', '1');
    await pane.setLive(true);
    await pane.settled();
    expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
    expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
  });
});

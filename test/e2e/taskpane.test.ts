/**
 * The task pane end to end in real headless Chromium: the built pane served over
 * HTTPS with the office-addin-dev-certs certificates, office.js replaced by a test
 * host holding a 5,000-row sheet with known errors. No request leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import { validateSheet, countBySeverity } from '../../shared/validate.js';
import { openPane, timeChange, timeValidate, type Pane } from './harness.js';
import { registrationRows } from './sheet5k.js';

const RESULTS = join(import.meta.dirname, '..', '..', 'test-results');

let pane: Pane;
let page: Page;

beforeAll(async () => {
  pane = await openPane();
  page = pane.page;
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

const num = async (id: string) => Number(await page.textContent(`#${id}`));

describe('task pane in Chromium', () => {
  const expected = validateSheet({ name: 's', rows: registrationRows(5000) }, { today: dateIn(TIMEZONE) });
  const counts = countBySeverity(expected.findings);

  it('校验当前工作表: summary counts as the CLI rules give, in a handful of syncs', async () => {
    const { ms, syncs } = await timeValidate(page, 5000);
    expect(await num('sum-errors')).toBe(counts.error);
    expect(await num('sum-warnings')).toBe(counts.warning);
    expect(counts.error).toBeGreaterThanOrEqual(70);
    expect(syncs).toBeLessThanOrEqual(6);
    expect(await page.textContent('#status')).toContain('已校验「2026届登记表」：5000 行');
    console.log(`add-in 5,000 rows: ${Math.round(ms)} ms, ${syncs} syncs`);
  });

  it('clicking an item selects that cell; the filter shows only warnings or errors', async () => {
    await page.selectOption('#filter', 'error');
    const first = page.locator('button.item').first();
    const [row, col] = [await first.getAttribute('data-row'), await first.getAttribute('data-col')];
    await first.click();
    await page.waitForFunction(() => (window as unknown as { __fake: { selected: unknown } }).__fake.selected !== null);
    const selected = await page.evaluate(() => (window as unknown as { __fake: { selected: unknown } }).__fake.selected);
    expect(selected).toEqual({ sheet: '2026届登记表', address: `${col}${row}` });
    expect(await page.locator('button.item.warning').count()).toBe(0);
    await page.selectOption('#filter', 'all');
  });

  it('实时校验: fixing a phone number in the sheet removes its finding', async () => {
    const before = await num('sum-errors');
    await page.check('#live');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('实时校验已开启'));
    // Row 102 (the 100th member) has a 7-digit phone in column Q.
    expect(await page.locator('button.item[data-row="102"][data-col="Q"]').count()).toBe(1);
    // The list names the column as the CLI does (第102行 联系电话（Q列）).
    expect(await page.locator('button.item[data-row="102"][data-col="Q"] .where').textContent()).toBe('联系电话（Q列）');
    await page.evaluate(() => (window as unknown as { __fake: { edit(s: string, a: string, v: string): void } }).__fake.edit('2026届登记表', 'Q102', '13912345678'));
    await page.waitForFunction((n) => Number(document.querySelector('#sum-errors')?.textContent) === n - 1, before, { timeout: 5000 });
    expect(await page.locator('button.item[data-row="102"][data-col="Q"]').count()).toBe(0);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'taskpane.png'), fullPage: false });
  });

  it('实时校验 with Excel on the web’s latency: a repeated 学号 typed on the 5,000-row sheet marks both rows in at most two syncs', async () => {
    type Fake = { sheets: { cfs: { formula: string; addresses: string[] }[] }[]; latency: { syncMs: number } };
    expect(await page.evaluate(() => (window as unknown as { __fake: Fake }).__fake.latency.syncMs)).toBe(150);
    // Row 4100 takes row 4101's 学号: row 4101 is now the repeat.
    const { syncs, status } = await timeChange(page, '2026届登记表', 'E4100', '2022084098');
    expect(syncs).toBeLessThanOrEqual(2);
    expect(status).toMatch(/^已增量校验「2026届登记表」第 4100 行（只重查改动的 1 行和与其学号、身份证号相同的 1 行）/);
    const listed = await page.evaluate(() => [...document.querySelectorAll('button.item')].filter((b) => (b as HTMLElement).dataset.row === '4101').map((b) => (b as HTMLElement).dataset.col));
    expect(listed).toContain('E');
    const marked = await page.evaluate(() => (window as unknown as { __fake: Fake }).__fake.sheets[0]!.cfs.filter((c) => c.formula.includes('zhuanjie:error')).flatMap((c) => c.addresses));
    expect(marked).toContain('E4101');
    expect(marked).not.toContain('E4100');
    // Put back, so the later tests see the sheet's own counts.
    expect((await timeChange(page, '2026届登记表', 'E4100', '2022084097')).syncs).toBeLessThanOrEqual(2);
    expect(await page.locator('button.item[data-row="4101"][data-col="E"]').count()).toBe(0);
  });

  it('清除标记 removes every mark the pane added', async () => {
    await page.uncheck('#live');
    await page.click('#clear');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('已清除'));
    const left = await page.evaluate(() => (window as unknown as { __fake: { sheets: { cfs: unknown[] }[] } }).__fake.sheets[0]!.cfs.length);
    expect(left).toBe(0);
  });

  it('列对应: a column renamed so it is not recognised can be mapped by hand; the findings change and the choice stays with the workbook', async () => {
    type Fake = { edit(s: string, a: string, v: string): void; settings: Map<string, unknown> };
    await page.evaluate(() => (window as unknown as { __fake: Fake }).__fake.edit('2026届登记表', 'E2', 'XH'));
    await page.click('#validate');
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('#columns')!.hidden);
    expect(await page.textContent('#column-list')).toContain('E列「XH」');
    expect(await page.textContent('#column-missing')).toContain('学号');
    // The live test fixed one phone. Without a 学号 column the 20 repeated 学号 (every 250th
    // row) go unseen, and the missing column is one error.
    const base = counts.error - 1;
    expect(await num('sum-errors')).toBe(base - 20 + 1);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'taskpane-columns.png'), fullPage: false });
    await page.selectOption('select.map[data-header="XH"]', 'studentId');
    await page.waitForFunction((n) => Number(document.querySelector('#sum-errors')?.textContent) === n, base);
    expect(await page.textContent('#column-missing')).toBe('');
    const stored = await page.evaluate(() => (window as unknown as { __fake: Fake }).__fake.settings.get('zhuanjie.columns'));
    expect(JSON.parse(String(stored))).toEqual({ XH: 'studentId' });
  });

  it('实时校验 ticked before any check: the sheet is checked first and the pane stays usable', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.check('#live');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('实时校验已开启'), null, { timeout: 10_000 });
    expect(await num('sum-rows')).toBe(5000);
    await page.uncheck('#live');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '已关闭实时校验。', null, { timeout: 10_000 });
  });

  it('runs under its Content-Security-Policy with no script errors and nothing sent off the machine', () => {
    expect(pane.consoleErrors).toEqual([]);
    expect(pane.blocked.filter((u) => !u.startsWith('data:'))).toEqual([]);
  });
});

describe('校验整个工作簿 in Chromium', () => {
  it('checks every sheet that holds members, names the others with why, and says the host cannot tell the date system', async () => {
    await page.click('#validate-workbook');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('已校验整个工作簿'), undefined, { timeout: 20_000 });
    const status = (await page.textContent('#status'))!;
    expect(status).toContain('已校验整个工作簿（1 个工作表）：「2026届登记表」5000 行');
    expect(status).toContain('「说明」没有登记表的表头');
    // The test host answers ExcelApi up to 1.12: no Workbook.use1904DateSystem.
    expect(status).toContain('1904 日期系统');
    expect(await page.isVisible('#date-note')).toBe(true);
  });
});

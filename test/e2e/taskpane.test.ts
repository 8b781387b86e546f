/**
 * The task pane end to end in real headless Chromium: the built pane served over
 * HTTPS with the office-addin-dev-certs certificates, office.js replaced by a test
 * host holding a 5,000-row sheet with known errors. No request leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:https';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import { validateSheet, countBySeverity } from '../../shared/validate.js';
import { registrationRows } from './sheet5k.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');

let server: Server;
let browser: Browser;
let page: Page;
let base: string;
const consoleErrors: string[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  const { buildAddin } = await import('../../scripts/build-addin.mjs');
  const { devCertificates, serve } = await import('../../scripts/dev-server.mjs');
  const root = await buildAddin();
  const hostJs = await build({ entryPoints: [join(import.meta.dirname, 'host.ts')], bundle: true, format: 'iife', write: false, logLevel: 'warning' });
  const certs = await devCertificates({ install: false, log: () => {} });
  server = await serve({ root, port: 0, host: 'localhost', certs });
  base = `https://localhost:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  // The CA is not in this machine's trust store (installing it needs admin rights).
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 900 }, locale: 'zh-CN' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('https://appsforoffice.microsoft.com/lib/1/hosted/office.js')) return route.fulfill({ contentType: 'text/javascript', body: hostJs.outputFiles[0]!.text });
    if (url.startsWith(base)) return route.continue();
    blocked.push(url); // telemetry and anything else off the machine
    return route.abort();
  });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000, state: 'attached' }).catch((e) => { throw new Error(`${e.message}\n${consoleErrors.join('\n')}\nblocked: ${blocked.join(', ')}`); });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
});

const num = async (id: string) => Number(await page.textContent(`#${id}`));

describe('task pane in Chromium', () => {
  const expected = validateSheet({ name: 's', rows: registrationRows(5000) }, { today: dateIn(TIMEZONE) });
  const counts = countBySeverity(expected.findings);

  it('校验当前工作表: summary counts as the CLI rules give, in a handful of syncs', async () => {
    const started = Date.now();
    await page.click('#validate');
    await page.waitForFunction(() => document.querySelector('#sum-rows')?.textContent === '5000');
    const ms = Date.now() - started;
    expect(await num('sum-errors')).toBe(counts.error);
    expect(await num('sum-warnings')).toBe(counts.warning);
    expect(counts.error).toBeGreaterThanOrEqual(70);
    const syncs = await page.evaluate(() => (window as unknown as { __fake: { syncs: number } }).__fake.syncs);
    expect(syncs).toBeLessThanOrEqual(6);
    expect(await page.textContent('#status')).toContain('已校验「2026届登记表」：5000 行');
    console.log(`add-in 5,000 rows: ${ms} ms, ${syncs} syncs`);
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
    await page.evaluate(() => (window as unknown as { __fake: { edit(s: string, a: string, v: string): void } }).__fake.edit('2026届登记表', 'Q102', '13912345678'));
    await page.waitForFunction((n) => Number(document.querySelector('#sum-errors')?.textContent) === n - 1, before, { timeout: 5000 });
    expect(await page.locator('button.item[data-row="102"][data-col="Q"]').count()).toBe(0);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'taskpane.png'), fullPage: false });
  });

  it('清除标记 removes every mark the pane added', async () => {
    await page.uncheck('#live');
    await page.click('#clear');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('已清除'));
    const left = await page.evaluate(() => (window as unknown as { __fake: { sheets: { cfs: unknown[] }[] } }).__fake.sheets[0]!.cfs.length);
    expect(left).toBe(0);
  });

  it('runs under its Content-Security-Policy with no script errors and nothing sent off the machine', () => {
    expect(consoleErrors).toEqual([]);
    expect(blocked.filter((u) => !u.startsWith('data:'))).toEqual([]);
  });
});

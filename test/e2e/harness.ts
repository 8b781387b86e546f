/**
 * The built task pane in real headless Chromium, served over HTTPS with the
 * office-addin-dev-certs certificates, office.js replaced by the test host. Shared
 * by the E2E test and `npm run bench`. Nothing is allowed off the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAddin } from '../../scripts/build-addin.mjs';
import { devCertificates, serve } from '../../scripts/dev-server.mjs';

export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Flags this machine needs: no sandbox as root, no GPU, no calls home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface Pane {
  page: Page;
  /** Script errors and CSP violations seen in the page. */
  consoleErrors: string[];
  /** Requests that tried to leave the machine (telemetry and the like). */
  blocked: string[];
  close(): Promise<void>;
}

/** The built pane on an HTTPS server at a free localhost port, and a way to stop it and its browser. */
async function servePane(root: string, cleanup: () => void = () => {}) {
  const certs = await devCertificates({ install: false, log: () => {} });
  const server: Server = await serve({ root, port: 0, host: 'localhost', certs });
  const base = `https://localhost:${(server.address() as { port: number }).port}`;
  const running: { browser?: Browser } = {};
  const close = async () => {
    await running.browser?.close();
    await new Promise((r) => server.close(r));
    cleanup();
  };
  return { base, running, close };
}

/**
 * Chromium on the pane at `base`: every request recorded; the pane's own site served,
 * `fulfil` answering the scripts it stands in for (office.js), anything else blocked.
 */
async function openPage(running: { browser?: Browser }, base: string, fulfil: (url: string) => string | undefined = () => undefined, userAgent?: string, initScript?: string) {
  const browser = (running.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }));
  // The CA is not in this machine's trust store (installing it needs admin rights).
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 900 }, locale: 'zh-CN', ...(userAgent ? { userAgent } : {}) });
  if (initScript) await context.addInitScript(initScript);
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    const body = fulfil(url);
    if (body !== undefined) return route.fulfill({ contentType: 'text/javascript', body });
    if (url.startsWith(`${base}/`)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${base}/taskpane.html`);
  return { page, consoleErrors, blocked, requests };
}

/**
 * The built pane on the test host; `userAgent` makes Chromium claim to be another webview (as
 * Excel's older ones say); `initScript` runs before the page's own (to take a feature away).
 */
export async function openPane({ userAgent, initScript }: { userAgent?: string; initScript?: string } = {}): Promise<Pane> {
  const root = await buildAddin();
  const host = await build({ entryPoints: [join(import.meta.dirname, 'host.ts')], bundle: true, format: 'iife', write: false, logLevel: 'warning' });
  const { base, running, close } = await servePane(root);
  try {
    const { page, consoleErrors, blocked } = await openPage(running, base, (url) => (url.startsWith(OFFICE_JS) ? host.outputFiles[0]!.text : undefined), userAgent, initScript);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000, state: 'attached' }).catch((e: Error) => {
      throw new Error(`${e.message}\n${consoleErrors.join('\n')}\nblocked: ${blocked.join(', ')}`);
    });
    return { page, consoleErrors, blocked, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Click 校验当前工作表 and wait for the rendered list: milliseconds and context.sync() calls. */
export async function timeValidate(page: Page, rows: number): Promise<{ ms: number; syncs: number }> {
  // The count left by an earlier check would end the wait at once: blank it, so only this check's result counts.
  await page.evaluate(() => {
    (window as unknown as { __fake: { syncs: number } }).__fake.syncs = 0;
    const sum = document.querySelector('#sum-rows');
    if (sum) sum.textContent = '';
  });
  const started = performance.now();
  await page.click('#validate');
  await page.waitForFunction((n) => document.querySelector('#sum-rows')?.textContent === String(n) && document.querySelector('button.item') !== null, rows);
  const ms = performance.now() - started;
  const syncs = await page.evaluate(() => (window as unknown as { __fake: { syncs: number } }).__fake.syncs);
  return { ms, syncs };
}

type Fake = { syncs: number; bytes: number; edit(s: string, a: string, v: string): void; paste(s: string, a: string, rows: unknown[][]): void };

/**
 * A change made in the sheet with 实时校验 on, timed in the page from the change to the
 * status line of the check it caused (an incremental check's 「已增量校验…」): ms, syncs,
 * the status itself. `change` is 'edit' (one cell) or 'paste' (a block at `address`).
 */
export async function timeChange(page: Page, sheet: string, address: string, value: string | unknown[][]): Promise<{ ms: number; syncs: number; status: string }> {
  return page.evaluate(
    async ({ sheet, address, value }) => {
      const fake = (window as unknown as { __fake: Fake }).__fake;
      const status = document.querySelector('#status')!;
      status.textContent = '';
      const syncs = fake.syncs;
      const started = performance.now();
      if (typeof value === 'string') fake.edit(sheet, address, value);
      else fake.paste(sheet, address, value);
      while (!status.textContent) await new Promise((r) => setTimeout(r, 1));
      return { ms: performance.now() - started, syncs: fake.syncs - syncs, status: status.textContent };
    },
    { sheet, address, value },
  );
}

/**
 * The pane built for an intranet (office.js from the @microsoft/office-js package on our
 * own site) and opened in a plain browser, outside Excel, with the real office.js. Every
 * request is recorded; none may leave the pane's own site.
 */
export async function openIntranetPane(): Promise<Pane & { requests: string[]; base: string }> {
  const out = mkdtempSync(join(tmpdir(), 'zhuanjie-intranet-'));
  const root = await buildAddin({ officeJs: 'local', out });
  const { base, running, close } = await servePane(root, () => rmSync(out, { recursive: true, force: true }));
  try {
    const { page, consoleErrors, blocked, requests } = await openPage(running, base);
    return { page, consoleErrors, blocked, requests, base, close };
  } catch (err) {
    await close();
    throw err;
  }
}

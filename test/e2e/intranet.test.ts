/**
 * Intranet deployment (README “校内网络”): `npm run build:intranet` serves office.js from
 * the @microsoft/office-js package. Loaded with that real office.js in Chromium outside
 * Excel, the pane says plainly to open it in Excel, and nothing leaves its own site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIntranetPane } from './harness.js';

let pane: Awaited<ReturnType<typeof openIntranetPane>>;

beforeAll(async () => {
  pane = await openIntranetPane();
}, 180_000);

afterAll(async () => {
  await pane?.close();
});

describe('the pane on office.js from the package, outside Excel', () => {
  it('shows 「请在 Excel 中打开」 instead of buttons that cannot work', async () => {
    await pane.page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('请在 Excel 中打开'), null, { timeout: 30_000 });
    expect(await pane.page.getAttribute('body', 'data-ready')).toBeNull();
    expect(await pane.page.locator('#validate').isDisabled()).toBe(true);
    expect(await pane.page.locator('#template').isDisabled()).toBe(true);
  });

  it('loaded the real office.js from its own site', () => {
    expect(pane.requests).toContain(`${pane.base}/office-js/office.js`);
  });

  it('made no request off its own site and broke no rule of its CSP', () => {
    expect(pane.blocked).toEqual([]);
    expect(pane.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});

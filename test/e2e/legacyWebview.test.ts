/**
 * Excel on Windows that shows add-ins in Internet Explorer 11 (Trident) or Edge Legacy
 * (EdgeHTML) — Office 2019 volume-licensed, Office 2019 retail without WebView2, older
 * Microsoft 365 builds (learn.microsoft.com “Browsers and webview controls used by Office
 * Add-ins”) — cannot parse the ES2020 bundle. addin/legacy.js, in ES5 and loaded first,
 * says so in Chinese there instead of leaving the pane blank (issue 23, item 5).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildAddin } from '../../scripts/build-addin.mjs';
import { openPane } from './harness.js';

const LEGACY = join(import.meta.dirname, '..', '..', 'addin', 'legacy.js');

/**
 * Whether `code` is ES5 syntax: esbuild refuses to lower let/const/class to ES5 and lowers
 * everything else it can (arrows, template strings, `?.`, `??`), so ES5 code comes out of an
 * ES5 transform exactly as out of one that lowers nothing. (Syntax only: an ES2015 method
 * such as String#includes would still pass, hence the indexOf in legacy.js.)
 */
async function isEs5(code: string): Promise<boolean> {
  const asIs = await transform(code, { loader: 'js', target: 'esnext' });
  const es5 = await transform(code, { loader: 'js', target: 'es5' }).catch(() => null);
  return es5?.code === asIs.code;
}

// User agents as these webviews send them (Office adds its own tokens to IE11's).
const TRIDENT = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko';
const EDGE_HTML = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';
const WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

describe('the old-webview check is plain ES5 and runs before the bundle', () => {
  it('addin/legacy.js parses as ES5', async () => {
    expect(await isEs5(readFileSync(LEGACY, 'utf8'))).toBe(true);
  });

  it('the ES5 test rejects what IE11 cannot parse (it can fail)', async () => {
    for (const modern of ['const a = 1;', 'let a = 1;', 'var f = () => 1;', 'var s = `x`;', 'var a = b?.c;', 'var a = b ?? c;', 'class A {}']) expect(await isEs5(modern), modern).toBe(false);
    expect(await isEs5("var a = b && b.c; if (a.indexOf('x') === -1) a = 'y' + a;")).toBe(true);
  });

  it('the built page loads legacy.js, as shipped, in order before taskpane.js', async () => {
    const out = mkdtempSync(join(tmpdir(), 'zhuanjie-legacy-'));
    try {
      await buildAddin({ out });
      const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
      const scripts = [...html.matchAll(/<script ([^>]*)><\/script>/g)].map((m) => m[1]!);
      const legacy = scripts.findIndex((s) => s.includes('src="legacy.js"'));
      const bundle = scripts.findIndex((s) => s.includes('src="taskpane.js"'));
      expect(legacy).toBeGreaterThanOrEqual(0);
      expect(legacy).toBeLessThan(bundle);
      // Deferred scripts run in document order once the page is parsed; async ones in any order.
      expect(scripts[legacy]).toMatch(/\bdefer\b/);
      expect(scripts[legacy]).not.toMatch(/\basync\b/);
      expect(readFileSync(join(out, 'legacy.js'), 'utf8')).toBe(readFileSync(LEGACY, 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the pane in each Windows webview', () => {
  const cases: [string, string | undefined, boolean][] = [
    ['Chromium as it is', undefined, true],
    ['WebView2 (Microsoft 365, Excel 2021; “Edg/”)', WEBVIEW2, true],
    ['Trident (IE11)', TRIDENT, false],
    ['EdgeHTML (Edge Legacy, “Edge/18”)', EDGE_HTML, false],
  ];
  it.each(cases)('%s', async (_name, userAgent, works) => {
    const pane = await openPane({ userAgent });
    try {
      const { page } = pane;
      const message = page.locator('#legacy-webview');
      if (works) {
        expect(await page.locator('#validate').isVisible()).toBe(true);
        expect(await message.count()).toBe(0);
      } else {
        // Here Chromium still runs the bundle, which a real IE11 could not parse: the UI stays hidden even so.
        expect(await page.locator('#app').isVisible()).toBe(false);
        expect(await page.locator('#validate').isVisible()).toBe(false);
        expect(await message.isVisible()).toBe(true);
        expect(await message.getAttribute('role')).toBe('alert');
        expect(await message.locator('h1').textContent()).toBe(await page.locator('#app h1').textContent());
        const text = (await message.locator('p').textContent()) ?? '';
        expect(text).toContain('无法运行本加载项');
        expect(text).toContain('Microsoft Edge WebView2');
        expect(text).toContain('Excel 网页版');
      }
      expect(pane.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    } finally {
      await pane.close();
    }
  }, 120_000);

  it('an engine without lookbehind in patterns (Safari before 16.4) gets the old-browser message, not a blank pane', async () => {
    // Such an engine cannot parse the bundle at all; here only patterns built at run time lose it.
    const withoutLookbehind = `{
      const Native = RegExp;
      window.RegExp = function (p, f) {
        if (String(p).includes('(?<=') || String(p).includes('(?<!')) throw new SyntaxError('Invalid regular expression: invalid group specifier name');
        return new Native(p, f);
      };
      window.RegExp.prototype = Native.prototype;
    }`;
    const pane = await openPane({ initScript: withoutLookbehind });
    try {
      const { page } = pane;
      expect(await page.locator('#validate').isVisible()).toBe(false);
      const text = (await page.locator('#legacy-webview p').textContent()) ?? '';
      expect(text).toContain('此浏览器版本过旧');
      expect(text).toContain('Safari 16.4');
      expect(text).not.toContain('WebView2');
    } finally {
      await pane.close();
    }
  }, 120_000);
});

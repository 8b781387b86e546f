// Build the task pane into dist/addin: one bundle (shared/ rules included), the
// page, the ES5 check for old webviews (legacy.js), the stylesheet and the ribbon icons. `--host <file.ts>` also bundles a
// test host (used by the browser test in place of office.js).
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { productionManifest } from './deploy.mjs';
import { checkManifest } from './validate-manifest.mjs';
import { paneSimplified } from './paneSimplified.mjs';

const defaultOut = join(import.meta.dirname, '..', 'dist', 'addin');
const src = join(import.meta.dirname, '..', 'addin');
/** Where Microsoft asks add-ins to load office.js from, and the package that holds the same files. */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_PACKAGE = join(import.meta.dirname, '..', 'node_modules', '@microsoft', 'office-js', 'dist');

/**
 * The page with office.js from the CDN (default), or from our own site (`local`: campus
 * networks that block or slow the CDN). Local drops the CDN from the CSP entirely.
 */
function pageHtml(officeJs) {
  const html = readFileSync(join(src, 'taskpane.html'), 'utf8');
  if (officeJs !== 'local') return html;
  const cdnOrigin = new URL(OFFICE_JS_CDN).origin;
  const local = html.replace(`src="${OFFICE_JS_CDN}"`, 'src="office-js/office.js"').replaceAll(` ${cdnOrigin}`, '');
  if (local.includes(cdnOrigin) || !local.includes('src="office-js/office.js"')) throw new Error('taskpane.html：无法改为本地 office.js（页面中的 CDN 地址已变化）');
  return local.replace('<!-- Microsoft requires add-ins to load office.js from its CDN. -->', '<!-- office.js from the @microsoft/office-js package, served by this site (build --local-office-js). -->');
}

/** A square PNG icon: Office blue with a white check mark. */
function icon(size) {
  const px = (x, y) => {
    const u = x / size, v = y / size;
    const onCheck = (Math.abs(v - (u + 0.25)) < 0.09 && u > 0.22 && u < 0.45) || (Math.abs(v - (1.15 - u)) < 0.09 && u >= 0.4 && u < 0.8);
    return onCheck ? [255, 255, 255, 255] : [15, 108, 189, 255];
  };
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.set(px(x, y), y * (size * 4 + 1) + 1 + x * 4);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Each rule's `source` (where it comes from, in Chinese) is for readers and tests; the pane
 * never shows it, and Excel on the web downloads the bundle on every open.
 */
const withoutRuleSources = {
  name: 'without-rule-sources',
  setup(b) {
    b.onLoad({ filter: /shared[\\/]rules\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const stripped = text.replace(/\n  source: '[^'\n]*',/g, '');
      if (stripped === text) throw new Error('build-addin: shared/rules.ts 中找不到规则的 source（写法已变化？）');
      return { contents: stripped, loader: 'ts' };
    });
  },
};

export async function buildAddin({ host, officeJs = 'cdn', out = defaultOut } = {}) {
  mkdirSync(join(out, 'assets'), { recursive: true });
  // paneSimplified: only the traditional → simplified pairs the pane's rules can tell apart (29 KB → 5 KB; scripts/paneSimplified.mjs).
  // charset utf8: the rules' Chinese text as UTF-8 (3 bytes a character) instead of \u escapes (6); the
  // page declares utf-8 and the servers send the script as text/javascript; charset=utf-8.
  await build({ entryPoints: [join(src, 'main.ts')], outfile: join(out, 'taskpane.js'), bundle: true, format: 'iife', target: 'es2020', minify: true, sourcemap: true, legalComments: 'none', charset: 'utf8', plugins: [withoutRuleSources, paneSimplified], logLevel: 'warning' });
  if (host) await build({ entryPoints: [host], outfile: join(out, 'testhost.js'), bundle: true, format: 'iife', target: 'es2020', logLevel: 'warning' });
  writeFileSync(join(out, 'taskpane.html'), pageHtml(officeJs));
  rmSync(join(out, 'office-js'), { recursive: true, force: true });
  // office.js loads its host- and language-specific parts from beside itself: copy them all.
  if (officeJs === 'local') cpSync(OFFICE_JS_PACKAGE, join(out, 'office-js'), { recursive: true });
  copyFileSync(join(src, 'taskpane.css'), join(out, 'taskpane.css'));
  // As written (ES5, no bundling): it must run where the bundle cannot even be parsed.
  copyFileSync(join(src, 'legacy.js'), join(out, 'legacy.js'));
  for (const s of [16, 32, 64, 80]) writeFileSync(join(out, 'assets', `icon-${s}.png`), icon(s));
  return out;
}

// pathToFileURL, not `file://${argv[1]}`: on Windows the path has a drive letter and backslashes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--host');
  const officeJs = process.argv.includes('--local-office-js') ? 'local' : 'cdn';
  const u = process.argv.indexOf('--url');
  // The production manifest first: a bad --url stops before anything is built.
  let manifest = null;
  try {
    if (u > 0) manifest = productionManifest(readFileSync(join(import.meta.dirname, '..', 'manifest.xml'), 'utf8'), process.argv[u + 1] ?? '');
  } catch (err) {
    console.error(`错误：${err.message}`);
    process.exit(2);
  }
  const dir = await buildAddin({ host: i > 0 ? process.argv[i + 1] : undefined, officeJs });
  console.log(`任务窗格已生成：${dir}${officeJs === 'local' ? '（office.js 由本站提供，不访问微软 CDN）' : ''}`);
  if (manifest) {
    const problems = checkManifest(manifest);
    if (problems.length) throw new Error(`生成的清单有问题：\n${problems.join('\n')}`);
    const file = join(dir, '..', 'manifest.xml');
    writeFileSync(file, manifest);
    console.log(`正式部署用的清单：${file}（地址 ${process.argv[u + 1]}；仓库中的 manifest.xml 仍指向 localhost，供开发使用）`);
  }
}

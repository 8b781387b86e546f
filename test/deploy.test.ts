/**
 * Deploying like an Office add-in (issue 24, item 8): `npm run build -- --url https://…`
 * writes dist/manifest.xml with the school's address and no localhost, the checked-in
 * manifest.xml stays on localhost; `npm start` sideloads where desktop Excel is installed
 * and says what to do where it is not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExcel, noExcelAdvice, productionManifest } from '../scripts/deploy.mjs';
import { checkManifest, MANIFEST_XSD } from '../scripts/validate-manifest.mjs';
import { optionalShared, tempDir } from './helpers.js';
import { writeFileSync } from 'node:fs';

const ROOT = join(import.meta.dirname, '..');
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const URL_ = 'https://zzb.example.edu.cn/zhuanjie';

describe('the production manifest', () => {
  const built = productionManifest(manifest, `${URL_}/`);

  it('has the school’s address everywhere and no localhost; the AppDomain is the site’s origin', () => {
    expect(built).not.toMatch(/localhost/i);
    expect(built).toContain(`<SourceLocation DefaultValue="${URL_}/taskpane.html"/>`);
    expect(built).toContain(`DefaultValue="${URL_}/assets/icon-16.png"`);
    expect(built).toContain('<AppDomain>https://zzb.example.edu.cn</AppDomain>');
    // Nothing else changed: same number of addresses, and it passes the manifest checks.
    expect(built.match(/https:\/\//g)!.length).toBe(manifest.match(/https:\/\//g)!.length);
    expect(checkManifest(built)).toEqual([]);
  });

  it.skipIf(!optionalShared(MANIFEST_XSD, '生产清单的 XSD 校验'))('validates against the Office add-in manifest schema (../shared)', () => {
    const file = join(tempDir(), 'manifest.xml');
    writeFileSync(file, built);
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', MANIFEST_XSD, file], { stdio: 'pipe' });
  });

  it('the checked-in manifest.xml stays on localhost for development', () => {
    expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  });

  it.each([
    ['http://zzb.example.edu.cn/zhuanjie', '必须是 https'],
    ['https://localhost:3000', '本机地址'],
    ['zzb.example.edu.cn', '不是网址'],
    ['https://zzb.example.edu.cn/?a=1', '不能带 ?'],
  ])('--url %s is refused: %s', (url, said) => expect(() => productionManifest(manifest, url)).toThrow(said));

  it('`build-addin.mjs --url http://…` exits 2 with one Chinese line before building anything', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-addin.mjs'), '--url', 'http://zzb.example.edu.cn'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('错误：--url 必须是 https 地址（Office 只加载 https 的加载项）：http://zzb.example.edu.cn');
    expect(r.stdout).toBe('');
  });
});

describe('npm start', () => {
  it('finds desktop Excel where Office installs it on Windows and Mac, and nowhere on Linux', () => {
    const win = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
    expect(findExcel('win32', (p) => p.replace(/\//g, '\\') === win, { ProgramFiles: 'C:\\Program Files' })?.replace(/\//g, '\\')).toBe(win);
    expect(findExcel('win32', () => false, { ProgramFiles: 'C:\\Program Files' })).toBeNull();
    expect(findExcel('darwin', (p) => p === '/Applications/Microsoft Excel.app')).toBe('/Applications/Microsoft Excel.app');
    expect(findExcel('linux', () => true)).toBeNull();
  });

  it('without Excel it says what to do: Excel on the web with manifest.xml, or npm start on a PC with Excel, and the production build', () => {
    const text = noExcelAdvice('linux');
    expect(text).toContain('没有桌面版 Excel');
    expect(text).toContain('上传我的加载项');
    expect(text).toContain('manifest.xml');
    expect(text).toContain('npm run build -- --url');
  });

  it('package.json: start sideloads through scripts/start.mjs; the build passes --url on to the add-in build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('npm run build && node scripts/start.mjs');
    expect(pkg.scripts.build).toMatch(/node scripts\/build-addin\.mjs$/);
  });
});

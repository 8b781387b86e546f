// `npm run validate`: check manifest.xml with nothing outside the repository (a real
// XML parser and the facts the pane needs), then, when the optional reference folder
// ../shared is beside the repository, also against Microsoft's XSD with xmllint.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaxesParser } from 'saxes';

const OFFICE = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Icon sizes scripts/build-addin.mjs writes under assets/. */
const ICON_SIZES = [16, 32, 64, 80];

/** Parse XML into a small element tree { ns, name, attrs, children, text }; malformed XML throws. */
export function parseXml(text) {
  const parser = new SaxesParser({ xmlns: true });
  const root = { ns: '', name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (e) => { throw e; });
  parser.on('opentag', (t) => {
    const attrs = {};
    for (const a of Object.values(t.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue; // namespace declarations, not data
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const el = { ns: t.uri, name: t.local, attrs, children: [], text: '' };
    stack.at(-1).children.push(el);
    stack.push(el);
  });
  parser.on('text', (s) => { stack.at(-1).text += s; });
  parser.on('closetag', () => { stack.pop(); });
  parser.write(text).close();
  return root.children[0];
}

const all = (el, name) => [el, ...el.children.flatMap((c) => all(c, name))].filter((e) => !name || e.name === name);
const child = (el, name) => el?.children.find((c) => c.name === name);

/** Problems (Chinese, one per line) that would stop Excel loading the pane; [] when fine. */
export function checkManifest(text) {
  let root;
  try {
    root = parseXml(text);
  } catch (err) {
    return [`manifest.xml 不是格式正确的 XML：${err.message}`];
  }
  const problems = [];
  const need = (ok, msg) => { if (!ok) problems.push(msg); };
  need(root.name === 'OfficeApp' && root.ns === OFFICE, '根元素应为 Office 加载项清单 1.1 的 OfficeApp');
  need(root.attrs[`{${XSI}}type`] === 'TaskPaneApp', 'OfficeApp 应为 xsi:type="TaskPaneApp"（任务窗格加载项）');
  need(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(child(root, 'Id')?.text.trim() ?? ''), 'Id 应为 GUID');
  need(/^\d+(\.\d+){0,3}$/.test(child(root, 'Version')?.text.trim() ?? ''), 'Version 应为 1.0.0.0 形式');
  need(child(root, 'DefaultLocale')?.text.trim() === 'zh-CN', 'DefaultLocale 应为 zh-CN');
  need(Boolean(child(root, 'DisplayName')?.attrs.DefaultValue), '缺少 DisplayName');
  need(child(root, 'Permissions')?.text.trim() === 'ReadWriteDocument', 'Permissions 应为 ReadWriteDocument（标记和插入模板要写工作簿）');
  need(child(child(root, 'Hosts'), 'Host')?.attrs.Name === 'Workbook', 'Hosts 应只含 Workbook（Excel）');
  const excelApi = all(root, 'Set').find((s) => s.attrs.Name === 'ExcelApi');
  need(excelApi?.attrs.MinVersion === '1.7', 'Requirements 应要求 ExcelApi 1.7（与任务窗格的检查一致）');

  const source = child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue ?? '';
  let origin = '';
  try {
    const u = new URL(source);
    origin = u.origin;
    need(u.protocol === 'https:', `SourceLocation 必须是 https 地址：${source}`);
    need(u.pathname.endsWith('/taskpane.html'), `SourceLocation 应指向 taskpane.html：${source}`);
  } catch {
    problems.push(`SourceLocation 不是有效地址：${source || '（空）'}`);
  }
  need(all(root, 'AppDomain').some((d) => d.text.trim() === origin), `AppDomains 应包含任务窗格所在的站点 ${origin}`);

  // Every URL is https on the pane's own site (one place to replace when deploying).
  const urls = all(root).flatMap((e) => Object.values(e.attrs)).filter((v) => /^[a-z]+:\/\//i.test(v));
  for (const v of urls) need(v.startsWith(`${origin}/`) && v.startsWith('https://'), `地址应与任务窗格同站点且为 https：${v}`);
  for (const tag of ['IconUrl', 'HighResolutionIconUrl']) {
    const v = child(root, tag)?.attrs.DefaultValue ?? '';
    need(ICON_SIZES.some((s) => v.endsWith(`/assets/icon-${s}.png`)), `${tag} 应指向构建生成的 assets/icon-{${ICON_SIZES.join(',')}}.png：${v}`);
  }

  // The ribbon button opens the pane, and every resid resolves to a defined resource.
  const resources = new Map(all(root).filter((e) => e.ns === BT && e.attrs.id && e.attrs.DefaultValue).map((e) => [e.attrs.id, e]));
  for (const e of all(root).filter((x) => x.attrs.resid)) need(resources.has(e.attrs.resid), `resid「${e.attrs.resid}」没有定义`);
  for (const e of all(root).filter((x) => x.ns === BT && x.name === 'Image' && x.attrs.id)) {
    need(ICON_SIZES.some((s) => e.attrs.DefaultValue.endsWith(`/assets/icon-${s}.png`)), `图标 ${e.attrs.id} 应指向构建生成的图标：${e.attrs.DefaultValue}`);
  }
  const action = all(root, 'Action').find((a) => a.attrs[`{${XSI}}type`] === 'ShowTaskpane');
  const paneUrl = resources.get(child(action ?? root, 'SourceLocation')?.attrs.resid ?? '')?.attrs.DefaultValue;
  need(Boolean(action), '功能区按钮应有 ShowTaskpane 操作');
  need(paneUrl === source, `功能区按钮打开的地址（${paneUrl ?? '无'}）应与 SourceLocation 相同`);
  need(all(root, 'OfficeTab').some((t) => t.attrs.id === 'TabHome'), '按钮应在「开始」选项卡（TabHome）');
  return problems;
}

/** Microsoft's XSD in the optional reference folder (../shared, or $ZHUANJIE_SHARED). */
export const MANIFEST_XSD = join(process.env.ZHUANJIE_SHARED || join(import.meta.dirname, '..', '..', 'shared'), 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(import.meta.dirname, '..', 'manifest.xml');
  const problems = checkManifest(readFileSync(file, 'utf8'));
  if (problems.length) {
    console.error(`manifest.xml 有 ${problems.length} 处问题：\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('manifest.xml：结构、地址和功能区按钮检查通过。');
  if (existsSync(MANIFEST_XSD)) {
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', MANIFEST_XSD, file], { stdio: 'inherit' });
  } else {
    console.log(`未做 XSD 校验：可选的参考文件夹中没有清单架构（${MANIFEST_XSD}）。`);
  }
}

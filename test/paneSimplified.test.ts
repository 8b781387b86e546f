/**
 * The pane's share of OpenCC's TSCharacters (scripts/paneSimplified.mjs, issue 23): the pane
 * bundle folds traditional characters with only the pairs that can reach a character of its
 * sources, and must still give the Node job's findings on the same rows (one rule set).
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import FULL from 'opencc-js/dict/TSCharacters';
import { describe, expect, it } from 'vitest';
import { buildAddin } from '../scripts/build-addin.mjs';
import { currentPaneTable, paneSimplified, paneSourceFiles, sourceCharacters, sourceRanges, tablePairs } from '../scripts/paneSimplified.mjs';
import { RECEIPT_STATUS_WORDS } from '../shared/fields.js';
import { fieldDef } from '../shared/fields.js';
import type { Cell } from '../shared/normalize.js';
import type { SheetSnapshot } from '../shared/table.js';
import { toSimplified } from '../shared/simplified.js';
import { validateSheet } from '../shared/validate.js';
import { registrationRows } from './e2e/sheet5k.js';
import { CLEAN, sheet, tempDir } from './helpers.js';

/** A fold as shared/simplified.ts reads a table: each character's first simplified form. */
function folder(text: string): (s: string) => string {
  const map = new Map(tablePairs(text));
  return (s) => [...s].map((ch) => map.get(ch) ?? ch).join('');
}
const full = folder(FULL);
const files = await paneSourceFiles();
const PANE_TABLE = await currentPaneTable();
const pane = folder(PANE_TABLE);
const sources = sourceCharacters(files);
const ranges = sourceRanges(files);

/** shared/validate.ts and shared/simplified.ts bundled as the pane bundles them (the pane's table). */
async function paneRules(): Promise<{ validateSheet: typeof validateSheet; toSimplified: typeof toSimplified }> {
  const root = join(import.meta.dirname, '..');
  const out = await build({
    stdin: { contents: "export { validateSheet } from './shared/validate.ts'; export { toSimplified } from './shared/simplified.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'neutral', write: false, plugins: [paneSimplified], logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.contents).toString('base64')}`);
}

/** A sheet as a college in Hong Kong-style or Taiwan-style writing would send it: every cell and header in traditional characters. */
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const traditional = (s: SheetSnapshot): SheetSnapshot => ({ ...s, rows: s.rows.map((r) => r.map((c: Cell) => (typeof c === 'string' ? toTraditional(c) : c))) });

describe('the pane folds traditional characters with part of TSCharacters', () => {
  it('is a small part of the table (the bundle carries it on every open)', () => {
    expect(PANE_TABLE.length).toBeLessThan(FULL.length / 4);
  });

  it('every character of the modules the pane bundles folds as with the full table', () => {
    expect(files.some((f) => f.endsWith('shared/rules.ts')) && files.some((f) => f.endsWith('addin/main.ts'))).toBe(true);
    expect(sources.size).toBeGreaterThan(500);
    expect(sources.has('党') && sources.has('內')).toBe(true);
    const differ = [...sources].filter((ch) => pane(ch) !== full(ch));
    expect(differ).toEqual([]);
  });

  it('any character folds as with the full table, or stays as written where neither form is one the rules name and no pattern or length tells them apart', () => {
    // The footer pattern's [\u4e00-\u9fa5] (填表人：) is one such range.
    expect(ranges).toContainEqual([0x4e00, 0x9fa5]);
    const inside = (ch: string) => ranges.map(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b);
    const named = new Set([...sources].flatMap((ch) => [ch, full(ch)]));
    let kept = 0;
    for (const [t] of tablePairs(FULL)) {
      if (pane(t) === full(t)) kept++;
      else {
        expect(pane(t)).toBe(t);
        expect(named.has(t) || named.has(full(t))).toBe(false);
        expect([t.length, /\p{Script=Han}/u.test(t), ...inside(t)]).toEqual([full(t).length, /\p{Script=Han}/u.test(full(t)), ...inside(full(t))]);
      }
    }
    expect(kept).toBeGreaterThan(200);
  });

  it('values compared between rows are not folded: 学号 and ID numbers are codes, 姓名 stays as written', () => {
    expect(fieldDef('studentId').kind).toBe('code');
    expect(fieldDef('idNumber').kind).toBe('id');
    // 龜 is no character of the rules: the pane would keep it, the job would read 龟. As a code, neither folds it.
    expect(pane('龜')).toBe('龜');
    expect(full('龜')).toBe('龟');
    const rows = validateSheet(sheet({ ...CLEAN, 学号: '2022龜01' }, { ...CLEAN, 学号: '2022龟01', 身份证号: '110108200403151055' }), { today: '2026-06-10' });
    expect(rows.findings.filter((f) => f.code === 'STUDENT_ID_DUPLICATE')).toEqual([]);
  });
});

describe('the pane and the Node job give the same findings on a sheet written in traditional characters', () => {
  const today = '2026-06-10';
  /** The 5,000-row test sheet's first 600 rows (repeated 学号, short phones, gender against ID) and rows that reach the folded rules. */
  const rows = [
    { ...CLEAN, 党员类别: '预备党员', 预备党员考察表: '未提供' },
    { ...CLEAN, 介绍信抬头: '某某公司党支部' },
    { ...CLEAN, 转接类型: '京内', 办理方式: '纸质介绍信', 组织编码: '011100238152', 接收党组织: '中共北京某某科技有限公司第一支部委员会', 介绍信编号: '1', 有效期: 30 },
    { ...CLEAN, 转接类型: '京内', 接收党组织: '中共北京某某大学计算机学院总支部委员会', 组织编码: '011100238152' },
    { ...CLEAN, 毕业去向: '未落实', 接收党组织: '长沙市岳麓区人才交流服务中心党委' },
    { ...CLEAN, 毕业去向: '未落实', 接收党组织: '中共长沙某某贸易有限公司支部委员会' },
    { ...CLEAN, 毕业去向: '出国(境)', 接收党组织: '待定' },
    { ...CLEAN, 毕业去向: '升学', 接收党组织: '开学后确定' },
    { ...CLEAN, 办理方式: '纸质版', 介绍信抬头: '中国人民解放军某部政治工作部', 接收党组织: '某部队党委', 介绍信编号: '12', 有效期: 60 },
    { ...CLEAN, 转接类型: '院内转接', 介绍信抬头: '无', 接收党组织: '计算机学院2022级研究生第三党支部' },
    { ...CLEAN, 党员类别: '中共预备党员', 入党时间: '2025-01-10', 预备党员考察表: '已提交' },
    { ...CLEAN, 办理方式: '线下办理', 介绍信编号: '', 有效期: '' },
    { ...CLEAN, 性别: '女', 姓名: '欧阳晓雯', 毕业去向: '灵活就业' },
  ];
  const own = sheet(...rows);
  // A footer whose first character (䰾, CJK Ext. A) reads as one inside the footer pattern's range (鲃): 「…人：」 below the table.
  own.rows.push(['䰾人：王某', null], ['填表人：李老师']);
  const big = { name: '登记表', rows: registrationRows(600) };

  it.each([
    ['registration rows that reach the folded rules', own],
    ['the test sheet of the add-in', big],
  ])('%s', async (_, simplified) => {
    const written = traditional(simplified);
    const mine = await paneRules();
    const job = validateSheet(written, { today });
    const inPane = mine.validateSheet(written, { today });
    // The sheet is really traditional, reads as its simplified self in the job, and has characters the pane leaves as they are.
    const cells = written.rows.flat().filter((c): c is string => typeof c === 'string');
    expect(cells.filter((c) => toSimplified(c) !== c).length).toBeGreaterThan(20);
    expect(cells.some((c) => mine.toSimplified(c) !== toSimplified(c))).toBe(true);
    expect(job.findings.map((f) => f.code)).toEqual(validateSheet(simplified, { today }).findings.map((f) => f.code));
    expect(job.findings.length).toBeGreaterThan(5);
    expect(inPane.findings).toEqual(job.findings);
    expect(inPane.header).toEqual(job.header);
    expect(inPane.headerRow).toBe(job.headerRow);
  });
});

describe('the pane bundle carries what the pane uses', () => {
  it('the pane\'s share of the table, not the whole, and no receipt status words (the pane reads no receipts)', async () => {
    const out = tempDir('zhuanjie-pane-');
    try {
      const js = readFileSync(join(await buildAddin({ out }), 'taskpane.js'), 'utf8');
      // Booleans, not the bundle: a failure should not print 80 KB.
      expect(js.includes(PANE_TABLE)).toBe(true);
      expect(js.includes('龜 龟')).toBe(false);
      const words: readonly string[] = Object.values(RECEIPT_STATUS_WORDS).flat();
      for (const w of ['已归档', '党员转出成功', '审批通过待接收']) expect(words).toContain(w);
      expect(/已归档|党员转出成功|审批通过待接收/.test(js)).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

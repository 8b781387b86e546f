/**
 * Regenerates test/fixtures: a small registration table written by ExcelJS, then
 * re-saved by LibreOffice (soffice) as .xlsx, .xls and .ods, and a GBK CSV as
 * Excel on Chinese Windows saves it; and test/fixtures/reading/ (scripts/readingFixtures.ts):
 * the same members written every way a college's workbook differs from the standard sheet.
 * Run: npx tsx scripts/make-fixtures.ts [reading]   (needs soffice, and /usr/bin/python3 with openpyxl;
 * `reading` writes only test/fixtures/reading/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { newWorkbook, workbookBuffer } from '../jobs/lib/excel.js';
import { writeReadingFixtures } from './readingFixtures.js';

const out = join(import.meta.dirname, '..', 'test', 'fixtures');
const header = ['序号', '学院', '所在党支部', '姓名', '性别', '学号', '公民身份号码\n（18位）', '党员类别（正式/预备）', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期（天）', '党费交至', '预备党员考察表', '联系电话', '备注'];
const base = ['经济管理学院党委', '经济管理学院2022级本科生第二党支部'];
const rows: (string | number)[][] = [
  [1, ...base, '何嘉欣', '女', '2022020201', '110108200403151224', '正式党员', '2024-05-20', '京外', '线上', '中共广州市天河区委组织部', '中共广州市天河区猎德街道工作委员会', '', '就业', '广州某某有限公司', '', '2026-06-12', '', '2026年6月', '', '13911112222', ''],
  [2, ...base, '许文博', '男', '2022020202', '110108200402021030', '正式党员', '2024.5.20', '京内', '线上', '', '中共北京某某银行股份有限公司某支行支部委员会', '011100455120', '就业', '北京某某银行', '', '2026/6/12', '', '2026-06', '', '+86 139 2222 3333', ''],
  [3, ...base, '沈佳琪', '女', '2022020203', '110108200401011244', '正式党员', '2024年5月20日', '京外', '线上', '中共南京市鼓楼区委组织部', '中共南京市鼓楼区宁海路街道工作委员会', '', '就业', '南京某某公司', '', '2026年6月12日', '', '2026年6月', '', '13933334444', ''],
  [4, ...base, '彭志强', '男', '2022020202', '110108200312241478', '正式党员', '2024-05-20', '京内', '纸质介绍信', '', '中共北京某某科技有限公司第一支部委员会', '011100238152', '就业', '北京某某科技', '2026042', '2026-06-12', 30, '2026年6月', '', '13944445555', ''],
  [5, ...base, '欧阳雪', '女', '2022020205', '110108200302141271', '预备党员', '2025-12-02', '京外', '线上', '中共重庆市渝中区委组织部', '中共重庆市渝中区解放碑街道工作委员会', '', '就业', '重庆某某公司', '', '2026-06-12', '', '2026年6月', '', '13955556666', ''],
];

const onlyReading = process.argv[2] === 'reading';
if (!onlyReading) await writeLoFixtures();
await writeReadingFixtures(join(out, 'reading'));

async function writeLoFixtures() {
const wb = newWorkbook();
const ws = wb.addWorksheet('登记表');
ws.addRow(['2026届毕业生党员组织关系介绍信登记表']);
ws.mergeCells(1, 1, 1, header.length);
ws.addRow(header);
for (const r of rows) ws.addRow(r);
ws.addRow([]);
ws.addRow(['', '', '', '   ']);
const tmp = mkdtempSync(join(tmpdir(), 'fixtures-'));
const src = join(tmp, 'source.xlsx');
writeFileSync(src, await workbookBuffer(wb));
for (const [fmt, name] of [['xlsx', 'lo_reg.xlsx'], ['xls', 'lo_reg.xls'], ['ods', 'lo_reg.ods']] as const) {
  const dir = mkdtempSync(join(tmp, fmt));
  execFileSync('soffice', ['--headless', '--convert-to', fmt, '--outdir', dir, src], { stdio: 'ignore' });
  renameSync(join(dir, `source.${fmt}`), join(out, name));
}
const csv = [['2026届毕业生党员组织关系介绍信登记表'], header.map((h) => h.replace(/\n/g, '')), ...rows]
  .map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','))
  .join('\r\n');
writeFileSync(join(out, 'reg_gbk_semicolon.csv'), iconv.encode(csv.replace(/,/g, ';'), 'gbk'));
writeFileSync(join(out, 'reg_utf8_bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
console.log('fixtures written to', out);
}

/**
 * Regenerates test/hostile: what a real inbox of spreadsheets throws at the reader.
 * Deterministic; the files are committed and test/hostile.test.ts states each outcome.
 * Run: npx tsx scripts/make-hostile.ts
 */
import { writeZip, type ZipEntry } from './zipWriter.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import officeCrypto from 'officecrypto-tool';
import * as XLSX from 'xlsx';
import { newWorkbook, workbookBuffer } from '../jobs/lib/excel.js';
import { CLEAN, HEADER } from '../test/helpers.js';
import type { Cell } from '../shared/normalize.js';

const out = join(import.meta.dirname, '..', 'test', 'hostile');
mkdirSync(out, { recursive: true });
const put = (name: string, bytes: Buffer | string) => writeFileSync(join(out, name), bytes);

const row = (o: Record<string, Cell> = {}): Cell[] => HEADER.map((h) => (h in o ? o[h] : CLEAN[h]) ?? null);
/** Three members: one clean, one with a bad phone, one with a bad ID check character. */
const THREE = [
  row({ 姓名: '张明远', 学号: '2022083101' }),
  row({ 姓名: '李思涵', 性别: '女', 学号: '2022083102', 身份证号: '110108200401011244', 联系电话: '1391234567' }),
  row({ 姓名: '王浩然', 学号: '2022083103', 身份证号: '110108200312241470' }),
];

function sheetjsBook(rows: Cell[][], opts: { name?: string; ref?: string } = {}): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  if (opts.ref) ws['!ref'] = opts.ref;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, opts.name ?? '登记表');
  return wb;
}
const xlsx = (wb: XLSX.WorkBook): Buffer => XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
const base = xlsx(sheetjsBook([HEADER, ...THREE]));

// --- Not workbooks at all, or broken ones ---------------------------------------------
put('empty.xlsx', Buffer.alloc(0));
let seed = 20260612;
put('random.xlsx', Buffer.from(Array.from({ length: 8192 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255)));
put('truncated.xlsx', base.subarray(0, Math.floor(base.length / 2)));
// The central directory is intact, the compressed sheet data is not.
const corrupt = Buffer.from(base);
const sheetAt = corrupt.indexOf('xl/worksheets/sheet1.xml');
corrupt.fill(0xaa, sheetAt + 40, sheetAt + 400);
put('corrupt.xlsx', corrupt);

// --- Password-protected (agile encryption, as Excel 2010+ writes; msoffcrypto-tool decrypts it) ---
put('encrypted.xlsx', officeCrypto.encrypt(base, { password: '党建2026' }));

// --- Zip bombs -------------------------------------------------------------------------------------------------------------
// Nine directory entries share one 256 MB stream of sheet XML (an overlapping-entry
// bomb): 2.3 GB declared in a file of a few hundred KB.
zipBomb(join(out, 'bomb.xlsx'), { bytes: 256 * 1024 ** 2, copies: 9 });
// One 256 MB sheet whose directory claims 1 MB: only inflating tells.
zipBomb(join(out, 'bomb-lying.xlsx'), { bytes: 256 * 1024 ** 2, declared: 1024 ** 2 });

// --- Extremes of the grid --------------------------------------------------------------
{
  // A stray value in the last cell of the grid, so the sheet's dimension is the whole grid.
  const wb = newWorkbook();
  const ws = wb.addWorksheet('登记表');
  ws.addRow(HEADER);
  for (const r of THREE) ws.addRow(r);
  ws.getCell('XFD1048576').value = '末行';
  put('grid-corner.xlsx', await workbookBuffer(wb));
}
put('long-cells.xlsx', xlsx(sheetjsBook([
  [...HEADER, '备注'],
  [...row({ 姓名: '张'.repeat(32_767) }), '备'.repeat(32_767)],
  [...row({ 学号: '2022083102', 身份证号: '110108200401011244', 性别: '女', 姓名: '李思涵' }), '注'.repeat(32_767)],
])));

// --- What web systems export under an .xls name ----------------------------------------
const esc = (v: Cell) => String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
const html = (charset: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"></head><body><table border="1">\n${[HEADER, ...THREE]
  .map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('\n')}\n</table></body></html>\n`;
put('html-table.xls', html('utf-8'));
put('html-table-gbk.xls', iconv.encode(html('gb2312'), 'gbk'));
put('spreadsheetml-2003.xls', `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="登记表">
  <Table>
${[HEADER, ...THREE].map((r) => `   <Row>${r.map((v) => `<Cell><Data ss:Type="String">${esc(v)}</Data></Cell>`).join('')}</Row>`).join('\n')}
  </Table>
 </Worksheet>
</Workbook>
`);

// --- CSV as Excel, WPS and web systems save it -------------------------------------------
const csv = (sep: string) => [HEADER, ...THREE].map((r) => r.map((v) => String(v ?? '')).join(sep)).join('\r\n') + '\r\n';
put('utf8.csv', csv(','));
put('utf8-bom.csv', '\uFEFF' + csv(','));
put('gbk-semicolon.csv', iconv.encode(csv(';'), 'gbk'));
put('utf8-tab.csv', csv('\t'));

// --- Formulas, merges, hidden parts, several sheets (ExcelJS writes these) ------------------
{
  const wb = newWorkbook();
  const ws = wb.addWorksheet('登记表');
  ws.addRow(HEADER);
  ws.addRow(THREE[0]!);
  const r2 = ws.addRow(THREE[1]!.map((v, i) => (HEADER[i] === '联系电话' ? null : v)));
  const r3 = ws.addRow(THREE[2]!);
  const col = (h: string) => HEADER.indexOf(h) + 1;
  // A cached formula result is what Excel shows; SheetJS reads the cache.
  r2.getCell(col('联系电话')).value = { formula: 'TEXT(13912345678,"0")', result: '13912345678' };
  r3.getCell(col('学号')).value = { formula: 'VLOOKUP(C4,名单!A:B,2,FALSE)', result: { error: '#N/A' } };
  r3.getCell(col('接收党组织')).value = { formula: '#REF!', result: { error: '#REF!' } };
  put('formulas.xlsx', await workbookBuffer(wb));
}
{
  const wb = newWorkbook();
  const ws = wb.addWorksheet('登记表');
  ws.addRow(['2026届毕业生党员组织关系介绍信登记表']);
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.addRow(HEADER);
  for (const r of THREE) ws.addRow(r);
  // 学院 and 所在党支部 merged down the block, as secretaries lay out a printed table.
  const col = (h: string) => HEADER.indexOf(h) + 1;
  ws.mergeCells(3, col('学院'), 5, col('学院'));
  ws.mergeCells(3, col('所在党支部'), 5, col('所在党支部'));
  ws.getRow(4).hidden = true;
  put('merged-hidden-rows.xlsx', await workbookBuffer(wb));
}
{
  const wb = newWorkbook();
  const old = wb.addWorksheet('去年的表', { state: 'hidden' });
  old.addRow(HEADER);
  old.addRow(row({ 联系电话: '123' }));
  const notes = wb.addWorksheet('填表说明');
  notes.addRow(['请按下表填写，身份证号列为文本格式。']);
  const ws = wb.addWorksheet('登记表');
  ws.addRow(HEADER);
  for (const r of THREE) ws.addRow(r);
  put('several-sheets.xlsx', await workbookBuffer(wb));
}

// --- Rare characters and hostile header names ---------------------------------------------
put('rare-names.xlsx', xlsx(sheetjsBook([
  HEADER,
  row({ 姓名: '𠮷田梦', 学号: '2022083111', 性别: '女', 身份证号: '110108200401011244' }),
  row({ 姓名: '买买提·吐尔逊', 学号: '2022083112' }),
  row({ 姓名: '阿依古丽•艾买提', 学号: '2022083113', 性别: '女', 身份证号: '110108200403151224' }),
  row({ 姓名: '迪丽‧娜扎', 学号: '2022083114', 性别: '女', 身份证号: '110108200202141281' }),
  row({ 姓名: '𡈽山', 学号: '2022083115', 身份证号: '110108200402021030' }),
])));
put('proto-headers.xlsx', xlsx(sheetjsBook([
  [...HEADER, '__proto__', 'constructor', 'toString'],
  [...THREE[0]!, '{"polluted":true}', 'x', 'y'],
])));

console.log(`已生成：${out}`);

/**
 * A minimal .xlsx whose sheet inflates to `bytes` of XML (mostly white space), listed
 * `copies` times in the central directory (sheet1.xml, sheet2.xml … all pointing at the
 * same data), with `declared` as its size in the headers when given (a lie).
 */
function zipBomb(file: string, { bytes, declared, copies = 1 }: { bytes: number; declared?: number; copies?: number }) {
  const parts = XLSX.CFB.read(base, { type: 'buffer' });
  const entries: ZipEntry[] = [];
  for (const [i, path] of parts.FullPaths.entries()) {
    const f = parts.FileIndex[i]!;
    if (f.type !== 2 || path.endsWith('/')) continue;
    const name = path.replace(/^[^/]*\//, '');
    if (name === 'xl/worksheets/sheet1.xml') continue;
    const raw = Buffer.from(f.content as Uint8Array);
    entries.push({ name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length });
  }
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  // Each piece is deflated on its own and ends in a full flush (byte-aligned, no shared
  // history), so one compressed run of spaces can be repeated to make the whole stream.
  const pad = Buffer.alloc(64 * 1024 * 1024, 0x20);
  const flushed = (b: Buffer) => deflateRawSync(b, { level: constants.Z_BEST_COMPRESSION, finishFlush: constants.Z_FULL_FLUSH });
  const padZ = flushed(pad);
  const reps = Math.ceil((bytes - head.length - tail.length) / pad.length);
  const pieces = [flushed(head), ...Array.from({ length: reps }, () => padZ), deflateRawSync(tail)];
  let crc = crc32(head);
  for (let i = 0; i < reps; i++) crc = crc32(pad, crc);
  crc = crc32(tail, crc);
  const size = head.length + reps * pad.length + tail.length;
  const aliases = Array.from({ length: copies - 1 }, (_, i) => `xl/worksheets/sheet${i + 2}.xml`);
  entries.push({ name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(pieces), crc, size: declared ?? size, aliases });

  writeZip(file, entries);
}


/**
 * Hostile inputs for the memory bound (test/memory.test.ts, `npm run bench`), made on
 * the fly in a few hundred KB: a workbook whose one sheet honestly unpacks to `bytes`
 * of real cells, and a CSV with one enormous quoted field. Streamed, so making them
 * costs the test process almost nothing.
 */
import { writeZip } from '../scripts/zipWriter.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';

/** The parts of a one-cell workbook SheetJS writes, minus its sheet. */
function skeleton(): { name: string; raw: Buffer }[] {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['学号']]), '登记表');
  const parts = XLSX.CFB.read(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, { type: 'buffer' });
  const out: { name: string; raw: Buffer }[] = [];
  for (const [i, path] of parts.FullPaths.entries()) {
    const f = parts.FileIndex[i]!;
    if (f.type !== 2 || path.endsWith('/')) continue;
    const name = path.replace(/^[^/]*\//, '');
    if (name !== 'xl/worksheets/sheet1.xml') out.push({ name, raw: Buffer.from(f.content as Uint8Array) });
  }
  return out;
}



/**
 * An .xlsx whose sheet is `bytes` of genuine rows of 20 cells each — no lie
 * in its sizes, every byte a cell SheetJS must build. One compressed block of rows,
 * byte-aligned by a full flush, repeated.
 */
export function bigSheetXlsx(file: string, bytes: number, cell = '<c><v>2022083101</v></c>'): void {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const row = `<row>${cell.repeat(20)}</row>`;
  const block = Buffer.from(row.repeat(Math.ceil((4 * 1024 * 1024) / row.length)));
  const flushed = (b: Buffer) => deflateRawSync(b, { level: constants.Z_BEST_COMPRESSION, finishFlush: constants.Z_FULL_FLUSH });
  const blockZ = flushed(block);
  const reps = Math.max(1, Math.round((bytes - head.length - tail.length) / block.length));
  let crc = crc32(head);
  for (let i = 0; i < reps; i++) crc = crc32(block, crc);
  crc = crc32(tail, crc);
  const sheet = { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat([flushed(head), ...Array.from({ length: reps }, () => blockZ), deflateRawSync(tail)]), crc, size: head.length + reps * block.length + tail.length };
  writeZip(file, [...skeleton().map((p) => ({ name: p.name, data: deflateRawSync(p.raw), crc: crc32(p.raw), size: p.raw.length })), sheet]);
}

/** A registration CSV whose second row holds one quoted field of `bytes` characters. */
export function bigFieldCsv(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '姓名,学号,身份证号,备注\n张明远,2022083101,110108200403151232,"');
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let n = 0; n < bytes; n += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - n));
    writeSync(fd, '"\n');
  } finally {
    closeSync(fd);
  }
}

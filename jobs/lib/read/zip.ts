/**
 * What the reader checks in a zip container (.xlsx .xlsm .ods) before SheetJS sees it. SheetJS trusts the container: a truncated zip sends it into a loop, a zip
 * bomb into the heap limit, and corrupt deflate data comes back as an empty sheet.
 */
import { crc32, inflateRawSync } from 'node:zlib';

/** Zip-based workbooks declaring more than this are zip bombs. */
export const BOMB_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Zip-based workbooks expanding beyond this are refused before parsing: SheetJS builds
 * every cell of every sheet, about 7.5 bytes of memory per byte of sheet XML (measured:
 * 100 MB → 0.88 GB, 150 MB → 1.26 GB peak RSS), so this keeps a read near 1 GB. A real
 * 100,000-row registration unpacks to 94 MB.
 */
export const MAX_UNZIPPED_BYTES = 112 * 1024 * 1024;
/**
 * Small cells cost more per byte (about 175 bytes of memory each: 4.2 million cells of
 * `<c><v>1</v></c>` → 0.74 GB), so cells are counted too. A 100,000-row registration
 * of 24 columns has 2.4 million.
 */
export const MAX_CELLS = 5_000_000;

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

export type Container = 'zip' | 'cfb' | 'text' | 'binary';

/** What the bytes are, whatever the file's name says. */
export function containerOf(buf: Buffer): Container {
  if (buf.length >= 4 && buf.readUInt32LE(0) === LOCAL) return 'zip';
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return 'cfb';
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return 'text';
  return buf.subarray(0, 4096).includes(0) ? 'binary' : 'text';
}

interface Entry { name: string; method: number; crc: number; compressed: number; size: number; offset: number }

/** The central directory, or a Chinese reason why it cannot be trusted. */
function entries(buf: Buffer): Entry[] | string {
  const floor = Math.max(0, buf.length - 65_557);
  let end = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === END) { end = i; break; }
  }
  if (end < 0) return '文件不完整（压缩包被截断，可能是下载或拷贝中断）。请重新导出或另存后再提交。';
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const list: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return '文件已损坏（压缩包目录不完整）。请用 Excel 或 WPS 打开后另存为 .xlsx。';
    const nameLen = buf.readUInt16LE(at + 28);
    list.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return list;
}

const CORRUPT = '文件已损坏（压缩数据校验失败）。请用 Excel 或 WPS 打开后另存为 .xlsx，或重新导出。';
const bomb = () => `文件解压后超过 ${BOMB_BYTES / 1024 ** 3} GB，已拒绝读取（疑似压缩炸弹）。`;
const tooBig = (total: number) => `文件解压后约 ${Math.round(total / 1024 ** 2)} MB，超过上限 ${MAX_UNZIPPED_BYTES / 1024 ** 2} MB（约 10 万行登记），为免耗尽内存已拒绝读取。请把它拆成几个文件（例如每个学院一个）后再提交。`;
const LYING = '文件实际解压后的大小远超其目录所写（疑似压缩炸弹），已拒绝读取。';
const tooManyCells = () => `文件中的单元格超过 ${MAX_CELLS / 10_000} 万个（约 20 万行登记），为免耗尽内存已拒绝读取。请把它拆成几个文件后再提交。`;

/** Cell elements in a sheet part: `<c ` `<c>` `<c/>` (xlsx) or `<table:table-cell` (ods). */
function countCells(xml: Buffer, ods: boolean): number {
  const tag = Buffer.from(ods ? '<table:table-cell' : '<c');
  let n = 0;
  for (let at = xml.indexOf(tag); at >= 0; at = xml.indexOf(tag, at + tag.length)) {
    const next = xml[at + tag.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f) n++;
  }
  return n;
}

/**
 * Before parsing: a Chinese reason to refuse a truncated or corrupt zip or a zip bomb,
 * or null. Every entry is inflated once, one at a time, never beyond the size its
 * directory declares: a bomb that lies about its size stops there, and corrupt data is
 * caught before SheetJS reads it as an empty or partial sheet. Costs about 2 % of a
 * read (bench: 0.2 s on a 100,000-row workbook).
 */
export function zipProblem(buf: Buffer): string | null {
  if (containerOf(buf) !== 'zip') return null;
  const list = entries(buf);
  if (typeof list === 'string') return list;
  let total = 0;
  for (const e of list) {
    // 0xffffffff marks a zip64 size; SheetJS cannot read those workbooks anyway.
    if (e.size !== 0xffffffff) total += e.size;
    if (total > BOMB_BYTES) return bomb();
  }
  // Refused on the directory's word, before anything is inflated; a directory that
  // understates a size is caught below, never inflating past what it declared.
  if (total > MAX_UNZIPPED_BYTES) return tooBig(total);
  let cells = 0;
  for (const e of list) {
    if (e.name.endsWith('/') || e.size === 0xffffffff) continue;
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) return CORRUPT;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressed);
    let raw: Buffer;
    try {
      if (e.method === 0) raw = data;
      else if (e.method === 8) raw = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) });
      else continue;
    } catch (err) {
      return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? LYING : CORRUPT;
    }
    if (raw.length !== e.size || crc32(raw) !== e.crc) return raw.length > e.size ? LYING : CORRUPT;
    const ods = e.name === 'content.xml';
    if (ods || /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      cells += countCells(raw, ods);
      if (cells > MAX_CELLS) return tooManyCells();
    }
  }
  return null;
}

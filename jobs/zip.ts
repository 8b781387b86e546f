/**
 * What the reader checks in a zip container (.xlsx .xlsm .ods) before and after SheetJS
 * sees it. SheetJS trusts the container: a truncated zip sends it into a loop, a zip
 * bomb into the heap limit, and corrupt deflate data comes back as an empty sheet.
 */
import { crc32, inflateRawSync } from 'node:zlib';

/** Zip-based workbooks expanding beyond this are refused as zip bombs. */
export const MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024;

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

/** Before parsing: a Chinese reason to refuse a truncated zip or a zip bomb, or null. */
export function zipProblem(buf: Buffer): string | null {
  if (containerOf(buf) !== 'zip') return null;
  const list = entries(buf);
  if (typeof list === 'string') return list;
  let total = 0;
  for (const e of list) {
    // 0xffffffff marks a zip64 size; SheetJS cannot read those workbooks anyway.
    if (e.size !== 0xffffffff) total += e.size;
    if (total > MAX_UNZIPPED_BYTES) return `文件解压后超过 ${MAX_UNZIPPED_BYTES / 1024 ** 3} GB，已拒绝读取（疑似压缩炸弹）。`;
  }
  return null;
}

/**
 * After a parse that found nothing: whether any entry fails to inflate or its CRC
 * disagrees. Only on that path, so that good files are not inflated twice.
 */
export function zipCorrupt(buf: Buffer): boolean {
  const list = entries(buf);
  if (typeof list === 'string') return true;
  for (const e of list) {
    if (e.name.endsWith('/')) continue;
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) return true;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressed);
    try {
      const raw = e.method === 0 ? data : e.method === 8 ? inflateRawSync(data, { maxOutputLength: e.size + 1 }) : null;
      if (raw && (raw.length !== e.size || crc32(raw) !== e.crc)) return true;
    } catch {
      return true;
    }
  }
  return false;
}

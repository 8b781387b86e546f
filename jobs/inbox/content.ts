/**
 * What an attachment is, from its first bytes, never from its name or declared type
 * (a.jpg.exe, image/jpeg on a ZIP). Only receipt photos and scans are accepted.
 */
export type ReceiptFileKind = 'jpeg' | 'png' | 'heic' | 'pdf';

export const EXTENSION: Record<ReceiptFileKind, string> = { jpeg: 'jpg', png: 'png', heic: 'heic', pdf: 'pdf' };

/** ISO-BMFF brands of HEIF images (iPhone photos are heic; mif1/msf1 are the generic HEIF brands). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniffReceiptFile(b: Uint8Array): ReceiptFileKind | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (b.length >= 16 && ascii(b, 4, 8) === 'ftyp') {
    // Box size, 'ftyp', major brand, minor version, then compatible brands to the end of the box.
    const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const end = Math.min(size >= 16 ? size : 16, b.length);
    const brands = [ascii(b, 8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, i + 4));
    if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heic';
  }
  return null;
}

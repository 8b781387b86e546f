/**
 * A zip written by hand, for hostile test files no zip library would make: sizes
 * that lie, and several directory entries (aliases) that point at one stored stream.
 * Entries are already deflated (method 8); `size` is what the directory declares.
 */
import { writeFileSync } from 'node:fs';

export interface ZipEntry {
  name: string;
  /** Deflated bytes. */
  data: Buffer;
  crc: number;
  /** The unpacked size the headers declare (the truth, or a lie). */
  size: number;
  /** More directory entries for the same stream. */
  aliases?: string[];
}

export function writeZip(file: string, entries: readonly ZipEntry[]): void {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14); h.writeUInt32LE(e.data.length, 18); h.writeUInt32LE(e.size, 22); h.writeUInt16LE(name.length, 26);
    local.push(h, name, e.data);
    for (const alias of [e.name, ...(e.aliases ?? [])]) {
      const n = Buffer.from(alias);
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
      c.writeUInt32LE(e.crc >>> 0, 16); c.writeUInt32LE(e.data.length, 20); c.writeUInt32LE(e.size, 24); c.writeUInt16LE(n.length, 28);
      c.writeUInt32LE(offset, 42);
      central.push(c, n);
    }
    offset += 30 + name.length + e.data.length;
  }
  const count = entries.reduce((n, e) => n + 1 + (e.aliases?.length ?? 0), 0);
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...local, cd, end]));
}

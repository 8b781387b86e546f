/**
 * Traditional characters read as simplified, once, where values and headers are read:
 * a sheet written in 預備黨員, 線上, 京內, 黨支部 or 總支部委員會 matches the vocabularies and
 * rule keywords as the simplified forms do. The character table is OpenCC's maintained
 * TSCharacters (opencc-js, already used for names), not a hand list; it is about 30 KB,
 * small enough for the pane. Names are compared with OpenCC's full converter instead
 * (shared/names.ts) and keep what was written.
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

let table: Map<number, string> | null = null;
/** One bit per BMP code point that has a simplified form: the test that runs on every character of every cell. */
let bits: Uint8Array | null = null;

/** Code point → its first simplified form, built on first use (with the bit set). */
function simplifiedTable(): Map<number, string> {
  if (table) return table;
  table = new Map();
  bits = new Uint8Array(0x10000 >> 3);
  for (const entry of TS_CHARACTERS.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to || from === to || [...from].length !== 1) continue;
    const cp = from.codePointAt(0)!;
    table.set(cp, to);
    // Astral characters mark their lead surrogate: rare, checked in the map.
    const unit = from.charCodeAt(0);
    bits[unit >> 3]! |= 1 << (unit & 7);
  }
  return table;
}

/** Text with every traditional character replaced by its simplified form; the same string when there is none. */
export function toSimplified(s: string): string {
  const n = s.length;
  let i = 0;
  // Most cells are ASCII, digits or already simplified: find the first character to change, or return.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x3400) continue;
    if (bits === null) simplifiedTable();
    if (bits![c >> 3]! & (1 << (c & 7)) && table!.has(c >= 0xd800 && c <= 0xdbff ? s.codePointAt(i)! : c)) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (const ch of s.slice(i)) out += table!.get(ch.codePointAt(0)!) ?? ch;
  return out;
}

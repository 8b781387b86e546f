/**
 * Text from files (file names, cell values, sheet names) on its way to a terminal:
 * control characters are shown escaped, so a file name with a line break cannot
 * forge a 「全部通过」 line and an ANSI escape cannot clear the screen or recolour it.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n === 0x0a ? '\\n' : n === 0x0d ? '\\r' : n === 0x09 ? '\\t' : n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

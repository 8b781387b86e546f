/**
 * Names compared as people write them: white space of any width inside a name, the
 * middle-dot variants of minority names (· • ‧ ・ ． .), and traditional characters
 * (陳曉明 = 陈晓明, through OpenCC's maintained dictionaries, not a hand table).
 * Names only ever confirm a match made by ID number or 学号; they never make one.
 */
import * as OpenCC from 'opencc-js';
import { normalizeName } from './normalize.js';

let toSimplified: ((s: string) => string) | null = null;
// Built on first use: the dictionaries cost a few milliseconds, and validation never needs them.
const simplified = (s: string): string => (toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' }))(s);

export type NameFolding = 'space' | 'dot' | 'traditional';

export const NAME_FOLDING_TEXT: Record<NameFolding, string> = {
  space: '忽略姓名中的空格',
  dot: '统一间隔号写法',
  traditional: '繁体字按简体比较',
};

/** Whether two names are the same person's, and which foldings that needed (empty when written alike). */
export function compareNames(a: string, b: string): { same: boolean; foldings: NameFolding[] } {
  if (a === b) return { same: true, foldings: [] };
  const foldings: NameFolding[] = [];
  let x = a.replace(/\s+/g, '');
  let y = b.replace(/\s+/g, '');
  if (x !== a || y !== b) foldings.push('space');
  if (x === y) return { same: true, foldings };
  const dx = normalizeName(x);
  const dy = normalizeName(y);
  if (dx !== x || dy !== y) {
    x = dx;
    y = dy;
    if (x === y) return { same: true, foldings: [...foldings, 'dot'] };
  }
  if (simplified(x) === simplified(y)) return { same: true, foldings: [...foldings, 'traditional'] };
  return { same: false, foldings: [] };
}

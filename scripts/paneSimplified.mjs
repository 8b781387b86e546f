// The task pane's share of OpenCC's TSCharacters (traditional → simplified, ~3,500 pairs,
// 29 KB of the pane's bundle). The pane folds traditional characters only so that cells and
// headers match what the rules compare them with: the vocabularies, header words, rule
// keywords and patterns in shared/ and addin/, and the default settings (the pane has no
// other settings). So it keeps every pair that can reach a character of those sources:
//
//   K = the sources' characters, closed under the full table (x in K ⇒ full(x) in K);
//   keep (t → s) when t or s is in K.
//
// Then for every character x: pane(x) = full(x) when x or full(x) is in K, else pane(x) = x,
// and in both cases neither x nor full(x) is a character the rules name. A comparison with
// the sources' words therefore gives the same answer on either fold. Two cells are never
// compared with each other after folding in the pane: 学号 and ID numbers are codes and are
// not folded; 姓名 keeps what was written (test/paneSimplified.test.ts checks both).
// The Node job keeps the full table (shared/simplified.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import FULL from 'opencc-js/dict/TSCharacters';

const root = join(import.meta.dirname, '..');
/** The folders whose text the pane's rules compare folded values with. */
export const PANE_SOURCE_DIRS = ['shared', 'addin'];

/** Every character from the CJK blocks up (U+2E80 on) in the pane's sources. */
export function sourceCharacters(dirs = PANE_SOURCE_DIRS) {
  const chars = new Set();
  for (const dir of dirs) {
    for (const f of readdirSync(join(root, dir), { recursive: true })) {
      if (!/\.(ts|html)$/.test(f)) continue;
      for (const ch of readFileSync(join(root, dir, f), 'utf8')) if (ch.codePointAt(0) >= 0x2e80) chars.add(ch);
    }
  }
  return chars;
}

/** The table's pairs as [traditional, first simplified form], in its order. */
export function tablePairs(text = FULL) {
  const pairs = [];
  for (const entry of text.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to) pairs.push([from, to]);
  }
  return pairs;
}

/** The pane's table, in TSCharacters' own format (`t s|t s|…`), for the characters `chars`. */
export function paneTable(chars = sourceCharacters(), text = FULL) {
  const pairs = tablePairs(text);
  const full = new Map(pairs);
  const closed = new Set(chars);
  for (const ch of closed) {
    const to = full.get(ch);
    if (to !== undefined) closed.add(to); // a Set visits what is added while iterating
  }
  return pairs.filter(([t, s]) => closed.has(t) || closed.has(s)).map(([t, s]) => `${t} ${s}`).join('|');
}

/** esbuild plugin: the pane bundle gets paneTable() in place of the full TSCharacters. */
export const paneSimplified = {
  name: 'pane-simplified',
  setup(b) {
    b.onResolve({ filter: /^opencc-js\/dict\/TSCharacters$/ }, (args) => ({ path: args.path, namespace: 'pane-simplified' }));
    b.onLoad({ filter: /.*/, namespace: 'pane-simplified' }, () => ({ contents: `export default ${JSON.stringify(paneTable())};`, loader: 'js' }));
  },
};

// The task pane's share of OpenCC's TSCharacters (traditional → simplified, ~3,500 pairs,
// 29 KB of the pane's bundle). The pane folds traditional characters only so that cells and
// headers match what its rules compare them with: the vocabularies, header words, rule
// keywords, patterns and default settings in the modules the pane bundles (the pane has no
// other settings). So it keeps every pair that can make a difference there:
//
//   K = the characters of those modules, closed under the full table (x in K ⇒ full(x) in K);
//   keep (t → s) when t or s is in K, or when anything but the character itself tells t
//   from s: its UTF-16 length, Han script, or a character range written in those modules
//   (the footer pattern's [\u4e00-\u9fa5]{1,4}人：).
//
// Then for every character x: pane(x) = full(x), or pane(x) = x where neither x nor full(x)
// is a character the rules name and no pattern or length tells them apart. A comparison with
// the sources' words, patterns and lengths gives the same answer on either fold. Two cells
// are never compared with each other after folding in the pane: 学号 and ID numbers are codes
// and are not folded; 姓名 keeps what was written (test/paneSimplified.test.ts checks both).
// The Node job keeps the full table (shared/simplified.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import FULL from 'opencc-js/dict/TSCharacters';

const root = join(import.meta.dirname, '..');
const TABLE = /^opencc-js\/dict\/TSCharacters$/;

/** The project's source files the pane bundles (addin/main.ts and what it imports). */
export async function paneSourceFiles() {
  // Without the table itself: its characters are what is being chosen.
  const empty = {
    name: 'no-table',
    setup(b) {
      b.onResolve({ filter: TABLE }, () => ({ path: 'table', namespace: 'no-table' }));
      b.onLoad({ filter: /.*/, namespace: 'no-table' }, () => ({ contents: 'export default ""', loader: 'js' }));
    },
  };
  const r = await build({ entryPoints: [join(root, 'addin', 'main.ts')], absWorkingDir: root, bundle: true, write: false, metafile: true, format: 'iife', logLevel: 'silent', plugins: [empty] });
  return Object.keys(r.metafile.inputs).filter((p) => !p.includes('node_modules') && !p.startsWith('no-table:')).map((p) => join(root, p));
}

/** Every character from the CJK blocks up (U+2E80 on) in `files`. */
export function sourceCharacters(files) {
  const chars = new Set();
  for (const f of files) for (const ch of readFileSync(f, 'utf8')) if (ch.codePointAt(0) >= 0x2e80) chars.add(ch);
  return chars;
}

/** The character ranges written in the patterns of `files` (`\u4e00-\u9fa5`, `\u{20000}-\u{2ebef}`), as [from, to] code points. */
export function sourceRanges(files) {
  const ranges = new Map();
  const cp = (h) => parseInt(h.replace(/[{}]/g, ''), 16);
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\\u(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})-\\u(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/g)) ranges.set(m[0].toLowerCase(), [cp(m[1]), cp(m[2])]);
  }
  return [...ranges.values()];
}

/** What a pattern or a length can see of a character besides the character itself. */
function traits(ch, ranges) {
  const c = ch.codePointAt(0);
  return `${ch.length}${/\p{Script=Han}/u.test(ch) ? 'h' : '-'}${ranges.map(([a, b]) => (c >= a && c <= b ? '1' : '0')).join('')}`;
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

/** The pane's table, in TSCharacters' own format (`t s|t s|…`), for the characters and ranges of the pane's sources. */
export function paneTable(chars, ranges, text = FULL) {
  const pairs = tablePairs(text);
  const full = new Map(pairs);
  const closed = new Set(chars);
  for (const ch of closed) {
    const to = full.get(ch);
    if (to !== undefined) closed.add(to); // a Set visits what is added while iterating
  }
  return pairs.filter(([t, s]) => closed.has(t) || closed.has(s) || traits(t, ranges) !== traits(s, ranges)).map(([t, s]) => `${t} ${s}`).join('|');
}

/** The pane's table for the pane's sources as they are now. */
export async function currentPaneTable() {
  const files = await paneSourceFiles();
  return paneTable(sourceCharacters(files), sourceRanges(files));
}

/** esbuild plugin: a bundle gets the pane's table in place of the full TSCharacters. */
export const paneSimplified = {
  name: 'pane-simplified',
  setup(b) {
    b.onResolve({ filter: TABLE }, (args) => ({ path: args.path, namespace: 'pane-simplified' }));
    b.onLoad({ filter: /.*/, namespace: 'pane-simplified' }, async () => ({ contents: `export default ${JSON.stringify(await currentPaneTable())};`, loader: 'js' }));
  },
};

import type { Plugin } from 'esbuild';
/** The folders whose text the pane's rules compare folded values with. */
export const PANE_SOURCE_DIRS: string[];
/** Every character from the CJK blocks up (U+2E80 on) in the pane's sources. */
export function sourceCharacters(dirs?: string[]): Set<string>;
/** The table's pairs as [traditional, first simplified form], in its order. */
export function tablePairs(text?: string): [string, string][];
/** The pane's table, in TSCharacters' own format (`t s|t s|…`), for the characters `chars`. */
export function paneTable(chars?: Set<string>, text?: string): string;
/** esbuild plugin: the pane bundle gets paneTable() in place of the full TSCharacters. */
export const paneSimplified: Plugin;

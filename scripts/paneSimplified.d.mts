import type { Plugin } from 'esbuild';
/** The project's source files the pane bundles (addin/main.ts and what it imports). */
export function paneSourceFiles(): Promise<string[]>;
/** Every character from the CJK blocks up (U+2E80 on) in `files`. */
export function sourceCharacters(files: readonly string[]): Set<string>;
/** The character ranges written in the patterns of `files`, as [from, to] code points. */
export function sourceRanges(files: readonly string[]): [number, number][];
/** The table's pairs as [traditional, first simplified form], in its order. */
export function tablePairs(text?: string): [string, string][];
/** The pane's table, in TSCharacters' own format (`t s|t s|…`), for the characters and ranges of the pane's sources. */
export function paneTable(chars: Iterable<string>, ranges: readonly [number, number][], text?: string): string;
/** The pane's table for the pane's sources as they are now. */
export function currentPaneTable(): Promise<string>;
/** esbuild plugin: a bundle gets the pane's table in place of the full TSCharacters. */
export const paneSimplified: Plugin;

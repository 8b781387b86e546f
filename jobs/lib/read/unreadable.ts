/**
 * One bad file never silences the rest: registrations are read one by one, and a
 * file that cannot be read (encrypted, corrupt, a zip bomb, a symlink loop) is set
 * aside with its reason — and with its college when its name says which — while
 * every other file is used as usual.
 */
import { basename } from 'node:path';
import type { College } from '../../../shared/config.js';
import { InputError } from '../errors.js';
import { collegeKey } from './load.js';

export interface Unreadable { file: string; reason: string; college?: string }

/** Apply `read` to each file; InputErrors become Unreadable entries, anything else still throws. */
export function readEach<T>(files: readonly string[], read: (file: string) => T): { results: T[]; unreadable: Unreadable[] } {
  const results: T[] = [];
  const unreadable: Unreadable[] = [];
  for (const file of files) {
    try {
      results.push(read(file));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable.push({ file, reason: err.reason });
    }
  }
  return { results, unreadable };
}

/** The configured college whose name or alias the file's name contains (the longest such), if any. */
export function collegeOfFile(file: string, colleges: readonly College[]): string | undefined {
  const name = basename(file).replace(/\s/g, '');
  let best: { college: string; len: number } | undefined;
  for (const c of colleges) {
    for (const n of [c.name, ...c.aliases].map(collegeKey)) {
      if (n && name.includes(n) && (!best || n.length > best.len)) best = { college: c.name, len: n.length };
    }
  }
  return best?.college;
}

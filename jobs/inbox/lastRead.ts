/**
 * When the 回执 mailbox was last read in full (issue 18, item 2): every mail and report
 * says which receipt sources it used and as of when, and a mailbox that is down is named
 * with the time of its last good read. One small JSON file in stateDir, written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/files.js';

const FILE = 'mailbox-read.json';

export function lastRead(stateDir: string): string | null {
  const f = join(stateDir, FILE);
  if (!existsSync(f)) return null;
  try {
    const v = JSON.parse(readFileSync(f, 'utf8')) as { at?: unknown };
    return typeof v.at === 'string' ? v.at : null;
  } catch {
    return null;
  }
}

export function markRead(stateDir: string, at: string): void {
  writeFileAtomic(join(stateDir, FILE), JSON.stringify({ at }), { private: true });
}

/**
 * Messages a run meant to send but did not start because it was stopped (Ctrl-C,
 * SIGTERM): no journal line exists for them, so they are kept here until a later run
 * delivers them, and `zhuanjie journal` lists them (issue 18, item 10).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatKey, type MessageKey } from '../../../shared/messageKey.js';
import { writeFileAtomic } from '../files.js';

export interface UnsentItem { key: string; label: string; members: number; at: string }

const FILE = 'unsent.json';

export function readUnsent(stateDir: string): UnsentItem[] {
  const f = join(stateDir, FILE);
  if (!existsSync(f)) return [];
  try {
    const v = JSON.parse(readFileSync(f, 'utf8')) as unknown;
    return Array.isArray(v) ? (v as UnsentItem[]) : [];
  } catch {
    return [];
  }
}

/** After a run: what it left unsent is added, what it (or an earlier run) delivered is dropped. */
export function recordUnsent(stateDir: string, left: readonly { key: MessageKey; label: string; members: number }[], delivered: readonly MessageKey[]): void {
  const done = new Set(delivered.map(formatKey));
  const items = new Map(readUnsent(stateDir).map((u) => [u.key, u]));
  for (const u of left) items.set(formatKey(u.key), { key: formatKey(u.key), label: u.label, members: u.members, at: new Date().toISOString() });
  for (const k of done) items.delete(k);
  const f = join(stateDir, FILE);
  if (items.size) writeFileAtomic(f, JSON.stringify([...items.values()], null, 2), { private: true });
  else if (existsSync(f)) rmSync(f);
}

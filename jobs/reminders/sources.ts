/**
 * The receipt sources of a run as data (issue 18, item 2): each file with the time of
 * its last change, the files that could not be read or match almost nobody with why,
 * and the 回执 mailbox with its last good read.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { beijingMinute, type ReceiptSource } from '../../shared/receiptSources.js';
import type { ReceiptFileFit } from '../../shared/receiptFit.js';
import type { Unreadable } from '../lib/read/unreadable.js';

const changed = (path: string): string | null => (existsSync(path) ? beijingMinute(statSync(path).mtime) : null);

export function receiptSources(read: readonly string[], unreadable: readonly Unreadable[], unfit: readonly ReceiptFileFit[], mailbox: ReceiptSource | null): ReceiptSource[] {
  const unfitBy = new Map(unfit.map((f) => [f.file, f]));
  return [
    ...read.map((path) => {
      const f = unfitBy.get(basename(path));
      return { name: basename(path), asOf: changed(path), problem: f ? `与登记表几乎对不上（${f.rows} 行中只有 ${f.matching} 行对应到登记）：${f.cause}` : null };
    }),
    ...unreadable.map((u) => ({ name: basename(u.file), asOf: changed(u.file), problem: `无法读取：${u.reason}` })),
    ...(mailbox ? [mailbox] : []),
  ];
}

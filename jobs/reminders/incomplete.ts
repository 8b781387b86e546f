/**
 * Summaries sent without some colleges (issue 18, item 5): which colleges each reminder's
 * summary lacked, so that a later run of the same reminder that can read them sends one
 * corrected summary. A small JSON file in stateDir, written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/files.js';

const FILE = 'incomplete-summaries.json';

export class IncompleteSummaries {
  private readonly file: string;
  private readonly byOccasion: Record<string, string[]>;
  constructor(stateDir: string) {
    this.file = join(stateDir, FILE);
    let v: unknown = {};
    try {
      v = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
    } catch {
      v = {};
    }
    this.byOccasion = v && typeof v === 'object' ? (v as Record<string, string[]>) : {};
  }

  missing(occasion: string): string[] {
    return this.byOccasion[occasion] ?? [];
  }

  /** The colleges the summary now sent for this occasion lacks (none: forgotten). */
  set(occasion: string, colleges: readonly string[]): void {
    if (colleges.length) this.byOccasion[occasion] = [...colleges];
    else delete this.byOccasion[occasion];
    writeFileAtomic(this.file, JSON.stringify(this.byOccasion, null, 2), { private: true });
  }
}

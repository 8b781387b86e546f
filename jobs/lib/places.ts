/**
 * Where a configured job keeps its state and writes its outputs, one answer for every
 * command: relative paths in the config are taken from the config file's folder and
 * may not climb out of it (write an absolute path to go elsewhere).
 */
import { join } from 'node:path';
import type { LoadedConfig } from './config.js';
import { confinedOutput } from './files.js';

/** The journals' file names inside the state folder. */
export const SEND_JOURNAL = 'journal.jsonl';
export const INBOX_JOURNAL = 'mailbox.jsonl';

export interface Places {
  /** The folder relative paths are taken from: the config file's (the working folder without one). */
  base: string;
  stateDir: string;
  reportDir: string;
  /** The send journal: every message any feature sends is recorded here. */
  sendJournal: string;
  /** The mailbox journal: every message read from the 回执 mailbox. */
  inboxJournal: string;
  /** Any other output path of the config (such as `mail.dir`), confined the same way. */
  output: (p: string, what: string) => string;
}

export function placesOf(loaded: LoadedConfig): Places {
  const base = loaded.path('.');
  const output = (p: string, what: string) => confinedOutput(base, p, what);
  const stateDir = output(loaded.config.stateDir, 'stateDir');
  return {
    base,
    stateDir,
    reportDir: output(loaded.config.reportDir, 'reportDir'),
    sendJournal: join(stateDir, SEND_JOURNAL),
    inboxJournal: join(stateDir, INBOX_JOURNAL),
    output,
  };
}

/**
 * Intake from the registrations folder(s): each spreadsheet there becomes a submission of
 * the college its name says (「计算机学院-登记表.xlsx」) or, when the name says none, of
 * the one configured college its 学院 column names. A file that names no college, or
 * several, is listed for a person ("unassigned") and read as before by the
 * reconciliation, never given to a college on a guess.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { sourceOf, type JobConfig } from '../../shared/config.js';
import type { RuleSettings } from '../../shared/settings.js';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { expandInputs } from '../lib/files.js';
import { collegeResolver, validateFile } from '../lib/read/load.js';
import { collegeOfFile } from '../lib/read/unreadable.js';
import type { Source } from '../reconcile/pipeline.js';
import { sha256, type Submission, type SubmissionStore } from './store.js';

/** A sheet no college could be given: listed for a person to decide. */
export interface Unassigned {
  /** The folder file, or the attachment's name. */
  file: string;
  source: 'folder' | 'mail';
  reason: string;
  /** For mail: who sent it, the subject and the date. */
  from?: string;
  subject?: string;
  date?: string;
  /** The colleges it might belong to, when several. */
  colleges?: string[];
}

export interface FolderIntake {
  /** Submissions stored by this intake (or, in a dry run, that would be). */
  fresh: Submission[];
  /** Every submission known after this intake (the store, plus a dry run's would-be ones). */
  all: Submission[];
  unassigned: Unassigned[];
  /** The unassigned folder files as sources: the reconciliation still reads them. */
  unassignedSources: Source[];
}

/** The one configured college a sheet's 学院 column names, or why there is none. */
function collegeByContent(file: string, config: JobConfig, settings: RuleSettings, today: string): { college?: string; reason?: string; colleges?: string[] } {
  let records;
  try {
    records = validateFile(file, { settings, today }).records;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { reason: `文件名看不出是哪个学院，文件也无法读取：${err.reason}` };
  }
  const resolve = collegeResolver(config.colleges);
  const known = new Set(config.colleges.map((c) => c.name));
  const named = [...new Set(records.map((r) => resolve(r.college, file)).filter((c) => known.has(c)))];
  if (named.length === 1) return { college: named[0] };
  if (named.length > 1) return { reason: `表中有 ${named.length} 个学院的党员（${named.join('、')}），不能算作某一个学院的报送`, colleges: named };
  return { reason: '文件名和表中的「学院」列都看不出是配置中的哪个学院' };
}

/**
 * Take every file of the registrations folder(s) into the store. `write` false (a dry
 * run, no lock held) stores nothing: the would-be submissions point at the folder files.
 */
export function intakeFolders(loaded: LoadedConfig, store: SubmissionStore, opts: { write: boolean; today: string }): FolderIntake {
  const { config } = loaded;
  const existing = store.read();
  const fresh: Submission[] = [];
  const unassigned: Unassigned[] = [];
  const unassignedSources: Source[] = [];
  for (const entry of config.registrations) {
    const s = sourceOf(entry);
    const columns = s.columns && Object.keys(s.columns).length ? s.columns : undefined;
    for (const file of expandInputs([loaded.path(s.path)])) {
      const byName = config.colleges.length ? collegeOfFile(file, config.colleges) : undefined;
      const decided = byName ? { college: byName } : config.colleges.length ? collegeByContent(file, config, config.rules, opts.today) : { reason: '配置中没有学院（colleges）' };
      if (!decided.college) {
        unassigned.push({ file, source: 'folder', reason: decided.reason!, colleges: decided.colleges });
        unassignedSources.push({ path: file, columns });
        continue;
      }
      let content: Buffer;
      let mtime: Date;
      try {
        content = readFileSync(file);
        mtime = statSync(file).mtime;
      } catch {
        throw new InputError(file, '文件无法读取（没有读取权限或磁盘错误）。');
      }
      const meta = { name: basename(file), receivedAt: mtime.toISOString(), source: 'folder' as const, origin: file, columns };
      if (opts.write) {
        const { submission, fresh: isNew } = store.add(decided.college, content, meta);
        if (isNew) fresh.push(submission);
      } else {
        const hash = sha256(content);
        if (!existing.some((x) => x.college === decided.college && x.hash === hash) && !fresh.some((x) => x.college === decided.college && x.hash === hash)) {
          fresh.push({ v: 1, college: decided.college, hash, file, storedAt: new Date().toISOString(), ...meta });
        }
      }
    }
  }
  return { fresh, all: opts.write ? store.read() : [...existing, ...fresh], unassigned, unassignedSources };
}

/**
 * The registrations the reconciliation reads: each college's newest submission from the
 * store (after taking in the folders), and the folder files no college could be given.
 */
export function storedRegistrations(loaded: LoadedConfig, store: SubmissionStore, opts: { write: boolean; today: string }): Source[] {
  const intake = intakeFolders(loaded, store, opts);
  const newest = [...store.byCollege(intake.all).values()].map((c) => c.newest);
  return [...newest.map((s) => ({ path: store.path(s), columns: s.columns })), ...intake.unassignedSources];
}

/**
 * The one read → validate → reconcile pipeline, used by `reconcile` and `run`:
 * registration and receipt sources (with the user's column corrections) in, the
 * validations, how each receipt file was read, and the reconciliation out.
 */
import { MAPPABLE_FIELDS } from '../../shared/fields.js';
import { parseColumnMap, unusedOverrides, type ColumnOverrides } from '../../shared/headers.js';
import { reconcile, type ReconcileResult } from '../../shared/reconcile.js';
import type { ReceiptRecord, ReceiptSourceKind } from '../../shared/receipts.js';
import type { RuleSettings } from '../../shared/settings.js';
import type { College } from '../../shared/config.js';
import { basename } from 'node:path';
import { InputError } from '../lib/errors.js';
import type { LoadedConfig } from '../lib/config.js';
import { sourceOf, type JobConfig } from '../../shared/config.js';
import { listInputs, type Skipped } from '../lib/files.js';
import { markRepeatsAcrossFiles, membersOf, readReceiptFile, validateWorkbook, type FileValidation, type ReceiptFile } from '../lib/read/load.js';
import { collegeNotes } from '../../shared/collegeNames.js';
import { collegeOfFile, readEach, type Unreadable } from '../lib/read/unreadable.js';

/** Every field a correction may name: registration and receipt columns. */

export interface Source {
  path: string;
  /** 「表头」: 「字段」 corrections for the files of this source. */
  columns?: Record<string, string>;
  kind?: ReceiptSourceKind;
}

export interface PipelineInput {
  registrations: Source[];
  receipts: Source[];
  /** Corrections for every file; a source's own win. */
  columns?: Record<string, string>;
  /** Where `columns` came from, for error messages (the config file, or --map). */
  columnsFrom?: string;
  settings: RuleSettings;
  colleges: readonly College[];
  asOf: string;
  cohort: number;
  /** Receipts that come from elsewhere than files (the 回执 mailbox). */
  extraReceipts?: ReceiptRecord[];
  /**
   * Set an unreadable registration aside (reported in `unreadable`) instead of stopping:
   * `run` does, so that one bad file never silences the other colleges.
   */
  isolate?: boolean;
  /** Called around each file's reading (progress). */
  each?: <T>(file: string, work: () => T) => T;
}

export interface PipelineOutput {
  validations: FileValidation[];
  /** Registrations set aside because they could not be read (only with `isolate`). */
  unreadable: Unreadable[];
  receiptFiles: (ReceiptFile & { path: string })[];
  /** Receipt sources set aside because they could not be read (only with `isolate`). */
  unreadableReceipts: Unreadable[];
  result: ReconcileResult;
  /** Files of the input folders that were not read, with why (Excel lock files, documents, images). */
  skipped: Skipped[];
  /** Sheets' colleges that match no configured college (with the nearest), configured colleges with no members. */
  collegeNotes: string[];
}

/** 「表头=字段」 corrections → overrides, or an InputError naming where they came from. */
export function columnOverrides(map: Record<string, string>, from: string): ColumnOverrides {
  const parsed = parseColumnMap(MAPPABLE_FIELDS, map);
  if (!parsed.ok) throw new InputError(from, `列对应有误：\n${parsed.errors.join('\n')}`);
  return parsed.overrides;
}

/** Each source's files with the overrides that apply to them; a source's own corrections must all be used. */
function filesOf(sources: readonly Source[], global: ColumnOverrides, from: string, skipped: Skipped[]) {
  return sources.flatMap((s) => {
    const own = columnOverrides(s.columns ?? {}, `${from}（${s.path}）`);
    const overrides = new Map([...global, ...own]);
    const inputs = listInputs([s.path]);
    skipped.push(...inputs.skipped);
    return inputs.files.map((file) => ({ file, overrides, own, kind: s.kind }));
  });
}

export function loadAndReconcile(input: PipelineInput): PipelineOutput {
  const from = input.columnsFrom ?? '列对应';
  const global = columnOverrides(input.columns ?? {}, from);
  const each = input.each ?? (<T>(_f: string, work: () => T) => work());
  const used = new Set<string>();
  const check = (file: string, own: ColumnOverrides, decisions: Parameters<typeof unusedOverrides>[1]) => {
    const unused = unusedOverrides(own, decisions);
    if (unused.length) throw new InputError(file, `列对应中的表头${unused.map((h) => `「${h}」`).join('、')}在表中不存在，请核对拼写。`);
    const missing = new Set(unusedOverrides(global, decisions));
    for (const k of global.keys()) if (!missing.has(k)) used.add(k);
  };

  const skipped: Skipped[] = [];
  const registrations = filesOf(input.registrations, global, from, skipped);
  const byFile = new Map(registrations.map((r) => [r.file, r]));
  const readRegistration = (file: string) => each(file, () => {
    const { overrides, own } = byFile.get(file)!;
    const sheets = validateWorkbook(file, { settings: input.settings, today: input.asOf, overrides });
    check(file, own, sheets.flatMap((v) => v.header.decisions));
    return sheets;
  });
  const files = registrations.map((r) => r.file);
  const read = input.isolate ? readEach(files, readRegistration) : { results: files.map(readRegistration), unreadable: [] };
  // Every registration sheet of every file; the same member in two files is found like a repeat within one.
  const validations = read.results.flat();
  const { unreadable } = read;
  markRepeatsAcrossFiles(validations);
  for (const u of unreadable) u.college = collegeOfFile(u.file, input.colleges);
  const readReceipt = ({ file, overrides, own, kind }: ReturnType<typeof filesOf>[number]) => each(file, () => {
    const r = readReceiptFile(file, { kind, overrides });
    check(file, own, r.decisions);
    return { ...r, path: file };
  });
  // With `isolate`, an unreadable receipt source is set aside and named too: `run` decides what it holds back.
  const unreadableReceipts: Unreadable[] = [];
  const receiptFiles = input.isolate
    ? input.receipts.flatMap((source) => {
        try {
          const items = filesOf([source], global, from, skipped);
          const byPath = new Map(items.map((f) => [f.file, f]));
          const { results, unreadable: bad } = readEach(items.map((f) => f.file), (f) => readReceipt(byPath.get(f)!));
          unreadableReceipts.push(...bad);
          return results;
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          unreadableReceipts.push({ file: source.path, reason: err.reason });
          return [];
        }
      })
    : filesOf(input.receipts, global, from, skipped).map(readReceipt);
  const unusedGlobal = [...global.keys()].filter((k) => !used.has(k));
  if (unusedGlobal.length && validations.length + receiptFiles.length > 0 && !unreadable.length) {
    throw new InputError(from, `列对应中的表头${unusedGlobal.map((h) => `「${h}」`).join('、')}在任何文件中都不存在，请核对拼写。`);
  }
  const members = membersOf(validations, input.colleges);
  const result = reconcile({
    members,
    receipts: [...receiptFiles.flatMap((r) => r.records), ...(input.extraReceipts ?? [])],
    receiptFiles: receiptFiles.map((r) => r.info),
    skippedSheets: validations.flatMap((v) => v.skippedSheets.filter((s) => s.mayHoldMembers).map((s) => ({ file: basename(v.file), sheet: s.sheet, reason: s.reason }))),
    asOf: input.asOf,
    cohort: input.cohort,
    settings: input.settings,
  });
  const notes = collegeNotes(members, input.colleges, { unreadableColleges: unreadable.map((u) => u.college).filter((c): c is string => Boolean(c)) });
  return { validations, unreadable, receiptFiles, unreadableReceipts, result, skipped, collegeNotes: notes };
}

/** The pipeline's input as the config file describes it, paths resolved against the file's folder. */
export function pipelineInput(loaded: LoadedConfig, asOf: string, cohort: number): PipelineInput {
  const { config, path } = loaded;
  const resolveSource = (e: JobConfig['receipts'][number]) => {
    const s = sourceOf(e);
    return { ...s, path: path(s.path) };
  };
  return {
    registrations: config.registrations.map(resolveSource),
    receipts: config.receipts.map(resolveSource),
    columns: config.columns,
    columnsFrom: loaded.file ?? '配置',
    settings: config.rules,
    colleges: config.colleges,
    asOf,
    cohort,
  };
}

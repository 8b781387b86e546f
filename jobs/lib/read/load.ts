/** Registration and receipt workbooks → validated, normalised records. */
import { basename } from 'node:path';
import type { ColumnDecision, ColumnOverrides } from '../../../shared/headers.js';
import { validateSheet, type ValidationResult } from '../../../shared/validate.js';
import { readReceiptRows, receiptExportSigns, RECEIPT_TABLE_FIELDS, type ReceiptFileInfo, type ReceiptRecord, type ReceiptSourceKind } from '../../../shared/receipts.js';
import type { RegisteredMember } from '../../../shared/reconcile.js';
import type { RuleSettings } from '../../../shared/settings.js';
import type { College } from '../../../shared/config.js';
import type { WorkBook } from 'xlsx';
import { readTable } from './workbook.js';
import { readRegistrationSheets } from './sheets.js';
import { markRepeatsAcross, type RepeatScope } from '../../../shared/repeats.js';
import type { SkippedSheet } from '../../../shared/sheets.js';
import { InputError } from '../errors.js';

export interface FileValidation extends ValidationResult {
  file: string;
  /** The workbook's sheets that were not read, each with why (on the file's first sheet only). */
  skippedSheets: SkippedSheet[];
  /** How many sheets of this file were read: members' origins name the sheet when more than one. */
  sheetsRead: number;
}

export interface ValidateFileOptions {
  settings: RuleSettings;
  today: string;
  sheet?: string;
  overrides?: ColumnOverrides;
  /** The file already parsed (readWorkbookFile), so that it is parsed once. */
  workbook?: WorkBook;
}

/**
 * Every registration sheet of a file, validated; repeats across its sheets found like
 * repeats within one. The first result carries the sheets that were not read.
 */
export function validateWorkbook(file: string, opts: ValidateFileOptions): FileValidation[] {
  const { read, skipped } = readRegistrationSheets(file, { sheet: opts.sheet, overrides: opts.overrides, workbook: opts.workbook });
  const results = read.map((picked, i): FileValidation => {
    // A receipt export in the registrations folder would become members of no college: say what it is.
    const receiptSigns = receiptExportSigns(picked.snapshot, picked.header);
    if (receiptSigns.length) {
      throw new InputError(file, `这像是回执导出（有${receiptSigns.map((h) => `「${h}」`).join('、')}等列，缺少登记表的大部分必填列），不是登记表。请放到回执（receipts）中，或用 --map 指定列。`);
    }
    const result = validateSheet(picked.snapshot, { settings: opts.settings, today: opts.today, header: picked.header });
    return Object.assign(result, { file, skippedSheets: i === 0 ? skipped : [], sheetsRead: read.length });
  });
  markRepeatsAcross(results.map((r) => repeatScope(r, r.sheet, false)));
  return results;
}

/** The file's first registration sheet only: for callers that know the file has one (tests, one-sheet tools). */
export const validateFile = (file: string, opts: ValidateFileOptions): FileValidation => validateWorkbook(file, opts)[0]!;

/** A validation as shared/repeats.ts compares it: rows of one `group` only with other groups'. */
export const repeatScope = (v: FileValidation, group: string, withFile: boolean): RepeatScope => ({
  group, findings: v.findings, columns: v.columns, where: (row) => placeOf(v, row, withFile),
  get records() {
    return v.records;
  },
});

/** A row as another sheet or file names it: 「本科生党支部」第5行, 经管学院.xlsx「Sheet1」第5行. */
export function placeOf(v: FileValidation, row: number, withFile = false): string {
  const sheet = v.sheetsRead > 1 || withFile ? `「${v.sheet}」` : '';
  return `${withFile ? basename(v.file) : ''}${sheet}第 ${row} 行`;
}

/** A college's name as compared: no spaces, no 中共 prefix, no 党委/党总支/委员会 suffix. */
export const collegeKey = (s: string) => s.replace(/\s/g, '').replace(/(?:分党委|党委|党总支|委员会)$/, '').replace(/^中共/, '');

/** The configured college a registration row belongs to, by name or alias; else its own text. */
export function collegeResolver(colleges: readonly College[]): (text: string, file: string) => string {
  const map = new Map<string, string>();
  for (const c of colleges) for (const n of [c.name, ...c.aliases]) map.set(collegeKey(n), c.name);
  return (text, file) => map.get(collegeKey(text)) ?? (text || `（未填学院：${basename(file)}）`);
}

/** Every member of every sheet read; a member's origin names the sheet when its file had several. */
export function membersOf(validations: readonly FileValidation[], colleges: readonly College[]): RegisteredMember[] {
  const resolveCollege = collegeResolver(colleges);
  return validations.flatMap((v) => {
    const file = v.sheetsRead > 1 ? `${basename(v.file)}「${v.sheet}」` : basename(v.file);
    return v.records.map((r) => ({ ...r, file, sheet: v.sheet, college: resolveCollege(r.college, v.file) }));
  });
}

export interface ReadReceiptsOptions {
  kind?: ReceiptSourceKind;
  overrides?: ColumnOverrides;
}

export interface ReceiptFile {
  records: ReceiptRecord[];
  info: ReceiptFileInfo;
  /** How every header cell was read. */
  decisions: ColumnDecision[];
}

export function readReceiptFile(file: string, opts: ReadReceiptsOptions = {}): ReceiptFile {
  const picked = readTable(file, RECEIPT_TABLE_FIELDS, { minMatches: 2, what: '回执', overrides: opts.overrides });
  return { ...readReceiptRows(basename(file), picked.snapshot, picked.header, { kind: opts.kind }), decisions: picked.header.decisions };
}

/** Repeats across files (each file's own sheets were compared when it was read). */
export const markRepeatsAcrossFiles = (validations: readonly FileValidation[]): void =>
  markRepeatsAcross(validations.map((v) => repeatScope(v, v.file, true)));

/** Only the records: for callers that do not report how each file was read. */
export const readReceipts = (file: string, opts: ReadReceiptsOptions = {}): ReceiptRecord[] => readReceiptFile(file, opts).records;

/** Registration and receipt workbooks → validated, normalised records. */
import { basename } from 'node:path';
import { REGISTRATION_FIELDS } from '../../../shared/fields.js';
import type { ColumnDecision, ColumnOverrides } from '../../../shared/headers.js';
import { validateSheet, type ValidationResult } from '../../../shared/validate.js';
import { readReceiptRows, receiptExportSigns, RECEIPT_TABLE_FIELDS, type ReceiptFileInfo, type ReceiptRecord, type ReceiptSourceKind } from '../../../shared/receipts.js';
import type { RegisteredMember } from '../../../shared/reconcile.js';
import type { RuleSettings } from '../../../shared/settings.js';
import type { College } from '../../../shared/config.js';
import { readTable } from './workbook.js';
import { InputError } from '../errors.js';

export interface FileValidation extends ValidationResult {
  file: string;
  /** Other sheets that also look like registration tables but were not checked. */
  otherSheets: string[];
}

export interface ValidateFileOptions {
  settings: RuleSettings;
  today: string;
  sheet?: string;
  overrides?: ColumnOverrides;
}

export function validateFile(file: string, opts: ValidateFileOptions): FileValidation {
  const picked = readTable(file, REGISTRATION_FIELDS, { sheet: opts.sheet, what: '登记表', overrides: opts.overrides });
  // A receipt export in the registrations folder would become members of no college: say what it is.
  const receiptSigns = receiptExportSigns(picked.snapshot, picked.header);
  if (receiptSigns.length) {
    throw new InputError(file, `这像是回执导出（有${receiptSigns.map((h) => `「${h}」`).join('、')}等列，缺少登记表的大部分必填列），不是登记表。请放到回执（receipts）中，或用 --map 指定列。`);
  }
  const result = validateSheet(picked.snapshot, { settings: opts.settings, today: opts.today, header: picked.header });
  return { file, ...result, otherSheets: picked.otherSheets };
}

/** A college's name as compared: no spaces, no 中共 prefix, no 党委/党总支/委员会 suffix. */
export const collegeKey = (s: string) => s.replace(/\s/g, '').replace(/(?:分党委|党委|党总支|委员会)$/, '').replace(/^中共/, '');

/** The configured college a registration row belongs to, by name or alias; else its own text. */
export function collegeResolver(colleges: readonly College[]): (text: string, file: string) => string {
  const map = new Map<string, string>();
  for (const c of colleges) for (const n of [c.name, ...c.aliases]) map.set(collegeKey(n), c.name);
  return (text, file) => map.get(collegeKey(text)) ?? (text || `（未填学院：${basename(file)}）`);
}

export function membersOf(validations: readonly FileValidation[], colleges: readonly College[]): RegisteredMember[] {
  const resolveCollege = collegeResolver(colleges);
  return validations.flatMap((v) =>
    v.records.map((r) => ({ ...r, file: basename(v.file), college: resolveCollege(r.college, v.file) })),
  );
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

/** Only the records: for callers that do not report how each file was read. */
export const readReceipts = (file: string, opts: ReadReceiptsOptions = {}): ReceiptRecord[] => readReceiptFile(file, opts).records;

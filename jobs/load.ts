/** Registration and receipt workbooks → validated, normalised records. */
import { basename } from 'node:path';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import { validateSheet, type ValidationResult } from '../shared/validate.js';
import { readReceiptRows, RECEIPT_TABLE_FIELDS, type ReceiptRecord } from '../shared/receipts.js';
import type { RegisteredMember } from '../shared/reconcile.js';
import type { RuleSettings } from '../shared/settings.js';
import type { College } from '../shared/config.js';
import { readTable } from './workbook.js';

export interface FileValidation extends ValidationResult {
  file: string;
}

export function validateFile(file: string, opts: { settings: RuleSettings; today: string; sheet?: string }): FileValidation {
  const picked = readTable(file, REGISTRATION_FIELDS, { sheet: opts.sheet, what: '登记表' });
  const result = validateSheet(picked.snapshot, { settings: opts.settings, today: opts.today, header: picked.header });
  return { file, ...result };
}

const collegeKey = (s: string) => s.replace(/\s/g, '').replace(/(?:分党委|党委|党总支|委员会)$/, '').replace(/^中共/, '');

/** The configured college a registration row belongs to, by name or alias; else its own text. */
export function collegeResolver(colleges: readonly College[]): (text: string, file: string) => string {
  const map = new Map<string, string>();
  for (const c of colleges) for (const n of [c.name, ...c.aliases]) map.set(collegeKey(n), c.name);
  return (text, file) => map.get(collegeKey(text)) ?? (text || `（未填学院：${basename(file)}）`);
}

export function membersOf(validations: readonly FileValidation[], colleges: readonly College[]): RegisteredMember[] {
  const resolveCollege = collegeResolver(colleges);
  return validations.flatMap((v) =>
    v.records.map((r) => ({ ...r, file: basename(v.file), college: resolveCollege(r.text.college, v.file) })),
  );
}

export function readReceipts(file: string): ReceiptRecord[] {
  const picked = readTable(file, RECEIPT_TABLE_FIELDS, { minMatches: 2, what: '回执' });
  return readReceiptRows(basename(file), picked.snapshot, picked.header);
}

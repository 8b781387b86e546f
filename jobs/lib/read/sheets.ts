/**
 * Every registration sheet of a workbook file (one sheet per 党支部 is common), and
 * every other sheet named with why it was not read (shared/sheets.ts decides).
 */
import { REGISTRATION_FIELDS } from '../../../shared/fields.js';
import type { ColumnOverrides } from '../../../shared/headers.js';
import { receiptExportSigns } from '../../../shared/receipts.js';
import { chooseRegistrationSheets, type ChosenSheet, type SkippedSheet } from '../../../shared/sheets.js';
import type * as XLSX from 'xlsx';
import { isHidden, pickTable, readWorkbookFile, sheetSnapshot } from './workbook.js';

export interface RegistrationSheets {
  file: string;
  read: ChosenSheet[];
  skipped: SkippedSheet[];
}

export function readRegistrationSheets(file: string, opts: { sheet?: string; overrides?: ColumnOverrides; workbook?: XLSX.WorkBook } = {}): RegistrationSheets {
  const wb = opts.workbook ?? readWorkbookFile(file);
  const table = { sheet: opts.sheet, what: '登记表', overrides: opts.overrides };
  // The sheet the user named, and nothing else.
  if (opts.sheet) {
    const picked = pickTable(file, wb, REGISTRATION_FIELDS, table);
    return { file, read: [{ snapshot: picked.snapshot, header: picked.header }], skipped: [] };
  }
  const snapshots = new Map(wb.SheetNames.map((name) => [name, sheetSnapshot(wb, name)]));
  const choice = chooseRegistrationSheets(
    wb.SheetNames.map((name) => ({ snapshot: snapshots.get(name)!, hidden: isHidden(wb, name) })),
    { overrides: opts.overrides, looksLikeReceipts: receiptExportSigns },
  );
  if (choice.read.length) return { file, ...choice };
  // No visible registration sheet: the single-sheet reading decides (a hidden one, or the error that says what was expected).
  const picked = pickTable(file, wb, REGISTRATION_FIELDS, table, snapshots);
  return { file, read: [{ snapshot: picked.snapshot, header: picked.header }], skipped: choice.skipped.filter((s) => s.sheet !== picked.snapshot.name) };
}

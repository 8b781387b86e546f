/**
 * Every registration sheet of a workbook file (one sheet per 党支部 is common), and
 * every other sheet named with why it was not read (shared/sheets.ts decides).
 */
import { REGISTRATION_FIELDS } from '../../../shared/fields.js';
import type { ColumnOverrides } from '../../../shared/headers.js';
import { receiptExportSigns } from '../../../shared/receipts.js';
import { chooseRegistrationSheets, type ChosenSheet, type SkippedSheet } from '../../../shared/sheets.js';
import { isHidden, readTable, readWorkbookFile, sheetSnapshot } from './workbook.js';

export interface RegistrationSheets {
  file: string;
  read: ChosenSheet[];
  skipped: SkippedSheet[];
}

export function readRegistrationSheets(file: string, opts: { sheet?: string; overrides?: ColumnOverrides } = {}): RegistrationSheets {
  const one = () => {
    const picked = readTable(file, REGISTRATION_FIELDS, { sheet: opts.sheet, what: '登记表', overrides: opts.overrides });
    return [{ snapshot: picked.snapshot, header: picked.header }];
  };
  // The sheet the user named, and nothing else.
  if (opts.sheet) return { file, read: one(), skipped: [] };
  const wb = readWorkbookFile(file);
  const choice = chooseRegistrationSheets(
    wb.SheetNames.map((name) => ({ snapshot: sheetSnapshot(wb, name), hidden: isHidden(wb, name) })),
    { overrides: opts.overrides, looksLikeReceipts: receiptExportSigns },
  );
  if (choice.read.length) return { file, ...choice };
  // No visible registration sheet: the single-sheet reading decides (a hidden one, or the error that says what was expected).
  const read = one();
  return { file, read, skipped: choice.skipped.filter((s) => s.sheet !== read[0]!.snapshot.name) };
}

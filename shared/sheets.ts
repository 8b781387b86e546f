/**
 * Which sheets of a workbook hold members. A college that keeps one sheet per 党支部
 * has all of them read; every other sheet is named with the reason it was not read,
 * so that no member is ever dropped without a line saying so. Pure: the CLI's reader
 * and the add-in's 「校验整个工作簿」 decide alike.
 */
import { REGISTRATION_FIELDS, fieldLabel } from './fields.js';
import type { ColumnOverrides } from './headers.js';
import { findHeader, type HeaderMatch, type SheetSnapshot } from './table.js';
import { isBlank } from './normalize.js';

export interface SheetCandidate {
  snapshot: SheetSnapshot;
  hidden: boolean;
}

export interface ChosenSheet {
  snapshot: SheetSnapshot;
  header: HeaderMatch;
}

export interface SkippedSheet {
  sheet: string;
  reason: string;
  /** It has a registration-like header: members may be in it (hidden, or headed differently). Reconcile says so. */
  mayHoldMembers?: boolean;
}

export interface SheetChoice {
  read: ChosenSheet[];
  skipped: SkippedSheet[];
}

/**
 * A registration header names a member (姓名) and an identity (学号 or 身份证号); a
 * sheet whose header recognises fewer than half the fields of the best sheet's is a
 * different table (a 汇总 by college, a list of branches), not more members.
 */
const isMemberHeader = (h: HeaderMatch): boolean => h.columns.has('name') && (h.columns.has('studentId') || h.columns.has('idNumber'));

/** Whether a sheet holds a value anywhere. */
const isEmptySheet = (s: SheetSnapshot): boolean => s.rows.every((r) => r.every(isBlank));

/** `looksLikeReceipts` tells a receipt export apart (shared/receipts.ts knows how): it is never members. */
export function chooseRegistrationSheets(
  sheets: readonly SheetCandidate[],
  opts: { overrides?: ColumnOverrides; looksLikeReceipts?: (s: SheetSnapshot, h: HeaderMatch) => string[] } = {},
): SheetChoice {
  const found = sheets.map((s) => ({ ...s, header: findHeader(s.snapshot, REGISTRATION_FIELDS, { overrides: opts.overrides }) }));
  const best = Math.max(0, ...found.filter((f) => !f.hidden && f.header && isMemberHeader(f.header)).map((f) => f.header!.columns.size));
  const read: ChosenSheet[] = [];
  const skipped: SkippedSheet[] = [];
  for (const f of found) {
    const sheet = f.snapshot.name;
    const h = f.header;
    if (!h) {
      skipped.push({ sheet, reason: isEmptySheet(f.snapshot) ? '空工作表' : `${f.hidden ? '隐藏的工作表，' : ''}没有登记表的表头（填表说明、选项等），不是党员名单` });
      continue;
    }
    if (f.hidden) {
      skipped.push(isMemberHeader(h)
        ? { sheet, reason: '隐藏的工作表（有登记表表头），未读取；若其中是党员，请取消隐藏后再提交', mayHoldMembers: true }
        : { sheet, reason: '隐藏的工作表，不是党员名单（选项等）' });
      continue;
    }
    const signs = opts.looksLikeReceipts?.(f.snapshot, h) ?? [];
    if (signs.length) {
      skipped.push({ sheet, reason: `像是回执（有${signs.map((s) => `「${s}」`).join('、')}等列），不是登记表` });
      continue;
    }
    if (!isMemberHeader(h) || h.columns.size * 2 < best) {
      const got = [...h.columns.keys()].map((k) => `「${fieldLabel(k)}」`).join('');
      skipped.push({ sheet, reason: `表头与登记表不同（只识别出${got}），未读取；若其中是党员，请按标准表头填写或用 --sheet 指定`, mayHoldMembers: isMemberHeader(h) });
      continue;
    }
    read.push({ snapshot: f.snapshot, header: h });
  }
  return { read, skipped };
}

/** One line naming the skipped sheets, as the CLI and the pane say it. */
export const skippedSheetsText = (skipped: readonly SkippedSheet[]): string =>
  `未读取的工作表：${skipped.map((s) => `「${s.sheet}」${s.reason}`).join('；')}`;


/**
 * Receipt (回执) lists from 党员E先锋, the national transfer system, or a hand-kept
 * register of paper third copies (seeds 001, 003), read through the same catalogue.
 */
import { RECEIPT_FIELDS, fieldDef, type AnyFieldKey, type FieldDef } from './fields.js';
import { cellText, normalizeName, parseDate, compactCode } from './normalize.js';
import { checkIdNumber, normalizeIdNumber } from './idNumber.js';
import { isBlankRow, type HeaderMatch, type SheetSnapshot } from './table.js';

export const RECEIPT_TABLE_FIELDS: readonly FieldDef[] = RECEIPT_FIELDS.map(fieldDef);

export type ReceiptState = 'landed' | 'failed' | 'other';

/** Source label of receipts read from the college's 回执 mailbox (seed 003). */
export const MAIL_RECEIPT_SOURCE = '邮件回执';

/** Where an e-mailed receipt came from, for the report. */
export interface MailOrigin {
  from: string;
  subject: string;
  messageId: string;
  /** The sender's attachment file names (shown, never used to save). */
  attachments: string[];
  /** The files saved for it, relative to stateDir (receipts/<学号>/…). */
  saved: string[];
}

export interface ReceiptRecord {
  file: string;
  row: number;
  name: string;
  /** Valid GB 11643 number, else null. */
  idNumber: string | null;
  idText: string;
  studentId: string;
  receivingOrg: string;
  receiptDate: string | null;
  source: string;
  statusText: string;
  state: ReceiptState;
  /** A photographed receipt that, by setting, waits for the stamped original. */
  awaitingOriginal?: boolean;
  /** Set for receipts read from the mailbox. */
  mail?: MailOrigin;
}

const LANDED = /已报到|已接收|已回执|已完成|完成|已转入|报到成功|接收成功|已确认|^报到$|^接收$/;
const FAILED = /退回|未通过|不通过|失败|驳回|拒绝|撤销/;

/** A row in a receipt list without a status is a receipt that came back (a paper register). */
export function receiptState(statusText: string): ReceiptState {
  if (!statusText) return 'landed';
  if (FAILED.test(statusText)) return 'failed';
  if (LANDED.test(statusText)) return 'landed';
  return 'other';
}

export function readReceiptRows(file: string, snapshot: SheetSnapshot, header: HeaderMatch): ReceiptRecord[] {
  const originRow = snapshot.origin?.row ?? 1;
  const col = (k: AnyFieldKey) => header.columns.get(k);
  const out: ReceiptRecord[] = [];
  const known = [...header.columns.values()];
  for (let i = header.index + 1; i < snapshot.rows.length; i++) {
    const cells = snapshot.rows[i];
    if (isBlankRow(cells, known)) continue;
    const get = (k: AnyFieldKey) => {
      const c = col(k);
      return c === undefined ? null : cells![c];
    };
    const idCell = get('idNumber');
    const id = checkIdNumber(idCell);
    const statusText = cellText(get('status'));
    out.push({
      file,
      row: originRow + i,
      name: normalizeName(get('name')),
      idNumber: id.ok ? id.value : null,
      idText: normalizeIdNumber(idCell),
      studentId: compactCode(get('studentId')),
      receivingOrg: cellText(get('receivingOrg')),
      receiptDate: parseDate(get('receiptDate')),
      source: cellText(get('source')),
      statusText,
      state: receiptState(statusText),
    });
  }
  return out;
}

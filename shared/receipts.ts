/**
 * Receipt (回执) lists from 党员E先锋, the national transfer system, or a hand-kept
 * register of paper third copies (seeds 001, 003), read through the same catalogue.
 * Fail closed: a row counts as landed only on positive evidence — a recognised landed
 * status, or its presence in a list that is a register of receipts that came back.
 */
import { RECEIPT_FIELDS, RECEIPT_STATUS_WORDS, REQUIRED_FIELDS, fieldDef, type AnyFieldKey, type FieldDef } from './fields.js';
import { foldValue, parseYesNo } from './enums.js';
import { normalizeHeader } from './headers.js';
import { toSimplified } from './simplified.js';
import { cellText, normalizeName, parseDate, compactCode } from './normalize.js';
import { checkIdNumber, normalizeIdNumber } from './idNumber.js';
import { findHeader, isBlankRow, nonMemberReason, blankRowReason, type HeaderMatch, type SheetSnapshot } from './table.js';

export const RECEIPT_TABLE_FIELDS: readonly FieldDef[] = RECEIPT_FIELDS.map(fieldDef);

/** landed: the member reported; failed: rejected; open: recognised as not yet; unknown: a person must look. */
export type ReceiptState = 'landed' | 'failed' | 'open' | 'unknown';

/** What a receipt file is: an export with statuses, or a register of receipts that came back. */
export type ReceiptSourceKind = 'export' | 'paperRegister';

export type ReceiptRule = 'status' | 'declaredRegister' | 'inferredRegister' | 'unreadableStatus';

export const RECEIPT_RULE_TEXT: Record<ReceiptRule, string> = {
  status: '按「状态」列判断：只有已报到、已接收、党员转出成功等明确的完成状态才算回执',
  declaredRegister: '按设置视为纸质回执登记表：每一行都是已收回的回执',
  inferredRegister: '没有状态列，视为纸质回执登记表：每一行都是已收回的回执',
  unreadableStatus: '有像状态的列但无法识别，所有行都不算回执，请在列对应中指定「状态」列',
};

/** Source label of receipts read from the college's 回执 mailbox (seed 003: 回执拍照发回). */
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
  /** The day the receipt was confirmed or came back; never a request date. */
  receiptDate: string | null;
  /** The date cell's text when it could not be read. */
  receiptDateText: string;
  /** When an online transfer was started (发起时间 / 申请时间): never a receipt date; seed 004's working-day limits count from it. */
  requestDate?: string | null;
  source: string;
  statusText: string;
  state: ReceiptState;
  /** A photographed receipt that, by setting, waits for the stamped original. */
  awaitingOriginal?: boolean;
  /** Set for receipts read from the mailbox. */
  mail?: MailOrigin;
}

export interface ReceiptFileInfo {
  file: string;
  sheet: string;
  headerRow: number;
  rule: ReceiptRule;
  rows: number;
  skippedRows: { row: number; reason: string }[];
}

/** Folded status word → state. A pure call: the task pane, which reads no receipts, drops it and the words. */
function statusTable(): Map<string, ReceiptState> {
  const lists = Object.entries(RECEIPT_STATUS_WORDS) as [Exclude<ReceiptState, 'unknown'>, readonly string[]][];
  return new Map(lists.flatMap(([state, words]) => words.map((w) => [foldValue(w), state] as const)));
}
const STATUS = /* @__PURE__ */ statusTable();
const FAILED = /退回|失败|驳回|拒|不通过|未通过|不予|撤销|作废/;
/** A negation anywhere (未…, 待…, 不…, 尚未…, 没有…) means not landed, whatever follows. */
const NEGATED = /^(?:未|待|不|尚未|没|无|暂未|还未|仍未)|未|尚未|待|没有/;

/**
 * A status cell → state. Exact words first (brackets and their notes dropped: 「已报到（7月1日）」),
 * then rejection and negation by pattern; anything else is unknown, never landed.
 * `yesNo`: the column asks a question (是否收回), so 是 / √ / 否 / × answer it.
 */
export function receiptState(statusText: string, yesNo = false): ReceiptState {
  const k = foldValue(statusText);
  if (!k) return 'open';
  if (yesNo) {
    const yn = parseYesNo(statusText);
    if (yn) return yn === 'yes' ? 'landed' : 'open';
  }
  const exact = STATUS.get(k) ?? STATUS.get(k.replace(/[(\[【〔][^)\]】〕]*[)\]】〕]/g, ''));
  if (exact) return exact;
  if (FAILED.test(k)) return 'failed';
  if (NEGATED.test(k)) return 'open';
  // Other forms of a completion word, not listed one by one: 党员报到成功, 组织关系接收完成, 已经报到.
  if (LANDED_FORM.test(k) && /已|完成|成功|确认/.test(k)) return 'landed';
  return 'unknown';
}

/**
 * A report, receipt or transfer-in word with only a mark of completion around it. Checked
 * after every negation and failure pattern; 已转出 (the letter left) is in the open list.
 */
const LANDED_FORM = /^(?:已经?|已完成|完成|已确认|确认)?(?:组织关系|党员|关系|党组织关系)?(?:报到|报道|接收|转入|回执|办结|转接)(?:已?完成|成功|已?确认)?$/;

/** What each state means, as `columns --receipts` and the report say it. */
export const RECEIPT_STATE_TEXT: Record<ReceiptState, string> = {
  landed: '算作已完成',
  failed: '转接失败（须重新办理）',
  open: '未完成（仍在办理）',
  unknown: '无法识别：不算完成，请人工查看',
};

/** The distinct status words of a file's receipts, each with its decision and count, unknown first. */
export function statusWords(records: readonly ReceiptRecord[]): { word: string; state: ReceiptState; count: number }[] {
  const byWord = new Map<string, { word: string; state: ReceiptState; count: number }>();
  for (const r of records) {
    const e = byWord.get(r.statusText);
    if (e) e.count++;
    else byWord.set(r.statusText, { word: r.statusText, state: r.state, count: 1 });
  }
  const rank: Record<ReceiptState, number> = { unknown: 0, failed: 1, open: 2, landed: 3 };
  return [...byWord.values()].sort((a, b) => rank[a.state] - rank[b.state] || b.count - a.count);
}

/** A header that reads like a status although no status field was recognised. */
const STATUS_LIKE = /状态|情况|结果|进度|是否|收回|办理/;

export interface ReadReceiptsOptions {
  kind?: ReceiptSourceKind;
}

export function readReceiptRows(file: string, snapshot: SheetSnapshot, header: HeaderMatch, opts: ReadReceiptsOptions = {}): { records: ReceiptRecord[]; info: ReceiptFileInfo } {
  const originRow = snapshot.origin?.row ?? 1;
  const col = (k: AnyFieldKey) => header.columns.get(k);
  const statusCol = col('status');
  let rule: ReceiptRule;
  if (statusCol !== undefined) rule = 'status';
  else if (opts.kind === 'paperRegister') rule = 'declaredRegister';
  else if (header.decisions.some((d) => !d.field && d.reason !== 'ignored' && d.reason !== 'userIgnored' && STATUS_LIKE.test(toSimplified(d.header)))) rule = 'unreadableStatus';
  else rule = 'inferredRegister';
  const statusDecision = header.decisions.find((d) => d.field === 'status');
  const yesNo = Boolean(statusDecision && /^是否/.test(normalizeHeader(statusDecision.header.split('/').at(-1)!)));

  const records: ReceiptRecord[] = [];
  const skippedRows: ReceiptFileInfo['skippedRows'] = [];
  const known = [...header.columns.values()];
  for (let i = header.index + 1; i < snapshot.rows.length; i++) {
    const cells = snapshot.rows[i];
    if (isBlankRow(cells, known)) {
      const heading = blankRowReason(snapshot, i, cells);
      if (heading) skippedRows.push({ row: originRow + i, reason: heading });
      continue;
    }
    const footer = nonMemberReason(snapshot, i, cells, known, col('name'));
    if (footer) {
      skippedRows.push({ row: originRow + i, reason: footer });
      continue;
    }
    const get = (k: AnyFieldKey) => {
      const c = col(k);
      return c === undefined ? null : cells![c];
    };
    const idCell = get('idNumber');
    const id = checkIdNumber(idCell);
    const statusText = cellText(get('status'));
    const dateCell = get('receiptDate');
    const receiptDate = parseDate(dateCell, snapshot.date1904 === true);
    records.push({
      file,
      row: originRow + i,
      name: normalizeName(get('name')),
      idNumber: id.ok ? id.value : null,
      idText: normalizeIdNumber(idCell),
      studentId: compactCode(get('studentId')),
      receivingOrg: cellText(get('receivingOrg')),
      receiptDate,
      receiptDateText: receiptDate ? '' : cellText(dateCell),
      requestDate: parseDate(get('requestDate')),
      source: cellText(get('source')),
      statusText,
      state: rule === 'status' ? receiptState(statusText, yesNo) : rule === 'unreadableStatus' ? 'unknown' : 'landed',
    });
  }
  return {
    records,
    info: { file, sheet: snapshot.name, headerRow: header.row, rule, rows: records.length, skippedRows },
  };
}

/**
 * Headers that make a sheet read as a registration table look like a receipt export
 * instead: a status or a receipt/request date column, with fewer than half of the
 * registration's required columns. Empty when it is a registration table.
 */
export function receiptExportSigns(snapshot: SheetSnapshot, registration: HeaderMatch): string[] {
  const required = REQUIRED_FIELDS.filter((k) => registration.columns.has(k)).length;
  if (required * 2 >= REQUIRED_FIELDS.length) return [];
  const asReceipts = findHeader(snapshot, RECEIPT_TABLE_FIELDS, 2);
  if (!asReceipts) return [];
  return asReceipts.decisions.filter((d) => d.field === 'status' || d.field === 'receiptDate' || d.field === 'requestDate').map((d) => d.header);
}

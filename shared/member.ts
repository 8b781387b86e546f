/**
 * One registration row turned into a typed member record, once: the rules, the
 * reconciliation and the reports all read this, and nothing re-reads raw text.
 *
 * Rows are read column by column. Each column reads a cell value once per sheet —
 * most columns repeat a handful of values (学院, 转接类型, the same 开具日期) — and
 * keeps what it read; a column whose values keep changing (身份证号, 手机) soon stops
 * keeping them. A row is then a few array slots and bit masks, not an object of
 * strings (bench: rules over the bare pass).
 */
import { FIELD_KEYS, fieldDef, type FieldKey } from './fields.js';
import { cellText, compactCode, isErrorText, normalizeName, parseDate, parseDateOrMonth, parseInteger, parseMonth, type Cell } from './normalize.js';
import { checkIdNumber, type IdCheck } from './idNumber.js';
import { parsePhone } from './phone.js';
import {
  destinationLabel, foldValue, isNotApplicable, isUndecidedOrg, parseDestination, parseGender, parseMemberType, parseMethod, parseYesNo,
  transferTypeParser, type Destination, type MemberType, type Method, type TransferType,
} from './enums.js';
import type { RuleSettings } from './settings.js';
import { toSimplified } from './simplified.js';

/** One registered member, normalised: what the rules, reconciliation and reports need. */
export interface MemberRecord {
  row: number;
  /** 学院 as written (a config alias is resolved when the records are loaded). */
  college: string;
  branch: string;
  /** 姓名 with its middle dots unified. */
  name: string;
  studentId: string;
  /** The ID number when it passed GB 11643, else null. */
  idNumber: string | null;
  /** The ID as written, canonical (upper-case X, a numeric cell as Excel shows it); '' when blank. */
  idText: string;
  gender: '男' | '女' | null;
  memberType: MemberType | null;
  transferType: TransferType | null;
  method: Method | null;
  destination: Destination | null;
  /** 转接类型, 办理方式 and 毕业去向 as written: reports show what the college wrote. */
  transferTypeText: string;
  methodText: string;
  destinationText: string;
  letterHeader: string;
  receivingOrg: string;
  orgCode: string;
  /** The code was a number cell: Excel may have dropped its leading 0 (a text cell keeps what was typed). */
  orgCodeWasNumber: boolean;
  destinationUnit: string;
  /** ISO date, or 'YYYY-MM' when only the year and month were written (compared by month). */
  joinDate: string | null;
  issueDate: string | null;
  /** 党费交至 as YYYY-MM. */
  duesMonth: string | null;
  validDays: number | null;
  /** 开具日期 and 有效期 as written: a letter whose dates cannot be read is listed with them. */
  issueDateText: string;
  validDaysText: string;
  probationForm: 'yes' | 'no' | null;
  /** The phone in its canonical form when it was read, else as written. */
  phone: string;
  email: string;
  /** 升学 with no receiving branch yet: may transfer in September (seed 001: 升学尚无支部者 9 月办理). */
  undecidedStudy: boolean;
  /** The relationship legitimately stays at the school (settings.exemptDestinations). */
  staysAtSchool: boolean;
}

/** A cell's state: nothing, a value, a not-applicable mark (/ 无 不适用…), a formula error. */
export const EMPTY = 0;
export const FILLED = 1;
export const MARKED = 2;
export const ERRORED = 3;

/** One cell as read: `text` is '' unless the cell holds a value; `written` keeps a mark or an error as typed. */
export interface CellRead {
  readonly text: string;
  readonly written: string;
  readonly state: number;
  /** The field's own reading of the text (a code, an ISO date, an ID check…), null when unread. */
  readonly value: unknown;
}

/** Each field's index and bit: a row's filled/marked/errored fields are bit masks. */
export const FIELD_INDEX = Object.fromEntries(FIELD_KEYS.map((k, i) => [k, i])) as Record<FieldKey, number>;
export const fieldBit = (k: FieldKey): number => 1 << FIELD_INDEX[k];
if (FIELD_KEYS.length > 31) throw new Error('Row bit masks hold at most 31 fields.');

const BLANK: CellRead = { text: '', written: '', state: EMPTY, value: null };

type Parse = (cell: Cell, text: string) => unknown;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a cell into a new CellRead, or into `into` (a column's scratch when it keeps nothing). */
function readCell(cell: Cell, parse: Parse | undefined, into: Mutable<CellRead> | null, fold: boolean): CellRead {
  let text = '';
  let written: string;
  let state = FILLED;
  let value: unknown = null;
  const cleaned = cellText(cell);
  // A formula error says nothing about the member: reported once, checked no further.
  if (isErrorText(cleaned)) {
    written = String(cell).trim();
    state = ERRORED;
  } else {
    written = cleaned;
    if (written === '') return BLANK;
    // Traditional characters fold here, once: 京內, 預備黨員, 黨支部 read as their simplified forms.
    const folded = fold ? toSimplified(written) : written;
    if (isNotApplicable(folded)) state = MARKED;
    else {
      text = folded;
      value = parse ? parse(cell, folded) : null;
    }
  }
  if (into === null) return { text, written, state, value };
  into.text = text;
  into.written = written;
  into.state = state;
  into.value = value;
  return into;
}

/** Values a column keeps at most. */
const KEEP_LIMIT = 1024;
/**
 * New values a column may meet before it judges its hits: then one where fewer than a
 * third of lookups hit (names, IDs, phones) stops keeping, while one with a few hundred
 * values (入党时间) is hitting most of the time by then and keeps them.
 */
const TRIAL_MISSES = 512;
/** Slots of the identity cache in front of the map (a power of two). */
const SLOTS = 64;

/**
 * Reads one column's cells, keeping each distinct value's reading while that pays. A
 * value is found first in a small table indexed by its length and end characters, where
 * the cell SheetJS or Office.js hands over is usually the very string kept (one pointer
 * compare), then in a map. A class, not a closure per column: every column shares one
 * call target, which V8 inlines (bench: rules over the bare pass).
 */
class ColumnReader {
  private kept: Map<Cell, CellRead> | null = new Map();
  private readonly slotCells: Cell[] = new Array<Cell>(SLOTS).fill(null);
  private readonly slotReads: CellRead[] = new Array<CellRead>(SLOTS).fill(BLANK);
  private misses = 0;
  private hits = 0;
  /** Where a column that keeps nothing reads each cell: no object per row (valid until the next row). */
  private readonly scratch: Mutable<CellRead> = { text: '', written: '', state: EMPTY, value: null };
  /** `fold`: read traditional characters as simplified (every field but 姓名, which stays as written). */
  constructor(private readonly parse: Parse | undefined, private readonly fold = true) {}

  read(cell: Cell): CellRead {
    if (cell === null || cell === undefined) return BLANK;
    const kept = this.kept;
    // 身份证号, 手机: every value is new; looking them up would only cost.
    if (kept === null) return readCell(cell, this.parse, this.scratch, this.fold);
    let slot = 0;
    if (typeof cell === 'string') {
      const n = cell.length;
      if (n === 0) return BLANK;
      slot = (n * 7 + cell.charCodeAt(0) + cell.charCodeAt(n - 1) * 3) & (SLOTS - 1);
    } else if (typeof cell === 'number') slot = (cell | 0) & (SLOTS - 1);
    if (this.slotCells[slot] === cell) return this.slotReads[slot]!;
    let r = kept.get(cell);
    if (r === undefined) {
      r = readCell(cell, this.parse, null, this.fold);
      if (++this.misses > TRIAL_MISSES && this.hits * 2 < this.misses) this.kept = null;
      else if (kept.size < KEEP_LIMIT) kept.set(cell, r);
    } else this.hits++;
    this.slotCells[slot] = cell;
    this.slotReads[slot] = r;
    return r;
  }
}

/** What each field's text means; fields without an entry are text only. */
function fieldParsers(settings: RuleSettings, today: string, date1904: boolean): Partial<Record<FieldKey, Parse>> {
  const parseTransferType = transferTypeParser(settings);
  // An empty list exempts nobody; a listed word matches the text or the destination it means.
  const exempt = new Set(settings.exemptDestinations.map(foldValue));
  return {
    name: (_, t) => normalizeName(t),
    gender: (_, t) => parseGender(t),
    studentId: (_, t) => compactCode(t),
    idNumber: (cell) => checkIdNumber(cell, today),
    memberType: (_, t) => parseMemberType(t),
    // Dates, months and numbers from the raw cell: a date cell is a serial, not its displayed text.
    // 入党时间 may be a year and month only (「入党年月」): kept as YYYY-MM, compared by month.
    joinDate: (cell) => parseDateOrMonth(cell, date1904),
    transferType: (_, t) => parseTransferType(t),
    method: (_, t) => parseMethod(t),
    receivingOrg: (_, t) => isUndecidedOrg(t),
    destination: (_, t): DestinationRead => {
      const d = parseDestination(t);
      return { d, stays: exempt.size > 0 && (exempt.has(foldValue(t)) || (d !== null && exempt.has(foldValue(destinationLabel(d))))) };
    },
    issueDate: (cell) => parseDate(cell, date1904),
    validDays: (cell) => parseInteger(cell),
    duesPaidThrough: (cell) => parseMonth(cell, date1904),
    probationForm: (_, t) => parseYesNo(t),
    phone: (_, t) => parsePhone(t),
    orgCode: (cell) => typeof cell === 'number',
  };
}

interface DestinationRead { d: Destination | null; stays: boolean }

/** One row as read: its record, which fields hold values, marks and errors, and the cells themselves. */
export interface RowRead {
  member: MemberRecord;
  /** Bit masks over FIELD_INDEX. */
  filled: number;
  marked: number;
  errored: number;
  /** Every field's cell as read, by FIELD_INDEX (valid until the next row is read). */
  cells: readonly CellRead[];
  /** The ID check when the cell held a value. */
  id: IdCheck | null;
  /** False when a phone was written and could not be read. */
  phoneOk: boolean;
}

/** A value as the college wrote it ('' for a blank, a mark or an error, like `text`). */
const writtenValue = (r: CellRead): string => (r.state === FILLED ? r.written : '');

/**
 * The fields whose words are read: text and enumerations. Codes, IDs, phones, dates and
 * numbers hold nothing to fold (and are read on every row); 姓名 keeps what was written.
 */
const FOLDED = new Set(FIELD_KEYS.filter((k) => k !== 'name' && (fieldDef(k).kind === 'text' || fieldDef(k).kind === 'enum')));

/** A record with every field present and empty: the reader fills one in place. */
const blankMember = (): MemberRecord => ({
  row: 0, college: '', branch: '', name: '', studentId: '', idNumber: null, idText: '', gender: null, memberType: null, transferType: null,
  method: null, destination: null, transferTypeText: '', methodText: '', destinationText: '', letterHeader: '', receivingOrg: '', orgCode: '', orgCodeWasNumber: false,
  destinationUnit: '', joinDate: null, issueDate: null, duesMonth: null, validDays: null, issueDateText: '', validDaysText: '', probationForm: null, phone: '', email: '',
  undecidedStudy: false, staysAtSchool: false,
});

/** Reads one row into one record reused from row to row: copy `member` to keep it. */
export type MemberReader = (row: number, cells: readonly Cell[]) => RowRead;

/**
 * A reader for one sheet's rows: `colAt` gives each field's column (-1 when absent);
 * `date1904` is the workbook's date system (its serials count from 1904).
 * The returned RowRead is reused from row to row.
 */
export function memberReader(settings: RuleSettings, today: string, colAt: Record<FieldKey, number>, date1904 = false): MemberReader {
  const parsers = fieldParsers(settings, today, date1904);
  const present = FIELD_KEYS.map((k, i) => ({ i, col: colAt[k], read: new ColumnReader(parsers[k], FOLDED.has(k)) })).filter((p) => p.col >= 0);
  const n = present.length;
  const idx = present.map((p) => p.i);
  const cols = present.map((p) => p.col);
  const readers = present.map((p) => p.read);
  const c: CellRead[] = FIELD_KEYS.map(() => BLANK);
  const I = FIELD_INDEX;
  const out: RowRead = { member: null as unknown as MemberRecord, filled: 0, marked: 0, errored: 0, cells: c, id: null, phoneOk: true };

  const scratch = blankMember();
  return (row, cells) => {
    let filled = 0;
    let marked = 0;
    let errored = 0;
    for (let j = 0; j < n; j++) {
      const r = readers[j]!.read(cells[cols[j]!]);
      const i = idx[j]!;
      c[i] = r;
      if (r.state === FILLED) filled |= 1 << i;
      else if (r.state === MARKED) marked |= 1 << i;
      else if (r.state === ERRORED) errored |= 1 << i;
    }
    const id = c[I.idNumber]!.value as IdCheck | null;
    const phone = c[I.phone]!;
    const phoneRead = phone.value as { value: string } | null;
    const dest = c[I.destination]!.value as DestinationRead | null;
    const org = c[I.receivingOrg]!;
    // Every field written in place: the pass keeps no object per row (bench: rules).
    const m = scratch;
    m.row = row;
    m.college = c[I.college]!.text;
    m.branch = c[I.branch]!.text;
    m.name = (c[I.name]!.value as string | null) ?? '';
    m.studentId = (c[I.studentId]!.value as string | null) ?? '';
    m.idNumber = id?.ok ? id.value : null;
    m.idText = id ? id.value : '';
    m.gender = c[I.gender]!.value as MemberRecord['gender'];
    m.memberType = c[I.memberType]!.value as MemberType | null;
    m.transferType = c[I.transferType]!.value as TransferType | null;
    m.method = c[I.method]!.value as Method | null;
    m.destination = dest ? dest.d : null;
    // As written (not folded): reports and messages quote what the college wrote.
    m.transferTypeText = writtenValue(c[I.transferType]!);
    m.methodText = writtenValue(c[I.method]!);
    m.destinationText = writtenValue(c[I.destination]!);
    m.letterHeader = c[I.letterHeader]!.text;
    m.receivingOrg = org.text;
    m.orgCode = c[I.orgCode]!.text;
    m.orgCodeWasNumber = c[I.orgCode]!.value === true;
    m.destinationUnit = c[I.destinationUnit]!.text;
    m.joinDate = c[I.joinDate]!.value as string | null;
    m.issueDate = c[I.issueDate]!.value as string | null;
    m.duesMonth = c[I.duesPaidThrough]!.value as string | null;
    m.validDays = c[I.validDays]!.value as number | null;
    m.issueDateText = c[I.issueDate]!.written;
    m.validDaysText = c[I.validDays]!.written;
    m.probationForm = c[I.probationForm]!.value as MemberRecord['probationForm'];
    m.phone = phoneRead ? phoneRead.value : phone.text;
    m.email = c[I.email]!.text;
    // A blank, a mark or 待定/不详 all say the same: no receiving branch yet.
    m.undecidedStudy = dest !== null && dest.d === 'furtherStudy' && (org.state !== FILLED || org.value === true);
    m.staysAtSchool = dest !== null && dest.stays;
    out.member = m;
    out.filled = filled;
    out.marked = marked;
    out.errored = errored;
    out.id = id;
    out.phoneOk = phone.state !== FILLED || phoneRead !== null;
    return out;
  };
}

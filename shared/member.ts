/**
 * One registration row turned into a typed member record, once: the rules, the
 * reconciliation and the reports all read this, and nothing re-reads raw text.
 */
import type { FieldKey } from './fields.js';
import { cellText, compactCode, normalizeName, parseDate, parseInteger, parseMonth, type Cell } from './normalize.js';
import { checkIdNumber, type IdCheck } from './idNumber.js';
import { parsePhone } from './phone.js';
import {
  destinationLabel, foldValue, isUndecidedOrg, mayBeNotApplicable, parseDestination, parseMemberType, parseMethod, transferTypeParser,
  type Destination, type MemberType, type Method, type TransferType,
} from './enums.js';
import type { RuleSettings } from './settings.js';

/** One registered member, normalised: what the rules, reconciliation and reports need. */
export interface MemberRecord {
  row: number;
  /** Every field's cell text; the ID and phone in their canonical form. */
  text: Record<FieldKey, string>;
  /** The ID number when it passed GB 11643, else null. */
  idNumber: string | null;
  name: string;
  studentId: string;
  memberType: MemberType | null;
  transferType: TransferType | null;
  method: Method | null;
  destination: Destination | null;
  joinDate: string | null;
  issueDate: string | null;
  /** 党费交至 as YYYY-MM. */
  duesMonth: string | null;
  validDays: number | null;
  /** 升学 with no receiving branch yet: may transfer in September (seed 001). */
  undecidedStudy: boolean;
  /** The relationship legitimately stays at the school (settings.exemptDestinations). */
  staysAtSchool: boolean;
}

/** What the rules need beyond the record: the ID check and whether the phone was read. */
export interface MemberChecks {
  id: IdCheck | null;
  phoneOk: boolean;
}

// Set while a row's text is read when some cell might be a formula error (#…) or a
// not-applicable mark, so that only such rows pay for the per-cell check (bench: rules).
let suspect = false;

function textAt(cells: readonly Cell[], c: number): string {
  if (c < 0) return '';
  const t = cellText(cells[c] ?? null);
  if (!suspect && t.length !== 0 && (t.charCodeAt(0) === 35 || mayBeNotApplicable(t))) suspect = true;
  return t;
}

/** Whether the row read last by rowText has a cell that may be an error value or a mark. */
export const lastRowSuspect = (): boolean => suspect;

/**
 * Every field's text for one row, written as one literal: V8 then builds the object in
 * its final shape, a third faster than filling it key by key (bench: rule throughput).
 * The type makes the compiler list any field added to the catalogue here.
 */
export function rowText(cells: readonly Cell[], col: Record<FieldKey, number>): Record<FieldKey, string> {
  suspect = false;
  return {
    college: textAt(cells, col.college), branch: textAt(cells, col.branch), name: textAt(cells, col.name),
    gender: textAt(cells, col.gender), ethnicity: textAt(cells, col.ethnicity), studentId: textAt(cells, col.studentId),
    idNumber: textAt(cells, col.idNumber), memberType: textAt(cells, col.memberType), joinDate: textAt(cells, col.joinDate),
    transferType: textAt(cells, col.transferType), method: textAt(cells, col.method), letterHeader: textAt(cells, col.letterHeader),
    receivingOrg: textAt(cells, col.receivingOrg), orgCode: textAt(cells, col.orgCode), destination: textAt(cells, col.destination),
    destinationUnit: textAt(cells, col.destinationUnit), letterNo: textAt(cells, col.letterNo), issueDate: textAt(cells, col.issueDate),
    validDays: textAt(cells, col.validDays), duesPaidThrough: textAt(cells, col.duesPaidThrough), probationForm: textAt(cells, col.probationForm),
    phone: textAt(cells, col.phone), email: textAt(cells, col.email), remarks: textAt(cells, col.remarks),
  };
}

/** Reads one row; fills `checks` in place (one object for the whole sheet, not one per row). */
export type MemberReader = (row: number, cells: readonly Cell[], text: Record<FieldKey, string>, checks: MemberChecks) => MemberRecord;

/**
 * A reader for one sheet's rows. `text` comes from rowText with formula errors and
 * not-applicable marks already blanked; dates, months and numbers are read from the
 * raw cells (a date cell is a serial, not its displayed text).
 */
export function memberReader(settings: RuleSettings, today: string, colAt: Record<FieldKey, number>): MemberReader {
  const parseTransferType = transferTypeParser(settings);
  const exempt = new Set(settings.exemptDestinations.map(foldValue));
  // An empty list exempts nobody; a listed word matches the text or the destination it means.
  // A sheet writes a handful of destinations: decide each spelling once.
  const decided = new Map<string, boolean>();
  const staysAtSchool = (text: string, d: Destination | null) => {
    let stays = decided.get(text);
    if (stays === undefined) {
      stays = exempt.size > 0 && (exempt.has(foldValue(text)) || (d !== null && exempt.has(foldValue(destinationLabel(d)))));
      decided.set(text, stays);
    }
    return stays;
  };
  const raw = (cells: readonly Cell[], text: string, col: number): Cell => (text === '' ? null : cells[col]);

  return (row, cells, text, checks) => {
    let id: IdCheck | null = null;
    if (text.idNumber !== '') {
      id = checkIdNumber(cells[colAt.idNumber], today);
      text.idNumber = id.value; // canonical: upper-case X, a numeric cell as Excel shows it
    }
    let phoneOk = true;
    if (text.phone !== '') {
      const phone = parsePhone(text.phone);
      if (phone) text.phone = phone.value; // the canonical form reports and mails show
      else phoneOk = false;
    }
    const destination = parseDestination(text.destination);
    const member: MemberRecord = {
      row,
      text,
      idNumber: id?.ok ? id.value : null,
      name: normalizeName(text.name),
      studentId: compactCode(text.studentId),
      memberType: parseMemberType(text.memberType),
      transferType: parseTransferType(text.transferType),
      method: parseMethod(text.method),
      destination,
      joinDate: text.joinDate !== '' ? parseDate(raw(cells, text.joinDate, colAt.joinDate)) : null,
      issueDate: text.issueDate !== '' ? parseDate(raw(cells, text.issueDate, colAt.issueDate)) : null,
      duesMonth: text.duesPaidThrough !== '' ? parseMonth(raw(cells, text.duesPaidThrough, colAt.duesPaidThrough)) : null,
      validDays: text.validDays !== '' ? parseInteger(raw(cells, text.validDays, colAt.validDays)) : null,
      undecidedStudy: destination === 'furtherStudy' && isUndecidedOrg(text.receivingOrg),
      staysAtSchool: staysAtSchool(text.destination, destination),
    };
    checks.id = id;
    checks.phoneOk = phoneOk;
    return member;
  };
}

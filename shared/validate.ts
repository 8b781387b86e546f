/**
 * The registration-table rules (core issue, rules 1–16), run over a sheet
 * snapshot. Pure: the same code runs in the task pane and in Node.
 */
import { FIELD_KEYS, REGISTRATION_FIELDS, REQUIRED_FIELDS, fieldLabel, type FieldKey } from './fields.js';
import { message, type FindingCode, type Severity } from './messages.js';
import {
  addDays, cellText, charLength, compactCode, isEmail, isErrorValue, normalizeName, parseDate,
  parseInteger, parseMonth, type Cell,
} from './normalize.js';
import { checkIdNumber } from './idNumber.js';
import { parsePhone } from './phone.js';
import {
  destinationLabel, foldValue, isNotApplicable, isUndecidedOrg, parseDestination, parseGender, parseMemberType, parseMethod,
  parseYesNo, transferTypeLabels, transferTypeParser, type Destination, type MemberType, type Method, type TransferType,
} from './enums.js';
import { defaultRuleSettings, type RuleSettings } from './settings.js';
import { columnLetter, findHeader, footerReason, HEADER_SEARCH_TEXT, isBlankRow, type HeaderMatch, type SheetSnapshot } from './table.js';
import type { ColumnOverrides } from './headers.js';

export interface Finding {
  row: number;
  field: FieldKey | null;
  column: string | null;
  code: FindingCode;
  severity: Severity;
  message: string;
}

/** One registered member, normalised: what reconciliation and reports need. */
export interface MemberRecord {
  row: number;
  text: Record<FieldKey, string>;
  /** The ID number when it passed GB 11643, else null. */
  idNumber: string | null;
  name: string;
  studentId: string;
  memberType: MemberType | null;
  transferType: TransferType | null;
  method: Method | null;
  destination: Destination | null;
  issueDate: string | null;
  validDays: number | null;
  /** 升学 with no receiving branch yet: may transfer in September (seed 001). */
  undecidedStudy: boolean;
  /** The relationship legitimately stays at the school (settings.exemptDestinations). */
  staysAtSchool: boolean;
}

export interface ValidationResult {
  sheet: string;
  headerRow: number;
  /** Non-blank data rows. */
  rowCount: number;
  columns: Partial<Record<FieldKey, string>>;
  findings: Finding[];
  records: MemberRecord[];
  /** Rows below the header that are not members (signatures, totals, notes), with why. */
  skippedRows: { row: number; reason: string }[];
  /** The header as found: every column's decision and its reason. */
  header: HeaderMatch;
}

export interface ValidateOptions {
  settings?: RuleSettings;
  /** ISO date used for "in the future" checks; the caller's today. */
  today: string;
  /** A header already found by the caller (the reader picks sheets by it). */
  header?: HeaderMatch;
  /** The user's corrections to the column mapping. */
  overrides?: ColumnOverrides;
}

export class HeaderNotFoundError extends Error {
  readonly expected = REGISTRATION_FIELDS.map((f) => f.header);
  constructor(readonly sheet: string) {
    super(`在工作表「${sheet}」的${HEADER_SEARCH_TEXT}中没有找到登记表的表头。应包含这些列：${REGISTRATION_FIELDS.map((f) => f.header).join('、')}。`);
    this.name = 'HeaderNotFoundError';
  }
}

/** Words that make a receiving unit a 党委 or 党总支 rather than a 党支部 (seed 001). */
const NOT_BRANCH_SUFFIX = /(?:党委|党总支|总支部委员会|总支|党工委|工作委员会)$/;
const COMMITTEE_SUFFIX = /委员会$/;
const BRANCH_SUFFIX = /(?:党支部|支部委员会|支部)$/;
/** A 党支部 or 党总支 can never be the letter header (seed 004 第八条). */
const HEADER_BRANCH = /(?:党支部|党总支|支部委员会|总支部委员会|党小组)$/;

const includesAny = (s: string, words: readonly string[]) => words.some((w) => s.includes(w));

const textAt = (cells: readonly Cell[], c: number): string => (c < 0 ? '' : cellText(cells[c] ?? null));

/** Findings that say a field must be filled: a not-applicable mark there gets its own text. */
const MUST_FILL = new Set<FindingCode>(['REQUIRED', 'REQUIRED_FOR_PAPER', 'ORG_CODE_REQUIRED']);

/** Destinations whose relationship stays at the school, compared folded; an empty list exempts nobody. */
function exemptionOf(settings: RuleSettings): (text: string, d: Destination | null) => boolean {
  const exempt = new Set(settings.exemptDestinations.map(foldValue));
  return (text, d) => exempt.size > 0 && (exempt.has(foldValue(text)) || (d !== null && exempt.has(foldValue(destinationLabel(d)))));
}

/**
 * Every field's text for one row, written as one literal: V8 then builds the object in
 * its final shape, a third faster than filling it key by key (bench: rule throughput).
 * The type makes the compiler list any field added to the catalogue here.
 */
function rowText(cells: readonly Cell[], col: Record<FieldKey, number>): Record<FieldKey, string> {
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

/** Validate one sheet. Throws HeaderNotFoundError when it has no recognisable header. */
export function validateSheet(snapshot: SheetSnapshot, options: ValidateOptions): ValidationResult {
  const settings = options.settings ?? defaultRuleSettings();
  const header = options.header ?? findHeader(snapshot, REGISTRATION_FIELDS, { overrides: options.overrides });
  if (!header) throw new HeaderNotFoundError(snapshot.name);
  return validateRows(snapshot, header, settings, options.today);
}

function validateRows(snapshot: SheetSnapshot, header: HeaderMatch, settings: RuleSettings, today: string): ValidationResult {
  const originRow = snapshot.origin?.row ?? 1;
  const originCol = snapshot.origin?.col ?? 1;
  const colIndex = header.columns as Map<FieldKey, number>;
  const letters: Partial<Record<FieldKey, string>> = {};
  for (const [key, col] of colIndex) letters[key] = columnLetter(originCol + col);

  const findings: Finding[] = [];
  const records: MemberRecord[] = [];
  const skippedRows: ValidationResult['skippedRows'] = [];
  // The not-applicable marks of the row being checked: 「/」 where a field must be filled gets its own finding.
  let marks: Map<FieldKey, string> | null = null;
  const push = (row: number, field: FieldKey | null, code: FindingCode, args?: Record<string, string | number>) => {
    const mark = field && marks?.get(field);
    if (mark && MUST_FILL.has(code)) {
      args = { mark, why: message(code, args).message };
      code = 'MARKED_NOT_APPLICABLE';
    }
    const { severity, message: text } = message(code, args);
    findings.push({ row, field, column: field ? (letters[field] ?? null) : null, code, severity, message: text });
  };

  // Table-level findings live on the header row.
  for (const key of REQUIRED_FIELDS) if (!colIndex.has(key)) push(header.row, key, 'COLUMN_MISSING', { label: fieldLabel(key) });
  for (const d of header.duplicates) {
    findings.push({
      row: header.row, field: d.key as FieldKey, column: columnLetter(originCol + d.col), ...message('COLUMN_DUPLICATE', { label: fieldLabel(d.key), first: columnLetter(originCol + d.first) }), code: 'COLUMN_DUPLICATE',
    });
  }
  for (const u of header.unknown) {
    findings.push({ row: header.row, field: null, column: columnLetter(originCol + u.col), code: 'COLUMN_UNKNOWN', ...message('COLUMN_UNKNOWN', { header: u.header }) });
  }
  for (const a of header.ambiguous) {
    const choices = a.candidates.map((k) => `「${fieldLabel(k)}」`).join('还是');
    findings.push({ row: header.row, field: null, column: columnLetter(originCol + a.col), code: 'COLUMN_AMBIGUOUS', ...message('COLUMN_AMBIGUOUS', { header: a.header, choices }) });
  }
  const isStaying = exemptionOf(settings);

  const parseTransferType = transferTypeParser(settings);
  const typeLabels = transferTypeLabels(settings);
  const codeLengths = new Set(settings.orgCodeLengths);
  const firstStudentRow = new Map<string, number>();
  const firstIdRow = new Map<string, number>();
  const present = FIELD_KEYS.filter((k) => colIndex.has(k));
  const cols = present.map((k) => colIndex.get(k)!);

  const requiredPresent = REQUIRED_FIELDS.filter((k) => colIndex.has(k));
  // Each field's column, -1 when absent. Raw cells are read only where the text is non-empty.
  const colAt = Object.fromEntries(FIELD_KEYS.map((k) => [k, colIndex.get(k) ?? -1])) as Record<FieldKey, number>;

  let rowCount = 0;
  for (let i = header.index + 1; i < snapshot.rows.length; i++) {
    const cells = snapshot.rows[i];
    if (isBlankRow(cells, cols)) continue;
    const row = originRow + i;
    const footer = footerReason(cells, cols, colAt.name < 0 ? undefined : colAt.name);
    if (footer) {
      skippedRows.push({ row, reason: footer });
      continue;
    }
    rowCount++;
    const text = rowText(cells!, colAt);
    const startCount = findings.length;
    let errored: Set<FieldKey> | null = null;
    marks = null;
    for (let c = 0; c < present.length; c++) {
      const k = present[c]!;
      const v = cells![cols[c]!];
      // A formula error says nothing about the member; report it once and check the cell no further.
      if (isErrorValue(v)) {
        push(row, k, 'CELL_ERROR_VALUE', { value: String(v).trim() });
        (errored ??= new Set()).add(k);
        text[k] = '';
      } else if (isNotApplicable(text[k])) {
        (marks ??= new Map()).set(k, text[k]);
        text[k] = '';
      }
    }

    const destination = parseDestination(text.destination);
    const transferType = parseTransferType(text.transferType);
    const method = parseMethod(text.method);
    const memberType = parseMemberType(text.memberType);
    const undecidedStudy = destination === 'furtherStudy' && isUndecidedOrg(text.receivingOrg);

    // 1. Required cells. A 升学 member may not know the receiving branch yet (rule 16);
    // an 出国(境) member's relationship stays at the school (domain notes).
    const staysAtSchool = isStaying(text.destination, destination);
    for (const k of requiredPresent) {
      if (text[k] !== '' || errored?.has(k)) continue;
      if (k === 'receivingOrg' && (undecidedStudy || staysAtSchool)) continue;
      push(row, k, 'REQUIRED');
    }

    // 2. Name.
    const name = normalizeName(text.name);
    if (text.name !== '') {
      const len = charLength(name);
      if (len < 2 || len > 30 || !/^[\p{Script=Han}A-Za-z·. ]+$/u.test(name)) push(row, 'name', 'NAME_FORMAT');
    }

    // 3. Student number repeated.
    const studentId = compactCode(text.studentId);
    if (studentId) {
      const first = firstStudentRow.get(studentId);
      if (first !== undefined) push(row, 'studentId', 'STUDENT_ID_DUPLICATE', { firstRow: first });
      else firstStudentRow.set(studentId, row);
    }

    // 4. ID number and gender.
    let idNumber: string | null = null;
    if (text.idNumber !== '') {
      const id = checkIdNumber(cells![colAt.idNumber], today);
      text.idNumber = id.value; // canonical: upper-case X, a numeric cell as Excel shows it
      if (id.ok) {
        idNumber = id.value;
        const first = firstIdRow.get(id.value);
        if (first !== undefined) push(row, 'idNumber', 'ID_DUPLICATE', { firstRow: first });
        else firstIdRow.set(id.value, row);
      } else push(row, 'idNumber', id.code, id.args);
      // A 15-digit number has a gender digit too (its last).
      const gender = id.gender ? parseGender(text.gender) : null;
      if (gender && gender !== id.gender) push(row, 'gender', 'GENDER_MISMATCH', { expected: id.gender! });
    }
    if (text.gender !== '' && !parseGender(text.gender)) push(row, 'gender', 'GENDER_INVALID');

    // 5. Enumerations.
    if (text.memberType !== '' && !memberType) push(row, 'memberType', 'MEMBER_TYPE_INVALID');
    if (text.transferType !== '' && !transferType) push(row, 'transferType', 'TRANSFER_TYPE_INVALID', { choices: typeLabels.join('」「') });
    if (text.method !== '' && !method) push(row, 'method', 'METHOD_INVALID');
    if (text.probationForm !== '' && !parseYesNo(text.probationForm)) push(row, 'probationForm', 'PROBATION_FORM_INVALID');

    // 6. Contacts.
    if (text.phone !== '') {
      const phone = parsePhone(text.phone);
      if (phone) text.phone = phone.value; // the canonical form reports and mails show
      else push(row, 'phone', 'PHONE_INVALID');
    }
    if (text.email !== '' && !isEmail(text.email)) push(row, 'email', 'EMAIL_INVALID');

    // 7. Dates.
    const joinDate = text.joinDate !== '' ? parseDate(cells![colAt.joinDate]) : null;
    const issueDate = text.issueDate !== '' ? parseDate(cells![colAt.issueDate]) : null;
    if (text.joinDate !== '' && !joinDate) push(row, 'joinDate', 'DATE_INVALID');
    if (joinDate && joinDate > today) push(row, 'joinDate', 'JOIN_DATE_FUTURE', { date: joinDate });
    if (text.issueDate !== '' && !issueDate) push(row, 'issueDate', 'DATE_INVALID');
    if (joinDate && issueDate && issueDate < joinDate && joinDate <= today) push(row, 'issueDate', 'ISSUE_BEFORE_JOIN', { joinDate });

    // 8. Dues month and validity.
    const duesMonth = text.duesPaidThrough !== '' ? parseMonth(cells![colAt.duesPaidThrough]) : null;
    if (text.duesPaidThrough !== '' && !duesMonth) push(row, 'duesPaidThrough', 'MONTH_INVALID');
    const validDays = text.validDays !== '' ? parseInteger(cells![colAt.validDays]) : null;
    if (text.validDays !== '' && (validDays === null || validDays < 1 || validDays > settings.maxValidDays)) {
      push(row, 'validDays', 'VALID_DAYS_INVALID', { max: settings.maxValidDays });
    }

    // 9. Organisation code.
    if (text.orgCode !== '') {
      const code = compactCode(cells![colAt.orgCode]);
      const lostZero = /^\d+$/.test(code) && !codeLengths.has(code.length) && codeLengths.has(code.length + 1);
      if (lostZero) push(row, 'orgCode', 'ORG_CODE_LOST_ZERO', { fixed: `0${code}` });
      else if (!/^\d+$/.test(code) || !codeLengths.has(code.length)) push(row, 'orgCode', 'ORG_CODE_FORMAT', { lengths: settings.orgCodeLengths.join(' 或 ') });
    }

    // 10. 京内: a 党支部 with its code (seed 001: 不能是党委或党总支，建议输入党支部编码).
    if (transferType === 'inRegion' && !undecidedStudy) {
      const org = text.receivingOrg;
      if (org && !BRANCH_SUFFIX.test(org) && (NOT_BRANCH_SUFFIX.test(org) || COMMITTEE_SUFFIX.test(org))) {
        push(row, 'receivingOrg', 'IN_REGION_NOT_BRANCH', { inRegion: settings.region.inRegion });
      }
      if (text.orgCode === '') push(row, 'orgCode', 'ORG_CODE_REQUIRED', { inRegion: settings.region.inRegion });
    }

    // 11–12. Paper letters: only outside the region, with every letter field (seeds 000, 001).
    if (method === 'paper') {
      if (transferType === 'internal' || transferType === 'inRegion') {
        push(row, 'method', 'PAPER_NOT_ALLOWED', { type: text.transferType });
      } else {
        for (const k of ['letterHeader', 'letterNo', 'issueDate', 'validDays'] as const) if (text[k] === '') push(row, k, 'REQUIRED_FOR_PAPER');
        const names = `${text.receivingOrg} ${text.letterHeader} ${text.destinationUnit}`;
        if (transferType === 'outOfRegion' && !includesAny(names, settings.offNetworkKeywords)) push(row, 'method', 'PAPER_ON_NETWORK');
      }
    }

    // 13. Letter header: a body with authority to receive transfers (seeds 000, 003, 004).
    if (text.letterHeader !== '') {
      if (HEADER_BRANCH.test(text.letterHeader)) push(row, 'letterHeader', 'HEADER_IS_BRANCH');
      else if (!includesAny(text.letterHeader, settings.letterHeaderKeywords)) push(row, 'letterHeader', 'HEADER_UNRECOGNISED');
    }

    // 14. Probationary members (seed 002: 《预备党员考察表》 with a seal).
    if (memberType === 'probationary') {
      if (parseYesNo(text.probationForm) !== 'yes' && !findings.slice(startCount).some((f) => f.field === 'probationForm')) {
        push(row, 'probationForm', 'PROBATION_FORM_MISSING');
      }
      if (joinDate && issueDate) {
        const due = addDays(joinDate, 365);
        if (due <= issueDate) push(row, 'memberType', 'PROBATION_OVER', { date: due });
      }
    }

    // 15. 党费交至 = the month of issue (seed 000), or the school's fixed month.
    const expectedDues = settings.fixedDuesMonth ?? issueDate?.slice(0, 7) ?? null;
    if (duesMonth && expectedDues && duesMonth !== expectedDues) {
      push(row, 'duesPaidThrough', 'DUES_MONTH_MISMATCH', { expected: expectedDues, actual: duesMonth });
    }

    // 16. Destinations (seed 001).
    if (destination === 'unplaced' && text.receivingOrg !== '' && !includesAny(text.receivingOrg, settings.unplacedOrgKeywords)) {
      push(row, 'receivingOrg', 'UNPLACED_ORG');
    }
    if (undecidedStudy) push(row, 'receivingOrg', 'FURTHER_STUDY_UNDECIDED');

    records.push({
      row, text, idNumber, name, studentId, memberType, transferType, method,
      destination, issueDate, validDays, undecidedStudy, staysAtSchool,
    });
  }

  return { sheet: snapshot.name, headerRow: header.row, rowCount, columns: letters, findings, records, skippedRows, header };
}

export const countBySeverity = (findings: readonly Finding[]) => {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
};

/**
 * Receipts against registrations, as of a date (reconciliation issue). Match by
 * normalised ID number, else by 学号; a name alone never completes anybody.
 */
import { lastValidDay } from './letter.js';
import { deadlineDate, deadlineLabel, furtherStudyGraceDate } from './deadlines.js';
import { compareNames, NAME_FOLDING_TEXT, type NameFolding } from './names.js';
import type { MemberRecord } from './validate.js';
import type { ReceiptFileInfo, ReceiptRecord } from './receipts.js';
import type { RuleSettings } from './settings.js';
import { isUnresolved, STATUSES, type Status } from './statuses.js';
import { repeatedRegistrations, repeatText, type RepeatedRow, type RowPlace } from './samePerson.js';
import { idDifference, idDifferenceText } from './nearMiss.js';
import { receiptFileFit, type ReceiptFileFit } from './receiptFit.js';

export interface RegisteredMember extends MemberRecord {
  /** Where the member was read: the file, with its sheet when the file had several (经管学院.xlsx「本科生党支部」). */
  file: string;
  sheet?: string;
  /** Canonical college name (config name when an alias matched). */
  college: string;
}

export interface MemberStatus {
  file: string;
  row: number;
  college: string;
  name: string;
  studentId: string;
  idNumber: string | null;
  status: Status;
  reasons: string[];
  member: RegisteredMember;
  receipts: ReceiptRecord[];
  /**
   * False for a row that registers again someone an earlier row registered (issue 18):
   * listed in its college's list with the note, counted in no total.
   */
  counted: boolean;
}

/** A registration row that calls for a correction whatever its status (issue 18, items 4 and 9). */
export interface RowProblem extends RowPlace {
  reason: string;
}

export interface UnusableRegistration {
  file: string;
  row: number;
  college: string;
  name: string;
  reason: string;
}

export interface ReconcileResult {
  asOf: string;
  cohort: number;
  members: MemberStatus[];
  orphans: ReceiptRecord[];
  unusable: UnusableRegistration[];
  /** How each receipt file was read (which rule made a row a receipt). */
  receiptFiles: ReceiptFileInfo[];
  /** Every row that registers someone again, with the row counted (the 组织部 sees each pair). */
  repeats: RepeatedRow<RegisteredMember>[];
  /** Members paired with a receipt whose ID is one digit or one swap away (信息不符, never completed). */
  nearMisses: RowProblem[];
  /** Rows whose ID number is written but invalid: they can never match a receipt by it. */
  invalidIds: RowProblem[];
  /** Paper letters whose issue date or validity could not be read: expiry cannot be judged. */
  unreadLetters: RowProblem[];
  /** Receipt files that match none or almost none of the registrations, with the likely cause. */
  unfitReceiptFiles: ReceiptFileFit[];
  /** Registration sheets not read that may hold members (hidden, or headed otherwise): said, never silently dropped. */
  skippedSheets: { file: string; sheet: string; reason: string }[];
  summary: ReconcileSummary;
}

export interface ReconcileSummary {
  total: number;
  byStatus: Record<Status, number>;
  byCollege: Record<string, Record<Status, number> & { total: number }>;
  /** Receipts from files that match no registration (mail receipts are counted with the mailbox's). */
  orphans: number;
  unusable: number;
  /** Rows counted once although registered twice. */
  repeats: number;
}

const zeroCounts = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

function index<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (!k) continue;
    const list = map.get(k);
    if (list) list.push(it);
    else map.set(k, [it]);
  }
  return map;
}

const describe = (r: ReceiptRecord) => `${r.file} 第${r.row}行`;

export interface ReconcileInput {
  members: RegisteredMember[];
  receipts: ReceiptRecord[];
  asOf: string;
  cohort: number;
  settings: RuleSettings;
  receiptFiles?: ReceiptFileInfo[];
  skippedSheets?: ReconcileResult['skippedSheets'];
}

const stateText = (r: ReceiptRecord) => r.statusText || '已回执';
const when = (r: ReceiptRecord) => (r.receiptDate ? ` ${r.receiptDate}` : '');

export function reconcile({ members, receipts, asOf, cohort, receiptFiles = [], skippedSheets = [] }: ReconcileInput): ReconcileResult {
  // A receipt dated after the as-of date had not arrived yet on that day.
  const known = receipts.filter((r) => !r.receiptDate || r.receiptDate <= asOf);
  const byId = index(known, (r) => r.idNumber);
  const byStudent = index(known, (r) => r.studentId || null);
  const matched = new Set<ReceiptRecord>();
  const out: MemberStatus[] = [];
  const unusable: UnusableRegistration[] = [];
  const invalidIds: RowProblem[] = [];
  const unreadLetters: RowProblem[] = [];
  const nearMisses: RowProblem[] = [];

  // A person registered twice is reconciled once, at the first row; the repeat copies it.
  const repeats = repeatedRegistrations(members);
  const repeatOf = new Map(repeats.map((p) => [p.repeat, p.first]));
  const primaries = members.filter((m) => !repeatOf.has(m));

  const candidatesOf = new Map<RegisteredMember, Set<ReceiptRecord>>();
  for (const m of primaries) {
    const candidates = new Set<ReceiptRecord>([...(m.idNumber ? byId.get(m.idNumber) ?? [] : []), ...(m.studentId ? byStudent.get(m.studentId) ?? [] : [])]);
    candidates.forEach((r) => matched.add(r));
    candidatesOf.set(m, candidates);
  }
  // Near misses: a member no receipt matched, and an unmatched receipt under the same name
  // whose ID is one digit or one swap away — paired for a person, never completed.
  const nearOf = pairNearMisses(primaries.filter((m) => !candidatesOf.get(m)!.size), known.filter((r) => !matched.has(r) && !r.mail));
  for (const rs of nearOf.values()) rs.forEach(({ r }) => matched.add(r));

  const statusOf = new Map<RegisteredMember, MemberStatus>();
  // Facts that call for an action stay in the row whatever the status (issue 18, item 9).
  const rowFacts = (m: RegisteredMember, status: Status): string[] => {
    const place = { file: m.file, row: m.row, college: m.college, name: m.name };
    const facts: string[] = [];
    if (m.idText && !m.idNumber) {
      const reason = `身份证号「${m.idText.length > 8 ? `${m.idText.slice(0, 4)}…${m.idText.slice(-4)}` : m.idText}」无效，无法按身份证号与回执对应，请更正登记表`;
      invalidIds.push({ ...place, reason });
      if (status !== 'completed') facts.push(reason);
    }
    const letter = letterProblem(m);
    if (letter) {
      unreadLetters.push({ ...place, reason: letter });
      if (isUnresolved(status)) facts.push(letter);
    }
    return facts;
  };
  const person = new Map<RegisteredMember, { status: Status; reasons: string[]; receipts: ReceiptRecord[] }>();
  for (const m of primaries) {
    if (!m.idNumber && !m.studentId) {
      unusable.push({ file: m.file, row: m.row, college: m.college, name: m.name, reason: '身份证号无效且没有学号，无法与回执对应。' });
      continue;
    }
    const near = nearOf.get(m);
    if (near) nearMisses.push(...near.map(({ r, text }) => ({ file: m.file, row: m.row, college: m.college, name: m.name, reason: `${describe(r)}：${text}` })));
    const st = near
      ? { status: 'mismatch' as Status, reasons: near.map(({ r, text }) => `疑似同一人，请核对后更正：${describe(r)}（${r.source || '回执'}${when(r)} ${stateText(r)}）姓名相同，${text}；未计为完成`), receipts: near.map((n) => n.r) }
      : statusFromReceipts(m, candidatesOf.get(m)!, asOf, cohort);
    person.set(m, st);
    const ms: MemberStatus = { file: m.file, row: m.row, college: m.college, name: m.name, studentId: m.studentId, idNumber: m.idNumber, status: st.status, reasons: [...st.reasons, ...rowFacts(m, st.status)], member: m, receipts: st.receipts, counted: true };
    statusOf.set(m, ms);
    out.push(ms);
  }
  // Each repeat in its own college's list with the person's status, both rows naming the other.
  for (const { first, repeat } of repeats) {
    const f = statusOf.get(first);
    const st = person.get(first);
    if (!f || !st) continue;
    f.reasons.unshift(repeatText(repeat));
    out.push({ ...f, file: repeat.file, row: repeat.row, college: repeat.college, name: repeat.name, studentId: repeat.studentId, idNumber: repeat.idNumber, reasons: [repeatText(first), ...st.reasons, ...rowFacts(repeat, st.status)], member: repeat, counted: false });
  }
  const order = new Map(members.map((m, i) => [m, i]));
  out.sort((a, b) => order.get(a.member)! - order.get(b.member)!);

  const orphans = known.filter((r) => !matched.has(r));
  const unfitReceiptFiles = receiptFileFit({ receipts, members, cohort });
  return {
    asOf, cohort, members: out, orphans, unusable, receiptFiles, skippedSheets,
    repeats: repeats.filter((p) => statusOf.has(p.first)), nearMisses, invalidIds, unreadLetters, unfitReceiptFiles,
    summary: summarize(out, orphans.filter((r) => !r.mail).length, unusable.length, repeats.length),
  };
}

/** A paper letter whose issue date or validity is missing or unreadable: its expiry cannot be judged. */
function letterProblem(m: RegisteredMember): string | null {
  if (m.method !== 'paper') return null;
  const parts: string[] = [];
  if (!m.issueDate) parts.push(m.issueDateText ? `开具日期「${m.issueDateText}」无法识别` : '未填写开具日期');
  if (m.validDays === null) parts.push(m.validDaysText ? `有效期「${m.validDaysText}」无法识别（应为天数，如 90）` : '未填写有效期');
  return parts.length ? `纸质介绍信${parts.join('，')}，无法判断是否过期，请更正登记表` : null;
}

/** Unmatched receipts one digit or one swap from a member's ID, under the same name. */
function pairNearMisses(members: readonly RegisteredMember[], receipts: readonly ReceiptRecord[]) {
  const out = new Map<RegisteredMember, { r: ReceiptRecord; text: string }[]>();
  if (!members.length || !receipts.length) return out;
  const key = (name: string) => name.replace(/[\s·]/g, '');
  const byName = index(receipts.filter((r) => r.idNumber && r.name), (r) => key(r.name));
  for (const m of members) {
    if (!m.idText || !m.name) continue;
    for (const r of byName.get(key(m.name)) ?? []) {
      // Everything else must agree: a 学号 on both sides that differs makes it someone else.
      if (m.studentId && r.studentId && m.studentId !== r.studentId) continue;
      const d = idDifference(m.idText, r.idNumber!);
      if (d) out.set(m, [...(out.get(m) ?? []), { r, text: `${idDifferenceText(d)}${m.idNumber ? '' : '，登记的身份证号校验码不符'}` }]);
    }
  }
  return out;
}

/** A member's status from the receipts matched to them, or from the calendar when none did. */
function statusFromReceipts(m: RegisteredMember, candidates: Set<ReceiptRecord>, asOf: string, cohort: number): { status: Status; reasons: string[]; receipts: ReceiptRecord[] } {
  const sep1 = deadlineDate(cohort, '09-01');
  const dec10 = deadlineDate(cohort, '12-10');
  const grace = furtherStudyGraceDate(cohort);
  const reasons: string[] = [];
  const consistent: ReceiptRecord[] = [];
  const foldings = new Set<NameFolding>();
  for (const r of candidates) {
    const conflicts: string[] = [];
    const names = r.name && m.name ? compareNames(r.name, m.name) : null;
    if (names && !names.same) conflicts.push(`姓名不符（回执为「${r.name}」）`);
    else names?.foldings.forEach((f) => foldings.add(f));
    if (r.idNumber && m.idNumber && r.idNumber !== m.idNumber) conflicts.push('身份证号不符');
    if (r.studentId && m.studentId && r.studentId !== m.studentId) conflicts.push(`学号不符（回执为 ${r.studentId}）`);
    if (conflicts.length) reasons.push(`${describe(r)}：${conflicts.join('，')}`);
    else consistent.push(r);
  }

  let status: Status | null = null;
  if (reasons.length) status = 'mismatch';
  else {
    // The latest definite receipt decides: a failed transfer redone later lands.
    const definite = consistent.filter((r) => r.state === 'landed' || r.state === 'failed').sort((a, b) => (a.receiptDate ?? '').localeCompare(b.receiptDate ?? ''));
    const unknown = consistent.filter((r) => r.state === 'unknown');
    const last = definite.at(-1);
    const sameDay = last ? definite.filter((r) => r.receiptDate === last.receiptDate && r.state !== last.state) : [];
    if (last && sameDay.length) {
      status = 'mismatch';
      const day = last.receiptDate ? '同一天' : '都没有日期，无法判断先后，';
      reasons.push(`${day}既有接收回执又有退回记录（${describe(last)}、${describe(sameDay[0]!)}）`);
    } else if (last?.state === 'landed') {
      // Without a name to compare, only an equal valid ID number is certain enough (its
      // check digit rules out a typo landing on another member); a 学号 alone is not.
      const byIdAlone = !last.name && m.name !== '' && last.idNumber !== null && last.idNumber === m.idNumber;
      if ((!last.name || !m.name) && !byIdAlone) {
        status = 'mismatch';
        reasons.push(`${describe(last)}：${m.name ? '回执' : '登记表'}缺少姓名，无法核对`);
      } else {
        // A photographed receipt waiting for the stamped original counts only once another receipt lands.
        const basis = last.awaitingOriginal ? definite.filter((r) => r.state === 'landed' && !r.awaitingOriginal).at(-1) ?? last : last;
        status = basis.awaitingOriginal ? 'photo' : 'completed';
        reasons.push(`${basis.source || '回执'}${when(basis)}：${stateText(basis)}`);
        if (!basis.receiptDate) reasons.push(basis.receiptDateText ? `回执日期「${basis.receiptDateText}」无法识别` : '回执没有日期');
        if (foldings.size) reasons.push(`姓名按${[...foldings].map((f) => NAME_FOLDING_TEXT[f]).join('、')}后一致`);
        if (byIdAlone) reasons.push('回执没有姓名，按身份证号核对');
      }
    } else if (last?.state === 'failed') {
      status = 'failed';
      reasons.push(`${last.source || '回执'}${when(last)}：${last.statusText}`);
    } else if (unknown.length) {
      // Fail closed: a status nobody recognised is for a person to read, never a completion.
      status = 'unclear';
      reasons.push(...unknown.map((r) => `${describe(r)}：回执状态「${r.statusText}」无法识别，请人工核对`));
    }
  }

  const expiry = lastValidDay(m);
  const expired = expiry !== null && asOf > expiry;
  if (!status) {
    if (m.staysAtSchool) {
      status = 'exempt';
      reasons.push(`毕业去向为「${m.destinationText}」，组织关系按规定保留`);
    } else if (asOf >= dec10) {
      status = 'lost';
      reasons.push(`截至 ${asOf} 未收到回执，已过 ${deadlineLabel('12-10')}复核节点`);
    } else if (asOf >= sep1 && !(m.undecidedStudy && asOf <= grace)) {
      status = 'overdue';
      reasons.push(`截至 ${asOf} 未收到回执，已过 ${deadlineLabel('09-01')}清查节点`);
    } else if (expired) {
      status = 'expired';
      reasons.push(`纸质介绍信 ${expiry} 已过有效期，未收到回执`);
    } else {
      status = 'pending';
      reasons.push(m.undecidedStudy ? '升学，接收党支部待定，可在9月份办理' : '尚未收到回执');
    }
  }
  // An expired letter still needs a new one when the status says something more urgent (issue 18, item 9),
  // unless a receipt shows it was received in time (a photo of the stamped receipt: only the original is owed).
  if (expired && status !== 'expired' && isUnresolved(status) && !consistent.some((r) => r.state === 'landed' && !!r.receiptDate && r.receiptDate <= expiry!)) {
    reasons.push(`纸质介绍信 ${expiry} 已过有效期：须交回原介绍信后重开`);
  }
  return { status, reasons, receipts: [...candidates] };
}

function summarize(all: MemberStatus[], orphans: number, unusable: number, repeats: number): ReconcileSummary {
  const byStatus = zeroCounts();
  const byCollege: ReconcileSummary['byCollege'] = {};
  // A person registered twice is counted once, in the college of the row counted.
  const members = all.filter((m) => m.counted !== false);
  for (const m of members) {
    byStatus[m.status]++;
    const c = (byCollege[m.college] ??= { ...zeroCounts(), total: 0 });
    c[m.status]++;
    c.total++;
  }
  return { total: members.length, byStatus, byCollege, orphans, unusable, repeats };
}

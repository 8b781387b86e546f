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
import { STATUSES, type Status } from './statuses.js';

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
  /** Registration sheets not read that may hold members (hidden, or headed otherwise): said, never silently dropped. */
  skippedSheets: { file: string; sheet: string; reason: string }[];
  summary: ReconcileSummary;
}

export interface ReconcileSummary {
  total: number;
  byStatus: Record<Status, number>;
  byCollege: Record<string, Record<Status, number> & { total: number }>;
  orphans: number;
  unusable: number;
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
  const sep1 = deadlineDate(cohort, '09-01');
  const dec10 = deadlineDate(cohort, '12-10');
  const grace = furtherStudyGraceDate(cohort);

  for (const m of members) {
    if (!m.idNumber && !m.studentId) {
      unusable.push({ file: m.file, row: m.row, college: m.college, name: m.name, reason: '身份证号无效且没有学号，无法与回执对应。' });
      continue;
    }
    const candidates = new Set<ReceiptRecord>([...(m.idNumber ? byId.get(m.idNumber) ?? [] : []), ...(m.studentId ? byStudent.get(m.studentId) ?? [] : [])]);
    const reasons: string[] = [];
    const consistent: ReceiptRecord[] = [];
    const foldings = new Set<NameFolding>();
    for (const r of candidates) {
      matched.add(r);
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
        reasons.push(`同一天既有接收回执又有退回记录（${describe(last)}、${describe(sameDay[0]!)}）`);
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

    if (!status) {
      const expiry = lastValidDay(m);
      if (m.staysAtSchool) {
        status = 'exempt';
        reasons.push(`毕业去向为「${m.destinationText}」，组织关系按规定保留`);
      } else if (asOf >= dec10) {
        status = 'lost';
        reasons.push(`截至 ${asOf} 未收到回执，已过 ${deadlineLabel('12-10')}复核节点`);
      } else if (asOf >= sep1 && !(m.undecidedStudy && asOf <= grace)) {
        status = 'overdue';
        reasons.push(`截至 ${asOf} 未收到回执，已过 ${deadlineLabel('09-01')}清查节点`);
      } else if (expiry && asOf > expiry) {
        status = 'expired';
        reasons.push(`纸质介绍信 ${expiry} 已过有效期，未收到回执`);
      } else {
        status = 'pending';
        reasons.push(m.undecidedStudy ? '升学，接收党支部待定，可在9月份办理' : '尚未收到回执');
      }
    }
    out.push({ file: m.file, row: m.row, college: m.college, name: m.name, studentId: m.studentId, idNumber: m.idNumber, status, reasons, member: m, receipts: [...candidates] });
  }

  const orphans = known.filter((r) => !matched.has(r));
  return { asOf, cohort, members: out, orphans, unusable, receiptFiles, skippedSheets, summary: summarize(out, orphans.length, unusable.length) };
}

function summarize(members: MemberStatus[], orphans: number, unusable: number): ReconcileSummary {
  const byStatus = zeroCounts();
  const byCollege: ReconcileSummary['byCollege'] = {};
  for (const m of members) {
    byStatus[m.status]++;
    const c = (byCollege[m.college] ??= { ...zeroCounts(), total: 0 });
    c[m.status]++;
    c.total++;
  }
  return { total: members.length, byStatus, byCollege, orphans, unusable };
}

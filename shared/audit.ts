/**
 * The 6月10日 审核 (seed 001: 「6月10日前各学院将登记表报送组织部审核备案」, letters only
 * 「登记表审核无误后」 from 6月12日): what only the 组织部 sees across every college's
 * submission, each college's verdict, and how a finding reads as 问题 and 怎样改. Pure.
 */
import type { Finding } from './validate.js';
import type { FindingCode, Severity } from './messages.js';

type Args = Record<string, string | number>;

/** Findings only the 组织部 can make: they need every college's sheet, or the sheet as a whole. */
export const AUDIT_MESSAGES = {
  CROSS_STUDENT_ID: (a: Args) => `学号与${a.college}报送的登记表第 ${a.row} 行重复，同一名党员不能由两个学院报送。请核对是哪个学院的党员，删除另一处。`,
  CROSS_ID_NUMBER: (a: Args) => `身份证号与${a.college}报送的登记表第 ${a.row} 行重复，同一名党员不能由两个学院报送。请核对是哪个学院的党员，删除另一处。`,
  OTHER_COLLEGE: (a: Args) => `本行学院是「${a.written}」（${a.college}），不是${a.own}。请删除本行，由${a.college}自己报送；如确属本学院，请改正学院名称。`,
  NO_MEMBERS: () => '登记表中没有任何党员（表头以下没有登记行）。请填写本学院全部毕业生党员后再报送；如本学院今年确实没有毕业生党员，请直接回复组织部说明。',
  UNREADABLE: (a: Args) => `报送的文件无法读取：${a.reason}`,
} satisfies Record<string, (a: Args) => string>;

export type AuditCode = keyof typeof AUDIT_MESSAGES;

/** A finding of the audit: a rule's (same code and text as `zhuanjie validate`) or the 组织部's own. */
export interface AuditFinding extends Omit<Finding, 'code'> {
  code: FindingCode | AuditCode;
}

export function auditFinding(row: number, column: string | null, field: Finding['field'], code: AuditCode, args: Args = {}): AuditFinding {
  return { row, column, field, code, severity: 'error', message: AUDIT_MESSAGES[code](args) };
}

/** The words of the JSON contract (`zhuanjie audit --json`), and how people read them. */
export const AUDIT_STATUSES = ['clean', 'needsFixing', 'missing', 'unreadable'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_STATUS_LABEL: Record<AuditStatus, string> = {
  clean: '审核通过',
  needsFixing: '需修改',
  missing: '未报送',
  unreadable: '无法读取',
};

export function auditStatus(submitted: boolean, readable: boolean, findings: readonly { severity: Severity }[]): AuditStatus {
  if (!submitted) return 'missing';
  if (!readable) return 'unreadable';
  return findings.some((f) => f.severity === 'error') ? 'needsFixing' : 'clean';
}

/**
 * A finding's text as 问题 and 怎样改: the rule messages say what is wrong, then what to do
 * (「…，请填写。」「…。请把该列设为「文本」格式后重新录入…」). The first sentence or clause that
 * begins with 请 starts the fix; a message with none states the rule, and that rule is the fix.
 */
export function adviceOf(message: string): { problem: string; fix: string } {
  const m = /[，。；]\s*(请[^]*)$/.exec(message);
  if (m && m.index > 0) return { problem: `${message.slice(0, m.index)}。`, fix: m[1]!.trim() };
  return { problem: message, fix: '按上述要求改正后重新报送。' };
}

/** A finding as one line of a mail or the terminal: 「第6行 学号（F列）：…」. */
export function findingWhere(f: { row: number; column: string | null }, fieldLabel: string | null): string {
  const place = fieldLabel ? `${fieldLabel}${f.column ? `（${f.column}列）` : ''}` : f.column ? `${f.column}列` : '';
  return `第${f.row}行${place ? ` ${place}` : ''}`;
}

/** The members of one submission, as the cross-college checks need them. */
export interface AuditMember { row: number; studentId: string; idNumber: string | null; college: string }

/**
 * 学号 and ID numbers found in two colleges' submissions. Each college's findings get a
 * line naming the other college and its row; a repeat inside one sheet is the sheet's
 * own rule (STUDENT_ID_DUPLICATE / ID_DUPLICATE) and is not repeated here.
 */
export function crossCollegeRepeats(
  byCollege: ReadonlyMap<string, { members: readonly AuditMember[]; columns: { studentId?: string; idNumber?: string } }>,
): Map<string, AuditFinding[]> {
  const out = new Map<string, AuditFinding[]>();
  const push = (college: string, f: AuditFinding) => out.set(college, [...(out.get(college) ?? []), f]);
  for (const [key, field, code] of [['studentId', 'studentId', 'CROSS_STUDENT_ID'], ['idNumber', 'idNumber', 'CROSS_ID_NUMBER']] as const) {
    const first = new Map<string, { college: string; row: number }[]>();
    for (const [college, s] of byCollege) {
      for (const m of s.members) {
        const v = m[key];
        if (!v) continue;
        const seen = first.get(v);
        if (!seen) first.set(v, [{ college, row: m.row }]);
        else if (!seen.some((x) => x.college === college)) seen.push({ college, row: m.row });
      }
    }
    for (const places of first.values()) {
      if (places.length < 2) continue;
      for (const p of places) {
        const other = places.find((x) => x.college !== p.college)!;
        push(p.college, auditFinding(p.row, byCollege.get(p.college)!.columns[key] ?? null, field, code, { college: other.college, row: other.row }));
      }
    }
  }
  return out;
}

export const countSeverities = (findings: readonly { severity: Severity }[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
});

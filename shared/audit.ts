/**
 * The 6月10日 审核 (seed 001: 「6月10日前各学院将登记表报送组织部审核备案」, letters only
 * 「登记表审核无误后」 from 6月12日): what only the 组织部 sees in a college's
 * submission, each college's verdict, and how a finding reads as 问题 and 怎样改. Pure.
 */
import type { Finding } from './validate.js';
import type { FindingCode, Severity } from './messages.js';

type Args = Record<string, string | number>;

/** Findings only the 组织部 can make on a sheet as a whole (repeats across colleges are shared/repeats.ts's). */
export const AUDIT_MESSAGES = {
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

export const countSeverities = (findings: readonly { severity: Severity }[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
});

/** Reconciliation statuses: labels and the next step, in one place for reports and mail. */
import { deadlineLabel } from './deadlines.js';

export const STATUSES = ['completed', 'mismatch', 'unclear', 'failed', 'exempt', 'lost', 'overdue', 'expired', 'photo', 'pending'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_INFO: Record<Status, { label: string; next: string; resolved: boolean }> = {
  completed: { label: '已完成', next: '无需处理。', resolved: true },
  exempt: { label: '按规定保留', next: '组织关系按规定保留在学校，至少每半年与本人联系一次。', resolved: true },
  mismatch: { label: '信息不符', next: '回执与登记信息不一致，请人工核对姓名、身份证号和学号。', resolved: false },
  unclear: { label: '回执状态无法识别', next: '回执上的状态无法识别，不算完成：请人工查看回执，确认后更正回执文件。', resolved: false },
  failed: { label: '转接失败', next: '接收方审批未通过，请联系本人和接收党组织，核实后重新发起转接。', resolved: false },
  lost: { label: '按失联处置', next: `${deadlineLabel('12-10')}仍未落实：按与党组织失去联系党员的规定处置，并报组织部。`, resolved: false },
  overdue: { label: '超期未落实', next: `${deadlineLabel('09-01')}前未落实：请立即联系本人和接收党组织，催办报到并索取回执。`, resolved: false },
  expired: { label: '介绍信过期', next: '纸质介绍信已过有效期且无回执：联系本人，必要时交回原介绍信后重开。', resolved: false },
  photo: { label: '回执照片已收到，待原件', next: '已收到回执照片（邮件）：请提醒本人交回盖章的回执原件。', resolved: false },
  pending: { label: '办理中', next: '尚未收到回执，请提醒本人按时报到。', resolved: false },
};

export const isUnresolved = (s: Status): boolean => !STATUS_INFO[s].resolved;

/** How many members of a group are in each status. */
export type StatusCounts = Record<Status, number> & { total: number };

/**
 * 完成率, the one definition for mails, reports and the CLI: members who must transfer
 * (按规定保留 stay at school and are counted apart) and have completed. Rounded down,
 * so that 100% means everyone.
 */
export const COMPLETION_RATE_RULE = '完成率 = 已完成 ÷（登记 − 按规定保留）';

export function completionRate(c: Pick<StatusCounts, 'total' | 'completed' | 'exempt'>): { fraction: number; text: string } {
  const base = c.total - c.exempt;
  if (base <= 0) return { fraction: 1, text: '—' };
  const fraction = c.completed / base;
  return { fraction, text: `${Math.floor(fraction * 100)}%` };
}

/** Members not yet resolved (the "未完成" of every message). */
export const openCount = (c: Record<Status, number>): number => STATUSES.filter((s) => !STATUS_INFO[s].resolved).reduce((n, s) => n + c[s], 0);

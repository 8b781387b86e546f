/**
 * Online transfers that stall (seed 004, 湘组办〔2018〕14号 第九条: 每一级审批不超过 5 个工作日,
 * 接收时间一般不超过 15 个工作日). Where a receipt export says when the transfer was started
 * (发起时间 / 申请时间) and no receipt has landed, the working days since then are counted on
 * the State Council calendar; beyond the school's limit it is 「审批超时」, so that the
 * secretary chases the receiving 党委 before 9月1日 rather than after.
 */
import type { MemberStatus } from './reconcile.js';
import type { WorkCalendar } from './workdays.js';

export const STALL_LABEL = '审批超时';

export interface OnlineStall {
  /** The latest 发起时间 of a transfer that has not landed (a restarted transfer counts from its restart). */
  requestDate: string;
  /** 工作日 after the request, up to the as-of day. */
  elapsed: number;
  limit: number;
  /** More than `limit` working days: 审批超时. */
  over: boolean;
  /** The day the limit runs out. */
  dueDate: string;
  /** Years counted Monday–Friday (no notice known): the count may be off. */
  unknownYears: number[];
}

/**
 * The stall of one member's online transfer as of `asOf`, or null: a paper letter, a
 * landed receipt, or no 发起时间 in any of the member's receipts.
 */
export function onlineStall(m: Pick<MemberStatus, 'receipts' | 'member' | 'status'>, asOf: string, calendar: WorkCalendar, limit: number): OnlineStall | null {
  if (m.member.method === 'paper' || m.status === 'completed' || m.status === 'exempt' || m.status === 'photo') return null;
  if (m.receipts.some((r) => r.state === 'landed')) return null;
  const starts = m.receipts.map((r) => r.requestDate).filter((d): d is string => Boolean(d) && d! <= asOf).sort();
  const requestDate = starts.at(-1);
  if (!requestDate) return null;
  const count = calendar.between(requestDate, asOf);
  const due = calendar.addWorkdays(requestDate, limit);
  return {
    requestDate, elapsed: count.days, limit, over: count.days > limit, dueDate: due.date,
    unknownYears: [...new Set([...count.unknownYears, ...due.unknownYears])].sort(),
  };
}

/** The list's 工作日已过 cell: 「17（上限 15，审批超时）」. */
export function stallText(s: OnlineStall | null): string {
  if (!s) return '';
  return `${s.elapsed}（${s.requestDate} 发起，上限 ${s.limit}${s.over ? `，${STALL_LABEL}` : ''}${s.unknownYears.length ? '，含按周一至周五估算的年份' : ''}）`;
}

/** The reason line for a stalled transfer, for the college list and the member. */
export const stallReason = (s: OnlineStall): string =>
  `${STALL_LABEL}：线上转接 ${s.requestDate} 发起，已过 ${s.elapsed} 个工作日仍未接收（接收一般不超过 ${s.limit} 个工作日，湘组办〔2018〕14号第九条），请联系接收党委催办`;

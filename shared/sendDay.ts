/**
 * What a reminder says about time on the day it is actually sent (issue 18, item 8):
 * a missed 11-26 reminder sent on 12-01 is 9 days from 12月10日, not 14, says it is a
 * 补发, and a mail sent on or after a checkpoint speaks of what must happen now.
 */
import { deadlineDate, deadlineLabel, type DeadlineId, type Reminder } from './deadlines.js';
import { isoToDayNumber } from './normalize.js';

export interface SendDay {
  checkpoint: DeadlineId;
  /** Days from the sending day to the checkpoint: negative once it has passed. */
  days: number;
  /** Sent later than its scheduled day (a catch-up). */
  late: boolean;
  /** The day it was due. */
  scheduled: string;
}

export function sendDay(r: Reminder, asOf: string, cohort: number): SendDay {
  return { checkpoint: r.checkpoint, days: isoToDayNumber(deadlineDate(cohort, r.checkpoint)) - isoToDayNumber(asOf), late: asOf > r.date, scheduled: r.date };
}

/** 「距9月1日还有9天」「截至9月1日」「9月1日已过3天」: the real distance on the sending day. */
export function distanceText(d: SendDay): string {
  const label = deadlineLabel(d.checkpoint);
  if (d.days > 0) return `距${label}还有${d.days}天`;
  if (d.days === 0) return `截至${label}`;
  return `${label}已过${-d.days}天`;
}

/** The subject's mark of a catch-up: 「（补发）」, or nothing. */
export const catchUpMark = (d: SendDay): string => (d.late ? '（补发）' : '');

/** What the college must do, said for the sending day: before the checkpoint, or now that it has come. */
export function actionText(d: SendDay): string {
  const label = deadlineLabel(d.checkpoint);
  const late = d.late ? `（本提醒原定 ${d.scheduled} 发送，现补发。）` : '';
  if (d.days > 0) return `${label}节点前请逐一联系本人和接收党组织，落实报到并收回回执。${late}`;
  const now = d.checkpoint === '12-10'
    ? `已到${label}复核节点：仍未落实者请按与党组织失去联系党员的规定处置，并报组织部。`
    : `已到${label}清查节点：请立即逐一联系本人和接收党组织，落实报到并收回回执，仍无法落实的报组织部。`;
  return `${now}${late}`;
}

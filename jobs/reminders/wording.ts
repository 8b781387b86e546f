/** Words the reminder mails share: how far the deadline is, and the counts by status. */
import { deadlineLabel, type Reminder } from '../../shared/deadlines.js';
import type { MemberStatus } from '../../shared/reconcile.js';
import { STATUS_INFO, STATUSES, type Status } from '../../shared/statuses.js';

export function when(r: Reminder): string {
  const label = deadlineLabel(r.checkpoint);
  if (r.lead > 0) return `距${label}还有${r.lead}天`;
  if (r.lead === 0) return `截至${label}`;
  return `${label}已过`;
}

export function countsLine(members: readonly MemberStatus[]): string {
  const counts = new Map<Status, number>();
  for (const m of members) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.get(s)).map((s) => `${STATUS_INFO[s].label} ${counts.get(s)} 人`).join('，');
}

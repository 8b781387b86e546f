/** Words the reminder mails share: the counts by status (the distance is shared/sendDay.ts). */
import type { MemberStatus } from '../../shared/reconcile.js';
import { STATUS_INFO, STATUSES, type Status } from '../../shared/statuses.js';

export function countsLine(members: readonly MemberStatus[]): string {
  const counts = new Map<Status, number>();
  for (const m of members) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.get(s)).map((s) => `${STATUS_INFO[s].label} ${counts.get(s)} 人`).join('，');
}

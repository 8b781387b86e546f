/**
 * The one name of a message, for the send journal, Message-IDs, delivery and the
 * accounting of what reached whom: which cohort, what occasion (a deadline's id, or a
 * kind such as `ack`), on which day, to whom. Written as
 * `2026/09-01/2026-08-25/college/计算机学院` — the form journals already hold, so a
 * journal written before keeps its meaning.
 */

/** Who a message is for: a college's secretary, the 组织部, a member, the sender of a mail. */
export type Audience = 'college' | 'summary' | 'member' | 'sender';

export interface MessageKey {
  cohort: number;
  /** The deadline the message is about (`09-01`), or its kind when it has none (`ack`). */
  kind: string;
  /** The day it belongs to (a reminder day, the day a mail arrived). */
  date: string;
  audience: Audience;
  /** Which one of the audience (a college's name, a member's 学号); absent for the 组织部. */
  id?: string;
}

const AUDIENCES: readonly Audience[] = ['college', 'summary', 'member', 'sender'];

/** The occasion: every message of one reminder day of one deadline shares it. */
export const occasionOf = (k: Pick<MessageKey, 'cohort' | 'kind' | 'date'>): string => `${k.cohort}/${k.kind}/${k.date}`;

/** The audience part, as the Message-ID hashes it. */
export const recipientOf = (k: Pick<MessageKey, 'audience' | 'id'>): string => (k.id === undefined ? k.audience : `${k.audience}/${k.id}`);

export const formatKey = (k: MessageKey): string => `${occasionOf(k)}/${recipientOf(k)}`;

/** The key a journal line names; null for text that is not one (a hand-edited line). */
export function parseKey(s: string): MessageKey | null {
  const m = /^(\d{4})\/([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)(?:\/(.+))?$/s.exec(s);
  if (!m || !AUDIENCES.includes(m[4] as Audience)) return null;
  return { cohort: Number(m[1]), kind: m[2]!, date: m[3]!, audience: m[4] as Audience, ...(m[5] === undefined ? {} : { id: m[5] }) };
}

export const sameOccasion = (a: MessageKey, b: Pick<MessageKey, 'cohort' | 'kind' | 'date'>): boolean =>
  a.cohort === b.cohort && a.kind === b.kind && a.date === b.date;

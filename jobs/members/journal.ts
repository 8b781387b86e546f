/**
 * What the send journal says about member mails: the planner's view of each
 * message key, how many went today (the daily cap counts real sends, in Beijing time, as
 * the university's SMTP server does), and what each member was told, for the lists. The
 * journal is the one record: the counts in the summary are read from it.
 */
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import type { ToldState } from '../../shared/memberMail.js';
import type { ToldEntry } from '../../shared/memberLists.js';
import { formatKey, parseKey, type MessageKey } from '../../shared/messageKey.js';
import type { JournalState, KeyState } from '../lib/mail/journal.js';

export interface MemberJournal {
  told: (key: MessageKey) => ToldState | undefined;
  /** Member mails handed to the server on `today` (Beijing time). */
  sentOn: (today: string) => number;
  /** Mails that reached each member, by member key. */
  history: Map<string, ToldEntry[]>;
}

const dayOf = (iso: string | undefined) => (iso ? dateIn(TIMEZONE, new Date(iso)) : '');

function toldState(s: KeyState): ToldState {
  if (s.uncertain) return { kind: 'uncertain', reason: s.uncertain };
  if (s.delivered.size || s.resolvedSent) return { kind: 'delivered', at: s.lastOutcome?.at };
  // Refused for good (5xx) and nothing refused for now: the address does not take mail.
  if (s.refused.size && !s.deferred.length) return { kind: 'refused', reason: s.lastOutcome?.error ?? '收件人被拒' };
  return { kind: 'retry' };
}

export function memberJournal(state: JournalState, cohort: number): MemberJournal {
  const mine = [...state.keys.values()].flatMap((s) => {
    const key = parseKey(s.key);
    return key && key.audience === 'member' && key.cohort === cohort && key.id ? [{ key, s }] : [];
  });
  const history = new Map<string, ToldEntry[]>();
  for (const { key, s } of mine) {
    if (toldState(s).kind !== 'delivered') continue;
    const list = history.get(key.id!) ?? [];
    // The run's day when the journal has it (a run for another day, in tests and catch-up), else the sending day.
    list.push({ moment: key.kind, day: s.lastIntent?.asOf ?? dayOf(s.lastOutcome?.at ?? s.lastIntent?.at) });
    history.set(key.id!, list.sort((a, b) => a.day.localeCompare(b.day)));
  }
  return {
    told: (key) => {
      const s = state.keys.get(formatKey(key));
      return s ? toldState(s) : undefined;
    },
    sentOn: (today) => mine.filter(({ s }) => dayOf(s.lastIntent?.at) === today).length,
    history,
  };
}

/**
 * What the send journal says about member mails (issue 22): the planner's view of each
 * `<member>/<moment>` key, how many went today (the daily cap counts real sends, in Beijing
 * time, as the university's SMTP server does), and what each member was told, for the lists.
 * The journal is the one record: the counts in the summary are read from it.
 */
import { dateIn, TIMEZONE } from '../../shared/calendar.js';
import type { ToldState } from '../../shared/memberMail.js';
import type { ToldEntry } from '../../shared/memberLists.js';
import type { JournalState, KeyState } from '../lib/mail/journal.js';

/** The journal keys of one cohort's member mails: `<cohort>/members/<member>/<moment>`. */
export const memberPrefix = (cohort: number) => `${cohort}/members`;

export interface MemberJournal {
  told: (key: string) => ToldState | undefined;
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
  const prefix = `${memberPrefix(cohort)}/`;
  const mine = [...state.keys.values()].filter((s) => s.key.startsWith(prefix));
  const history = new Map<string, ToldEntry[]>();
  for (const s of mine) {
    if (toldState(s).kind !== 'delivered') continue;
    const [member, moment] = s.key.slice(prefix.length).split('/') as [string, string];
    const list = history.get(member) ?? [];
    list.push({ moment, day: s.lastIntent?.asOf ?? dayOf(s.lastOutcome?.at ?? s.lastIntent?.at) });
    history.set(member, list.sort((a, b) => a.day.localeCompare(b.day)));
  }
  return {
    told: (key) => {
      const s = state.keys.get(`${prefix}${key}`);
      return s ? toldState(s) : undefined;
    },
    sentOn: (today) => mine.filter((s) => dayOf(s.lastIntent?.at) === today).length,
    history,
  };
}

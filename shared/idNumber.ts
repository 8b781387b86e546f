/**
 * 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
 * sequence (odd = male), check character "10X98765432"[Σ dᵢ·wᵢ mod 11].
 * The 15-digit numbers issued before 1999 have a 6-digit birth date (YYMMDD, 19xx),
 * no check character, and the gender in the last digit.
 */
import type { MessageArgs } from './messages.js';
import { cellText, type Cell } from './normalize.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (the first two digits), plus 83 used on residence
 * permits for Taiwan residents (81/82 serve both HK/Macao permits and the regions).
 * 9x (foreigners' permanent-residence cards) is absent: a foreigner cannot be a Party member.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** 党章第一条: members are at least eighteen, so a younger birth date is a wrong number. */
const MIN_MEMBER_AGE = 18;
/** Before this year a birth date is no graduate's, whatever the calendar says. */
const EARLIEST_BIRTH_YEAR = 1900;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdCode =
  | 'ID_STORED_AS_NUMBER' | 'ID_LENGTH' | 'ID_CHARS' | 'ID_PROVINCE' | 'ID_BIRTH' | 'ID_BIRTH_EARLY'
  | 'ID_BIRTH_FUTURE' | 'ID_BIRTH_UNDERAGE' | 'ID_CHECK' | 'ID_CHECK_ZEROS' | 'ID_LEGACY_15';

type Gender = '男' | '女';

/**
 * ok: a valid 18-digit number. Otherwise the finding's code; a plausible 15-digit
 * number (ID_LEGACY_15, a warning) still carries the gender its last digit gives.
 */
export type IdCheck =
  | { ok: true; value: string; gender: Gender }
  | ({ ok: false; value: string; gender?: Gender } & IdFinding);

/** An ID finding with the arguments its message reads. */
export type IdFinding = { [K in IdCode]: keyof MessageArgs<K> extends never ? { code: K; args?: MessageArgs<K> } : { code: K; args: MessageArgs<K> } }[IdCode];

/** Whether s[from..to) is all ASCII digits (a loop: this runs on every row, bench: rules). */
function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** 17 digits and a digit or X: the shape of an 18-digit number. */
const isIdShape = (s: string): boolean => s.length === 18 && allDigits(s, 0, 17) && (allDigits(s, 17, 18) || s.charCodeAt(17) === 88);

/** Upper-case X, no spaces; the form IDs are compared in. A numeric cell reads as Excel shows it. */
export const normalizeIdNumber = (v: Cell): string =>
  typeof v === 'string' && isIdShape(v) ? v : cellText(v).replace(/\s/g, '').toUpperCase();

/** The number written by s[from..to), all ASCII digits (checked by the caller). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Whether y-m-d is a day of the Gregorian calendar (any year; the range is checked apart). */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

// today (ISO) as the number YYYYMMDD, for the last `today` seen: one sheet has one today.
let todayText = '';
let todayNumber = 0;
function dayNumber(today: string): number {
  if (today !== todayText) {
    todayText = today;
    todayNumber = Number(today.slice(0, 4)) * 10000 + Number(today.slice(5, 7)) * 100 + Number(today.slice(8, 10));
  }
  return todayNumber;
}

/** What is wrong with the birth date y-m-d of a member, as of today (ISO); null when nothing. */
function birthProblem(y: number, m: number, d: number, today: string | undefined): IdFinding | null {
  if (!isCalendarDate(y, m, d)) return { code: 'ID_BIRTH', args: { birth: `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}` } };
  if (y < EARLIEST_BIRTH_YEAR) return { code: 'ID_BIRTH_EARLY', args: { birth: iso(y, m, d) } };
  if (today === undefined) return null;
  // YYYYMMDD numbers compare as dates: the 18th birthday is the same month-day 18 years on.
  const birth = y * 10000 + m * 100 + d;
  const now = dayNumber(today);
  if (birth > now) return { code: 'ID_BIRTH_FUTURE', args: { birth: iso(y, m, d) } };
  if (birth + MIN_MEMBER_AGE * 10000 > now) return { code: 'ID_BIRTH_UNDERAGE', args: { birth: iso(y, m, d), age: MIN_MEMBER_AGE } };
  return null;
}

const genderOf = (digit: number): Gender => (digit % 2 === 1 ? '男' : '女');

/**
 * Validate a cell meant to hold an ID number. `today` (ISO) enables the checks
 * against the calendar: a birth date in the future, or of someone under 18.
 */
export function checkIdNumber(v: Cell, today?: string): IdCheck {
  // Most cells hold an 18-digit number typed plainly: straight to its checks (bench: rules).
  if (typeof v === 'string' && isIdShape(v)) return check18(v, today);
  const value = normalizeIdNumber(v);
  // Excel keeps 15 significant digits of a number: 15 digits survive, 18 cannot.
  if ((typeof v === 'number' && Math.abs(v) >= 1e15) || (value.indexOf('E+') > 0 && /^\d(\.\d+)?E\+\d+$/.test(value))) {
    return { ok: false, code: 'ID_STORED_AS_NUMBER', value };
  }
  if (value.length === 15 && allDigits(value, 0, 15)) return checkLegacy(value);
  if (value.length !== 18) return { ok: false, code: 'ID_LENGTH', value, args: { length: Array.from(value).length } };
  if (!isIdShape(value)) return { ok: false, code: 'ID_CHARS', value };
  return check18(value, today);
}

/** Province, birth date and check character of a number shaped like an 18-digit ID. */
function check18(value: string, today: string | undefined): IdCheck {
  if (!PROVINCES.has(digits(value, 0, 2))) return { ok: false, code: 'ID_PROVINCE', value, args: { code: value.slice(0, 2) } };
  const birth = birthProblem(digits(value, 6, 10), digits(value, 10, 12), digits(value, 12, 14), today);
  if (birth) return { ok: false, value, ...birth };
  const expected = checkCharacter(value);
  if (value[17] !== expected) {
    return { ok: false, code: value.endsWith('000') ? 'ID_CHECK_ZEROS' : 'ID_CHECK', value, args: { expected } };
  }
  return { ok: true, value, gender: genderOf(value.charCodeAt(16) - 48) };
}

/** A 15-digit number: province and 19YYMMDD checked; plausible ones are a warning with a gender. */
function checkLegacy(value: string): IdCheck {
  if (!PROVINCES.has(digits(value, 0, 2))) return { ok: false, code: 'ID_PROVINCE', value, args: { code: value.slice(0, 2) } };
  // Issued before 1999 to people born in the 1900s: no 15-digit holder is a minor today.
  const birth = birthProblem(1900 + digits(value, 6, 8), digits(value, 8, 10), digits(value, 10, 12), undefined);
  if (birth) return { ok: false, value, ...birth };
  return { ok: false, code: 'ID_LEGACY_15', value, gender: genderOf(value.charCodeAt(14) - 48) };
}

/** 4301**********103X: area prefix and last four kept, as on 组织部 paperwork. */
export function maskIdNumber(v: Cell): string {
  const s = normalizeIdNumber(v);
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/**
 * 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
 * sequence (odd = male), check character "10X98765432"[Σ dᵢ·wᵢ mod 11].
 */
import { cellText, isValidYmd, type Cell } from './normalize.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdCheck =
  | { ok: true; value: string; gender: '男' | '女' }
  | { ok: false; code: 'ID_STORED_AS_NUMBER' | 'ID_LENGTH' | 'ID_CHARS' | 'ID_BIRTH' | 'ID_CHECK' | 'ID_CHECK_ZEROS' | 'ID_LEGACY_15'; value: string; args?: Record<string, string | number> };

/** Upper-case X, no spaces; the form IDs are compared in. */
export const normalizeIdNumber = (v: Cell): string =>
  typeof v === 'string' && /^\d{17}[\dX]$/.test(v) ? v : cellText(v).replace(/\s/g, '').toUpperCase();

/** The number written by s[from..to), all ASCII digits (checked by the caller). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Validate a cell meant to hold an ID number. A numeric cell has already lost digits. */
export function checkIdNumber(v: Cell): IdCheck {
  const value = normalizeIdNumber(v);
  if (typeof v === 'number' || /^\d(\.\d+)?E\+\d+$/.test(value)) {
    // Excel keeps 15 significant digits of a number: an 18-digit ID cannot survive.
    return { ok: false, code: 'ID_STORED_AS_NUMBER', value };
  }
  if (/^\d{15}$/.test(value)) return { ok: false, code: 'ID_LEGACY_15', value };
  if (value.length !== 18) return { ok: false, code: 'ID_LENGTH', value, args: { length: Array.from(value).length } };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'ID_CHARS', value };
  const y = digits(value, 6, 10);
  const m = digits(value, 10, 12);
  const d = digits(value, 12, 14);
  if (!isValidYmd(y, m, d)) return { ok: false, code: 'ID_BIRTH', value, args: { birth: value.slice(6, 14) } };
  const expected = checkCharacter(value);
  if (value[17] !== expected) {
    return { ok: false, code: value.endsWith('000') ? 'ID_CHECK_ZEROS' : 'ID_CHECK', value, args: { expected } };
  }
  return {
    ok: true,
    value,
    gender: (value.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女',
  };
}

/** 4301**********103X: area prefix and last four kept, as on 组织部 paperwork. */
export function maskIdNumber(v: Cell): string {
  const s = normalizeIdNumber(v);
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

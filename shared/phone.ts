/**
 * Mainland telephone numbers as people type them into a contact column, reduced to
 * one canonical form that reports and mails show:
 *   mobile   13838389438            (11 digits, 1[3-9]…; +86/0086/86 and a stray leading 0 dropped)
 *   landline 0451-86412114          (area code-local number)
 *            0451-86412114转8001    (with an extension)
 * Area codes: 010 and 020–029 have three digits and take 8-digit local numbers; every
 * other code 0xxx has four digits and takes 7 or 8 (the national numbering plan).
 */
import { cellText, type Cell } from './normalize.js';

export type PhoneKind = 'mobile' | 'landline';

export interface Phone { kind: PhoneKind; value: string }

/** An extension at the end: 转8001, 分机8001, ext. 8001, x8001, #8001. */
const EXTENSION = /(?:转|分机号?|ext\.?|x|#)(\d{1,6})$/i;
/** International prefixes: +86, 0086, each optionally followed by a separator. */
const COUNTRY = /^(?:\+86|0086)-?/;

/** Area code + local number from digits starting with the trunk 0, or null. */
function splitLandline(d: string): { area: string; local: string } | null {
  if (!/^0\d+$/.test(d)) return null;
  const threeDigit = d[1] === '1' || d[1] === '2';
  if (threeDigit && d[1] === '1' && d[2] !== '0') return null; // 01x: only 010 exists
  const area = d.slice(0, threeDigit ? 3 : 4);
  const local = d.slice(area.length);
  const ok = threeDigit ? local.length === 8 : local.length === 7 || local.length === 8;
  return ok ? { area, local } : null;
}

/** A phone cell → its kind and canonical text, or null when it is neither a mobile nor a landline. */
const PLAIN_MOBILE = /^1[3-9]\d{9}$/;

export function parsePhone(v: Cell): Phone | null {
  // Most cells are a mobile typed plainly: answer those without the general parse.
  if (typeof v === 'string' && v.length === 11 && PLAIN_MOBILE.test(v)) return { kind: 'mobile', value: v };
  let s = cellText(v).replace(/[\s()（）[\]【】]/g, '').replace(/[—–‐‑−－]/g, '-');
  if (s === '') return null;
  let ext = '';
  const e = EXTENSION.exec(s);
  if (e) {
    ext = e[1]!;
    s = s.slice(0, e.index).replace(/-$/, '');
  }
  let international = false;
  if (COUNTRY.test(s)) {
    s = s.replace(COUNTRY, '');
    international = true;
  } else {
    // 86 without + before a mobile (8613912345678): 13 digits never form a landline.
    const d = s.replace(/-/g, '');
    if (/^861[3-9]\d{9}$/.test(d)) {
      s = d.slice(2);
      international = true;
    }
  }

  const digits = s.replace(/-/g, '');
  if (!/^\d+$/.test(digits)) return null;
  // A leading 0 before a mobile is the long-distance habit (013838389438), not an area code.
  const mobile = /^0?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return ext ? null : { kind: 'mobile', value: mobile[1]! };

  // After +86 the area code loses its trunk 0 (+86 10 12345678 is 010-12345678).
  const trunk = (d: string) => (international && !d.startsWith('0') ? `0${d}` : d);
  let land = splitLandline(trunk(digits));
  if (!land && !ext) {
    // A trailing group after a complete number is an extension: 0451-86412114-8001.
    const groups = s.split('-');
    const last = groups.pop()!;
    if (groups.length >= 1 && /^\d{1,6}$/.test(last)) {
      land = splitLandline(trunk(groups.join('')));
      if (land) ext = last;
    }
  }
  if (!land) return null;
  return { kind: 'landline', value: `${land.area}-${land.local}${ext ? `转${ext}` : ''}` };
}

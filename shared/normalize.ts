/**
 * Value normalisation: what a cell says, independent of how Excel, WPS or a
 * careless keyboard stored it. Pure functions, no locale or time-zone reads.
 */

export type Cell = string | number | boolean | null | undefined;

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space → half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * Whether a string may need cellText's rewriting: full-width forms, or white space
 * (leading, trailing, runs, non-breaking and zero-width). Most cells need none, and
 * a char scan is far cheaper than two regex passes (bench: rule throughput).
 */
function needsCleaning(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  if (first <= 0x20 || s.charCodeAt(n - 1) <= 0x20 || first === 0x27 || first === 0x60 || first === 0x3d || first === 0x2018 || first === 0x2019) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c <= 0x20 && (c !== 0x20 || s.charCodeAt(i + 1) <= 0x20)) return true;
    } else if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff || (c >= 0xff01 && c <= 0xff5e)) {
      return true;
    }
  }
  return false;
}

/** Zero-width characters copied from web pages and chat: nothing a person sees, so nothing at all. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/**
 * How exports force a cell to stay text, which is not part of the value: Excel's quote
 * prefix typed into the cell or written into a CSV ('110101…), a backquote in its place or a
 * curly quote before digits, and the CSV formula ="110101…".
 */
const TEXT_PREFIX = /^(?:['`]\s*(?=\S)|[‘’](?=\d)|="(?=.*"$))/;

/**
 * A cell as trimmed, half-width text with runs of white space (tabs, non-breaking and
 * ideographic spaces) collapsed, zero-width characters and an export's text prefix
 * removed: every field read through here sees the same value, in validate and reconcile alike.
 */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (!needsCleaning(v)) return v;
  let s = toHalfWidth(v).replace(ZERO_WIDTH, '').replace(/[\s\u00A0]+/g, ' ').trim();
  const prefix = TEXT_PREFIX.exec(s);
  if (prefix) s = prefix[0].startsWith('=') ? s.slice(2, -1).trim() : s.slice(prefix[0].length);
  return s;
}

/**
 * Integers without exponent notation, as Excel displays them: Excel keeps and shows
 * 15 significant digits, so an 18-digit ID typed as a number reads 430102200303271000
 * in the sheet (the binary value, 430102200303270976, has digits nobody typed or saw).
 */
function numberText(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return String(n);
  if (Math.abs(n) < 1e15) return String(n);
  // toPrecision rounds the exact binary value to 15 digits: "4.30102200303271e+17".
  const [mantissa, exp] = n.toPrecision(15).split('e+') as [string, string];
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/[-.]/g, '');
  return sign + digits.padEnd(Number(exp) + 1, '0');
}

const ERROR_VALUE = /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!)$/;

/**
 * Whether a cell's text, as cellText gives it, is one of Excel's error values (text such as
 * "#N/A", as SheetJS and Office.js hand them over). Tested on the cleaned text, so a no-break
 * or ideographic space in front of #N/A is the same error value as an ASCII space is (the
 * field must not read '#N/A' as its value); callers clean the cell once for both uses.
 */
export const isErrorText = (s: string): boolean => s.charCodeAt(0) === 35 && ERROR_VALUE.test(s);

export function isBlank(v: Cell): boolean {
  if (typeof v === 'string') {
    // A visible first character (ASCII or a CJK ideograph) settles it without cleaning the text;
    // not '=': ="" is a CSV's empty text, blank as cellText reads it.
    const c = v.charCodeAt(0);
    if ((c > 0x20 && c < 0x7f && c !== 0x3d) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  }
  return cellText(v) === '';
}

/** Digits only: spaces, dashes and dots inside a code are typing noise. */
export function compactCode(v: Cell): string {
  const s = cellText(v);
  // cellText leaves single spaces only; most codes have neither those nor dashes.
  return s.indexOf(' ') < 0 && s.indexOf('-') < 0 ? s : s.replace(/[\s\-]/g, '');
}

// ---------------------------------------------------------------- dates

export interface YMD { y: number; m: number; d: number }

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const ymdToIso = ({ y, m, d }: YMD): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function isoToYmd(iso: string): YMD {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

/** Days since 1970-01-01 (UTC) for calendar arithmetic without time zones. */
export const isoToDayNumber = (iso: string): number => {
  const { y, m, d } = isoToYmd(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

export const dayNumberToIso = (n: number): string => {
  const dt = new Date(n * DAY_MS);
  return ymdToIso({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
};

export const addDays = (iso: string, days: number): string => dayNumberToIso(isoToDayNumber(iso) + days);

// A sheet's dates repeat (one issue date, a few hundred join dates): remember them.
const serialCache = new Map<number, string>();

/** Excel serial (1900 date system, as Excel, WPS and LibreOffice write it) → ISO date. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const day = Math.floor(serial);
  let iso = serialCache.get(day);
  if (iso === undefined) {
    const dt = new Date(EXCEL_EPOCH_UTC + day * DAY_MS);
    iso = ymdToIso({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
    if (serialCache.size > 50_000) serialCache.clear();
    serialCache.set(day, iso);
  }
  return iso;
}

export const isoToSerial = (iso: string): number => isoToDayNumber(iso) - EXCEL_EPOCH_UTC / DAY_MS;

/**
 * Dates as people and web systems write them: 2026-06-12, 2026/6/12, 2026.6.12,
 * 2026年6月12日, 20260612, each optionally with a time (10:30, 10:30:05, 10:30:05.123,
 * an ISO 「T」, 10时30分). A time with a zone (Z, +00:00) is taken to Beijing time.
 */
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s*[T\s]\s*(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?|分)?\s*(z|[+-]\d{2}:?\d{2})?)?$/i;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;
const BEIJING_OFFSET_MIN = 8 * 60;

function ymdFrom(m: RegExpExecArray): string | null {
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!isValidYmd(ymd.y, ymd.m, ymd.d)) return null;
  const zone = m[7];
  if (!zone || m[4] === undefined) return ymdToIso(ymd);
  const offset = zone.toLowerCase() === 'z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const utc = Date.UTC(ymd.y, ymd.m - 1, ymd.d, Number(m[4]), Number(m[5])) - offset * 60_000;
  return dayNumberToIso(Math.floor((utc + BEIJING_OFFSET_MIN * 60_000) / DAY_MS));
}

/** Days from the 1904 system's day 0 (1904-01-01) to the 1900 system's (1899-12-30). */
export const DATE1904_OFFSET = 1462;

/**
 * A date cell, serial (with or without a time fraction) or text in the forms above → ISO,
 * or null. `date1904`: the workbook counts serials from 1904 (shared/table.ts SheetSnapshot).
 */
export function parseDate(v: Cell, date1904 = false): string | null {
  if (typeof v === 'number') {
    // 20260612 typed into a General cell is a compact date, not serial 20 million.
    if (Number.isInteger(v) && v >= 19000101 && v <= 22001231) return parseDate(String(v));
    return serialToIso(date1904 ? v + DATE1904_OFFSET : v);
  }
  const s = cellText(v);
  if (!s) return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) return serialToIso(Number(s) + (date1904 ? DATE1904_OFFSET : 0));
  const t = hasChineseNumeral(s) ? fromChineseNumerals(s) : s;
  const m = DATE_TEXT.exec(t) ?? DATE_COMPACT.exec(t);
  return m ? ymdFrom(m) : null;
}

// ---------------------------------------------------------------- dates in Chinese numerals

/**
 * Official documents date themselves in Chinese numerals (二〇二六年六月十二日; the seeds'
 * notices are signed so): the year digit by digit (〇, often typed ○ or 零), month and day
 * as numbers (十二, 二十三, 三十一).
 */
const NUMERAL_DIGIT: Record<string, number> = { 〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_DATE = /^([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?(?:份)?$/;

function hasChineseNumeral(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x3007 && NUMERAL_DIGIT[s[i]!] !== undefined) return true;
  return false;
}

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; NaN for anything else. */
function chineseNumber(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? NUMERAL_DIGIT[s] ?? NaN : NaN;
  const tens = ten === 0 ? 1 : NUMERAL_DIGIT[s.slice(0, ten)] ?? NaN;
  const ones = ten === s.length - 1 ? 0 : NUMERAL_DIGIT[s.slice(ten + 1)] ?? NaN;
  return tens * 10 + ones;
}

/** 二〇二六年六月十二日 → 2026年6月12日; any other text unchanged. */
function fromChineseNumerals(s: string): string {
  const m = CHINESE_DATE.exec(s);
  if (!m) return s;
  const y = [...m[1]!].map((c) => NUMERAL_DIGIT[c]).join('');
  const mo = chineseNumber(m[2]!);
  const d = m[3] === undefined ? null : chineseNumber(m[3]);
  if (Number.isNaN(mo) || (d !== null && Number.isNaN(d))) return s;
  return d === null ? `${y}年${mo}月` : `${y}年${mo}月${d}日`;
}

/**
 * A date or month written with a two-digit year (26.6.12, 26年6月): 1926 or 2026 cannot be
 * told apart from the cell, so it is never guessed; the finding says why.
 */
export const hasTwoDigitYear = (text: string): boolean => /^\d{2}\s*(?:[-/.年]\s*\d{1,2}\s*(?:[-/.月]\s*\d{1,2}\s*[日号]?|月份?)?)$/.test(cellText(text));

const MONTH_PATTERNS: RegExp[] = [
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月份?)?$/,
  /^(\d{4})(\d{2})$/,
];

// A sheet writes the same few months in every row: remember what each spelling means.
const monthCache = new Map<string, string | null>();

/** A month (2026-06, 2026/6, 2026.6, 2026年6月, 2026年06月份, 202606, or any date in it) → 'YYYY-MM', or null. */
export function parseMonth(v: Cell, date1904 = false): string | null {
  if (typeof v !== 'string' || date1904) return parseMonthText(v, date1904);
  let month = monthCache.get(v);
  if (month === undefined) {
    month = parseMonthText(v);
    if (monthCache.size > 10_000) monthCache.clear();
    monthCache.set(v, month);
  }
  return month;
}

function parseMonthText(v: Cell, date1904 = false): string | null {
  const month = monthPattern(cellText(v));
  if (month !== undefined) return month;
  const iso = parseDate(v, date1904);
  return iso ? iso.slice(0, 7) : null;
}

/**
 * 入党时间 as people write it: a full date, or only a year and month (2024-05, 2024.05,
 * 2024年5月, 2024/5, 202405 — under 「入党年月」 that is the usual form). A date → ISO,
 * a month → 'YYYY-MM' (compared with dates by month: '2024-05' sorts before any day of
 * June and after any day of April), else null.
 */
export function parseDateOrMonth(v: Cell, date1904 = false): string | null {
  if (typeof v === 'number') {
    // 202405 typed into a General cell, or 2024.05 kept as a number: a month, not a serial.
    if (Number.isInteger(v) && v >= 190001 && v <= 210012) return monthOnly(String(v));
    if (!Number.isInteger(v) && v > 1900 && v < 2101) return monthOnly(String(v));
    // 2024 typed alone is a year, not serial 2024 (1905-07-16, before the Party existed): no date.
    if (v >= 1900 && v <= 2100) return null;
    return parseDate(v, date1904);
  }
  return parseDate(v, date1904) ?? monthOnly(cellText(v));
}

/** Only a year and month (no date in it) → 'YYYY-MM', or null. */
const monthOnly = (text: string): string | null => monthPattern(text) ?? null;

/** A year-and-month form → 'YYYY-MM'; null when it names no real month; undefined when no form matches. */
function monthPattern(text: string): string | null | undefined {
  const s = hasChineseNumeral(text) ? fromChineseNumerals(text) : text;
  for (const re of MONTH_PATTERNS) {
    const m = re.exec(s);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      return isValidYmd(y, mo, 1) ? `${y}-${String(mo).padStart(2, '0')}` : null;
    }
  }
  return undefined;
}

/** The last day of a 'YYYY-MM' month, or the date itself: a month read as late as it can be. */
export function latestDayOf(dateOrMonth: string): string {
  if (dateOrMonth.length !== 7) return dateOrMonth;
  const y = Number(dateOrMonth.slice(0, 4));
  const m = Number(dateOrMonth.slice(5, 7));
  let d = 31;
  while (!isValidYmd(y, m, d)) d--;
  return `${dateOrMonth}-${String(d).padStart(2, '0')}`;
}

/** A whole number of days ('90', '90天', 90) → number, or null. */
export function parseInteger(v: Cell): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const m = /^(\d{1,6})\s*(?:天|日)?$/.exec(cellText(v));
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- e-mail

export function isEmail(v: Cell): boolean {
  return /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(cellText(v));
}

// ---------------------------------------------------------------- names

/** Minority-name separators as typed on Chinese keyboards and in web forms, unified to U+00B7. */
const NAME_SEPARATOR = /[•‧・∙⋅･．]|(?<=\p{Script=Han})\.(?=\p{Script=Han})/gu;
const SEPARATOR_CHARS = new Set([...'•‧・∙⋅･．.'].map((c) => c.charCodeAt(0)));

export function normalizeName(v: Cell): string {
  const s = cellText(v);
  // The Unicode-aware replace only for the few names holding a separator (bench: rules).
  for (let i = 0; i < s.length; i++) if (SEPARATOR_CHARS.has(s.charCodeAt(i))) return s.replace(NAME_SEPARATOR, '·');
  return s;
}

/** Code-point length: 𠮷 counts as one character, not two UTF-16 units. Counted without an array: it runs on every name. */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// The rules of shared/normalize.ts, one table per decision: which characters make a cell
// need cleaning (and what cleaning makes of them), how numbers are written as Excel shows
// them, which texts are Excel's error values, what counts as a blank cell, how codes,
// dates, months, day counts, e-mail addresses and names are read. Each row pins one case
// the module's fast paths and boundaries must get right (issue 25: mutation survivors).
import { describe, expect, it } from 'vitest';
import {
  cellText, codePoints, compactCode, hasTwoDigitYear, isBlank, isEmail, isErrorText, isValidYmd,
  latestDayOf, parseDate, parseDateOrMonth, parseInteger, parseMonth, serialToIso,
} from '../shared/normalize.js';

describe('cellText: white space and invisible characters copied from web pages, chat and WPS', () => {
  // ASCII-only neighbours (学号, phone numbers) as well as names: a Chinese neighbour
  // must not be what makes the cell look in need of cleaning.
  it.each([
    ['a leading space', ' 张明远', '张明远'],
    ['a trailing space', '张明远 ', '张明远'],
    ['a trailing space after a 学号', '2022083101 ', '2022083101'],
    ['a leading line break', '\n2022083101', '2022083101'],
    ['two spaces inside a name', '张  明远', '张 明远'],
    ['a tab inside a name', '张\t明远', '张 明远'],
    ['a tab inside a 学号', '2022\t083101', '2022 083101'],
    ['a line break inside an address', '北京市海淀区\r\n学院路38号', '北京市海淀区 学院路38号'],
    ['a no-break space in a phone number', '138\u00a01234\u00a05678', '138 1234 5678'],
    ['an Ogham space mark', '张\u1680明远', '张 明远'],
    ['an en quad (U+2000), the first of the typographic spaces', '138\u20001234', '138 1234'],
    ['an em space (U+2003)', '张\u2003明远', '张 明远'],
    ['a thin space (U+2009)', '138\u20091234', '138 1234'],
    ['a zero-width space after a 学号 (U+200B)', '2022083101\u200b', '2022083101'],
    ['a zero-width non-joiner (U+200C)', '2022\u200c083101', '2022083101'],
    ['a zero-width joiner (U+200D), the last of the range', '2022083101\u200d', '2022083101'],
    ['a line separator (U+2028)', '2022083101\u2028', '2022083101'],
    ['a paragraph separator (U+2029)', '2022083101\u2029', '2022083101'],
    ['a narrow no-break space (U+202F)', '138\u202f1234\u202f5678', '138 1234 5678'],
    ['a medium mathematical space (U+205F)', '138\u205f1234', '138 1234'],
    ['a word joiner (U+2060)', '2022083101\u2060', '2022083101'],
    ['an ideographic space', '张\u3000明远', '张 明远'],
    ['a byte-order mark in front of a 学号', '\ufeff2022083101', '2022083101'],
  ])('%s is cleaned: %j → %j', (_rule, input, out) => expect(cellText(input)).toBe(out));

  it.each([
    ['a clean name', '张明远'],
    ['a clean 学号', '2022083101'],
    ['single spaces inside', '中共北京市海淀区某某街道 第一党支部'],
    ['a name with its middle dot', '买买提·艾力'],
    ['a minus sign and a dot', '-12.5'],
    ['an e-mail address', 'zhangmy@pku.edu.cn'],
  ])('%s is left as it is: %j', (_rule, input) => expect(cellText(input)).toBe(input));
});

describe('cellText: full-width forms (U+FF01–FF5E) become half-width', () => {
  it.each([
    ['the first, ！ (U+FF01)', '张明远！', '张明远!'],
    ['digits', '２０２２０８３１０１', '2022083101'],
    ['the last, ～ (U+FF5E)', '6月～7月', '6月~7月'],
    ['an @ in an e-mail address', 'zhangmy＠pku.edu.cn', 'zhangmy@pku.edu.cn'],
  ])('%s: %j → %j', (_rule, input, out) => expect(cellText(input)).toBe(out));
});

describe('cellText: the marks exports put in front of a value to keep it text are not part of it', () => {
  it.each([
    ['Excel quote prefix', "'110108200303271237", '110108200303271237'],
    ['a backquote in its place', '`110108200303271237', '110108200303271237'],
    ['a left curly quote before digits', '‘2022083101', '2022083101'],
    ['a right curly quote before digits', '’2022083101', '2022083101'],
    ['the CSV formula ="…"', '="110108200303271237"', '110108200303271237'],
    ['the CSV formula with spaces inside the quotes', '=" 2022083101 "', '2022083101'],
  ])('%s: %j → %j', (_rule, input, out) => expect(cellText(input)).toBe(out));
});

describe('cellText: cells that are not text', () => {
  it.each([
    ['an empty cell (null)', null, ''],
    ['an empty cell (undefined)', undefined, ''],
    ['TRUE', true, 'TRUE'],
    ['FALSE', false, 'FALSE'],
  ])('%s → %j', (_rule, input, out) => expect(cellText(input)).toBe(out));
});

describe('cellText of a number: integers as Excel shows them, 15 significant digits, no exponent', () => {
  it.each([
    ['a 学号', 2022083101, '2022083101'],
    ['just below 1e15: every digit shown', 999999999999999, '999999999999999'],
    ['exactly 1e15', 1e15, '1000000000000000'],
    ['an 18-digit ID number typed as a number: Excel kept 15 digits', 110108200303271237, '110108200303271000'],
    ['the same, negative', -110108200303271237, '-110108200303271000'],
    ['just below 1e21: still without exponent', 9.99999999999999e20, '999999999999999000000'],
    ['1e21 and up: JavaScript\'s own form', 1e21, '1e+21'],
    ['-1e21', -1e21, '-1e+21'],
    ['a fraction above 1e15 is no integer: written as it is', 1000000000000000.5, '1000000000000000.5'],
    ['a date-time serial', 46185.4375, '46185.4375'],
  ])('%s: %s → %j', (_rule, input, out) => expect(cellText(input)).toBe(out));
});

describe("isErrorText of cellText: Excel's error values, as SheetJS and Office.js hand them over", () => {
  it.each([
    ['#N/A', true],
    ['#REF!', true],
    ['#VALUE!', true],
    ['#DIV/0!', true],
    [' #N/A', true],
    ['\t#NAME?', true],
    ['#N/A ', true],
    ['\u00a0#N/A', true],
    ['\u3000#REF!', true],
    ['#N/A 待补', false],
    ['#NAME?x', false],
    ['  待查 #N/A', false],
    ['##N/A', false],
    ['N/A', false],
    ['张明远', false],
    ['', false],
  ])('%j → %s', (input, out) => expect(isErrorText(cellText(input))).toBe(out));

  it('a number is never an error value', () => expect(isErrorText(cellText(42))).toBe(false));
});

describe('isBlank: a cell with nothing a person can see', () => {
  it.each([
    ['empty text', '', true],
    ['a space', ' ', true],
    ['spaces', '   ', true],
    ['a tab', '\t', true],
    ['an ideographic space', '\u3000', true],
    ['no-break spaces', '\u00a0\u00a0', true],
    ['a zero-width space', '\u200b', true],
    ['a byte-order mark', '\ufeff', true],
    ['null', null, true],
    ['undefined', undefined, true],
    ['a name', '张明远', false],
    ['a name after a space', ' 张明远', false],
    ['a 学号', '2022083101', false],
    ['a single letter', 'x', false],
    ['a tilde, the last visible ASCII character', '~', false],
    ['一, the first CJK ideograph', '一', false],
    ['a full-width digit', '１', false],
    ['a name after an ideographic space', '\u3000张明远', false],
    ['zero', 0, false],
    ['FALSE', false, false],
    ['a CSV formula for empty text', '=""', true],
    ['a CSV formula for a space', '=" "', true],
    ['a CSV formula for a name', '="张明远"', false],
    ['an equals sign alone', '=', false],
  ])('%s → %s', (_rule, input, out) => expect(isBlank(input)).toBe(out));
});

describe('compactCode: spaces and dashes inside a code are typing noise', () => {
  it.each([
    ['a clean 学号', '2022083101', '2022083101'],
    ['spaces', '2022 0831 01', '2022083101'],
    ['dashes', '2022-0831-01', '2022083101'],
    ['a dash in front', '-2022083101', '2022083101'],
    ['both', '138-1234 5678', '13812345678'],
    ['a number', 2022083101, '2022083101'],
  ])('%s: %j → %j', (_rule, input, out) => expect(compactCode(input)).toBe(out));
});

describe('isValidYmd: a real calendar day between 1900 and 2200', () => {
  it.each([
    [1900, 1, 1, true],
    [1899, 12, 31, false],
    [2200, 12, 31, true],
    [2201, 1, 1, false],
    [2026, 0, 12, false],
    [2026, 13, 12, false],
    [2026, 6, 0, false],
    [2026, 6, 30, true],
    [2026, 6, 31, false],
    [2024, 2, 29, true],
    [2026, 2, 29, false],
  ])('%i-%i-%i → %s', (y, m, d, out) => expect(isValidYmd(y, m, d)).toBe(out));

  it.each(['1899-12-31', '2201-01-01', '2026-00-12', '2026-06-00', '2026年6月31日'])('%s written as a date is no date', (text) =>
    expect(parseDate(text)).toBeNull());
});

describe('serialToIso: the serials Excel can hold, 1 to 2958465 (9999-12-31)', () => {
  it.each([
    [46185, '2026-06-12'],
    [46185.99, '2026-06-12'],
    [2958465, '9999-12-31'],
    [2958466, null],
    [0, null],
    [0.5, null],
    [-46185, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%s → %s', (serial, out) => expect(serialToIso(serial)).toBe(out));

  it('serial 1 is the first day Excel counts', () => expect(serialToIso(1)).not.toBeNull());
});

describe('parseDate: a time with a zone is taken to Beijing time (UTC+8)', () => {
  it.each([
    ['already Beijing time, +08:00', '2026-06-12T20:00+08:00', '2026-06-12'],
    ['already Beijing time, +0800', '2026-06-12 20:00+0800', '2026-06-12'],
    ['UTC, late evening', '2026-06-12T16:30:00Z', '2026-06-13'],
    ['UTC, afternoon', '2026-06-12T15:30:00Z', '2026-06-12'],
    ['New York summer time, afternoon: already the next day in Beijing', '2026-06-12T13:00-04:00', '2026-06-13'],
    ['New York winter time, morning', '2026-01-12T09:00-05:00', '2026-01-12'],
    ['India, half-hour zone, evening', '2026-06-12T21:00+05:30', '2026-06-12'],
    ['India, just before its midnight', '2026-06-12T23:00+05:30', '2026-06-13'],
  ])('%s: %s → %s', (_rule, input, out) => expect(parseDate(input)).toBe(out));
});

describe('parseDate: numbers and serials', () => {
  it.each([
    ['a serial', 46185, '2026-06-12'],
    ['a serial with a time', 46185.4375, '2026-06-12'],
    ['a serial from before 1927 (four digits)', 9999, '1927-05-17'],
    ['20260612 typed into a General cell', 20260612, '2026-06-12'],
    ['19000101, the first compact date', 19000101, '1900-01-01'],
    ['22001231, the last compact date', 22001231, '2200-12-31'],
    ['a 12-digit number is not guessed to be a date and time', 202606121030, null],
    ['a serial written as text (CSV)', '46185', '2026-06-12'],
    ['a serial with a time written as text', '46185.4375', '2026-06-12'],
    ['a serial with a one-digit fraction written as text', '46185.5', '2026-06-12'],
    ['a four-digit number as text is no date', '4618', null],
    ['empty text', '', null],
  ])('%s: %j → %s', (_rule, input, out) => expect(parseDate(input)).toBe(out));

  it.each([
    ['a number', 44723, '2026-06-12'],
    ['text', '44723', '2026-06-12'],
  ])('in a 1904 workbook, %s serial counts from 1904-01-01: %j → %s', (_rule, input, out) =>
    expect(parseDate(input, true)).toBe(out));
});

describe('parseDate: Chinese numerals, as official notices date themselves', () => {
  it.each([
    ['二〇二六年六月十二日', '2026-06-12'],
    ['二○二六年十月一日', '2026-10-01'],
    ['二零二六年十二月三十一日', '2026-12-31'],
    ['二〇二六年二月三十日', null],
    ['二〇二六年十十月一日', null],
    ['二〇二六年六月一二三日', null],
    ['〇〇〇〇年十月一日', null],
  ])('%s → %s', (input, out) => expect(parseDate(input)).toBe(out));
});

describe('hasTwoDigitYear: a two-digit year is never guessed, and the finding says why', () => {
  it.each([
    ['26.6.12', true],
    ['26-06-12', true],
    ['26年6月12日', true],
    ['26 年 6 月 12 日', true],
    ['26. 6. 12', true],
    ['26年6月', true],
    ['26年6月份', true],
    ['26.6', true],
    ['26 . 12', true],
    ['26.6.12号', true],
    ['26', false],
    ['26.6.12.', false],
    ['26.6.12 10:30', false],
    ['26.6.12x', false],
    ['26.6.1x', false],
    ['26.6x12', false],
    ['26.x6.12', false],
    ['26.6.12日x', false],
    ['26.6.12 日x', false],
    ['26.6.123', false],
    ['2026.6.12', false],
    ['张明远26.6.12', false],
  ])('%j → %s', (input, out) => expect(hasTwoDigitYear(input)).toBe(out));
});

describe('parseMonth and parseDateOrMonth: serials are dates in the 1900 system unless the workbook says 1904', () => {
  it('a serial written as text in a month column', () => expect(parseMonth('46185')).toBe('2026-06'));
  it('the same text in a 1904 workbook', () => expect(parseMonth('44723', true)).toBe('2026-06'));
});

describe('parseDateOrMonth: 入党时间 as a date, or only a year and month', () => {
  it.each([
    ['202405 typed into a General cell', 202405, '2024-05'],
    ['190001, the first such month', 190001, '1900-01'],
    ['210012, the last such month', 210012, '2100-12'],
    ['2024.05 kept as a number', 2024.05, '2024-05'],
    ['a serial', 46185, '2026-06-12'],
    ['a serial with a time', 46185.4375, '2026-06-12'],
    ['20260612 typed into a General cell', 20260612, '2026-06-12'],
    ['a month as text', '2024年5月', '2024-05'],
    ['a date as text', '2024-05-20', '2024-05-20'],
  ])('%s: %j → %s', (_rule, input, out) => expect(parseDateOrMonth(input)).toBe(out));

  // Numbers that are no month form are read as parseDate reads them.
  it.each([2101, 46185, 2958465, 2958466, 0, 1899])('%s is read as parseDate reads it', (n) =>
    expect(parseDateOrMonth(n)).toBe(parseDate(n)));

  it.each([2024, 1900, 2100])('the year %s typed alone is no date (not the serial of a day in 1905)', (n) =>
    expect(parseDateOrMonth(n)).toBeNull());
});

describe('latestDayOf: a month read as late as it can be', () => {
  it.each([
    ['2026-06', '2026-06-30'],
    ['2026-07', '2026-07-31'],
    ['2026-02', '2026-02-28'],
    ['2024-02', '2024-02-29'],
    ['2026-06-12', '2026-06-12'],
  ])('%s → %s', (input, out) => expect(latestDayOf(input)).toBe(out));
});

describe('parseInteger: a whole number of days', () => {
  it.each([
    ['90', 90],
    ['90天', 90],
    ['90 天', 90],
    ['90日', 90],
    [90, 90],
    ['约90天', null],
    ['-90', null],
    ['90天以内', null],
    ['1234567', null],
    ['90d', null],
    [90.5, null],
  ])('%j → %s', (input, out) => expect(parseInteger(input)).toBe(out));
});

describe('isEmail: one address and nothing else', () => {
  it.each([
    ['zhangmy@pku.edu.cn', true],
    ['  zhangmy@pku.edu.cn  ', true],
    ['mailto:zhangmy@pku.edu.cn', false],
    ['张明远 zhangmy@pku.edu.cn', false],
    ['zhangmy@pku.edu.cn；lisi@qq.com', false],
    ['zhangmy@pku.edu.cn (张明远)', false],
  ])('%j → %s', (input, out) => expect(isEmail(input)).toBe(out));
});

describe('codePoints: a character outside the BMP counts once, a broken surrogate half once', () => {
  it.each([
    ['张明远', 3],
    ['𠀀 (U+20000, low half DC00)', '𠀀', 1],
    ['𠏿 (U+203FF, low half DFFF)', '𠏿', 1],
    ['𐀀 (U+10000, high half D800)', '𐀀', 1],
    ['U+10FFFF (high half DBFF)', '\udbff\udfff', 1],
    ['张𠮷明', 3],
    ['a lone low half after a letter', 'a\udc00', 2],
    ['two lone low halves', '\udc00\udc00', 2],
    ['a lone high half before an ideograph', '\ud842一', 2],
    ['a lone high half before a private-use character', '\ud842\ue000', 2],
    ['a lone high half before a letter', '\ud842a', 2],
    ['a lone high half at the end', '张\ud842', 2],
  ].map((row) => (row.length === 2 ? [row[0], row[0], row[1]] : row)) as [string, string, number][])(
    '%s → %i', (_rule, input, out) => expect(codePoints(input)).toBe(out));
});

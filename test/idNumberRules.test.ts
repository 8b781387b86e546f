/**
 * The rules of shared/idNumber.ts one boundary at a time (issue 25: mutants that survived
 * test/idNumber.test.ts): which characters are digits, which birth dates exist (leap years,
 * month and day 00), the ages counted from today, the shapes of a number Excel has
 * stored, and how a short value is masked.
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, maskIdNumber } from '../shared/idNumber.js';
import { message } from '../shared/messages.js';

/** A valid 18-digit number from its first 17 digits. */
const id = (first17: string) => first17 + checkCharacter(first17);
/** The verdict on a cell: 'ok' or the finding's code. */
const verdict = (v: Parameters<typeof checkIdNumber>[0], today?: string) => {
  const r = checkIdNumber(v, today);
  return r.ok ? 'ok' : r.code;
};

describe('GB 11643: the first 17 characters are ASCII digits, nothing below 0 or above 9', () => {
  // Characters just below 「0」 in ASCII (- . / and space-like marks) are no digits either.
  it.each([
    ['11010820040315123-', 'ID_CHARS'],
    ['1101082004.3151232', 'ID_CHARS'],
    ['110108/20040315123', 'ID_CHARS'],
    ['11010820040315123:', 'ID_CHARS'],
    ['11010549123100/', 'ID_LENGTH'], // 15 characters but not 15 digits: not an old number
    ['11010549123100-', 'ID_LENGTH'],
  ])('%s → %s', (written, expected) => expect(verdict(written, '2026-06-10')).toBe(expected));
});

describe('spaces typed inside the number are not part of it', () => {
  it.each(['110108 200403151232', '110108 20040315 1232', '1101 0820 0403 1512 32'])('%s is 110108200403151232', (written) => {
    expect(checkIdNumber(written, '2026-06-10')).toEqual({ ok: true, value: '110108200403151232', gender: '男' });
  });
});

describe('the birth date must be a day of the calendar', () => {
  it.each([
    ['month 00', '11010820040015123', '20040015'],
    ['day 00', '11010820040300123', '20040300'],
    ['month 00, day 00', '11010820040000123', '20040000'],
    ['month 13, day 05', '11010820041305123', '20041305'],
    ['2003-02-29 (2003 is not a leap year)', '11010820030229123', '20030229'],
    ['1900-02-29 (divisible by 100, not by 400)', '11010819000229123', '19000229'],
    ['2004-04-31', '11010820040431123', '20040431'],
  ])('%s does not exist', (_what, first17, birth) => {
    const r = checkIdNumber(id(first17), '2026-06-10');
    expect(r.ok === false && r.code).toBe('ID_BIRTH');
    // The message quotes the eight digits as written, zeros kept.
    expect(r.ok === false && r.args).toEqual({ birth });
    if (!r.ok && r.code === 'ID_BIRTH') expect(message('ID_BIRTH', r.args).message).toContain(`「${birth}」`);
  });

  it.each([
    ['2004-02-29 (divisible by 4)', '11010820040229123'],
    ['2000-02-29 (divisible by 400)', '11010820000229123'],
    ['1996-02-29', '11010819960229123'],
    ['2004-02-28', '11010820040228123'],
    ['2003-02-28', '11010820030228123'],
    ['2004-01-31', '11010820040131123'],
    ['2004-04-30', '11010820040430123'],
    ['2004-12-31', '11010820041231123'],
    ['2004-01-01', '11010820040101123'],
  ])('%s exists', (_what, first17) => expect(verdict(id(first17), '2026-06-10')).toBe('ok'));

  it('an old 15-digit number of 1900-01-01 is plausible: 1900 is the first year a graduate is born', () => {
    expect(checkIdNumber('110105000101002', '2026-06-10')).toMatchObject({ ok: false, code: 'ID_LEGACY_15', gender: '女' });
    expect(verdict(id('11010819000101123'), '2026-06-10')).toBe('ok');
    expect(verdict(id('11010818991231123'), '2026-06-10')).toBe('ID_BIRTH_EARLY');
  });
});

describe('ages are counted from the given today (党章: members are eighteen)', () => {
  // Each case reads the number on two days in turn, so each today is read afresh.
  it.each([
    // today,       born,         verdict
    ['2026-06-10', '2008-06-10', 'ok'], // eighteen today
    ['2026-06-09', '2008-06-10', 'ID_BIRTH_UNDERAGE'], // eighteen tomorrow
    ['2026-06-10', '2008-06-11', 'ID_BIRTH_UNDERAGE'],
    ['2026-06-11', '2008-06-11', 'ok'],
    ['2026-07-01', '2008-06-30', 'ok'], // across a month end
    ['2026-06-30', '2008-07-01', 'ID_BIRTH_UNDERAGE'],
    ['2027-01-01', '2008-12-31', 'ok'], // across a year end
    ['2026-12-31', '2009-01-01', 'ID_BIRTH_UNDERAGE'],
    ['2026-06-10', '2026-06-10', 'ID_BIRTH_UNDERAGE'], // born today: a newborn, not a birth in the future
    ['2026-06-10', '2026-06-11', 'ID_BIRTH_FUTURE'],
    ['2026-06-11', '2026-06-10', 'ID_BIRTH_UNDERAGE'],
    ['2026-12-31', '2027-01-01', 'ID_BIRTH_FUTURE'],
  ])('on %s, born %s → %s', (today, born, expected) => {
    const number = id(`430102${born.replace(/-/g, '')}103`);
    expect(verdict(number, '2000-01-01')).toBe('ID_BIRTH_FUTURE'); // every one of these births was still to come in 2000
    expect(verdict(number, today)).toBe(expected);
  });
});

describe('an 18-digit number Excel stored as a number has lost its last digits', () => {
  it.each([
    [1e15, 'ID_STORED_AS_NUMBER'], // 1000000000000000: sixteen digits, one more than Excel keeps
    [430102200303271034, 'ID_STORED_AS_NUMBER'],
    [110105491231002, 'ID_LEGACY_15'], // fifteen digits are kept whole: an old number
    ['4.30102E+17', 'ID_STORED_AS_NUMBER'], // as a CSV export shows it
    ['4.30102200303271E+17', 'ID_STORED_AS_NUMBER'],
    ['4E+17', 'ID_STORED_AS_NUMBER'], // 400000000000000000 in a General cell
    ['4.30102E+17号', 'ID_LENGTH'], // text after it: something else was typed
    ['证4.30102E+17', 'ID_LENGTH'],
    ['A4.30102E+17', 'ID_LENGTH'],
    ['4.30102E+17X', 'ID_LENGTH'],
    ['4.3E+17E+2', 'ID_LENGTH'],
  ])('%s → %s', (written, expected) => expect(verdict(written, '2026-06-10')).toBe(expected));
});

describe('masking keeps the area prefix and the last four, and hides all of a short value', () => {
  it.each([
    ['', ''],
    ['4', '*'],
    ['4301', '****'],
    ['4301021', '*******'],
    ['43010220', '********'], // eight characters: keeping four and four would show it all
    ['430102200', '4301*2200'],
    ['110105491231002', '1101*******1002'],
    ['43010220030327103x', '4301**********103X'],
  ])('%j → %j', (written, masked) => expect(maskIdNumber(written)).toBe(masked));
});

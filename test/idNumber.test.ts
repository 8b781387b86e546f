import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharacter, checkIdNumber, maskIdNumber } from '../shared/idNumber.js';
import { cellText } from '../shared/normalize.js';
import { message } from '../shared/messages.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, check, codes, sheet } from './helpers.js';

const TODAY = '2026-06-10';
/** A valid 18-digit number from its first 17 digits. */
const id = (first17: string) => first17 + checkCharacter(first17);
const code = (v: Parameters<typeof checkIdNumber>[0], today: string | undefined = TODAY) => {
  const r = checkIdNumber(v, today);
  return r.ok ? 'ok' : r.code;
};

/** GB/T 2260 province-level codes, plus 83 for Taiwan residents' residence permits. */
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];

describe('GB 11643-1999 ID numbers', () => {
  it.each([
    ['11010519491231002X', '女'], // the standard's own example
    ['110108200403151232', '男'],
    ['11010820030808115x', '男'], // lower-case x is the same as X
    ['440524198001010013', '男'],
    ['830000200209060065', '女'], // residence permit of a Taiwan resident
    ['810000199408230021', '女'], // residence permit of a Hong Kong resident
  ])('accepts %s', (idNumber, gender) => {
    const r = checkIdNumber(idNumber, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.gender).toBe(gender);
      expect(r.value).toBe(idNumber.toUpperCase());
    }
  });

  it.each([
    ['110108200302141271', 'ID_CHECK'],
    ['430102200303271000', 'ID_CHECK_ZEROS'],
    ['11010820030230123X', 'ID_BIRTH'],
    ['1101082003021412', 'ID_LENGTH'],
    ['11010820030214127A', 'ID_CHARS'],
    ['110105491231002', 'ID_LEGACY_15'],
    ['4.30102E+17', 'ID_STORED_AS_NUMBER'],
  ])('rejects %s as %s', (idNumber, expected) => expect(code(idNumber)).toBe(expected));

  it('full-width digits are normalised before checking', () => {
    expect(checkIdNumber('１１０１０８２００４０３１５１２３２').ok).toBe(true);
  });

  it('property: the computed check character always validates, any other never does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROVINCES), fc.stringMatching(/^\d{4}$/), fc.date({ min: new Date('1930-01-01'), max: new Date('2008-06-10'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (province, county, d, seq) => {
        const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
        const first17 = `${province}${county}${birth}${String(seq).padStart(3, '0')}`;
        const good = first17 + checkCharacter(first17);
        expect(checkIdNumber(good, TODAY).ok).toBe(true);
        for (const c of '0123456789X') if (c !== good[17]) expect(checkIdNumber(first17 + c, TODAY).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('masks all but the area prefix and the last four', () => {
    expect(maskIdNumber('43010220030327103x')).toBe('4301**********103X');
  });
});

describe('mistake 1: a birth date after today, or of someone too young to be a member', () => {
  it.each([
    ['2070-01-01', id('43010220700101103')], // the year typed as 2070 for 1970
    ['2180-01-01', id('43010221800101103')],
    ['2026-06-11', id('43010220260611103')], // tomorrow
  ])('born %s is in the future', (_birth, idNumber) => {
    expect(checkIdNumber(idNumber).ok).toBe(true); // the check character alone cannot tell
    expect(code(idNumber)).toBe('ID_BIRTH_FUTURE');
  });

  it('born in 2025 is no graduate: 党章 requires members to be eighteen', () => {
    expect(code(id('43010220250101103'))).toBe('ID_BIRTH_UNDERAGE');
    expect(message('ID_BIRTH_UNDERAGE', { birth: '2025-01-01', age: 18 }).message).toContain('未满 18 周岁');
  });

  it('the eighteenth birthday is the boundary', () => {
    expect(code(id('43010220080610103'))).toBe('ok');
    expect(code(id('43010220080611103'))).toBe('ID_BIRTH_UNDERAGE');
  });

  it('the registration check passes its today to the ID check', () => {
    expect(codes(check({ 身份证号: id('11010820700315123') }, '2026-06-10'))).toEqual(['idNumber:ID_BIRTH_FUTURE']);
    expect(check({ 身份证号: id('11010820080901123') }, '2026-06-10').map((f) => f.code)).toEqual(['ID_BIRTH_UNDERAGE']);
    expect(check({ 身份证号: id('11010820080901123') }, '2027-06-10')).toEqual([]);
  });
});

describe('mistake 2: the first two digits are a GB/T 2260 province-level code', () => {
  it.each(PROVINCES)('%s is accepted', (p) => expect(code(id(`${p}010219990101101`))).toBe('ok'));

  it('every other pair is rejected, and the message names it', () => {
    for (let n = 0; n < 100; n++) {
      const p = String(n).padStart(2, '0');
      if (PROVINCES.includes(p)) continue;
      const r = checkIdNumber(id(`${p}010219990101101`), TODAY);
      expect(r.ok === false && r.code, p).toBe('ID_PROVINCE');
      if (!r.ok && r.code === 'ID_PROVINCE') expect(message('ID_PROVINCE', r.args).message).toContain(`「${p}」`);
    }
  });

  it("9x (a foreigner's permanent-residence card) is not a Party member's number", () => {
    expect(code('932682198501010017')).toBe('ID_PROVINCE');
  });
});

describe('mistake 3: 15-digit numbers issued before 1999', () => {
  it('a plausible one is a warning that carries the gender of its last digit', () => {
    expect(checkIdNumber('110105491231002', TODAY)).toEqual({ ok: false, code: 'ID_LEGACY_15', value: '110105491231002', gender: '女' });
    expect(checkIdNumber('150102880730303', TODAY)).toMatchObject({ code: 'ID_LEGACY_15', gender: '男' });
  });

  it.each([
    ['360198910283844', 'ID_BIRTH', '19910283'], // 1991-02-83
    ['610104620932690', 'ID_BIRTH', '19620932'],
    ['160101491001001', 'ID_PROVINCE', '16'],
    ['990102880730303', 'ID_PROVINCE', '99'],
  ])('an impossible one (%s) is an error, %s', (idNumber, expected, arg) => {
    const r = checkIdNumber(idNumber, TODAY);
    expect(r.ok === false && r.code).toBe(expected);
    expect(r.ok === false && Object.values(r.args ?? {})).toContain(arg);
  });

  it('its gender digit is compared with 性别', () => {
    expect(codes(check({ 身份证号: '110105491231002', 性别: '男' }))).toEqual(['idNumber:ID_LEGACY_15', 'gender:GENDER_MISMATCH']);
    expect(codes(check({ 身份证号: '110105491231002', 性别: '女' }))).toEqual(['idNumber:ID_LEGACY_15']);
  });

  it('stored by Excel as a number it keeps all 15 digits: the same warning as in a CSV, no lost digits', () => {
    expect(checkIdNumber(110105491231002, TODAY)).toEqual(checkIdNumber('110105491231002', TODAY));
    expect(codes(check({ 身份证号: 110105491231002, 性别: '女' }))).toEqual(['idNumber:ID_LEGACY_15']);
  });
});

describe('mistake 4: an 18-digit ID stored as a number reads as Excel shows it', () => {
  // Typed into a General cell, 430102200303271034 is kept as 4.30102200303271E+17,
  // whose exact binary value is 430102200303270976; Excel displays 430102200303271000.
  it.each([430102200303271000, 430102200303271034])('%d → 430102200303271000', (n) => {
    expect(cellText(n)).toBe('430102200303271000');
    const r = checkIdNumber(n, TODAY);
    expect(r.ok === false && [r.code, r.value]).toEqual(['ID_STORED_AS_NUMBER', '430102200303271000']);
    expect(maskIdNumber(n)).toBe('4301**********1000');
  });

  it('the registration record (what reports and mails show) holds the displayed digits', () => {
    const r = validateSheet(sheet({ ...CLEAN, 身份证号: 430102200303271034 }), { today: TODAY });
    expect(codes(r.findings)).toEqual(['idNumber:ID_STORED_AS_NUMBER']);
    expect(r.records[0]!.idText).toBe('430102200303271000');
    expect(r.records[0]!.idNumber).toBeNull();
  });

  it('numbers of 15 digits or fewer (student numbers, org codes, phones) are unchanged', () => {
    expect(cellText(2022083101)).toBe('2022083101');
    expect(cellText(11100238152)).toBe('11100238152');
    expect(cellText(13912345678)).toBe('13912345678');
    expect(cellText(110105491231002)).toBe('110105491231002');
    expect(cellText(999999999999999)).toBe('999999999999999');
    expect(cellText(1234567890123456)).toBe('1234567890123460'); // 16 digits: Excel shows 15
    expect(cellText(-1234567890123456789)).toBe('-1234567890123460000');
    expect(cellText(0.5)).toBe('0.5');
  });

  it('a lower-case x is shown upper-case in the record', () => {
    const r = validateSheet(sheet({ ...CLEAN, 身份证号: '11010820030808115x' }), { today: TODAY });
    expect(r.records[0]!.idText).toBe('11010820030808115X');
  });
});

describe('mistake 5: a birth year before 1900 exists, but is no graduate’s', () => {
  it('is out of range, not a date that does not exist', () => {
    const r = checkIdNumber(id('11010818990101123'), TODAY);
    expect(r.ok === false && r.code).toBe('ID_BIRTH_EARLY');
    const text = r.ok || r.code !== 'ID_BIRTH_EARLY' ? '' : message('ID_BIRTH_EARLY', r.args).message;
    expect(text).toContain('1899-01-01');
    expect(text).not.toContain('不存在');
  });

  it('an impossible day is still one that does not exist, in any year', () => {
    expect(code('11010818990230123X')).toBe('ID_BIRTH');
    expect(code(id('11010819000229123'))).toBe('ID_BIRTH'); // 1900 was not a leap year
    expect(code(id('11010820000229123'))).toBe('ok'); // 2000 was
  });
});

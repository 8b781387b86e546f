import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharacter, checkIdNumber, maskIdNumber } from '../shared/idNumber.js';

describe('GB 11643-1999 ID numbers', () => {
  it.each([
    ['11010519491231002X', '女'], // the standard's own example
    ['110108200403151232', '男'],
    ['11010820030808115x', '男'], // lower-case x is the same as X
    ['440524198001010013', '男'],
  ])('accepts %s', (id, gender) => {
    const r = checkIdNumber(id);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.gender).toBe(gender);
      expect(r.value).toBe(id.toUpperCase());
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
  ])('rejects %s as %s', (id, code) => {
    const r = checkIdNumber(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('treats a numeric cell as stored by Excel with digits lost', () => {
    const r = checkIdNumber(430102200303271000);
    expect(r.ok === false && r.code).toBe('ID_STORED_AS_NUMBER');
  });

  it('full-width digits are normalised before checking', () => {
    expect(checkIdNumber('１１０１０８２００４０３１５１２３２').ok).toBe(true);
  });

  it('property: the computed check character always validates, any other never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-8]\d{5}$/), fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (area, d, seq) => {
        const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
        const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
        const good = first17 + checkCharacter(first17);
        expect(checkIdNumber(good).ok).toBe(true);
        for (const c of '0123456789X') if (c !== good[17]) expect(checkIdNumber(first17 + c).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('masks all but the area prefix and the last four', () => {
    expect(maskIdNumber('43010220030327103x')).toBe('4301**********103X');
  });
});

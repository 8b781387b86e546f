import { describe, expect, it } from 'vitest';
import { parsePhone } from '../shared/phone.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, check, codes, sheet } from './helpers.js';

const canonical = (s: string | number) => {
  const p = parsePhone(s);
  return p ? `${p.kind}:${p.value}` : null;
};

describe('mobiles: 11 digits 1[3-9]…', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'], // full-width, typed with a Chinese IME
    [13912345678, '13912345678'], // a General cell holds a number
    ['+86 13912345678', '13912345678'],
    ['+86-13838389438', '13838389438'],
    ['0086 139 1234 5678', '13912345678'],
    ['8613912345678', '13912345678'], // 86 without + or separator
    ['86-13912345678', '13912345678'],
  ])('%s → %s', (input, value) => expect(canonical(input)).toBe(`mobile:${value}`));

  it('a leading 0 is the long-distance habit, not an area code (there is no 013…)', () => {
    expect(canonical('013838389438')).toBe('mobile:13838389438');
    expect(canonical('0139-1234-5678')).toBe('mobile:13912345678');
  });

  it.each(['12038389438', '1391234567', '139123456789', '+08613811211114', '08613811211114', '13912345678转8001'])('%s is not a phone number', (s) => {
    expect(parsePhone(s)).toBeNull();
  });
});

describe('landlines: 010 and 020–029 are three-digit area codes with 8-digit local numbers; other codes four digits', () => {
  it.each([
    ['01012345678', '010-12345678'], // Beijing, not 0101-2345678
    ['02087654321', '020-87654321'], // Guangzhou, not 0208-7654321
    ['021-64318888', '021-64318888'],
    ['(010)62751234', '010-62751234'],
    ['（029）88888888', '029-88888888'],
    ['010 6275 1234', '010-62751234'],
    ['0731-88888888', '0731-88888888'],
    ['073188888888', '0731-88888888'],
    ['0936-4211235', '0936-4211235'], // 7-digit local number after a four-digit code
    ['0451—86412114', '0451-86412114'],
    ['0101-2345678', '010-12345678'], // a misplaced dash: the digits dial Beijing
  ])('%s → %s', (input, value) => expect(canonical(input)).toBe(`landline:${value}`));

  it.each([
    ['0451-86412114转8001', '0451-86412114转8001'],
    ['0451-86412114 分机 8001', '0451-86412114转8001'],
    ['0451-86412114分机号8001', '0451-86412114转8001'],
    ['0451-86412114 ext. 8001', '0451-86412114转8001'],
    ['0451-86412114 EXT 8001', '0451-86412114转8001'],
    ['0451-86412114x8001', '0451-86412114转8001'],
    ['0451-86412114-8001', '0451-86412114转8001'],
    ['010-62751234-123', '010-62751234转123'],
  ])('extension: %s → %s', (input, value) => expect(canonical(input)).toBe(`landline:${value}`));

  it.each([
    ['+86 10 12345678', '010-12345678'], // the area code without its trunk 0
    ['+86-21-64318888', '021-64318888'],
    ['+86 731 88888888', '0731-88888888'],
    ['0086 10 62751234', '010-62751234'],
    ['+86 010 62751234', '010-62751234'],
  ])('international: %s → %s', (input, value) => expect(canonical(input)).toBe(`landline:${value}`));

  it.each([
    '010-1234567', // three-digit codes take 8 digits
    '0731-888888', // too short
    '0731-888888888', // too long
    '88888888', // no area code
    '0451-86412114转',
  ])('%s is not a phone number', (s) => expect(parsePhone(s)).toBeNull());
});

describe('the registration check', () => {
  it('accepts every form above and reports nothing', () => {
    for (const phone of ['013838389438', '01012345678', '0451-86412114转8001', '+86 10 12345678', '8613912345678']) {
      expect(check({ 联系电话: phone }), phone).toEqual([]);
    }
  });

  it('rejects what is neither', () => expect(codes(check({ 联系电话: '6275123' }))).toEqual(['phone:PHONE_INVALID']));

  it('keeps the canonical number for reports and mails', () => {
    const r = validateSheet(sheet({ ...CLEAN, 联系电话: '+86 139 1234 5678' }, { ...CLEAN, 学号: '2022083102', 身份证号: '11010519491231002X', 性别: '女', 联系电话: '02087654321' }), { today: '2026-06-10' });
    expect(r.records.map((m) => m.phone)).toEqual(['13912345678', '020-87654321']);
  });
});

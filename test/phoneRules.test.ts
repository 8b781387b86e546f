/**
 * How shared/phone.ts splits what people type into area code, local number and extension
 * (issue 25: mutants that survived test/phone.test.ts): dashes of every kind, a dash
 * before 转, a trailing group that is or is not an extension, and digits that only look
 * like 86 and a mobile.
 */
import { describe, expect, it } from 'vitest';
import { parsePhone } from '../shared/phone.js';

const canonical = (s: string | number) => {
  const p = parsePhone(s);
  return p ? `${p.kind}:${p.value}` : null;
};

describe('any dash people type separates groups like the ASCII hyphen', () => {
  it.each([
    ['0451—86412114—8001', 'landline:0451-86412114转8001'], // em dashes, from a Chinese IME
    ['0451–86412114–8001', 'landline:0451-86412114转8001'], // en dashes, from Word
    ['0451－86412114－8001', 'landline:0451-86412114转8001'], // full-width hyphen-minus
    ['010−62751234−123', 'landline:010-62751234转123'], // the minus sign
    ['010‐62751234‑123', 'landline:010-62751234转123'], // hyphen, non-breaking hyphen
  ])('%s → %s', (input, expected) => expect(canonical(input)).toBe(expected));
});

describe('a dash left before 转 or 分机 is no part of the number', () => {
  it.each([
    ['0451-86412114-转8001', 'landline:0451-86412114转8001'],
    ['0451-86412114 - 分机 8001', 'landline:0451-86412114转8001'],
    ['010-62751234-ext.123', 'landline:010-62751234转123'],
  ])('%s → %s', (input, expected) => expect(canonical(input)).toBe(expected));
});

describe('a trailing group is an extension only after a complete landline', () => {
  it.each([
    ['01062751234-8001', 'landline:010-62751234转8001'], // area code not split off, extension after a dash
    ['045186412114-8001', 'landline:0451-86412114转8001'],
    ['+86 10 62751234-123', 'landline:010-62751234转123'],
    ['0451-86412114-123456', 'landline:0451-86412114转123456'], // six digits: the longest extension
    ['010-86139123-45678', 'landline:010-86139123转45678'], // a local number starting 86 13…, not +86 and a mobile
    ['0451-86139123-45678', 'landline:0451-86139123转45678'],
  ])('%s → %s', (input, expected) => expect(canonical(input)).toBe(expected));

  it.each([
    ['010-6275-1234', 'landline:010-62751234'], // local number typed in two halves
    ['0731-8888-8888', 'landline:0731-88888888'],
    ['0936-421-1235', 'landline:0936-4211235'],
    ['010-62-75-12-34', 'landline:010-62751234'],
    ['0451-86412114-', 'landline:0451-86412114'], // a dash left at the end
  ])('a number typed in groups is read whole: %s → %s', (input, expected) => expect(canonical(input)).toBe(expected));

  it.each([
    '0451-86412114-1234567', // seven digits are no extension
    '0451-86412114-13912345678', // a landline and a mobile in one cell: which one?
    '010-62751234-62751235', // two landlines
  ])('%s is not one phone number', (input) => expect(parsePhone(input)).toBeNull());
});

describe('blank and non-phone cells', () => {
  it.each(['', '   ', '（）', '-', '无', '同上', '1391234567x', '139-1234-567a'])('%j is not a phone number', (input) => {
    expect(parsePhone(input)).toBeNull();
  });
});

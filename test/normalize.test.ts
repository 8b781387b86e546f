import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhone } from '../shared/phone.js';
import { cellText, isoToSerial, parseDate, parseMonth, serialToIso, toHalfWidth, parseInteger, normalizeName, codePoints } from '../shared/normalize.js';

describe('normalisation', () => {
  it.each([
    ['２０２２００００６', '202200006'],
    ['  张　明远  ', '张 明远'],
    ['ＡＢＣ－１２３', 'ABC-123'],
  ])('half-width and trimmed: %s', (input, out) => expect(cellText(input)).toBe(out));

  it('writes big integers without exponent', () => expect(cellText(11100238152)).toBe('11100238152'));

  it.each([
    [46185, '2026-06-12'],
    ['2026-06-12', '2026-06-12'],
    ['2026/6/12', '2026-06-12'],
    ['2026.6.12', '2026-06-12'],
    ['2026年6月12日', '2026-06-12'],
    ['２０２６年６月１２日', '2026-06-12'],
    ['20260612', '2026-06-12'],
    ['2026-02-30', null],
    ['六月中旬', null],
    ['', null],
  ])('date %s → %s', (input, out) => expect(parseDate(input)).toBe(out));

  it.each([
    ['2026-06', '2026-06'],
    ['2026年6月', '2026-06'],
    ['2026/06', '2026-06'],
    ['2026-06-12', '2026-06'],
    [46185, '2026-06'],
    ['2026年13月', null],
  ])('month %s → %s', (input, out) => expect(parseMonth(input)).toBe(out));

  it.each([
    ['13900000033', '13900000033'],
    ['+86 13900000006', '13900000006'],
    ['0086-139 0000 0006', '13900000006'],
    ['0731-88888888', '0731-88888888'],
    ['010—83576041', '010-83576041'],
    ['1380013800', null],
    ['12345678901', null],
  ])('phone %s → %s', (input, out) => expect(parsePhone(input)?.value ?? null).toBe(out));

  it.each([
    ['90', 90], ['90天', 90], [30, 30], ['九十', null], [30.5, null],
  ])('days %s → %s', (input, out) => expect(parseInteger(input)).toBe(out));


  it('names: separators unified, characters outside the BMP count once', () => {
    expect(normalizeName('买买提•艾力')).toBe('买买提·艾力');
    expect(codePoints('𠮷𡈽')).toBe(2);
    expect(codePoints('阿依古丽·买买提')).toBe(8);
    expect(codePoints('\ud842')).toBe(1); // a lone surrogate is one unit
  });

  it('property: serial ↔ ISO round-trips', () => {
    fc.assert(fc.property(fc.integer({ min: 61, max: 80000 }), (n) => {
      expect(isoToSerial(serialToIso(n)!)).toBe(n);
    }));
  });

  it('property: any valid date written in any supported style parses back', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }), (d, style) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, dd] = iso.split('-').map(Number);
        const text = [`${y}-${m}-${dd}`, `${y}/${m}/${dd}`, `${y}.${m}.${dd}`, `${y}年${m}月${dd}日`][style]!;
        expect(parseDate(text)).toBe(iso);
        expect(parseDate(toHalfWidth(text))).toBe(iso);
      }),
    );
  });
});

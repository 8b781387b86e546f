/** Edges of the registration rules: what a 组织编码 may hold besides its digits. */
import { describe, expect, it } from 'vitest';
import { check, codes } from './helpers.js';

describe('组织编码 is 10 or 12 digits, written with any spaces and hyphens (seed 000: 支部编码; seed 002: 党员E先锋)', () => {
  it.each([
    ['0111002389', 'ten digits, a 9 among them'],
    ['0111-0023-8152', 'hyphens between groups'],
    ['0111 0023 8152', 'spaces between groups'],
    ['0111\t00238152', 'a tab pasted in'],
    ['0111\n00238152', 'a line break inside the cell'],
    ['0111\r\n00238152', 'a Windows line break inside the cell'],
    ['0111\u00a000238152', 'a no-break space from a web page'],
    ['0111\u300000238152', 'a full-width space from a Chinese input method'],
  ])('%j is a valid code (%s)', (code) => expect(codes(check({ 组织编码: code }))).toEqual([]));

  it.each([
    ['011100238A', 'a letter among ten characters'],
    ['0111002381A', 'a letter beside ten digits'],
    ['01110023815/', 'a slash beside eleven digits'],
    ['0111_00238152', 'an underscore is not a separator'],
    ['0111．00238152', 'a full-width dot is not a separator'],
    ['011100238', 'nine digits'],
    ['0111002381523', 'thirteen digits'],
  ])('%j is not a code (%s)', (code) => expect(codes(check({ 组织编码: code }))).toEqual(['orgCode:ORG_CODE_FORMAT']));
});

describe('a lost leading 0 is inferred only from a number cell one digit short (seed 000: 支部编码 10 位)', () => {
  it('a 9-digit number is a 10-digit code whose 0 Excel dropped, and the message gives the fixed code', () => {
    const f = check({ 组织编码: 111002381 });
    expect(codes(f)).toEqual(['orgCode:ORG_CODE_LOST_ZERO']);
    expect(f[0]!.message).toContain('应为「0111002381」');
  });
  it('the same 9 digits typed as text are only a wrong code', () => expect(codes(check({ 组织编码: '111002381' }))).toEqual(['orgCode:ORG_CODE_FORMAT']));
  it('a wrong code names the lengths allowed', () => expect(check({ 组织编码: '011' })[0]!.message).toContain('应为 10 或 12 位数字'));
});

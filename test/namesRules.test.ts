/**
 * Names compared as people write them (shared/names.ts): only confirming a match made by ID
 * number or 学号, never making one. Which folding made two names alike is said in the reasons.
 */
import { describe, expect, it } from 'vitest';
import { compareNames } from '../shared/names.js';

describe('two names of one person, and what it took to see it', () => {
  it.each([
    ['张明远', '张明远', true, []],
    ['王 磊', '王磊', true, ['space']], // a space typed inside a two-character name
    ['王磊', '王　磊', true, ['space']], // an ideographic space on the other side
    ['阿依古丽•买买提', '阿依古丽·买买提', true, ['dot']], // minority names: middle-dot variants
    ['阿依古丽·买买提', '阿依古丽.买买提', true, ['dot']],
    ['阿依古丽 ·买买提', '阿依古丽•买买提', true, ['space', 'dot']],
    ['陳曉明', '陈晓明', true, ['traditional']],
    ['阿依古丽•买买提', '阿依古丽·买卖提', false, []], // the dots agree, a character does not
    ['王磊', '王蕾', false, []],
  ] as const)('%s / %s → %s %j', (a, b, same, foldings) => expect(compareNames(a, b)).toEqual({ same, foldings }));
});

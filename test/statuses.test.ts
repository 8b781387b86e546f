/** Status words are said once (shared/statuses.ts): the README's table must use the same words. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPLETION_RATE_RULE, STATUS_INFO, STATUSES, completionRate } from '../shared/statuses.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('status words', () => {
  it("the README's 对账状态 table lists exactly the program's labels, in its order", () => {
    const section = readme.slice(readme.indexOf('### 对账状态'));
    const table = section.slice(section.indexOf('| 状态 |'));
    const lines = table.split('\n').slice(2);
    const rows = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
    expect(rows.map((l) => l.split('|')[1]!.trim())).toEqual(STATUSES.map((s) => STATUS_INFO[s].label));
  });

  it('the README states the one 完成率 definition', () => {
    expect(readme.replace(/\*\*/g, '')).toContain(COMPLETION_RATE_RULE);
  });

  it('seed 001 names the 9月1日 list 超期未落实: the overdue label uses its words', () => {
    expect(STATUS_INFO.overdue.label).toBe('超期未落实');
  });
});

describe('完成率', () => {
  it('leaves 按规定保留 out of the base: 8 completed of 20 with 1 exempt is 42%', () => {
    expect(completionRate({ total: 20, completed: 8, exempt: 1 }).text).toBe('42%');
  });
  it('never shows 100% while somebody is still open (rounded down)', () => {
    expect(completionRate({ total: 300, completed: 299, exempt: 0 }).text).toBe('99%');
  });
  it('a college where everyone stays at school has no rate', () => {
    expect(completionRate({ total: 2, completed: 0, exempt: 2 }).text).toBe('—');
  });
});

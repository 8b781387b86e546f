/**
 * Property: after any sequence of edits with 实时校验 on — cells typed, rows pasted or
 * cleared, rows inserted or deleted, rows sorted — the pane's findings and the marks on
 * the sheet equal those of a fresh full check. Random sequences on the test host
 * (fast-check), compared after every step, whichever path (incremental or full) ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeExcel, newSheet } from './e2e/fakeExcel.js';
import { registrationRows } from './e2e/sheet5k.js';
import { entries, freshFindings, freshMarks, paneOver } from './paneHost.js';

const SHEET = '登记表';
const BASE = registrationRows(24);
const members = BASE.slice(2);
// Small pools, so repeats are made and unmade often.
const POOLS: Record<number, (string | number)[]> = {
  2: ['王明远', '李静怡', '', '张3', '欧阳·娜娜'],
  3: ['男', '女', '', '未知'],
  4: ['2022080000', '2022080001', '2022080002', '', 'XH-01'],
  5: [members[0]![5]!, members[1]![5]!, members[2]![5]!, '', '110108200301011234', 110108200301011230],
  8: ['京内', '京外', '院内', '校内', ''],
  16: ['13912345678', '1391234', '', '010-62751234'],
};
const COLS = Object.keys(POOLS).map(Number);

type Op =
  | { op: 'edit'; row: number; col: number; pick: number }
  | { op: 'paste'; row: number; from: number; n: number; sid: number }
  | { op: 'clear'; row: number }
  | { op: 'rows'; row: number; n: number }
  | { op: 'sort'; col: number };

const row = fc.integer({ min: 3, max: 30 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('edit' as const), row, col: fc.constantFrom(...COLS), pick: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('paste' as const), row, from: fc.nat(members.length - 1), n: fc.integer({ min: 1, max: 6 }), sid: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const), row }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rows' as const), row, n: fc.constantFrom(-2, -1, 1, 2) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('sort' as const), col: fc.constantFrom(2, 4) }) },
);

function apply(host: FakeExcel, o: Op) {
  const letter = (c: number) => String.fromCharCode(65 + c);
  if (o.op === 'edit') {
    const pool = POOLS[o.col]!;
    host.edit(SHEET, `${letter(o.col)}${o.row}`, pool[o.pick % pool.length]!);
  } else if (o.op === 'paste') {
    const block = members.slice(o.from, o.from + o.n).map((r) => r.map((v, j) => (j === 4 ? POOLS[4]![(o.sid + Number(String(v).slice(-1))) % 5]! : v)));
    host.paste(SHEET, `A${o.row}`, block);
  } else if (o.op === 'clear') host.paste(SHEET, `A${o.row}`, [BASE[1]!.map(() => '')]);
  else if (o.op === 'rows') host.shiftRows(SHEET, o.row, o.n);
  else host.sortRows(SHEET, 3, o.col);
}

describe('incremental marks always equal a full check’s', () => {
  it.each([
    ['with RangeAreas (ExcelApi 1.9): up to 400 cells per format', () => true],
    ['without (one format per cell)', (set: string, v: string) => !(set === 'ExcelApi' && v === '1.9')],
  ])('%s', async (_what, supports) => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const host = new FakeExcel([newSheet(SHEET, BASE.map((r) => [...r]))]);
        const pane = paneOver(host, { supports });
        await pane.check.checkActive();
        await pane.setLive(true);
        await pane.settled();
        for (const o of ops) {
          apply(host, o);
          await pane.settled();
          expect(pane.errors).toEqual([]);
          expect(pane.state.result!.findings).toEqual(freshFindings(host, SHEET));
          expect(entries(host.marksOn(SHEET))).toEqual(entries(freshMarks(host, SHEET)));
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

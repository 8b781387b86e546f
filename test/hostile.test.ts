/**
 * What a real inbox of spreadsheets throws at the reader (test/hostile, made by
 * scripts/make-hostile.ts). Each file has one exact outcome: the right findings, or
 * exit 2 with a Chinese message naming the file and the cause — never a crash, a
 * stack trace, a hang, a blown heap, or a half-written output file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../jobs/lib/read/load.js';
import { InputError } from '../jobs/lib/errors.js';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import type { Cell } from '../shared/normalize.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, HEADER, cli, tempDir } from './helpers.js';
import { sampleWorkbooks } from '../jobs/demo/sample.js';

const HOSTILE = join(import.meta.dirname, 'hostile');
const file = (name: string) => join(HOSTILE, name);
const TODAY = '2026-06-20';
const findings = (name: string) => validateFile(file(name), { settings: defaultRuleSettings(), today: TODAY }).findings
  .map((f) => `${f.row}${f.column}:${f.code}`);

/** The three members every readable case holds: row 3 has a 10-digit phone, row 4 a wrong check character. */
const THREE = ['3U:PHONE_INVALID', '4F:ID_CHECK'];

/** Bounded: a hang or a heap blow-up fails the run instead of stalling CI. */
const bounded = (args: string[]) => cli(args, { env: { NODE_OPTIONS: '--max-old-space-size=384' } });

describe('unreadable files: exit 2, the file and the cause in Chinese, nothing else', () => {
  it.each([
    ['empty.xlsx', '文件是空的'],
    ['random.xlsx', '不是有效的 .xlsx 表格'],
    ['truncated.xlsx', '压缩包被截断'],
    ['corrupt.xlsx', '压缩数据校验失败'],
    ['encrypted.xlsx', '文件已加密'],
    ['bomb.xlsx', '疑似压缩炸弹'],
    ['bomb-lying.xlsx', '远超其目录所写（疑似压缩炸弹）'],
  ])('%s → %s', (name, cause) => {
    const r = bounded(['validate', file(name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^错误：.*${name}：.*${cause}`));
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|FATAL|heap/);
    expect(r.stdout).toBe('');
  });

  it('a zip bomb among the registrations stops reconcile before any report is written', () => {
    const dir = tempDir();
    const out = join(dir, 'report.xlsx');
    const r = bounded(['reconcile', '--registrations', file('rare-names.xlsx'), file('bomb.xlsx'), '--receipts', sampleWorkbooks(tempDir()).receipts[0]!, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bomb.xlsx');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('readable oddities give exactly the findings of their data', () => {
  it.each([
    'utf8.csv', 'utf8-bom.csv', 'gbk-semicolon.csv', 'utf8-tab.csv',
    // Web systems' exports named .xls: ID numbers must stay text, not become 1.1e17.
    'html-table.xls', 'html-table-gbk.xls', 'spreadsheetml-2003.xls',
    // The picked sheet is the visible one with a header, not 填表说明 or the hidden 去年的表.
    'several-sheets.xlsx',
  ])('%s', (name) => {
    expect(findings(name)).toEqual(THREE);
  });

  it('a stray value in XFD1048576 costs nothing and is not a member', () => {
    const r = bounded(['validate', '--json', file('grid-corner.xlsx')]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].rowCount).toBe(3);
    expect(doc.files[0].findings.map((f: { row: number; column: string; code: string }) => `${f.row}${f.column}:${f.code}`)).toEqual(THREE);
  });

  it('merged 学院/党支部 cells count for every row they cover; hidden rows are still checked', () => {
    // Header on row 2 under a merged title; row 4 (hidden) holds the bad phone.
    expect(findings('merged-hidden-rows.xlsx')).toEqual(['4U:PHONE_INVALID', '5F:ID_CHECK']);
  });

  it('formula error values are reported once, as such; cached results are read', () => {
    expect(findings('formulas.xlsx')).toEqual(['4E:CELL_ERROR_VALUE', '4L:CELL_ERROR_VALUE', '4F:ID_CHECK']);
    const f = validateFile(file('formulas.xlsx'), { settings: defaultRuleSettings(), today: TODAY }).findings[0]!;
    expect(f.message).toContain('#N/A');
  });

  it('32,767-character cells: one finding on the name, no echo of the text', () => {
    const v = validateFile(file('long-cells.xlsx'), { settings: defaultRuleSettings(), today: TODAY });
    expect(v.findings.map((f) => `${f.row}${f.column}:${f.code}`)).toEqual(['2C:NAME_FORMAT']);
    expect(JSON.stringify(v.findings).length).toBeLessThan(2000);
  });

  it('names outside the BMP (𠮷, 𡈽) and every minority-name separator (· • ‧) pass', () => {
    expect(findings('rare-names.xlsx')).toEqual([]);
  });

  it('headers named __proto__, constructor and toString are unknown columns, not keys, and Object.prototype is untouched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const toString = Object.prototype.toString;
    expect(findings('proto-headers.xlsx')).toEqual(['1W:COLUMN_UNKNOWN', '1X:COLUMN_UNKNOWN', '1Y:COLUMN_UNKNOWN']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.prototype.toString).toBe(toString);
    expect(String({})).toBe('[object Object]');
  });

  it('the reader throws only InputError, naming the file', () => {
    const outcomes: string[] = [];
    for (const name of readdirSync(HOSTILE)) {
      try {
        validateFile(file(name), { settings: defaultRuleSettings(), today: TODAY });
        outcomes.push('read');
      } catch (err) {
        expect(err, name).toBeInstanceOf(InputError);
        expect((err as InputError).message).toContain(name);
        outcomes.push('refused');
      }
    }
    // Both kinds occur in the corpus: the loop cannot pass by checking nothing.
    expect(new Set(outcomes)).toEqual(new Set(['read', 'refused']));
  });
});

describe('property: the rules never throw, and every finding points at a real cell', () => {
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null), fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.double(), fc.integer(), fc.boolean(),
    fc.constantFrom('#N/A', '#REF!', '１３９１２３４５６７８', '110108200403151232', '2026年6月', '京内', '纸质介绍信', '预备党员', '__proto__'),
    fc.constantFrom(...Object.values(CLEAN)),
  );
  it('any grid of values under a real header', () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: HEADER.length + 2 }), { maxLength: 12 }), (body) => {
      const rows = [HEADER as Cell[], ...body];
      const r = validateSheet({ name: 'S', rows }, { today: TODAY });
      for (const f of r.findings) {
        expect(f.row).toBeGreaterThanOrEqual(1);
        expect(f.row).toBeLessThanOrEqual(rows.length);
        expect(f.message).toMatch(/[\u4e00-\u9fff]/);
        if (f.field) expect(REGISTRATION_FIELDS.some((d) => d.key === f.field)).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

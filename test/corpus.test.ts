/**
 * Sheets and receipt exports shaped the way colleges and web systems send them
 * (test/fixtures/corpus, written by scripts/make-corpus.ts from five producers),
 * checked against the answer key key.json written from the same member list:
 * every planted error found, no error on a correct row, footers ignored, and
 * receipts that have not come back never counted as completed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { membersOf, readReceipts, validateFile, type FileValidation } from '../jobs/lib/read/load.js';
import { REQUIRED_FIELDS } from '../shared/fields.js';
import { reconcile } from '../shared/reconcile.js';
import type { ReceiptRecord } from '../shared/receipts.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { OWN_FIXTURES } from './helpers.js';

const CORPUS = join(OWN_FIXTURES, 'corpus');

interface RegistrationKey {
  producer: string;
  /** null for CSV and HTML tables, which have no sheet names of their own. */
  sheet: string | null;
  /** The header's rows (two for a two-row header); the reported header row is one of them. */
  headerRows: number[];
  members: number;
  columns: Record<string, string>;
  errors: [number, string][];
  findings: [number, string][];
  clean: number[];
  footers: number[];
}
interface Key {
  today: string;
  registrations: Record<string, RegistrationKey>;
  reconcile: {
    cohort: number;
    registrations: string[];
    standardRegistrations: string[];
    receipts: Record<string, string>;
    expect: Record<string, Record<string, string>>;
    orphans: string[];
  };
}
const key = JSON.parse(readFileSync(join(CORPUS, 'key.json'), 'utf8')) as Key;
const settings = defaultRuleSettings();

/** A finding as one line, so a failing expectation shows what was reported instead. */
const show = (f: { row: number; column: string | null; code: string; message: string }) => `第${f.row}行 ${f.column ?? ''} ${f.code} ${f.message}`;

describe.each(Object.entries(key.registrations))('%s', (file, k) => {
  let loaded: FileValidation | Error;
  try {
    loaded = validateFile(join(CORPUS, file), { settings, today: key.today });
  } catch (err) {
    loaded = err as Error;
  }
  const result = (): FileValidation => {
    if (loaded instanceof Error) throw loaded;
    return loaded;
  };
  const at = (row: number) => result().findings.filter((f) => f.row === row);

  it(`is read from ${k.sheet ? `sheet 「${k.sheet}」` : 'its only table'} with the header on row ${k.headerRows.join('–')}`, () => {
    if (k.sheet) expect(result().sheet).toBe(k.sheet);
    expect(k.headerRows).toContain(result().headerRow);
  });

  it('maps every column to its field, and finds every required column', () => {
    expect(result().columns).toEqual(k.columns);
    expect(result().findings.filter((f) => f.code === 'COLUMN_MISSING').map(show)).toEqual([]);
    for (const f of REQUIRED_FIELDS) expect(k.columns[f], `the key lists required field ${f}`).toBeDefined();
  });

  it(`counts ${k.members} members (title, header and footer rows are not members)`, () => {
    expect(result().rowCount).toBe(k.members);
    expect(result().records).toHaveLength(k.members);
  });

  it.each(k.errors)('row %i: the planted error in %s is found', (row, field) => {
    const here = at(row);
    expect(here.filter((f) => f.field === field && f.severity === 'error').length, here.map(show).join('\n') || '（该行没有任何发现）').toBeGreaterThan(0);
  });

  if (k.findings.length) {
    it.each(k.findings)('row %i: %s carries a finding', (row, field) => {
      expect(at(row).filter((f) => f.field === field).length, at(row).map(show).join('\n')).toBeGreaterThan(0);
    });
  }

  it(`no error on any of the ${k.clean.length} correct rows`, () => {
    const wrong = result().findings.filter((f) => k.clean.includes(f.row) && f.severity === 'error');
    expect(wrong.map(show)).toEqual([]);
  });

  if (k.footers.length) {
    it(`no finding on the footer rows ${k.footers.join(', ')} (totals, signatures, notes, record counts)`, () => {
      const onFooters = result().findings.filter((f) => k.footers.includes(f.row));
      expect(onFooters.map(show)).toEqual([]);
      expect(result().records.filter((r) => k.footers.includes(r.row)).map((r) => r.row)).toEqual([]);
    });
  }
});

describe('the answer key itself', () => {
  it('plants at least four errors in every sheet, and leaves most rows correct', () => {
    for (const [file, k] of Object.entries(key.registrations)) {
      expect(k.errors.length, file).toBeGreaterThanOrEqual(4);
      expect(k.clean.length, file).toBeGreaterThan(k.errors.length);
      const planted = new Set([...k.errors, ...k.findings].map(([r]) => r));
      expect(k.clean.filter((r) => planted.has(r)), file).toEqual([]);
      expect(k.clean.length + planted.size, file).toBe(k.members);
    }
  });
});

describe('values as people type them mean what the standard spellings mean', () => {
  // reg-cs-openpyxl.xlsx and reg-cs-standard.xlsx hold the same members: 政治面貌 中共预备党员 is
  // 预备党员, 北京市内 is 京内, 开具纸质介绍信 is 纸质介绍信, "/" in 有效期 is no validity, a date cell
  // with a time is that day.
  const read = (file: string) => {
    const v = validateFile(join(CORPUS, file), { settings, today: key.today });
    return v.records.map((r) => ({
      name: r.name, studentId: r.studentId, idNumber: r.idNumber, memberType: r.memberType, transferType: r.transferType,
      method: r.method, destination: r.destination, issueDate: r.issueDate, validDays: r.validDays,
    }));
  };
  it.each(key.reconcile.registrations.map((f, i) => [f, key.reconcile.standardRegistrations[i]!]))('%s reads as %s', (file, standard) => {
    expect(read(file)).toEqual(read(standard));
  });
});

describe.each([
  ['the colleges\' own layout', key.reconcile.registrations],
  ['the standard template layout', key.reconcile.standardRegistrations],
])('receipts against registrations in %s (%s)', (_label, files) => {
  let members: ReturnType<typeof membersOf> = [];
  let receipts: ReceiptRecord[] = [];
  let problem: Error | null = null;
  try {
    members = membersOf(files.map((f) => validateFile(join(CORPUS, f), { settings, today: key.today })), []);
    receipts = Object.keys(key.reconcile.receipts).flatMap((f) => readReceipts(join(CORPUS, f)));
  } catch (err) {
    problem = err as Error;
  }

  describe.each(Object.entries(key.reconcile.expect))('as of %s', (asOf, expected) => {
    const run = () => {
      if (problem) throw problem;
      return reconcile({ members, receipts, asOf, cohort: key.reconcile.cohort, settings });
    };
    it.each(Object.entries(expected))('学号 %s: %s', (studentId, want) => {
      const found = run().members.filter((m) => m.studentId === studentId);
      expect(found, `学号 ${studentId} is registered once`).toHaveLength(1);
      const m = found[0]!;
      const why = `${m.name}: ${m.status} — ${m.reasons.join('；')}`;
      if (want === 'notCompleted') expect(m.status, why).not.toBe('completed');
      else expect(m.status, why).toBe(want);
    });
    it(`receipts without a registration: ${key.reconcile.orphans.join('、')} (footers of the exports are not receipts)`, () => {
      expect(run().orphans.map((o) => o.name).sort()).toEqual([...key.reconcile.orphans].sort());
    });
  });
});

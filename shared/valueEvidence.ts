/**
 * Columns recognised by what they hold when their header says nothing clear: a column of
 * 院内/京内/京外 is the transfer type, 18-character IDs the ID number, 10- or 12-digit codes
 * the organisation code, 正式/预备 the member type. Evidence only ever fills a column whose
 * header is unknown or tied; a clear header is never overridden, a field already given by
 * a header is never taken again, and when the values fit two fields (a 10-digit code could
 * be a 学号 or an 组织编码) the tie is reported, not guessed.
 */
import { fieldLabel, type AnyFieldKey, type FieldDef } from './fields.js';
import type { ColumnDecision } from './headers.js';
import { cellText, isEmail, isErrorText, type Cell } from './normalize.js';
import { isNotApplicable, parseDestination, parseGender, parseMemberType, parseMethod, transferTypeParser } from './enums.js';
import { defaultRuleSettings } from './settings.js';

interface Classifier {
  field: AnyFieldKey;
  /**
   * Weak evidence: 学号 are written many local ways (8–13 digits), so digits alone never make
   * a column the 学号; they only stop a 10-digit column being taken for the 组织编码 (a tie).
   */
  tieOnly?: boolean;
  /** What the values were, as the explanation says it. */
  describe: string;
  test(text: string, cell: Cell): boolean;
}

const digitsOnly = (t: string) => t.replace(/[\s-]/g, '');
const isMobile = (t: string) => /^(?:\+?86)?1[3-9]\d{9}$/.test(digitsOnly(t));
// The default region's words (院内/京内/京外): evidence is about what a column is, not whether each value is right.
const parseTransferType = transferTypeParser(defaultRuleSettings());

const CLASSIFIERS: readonly Classifier[] = [
  { field: 'idNumber', describe: '18 位身份证号', test: (t, c) => /^\d{17}[\dX]$/i.test(digitsOnly(t)) || (typeof c === 'number' && c > 1e16) },
  { field: 'transferType', describe: '院内/京内/京外', test: (t) => parseTransferType(t) !== null },
  { field: 'memberType', describe: '正式/预备', test: (t) => parseMemberType(t) !== null },
  { field: 'method', describe: '线上/纸质介绍信', test: (t) => parseMethod(t) !== null },
  { field: 'gender', describe: '男/女', test: (t) => parseGender(t) !== null },
  { field: 'destination', describe: '就业/升学等毕业去向', test: (t) => parseDestination(t) !== null },
  { field: 'phone', describe: '11 位手机号', test: isMobile },
  { field: 'email', describe: '电子邮箱', test: (t) => isEmail(t) },
  { field: 'orgCode', describe: '10 或 12 位数字编码', test: (t) => /^(?:\d{10}|\d{12})$/.test(digitsOnly(t)) },
  { field: 'studentId', tieOnly: true, describe: '8–13 位数字', test: (t) => /^\d{8,13}$/.test(digitsOnly(t)) && !isMobile(t) },
];

/** Rows looked at, values needed, and the share of them that must fit. */
const SAMPLE_ROWS = 300;
const MIN_VALUES = 3;
const MIN_SHARE = 0.8;

/**
 * Decide unknown and tied columns by their values (in place): `rows` are the data rows
 * below the header. Returns whether anything changed.
 */
export function decideByValues(fields: readonly FieldDef[], decisions: ColumnDecision[], rows: readonly (readonly Cell[] | undefined)[]): boolean {
  const open = decisions.filter((d) => d.reason === 'unknown' || d.reason === 'ambiguous');
  if (!open.length) return false;
  const offered = new Set(fields.map((f) => f.key));
  const taken = new Set(decisions.filter((d) => d.field).map((d) => d.field!));
  const classifiers = CLASSIFIERS.filter((c) => offered.has(c.field) && !taken.has(c.field));
  if (!classifiers.length) return false;

  const claims = new Map<AnyFieldKey, ColumnDecision[]>();
  const fits = new Map<ColumnDecision, { c: Classifier; hits: number; n: number }[]>();
  for (const d of open) {
    const values: { t: string; c: Cell }[] = [];
    for (let i = 0; i < rows.length && i < SAMPLE_ROWS; i++) {
      const cell = rows[i]?.[d.col];
      if (cell === null || cell === undefined) continue;
      const t = cellText(cell);
      if (t && !isErrorText(t) && !isNotApplicable(t)) values.push({ t, c: cell });
    }
    if (values.length < MIN_VALUES) continue;
    // A tie by header is settled only among the fields it was tied between.
    const allowed = d.reason === 'ambiguous' ? classifiers.filter((c) => d.candidates!.includes(c.field)) : classifiers;
    const fit = allowed
      .map((c) => ({ c, hits: values.filter((v) => c.test(v.t, v.c)).length, n: values.length }))
      .filter((f) => f.hits >= f.n * MIN_SHARE);
    if (!fit.length) continue;
    fits.set(d, fit);
    for (const f of fit) claims.set(f.c.field, [...(claims.get(f.c.field) ?? []), d]);
  }
  let changed = false;
  for (const [d, fit] of fits) {
    const share = (f: { hits: number; n: number }) => `${f.hits}/${f.n} 个值`;
    if (fit.length === 1 && fit[0]!.c.tieOnly) {
      // Looks like 学号 and nothing else: said, not decided.
      d.evidence = `取值像「${fieldLabel(fit[0]!.c.field)}」（${fit[0]!.c.describe}，${share(fit[0]!)}），但仅凭取值不能确定`;
    } else if (fit.length === 1 && claims.get(fit[0]!.c.field)!.length === 1) {
      const f = fit[0]!;
      Object.assign(d, { field: f.c.field, reason: 'values', term: undefined, candidates: undefined, evidence: `${f.c.describe}（${share(f)}）`, score: 50 });
    } else if (fit.length > 1) {
      Object.assign(d, { field: null, reason: 'ambiguous', candidates: fit.map((f) => f.c.field), evidence: fit.map((f) => `${f.c.describe}（${share(f)}）`).join('，也像') });
    } else {
      // Two columns whose values both look like the one free field: neither is taken.
      const others = claims.get(fit[0]!.c.field)!.filter((o) => o !== d).map((o) => `「${o.header}」`).join('、');
      Object.assign(d, { field: null, reason: 'ambiguous', candidates: [fit[0]!.c.field], evidence: `${fit[0]!.c.describe}，但${others}列的取值也是这样` });
    }
    changed = true;
  }
  return changed;
}

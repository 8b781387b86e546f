// Columns recognised by their values when the header says nothing clear (shared/valueEvidence.ts):
// which field a column of 京外/京内/院内, 线上/纸质介绍信, phone numbers or codes is taken for,
// when the values only tie, and the evidence text 「院内/京内/京外（3/3 个值）」 users read.
import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS, type AnyFieldKey } from '../shared/fields.js';
import type { ColumnDecision } from '../shared/headers.js';
import type { Cell } from '../shared/normalize.js';
import { decideByValues } from '../shared/valueEvidence.js';

/** Header decisions: a field key is a column its header settled, `null` one it did not (unknown). */
function decisions(spec: readonly (readonly [string, AnyFieldKey | null])[]): ColumnDecision[] {
  return spec.map(([header, field], col) =>
    field ? { col, header, field, reason: 'exact', term: header, score: 100 } : { col, header, field: null, reason: 'unknown', score: 0 });
}
/** Data rows from columns of values (a shorter column leaves its cells undefined). */
function rows(...columns: readonly (readonly Cell[])[]): Cell[][] {
  const n = Math.max(...columns.map((c) => c.length));
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i] as Cell));
}
/** One unknown column 「类别」 after 姓名, with the given values; returns its decision and the result. */
function decideOne(values: readonly Cell[], taken: readonly AnyFieldKey[] = []) {
  const ds = decisions([['姓名', 'name'], ...taken.map((f) => [`已有${f}`, f] as const), ['类别', null]]);
  const names = values.map(() => '张明远');
  const cols: Cell[][] = [names, ...taken.map(() => values.map(() => 'x')), [...values]];
  const changed = decideByValues(REGISTRATION_FIELDS, ds, rows(...cols));
  return { changed, d: ds.at(-1)! };
}

describe('a column whose values all fit one field is taken for it, with the evidence said', () => {
  it.each([
    [['京外', '京内', '院内'], 'transferType', '院内/京内/京外（3/3 个值）'],
    [['正式党员', '预备党员', '正式党员'], 'memberType', '正式/预备（3/3 个值）'],
    [['线上', '纸质介绍信', '线上'], 'method', '线上/纸质介绍信（3/3 个值）'],
    [['男', '女', '男'], 'gender', '男/女（3/3 个值）'],
    [['就业', '升学', '就业'], 'destination', '就业/升学等毕业去向（3/3 个值）'],
    [['110108200403151232', '11010820040315123X', '110108200403151232'], 'idNumber', '18 位身份证号（3/3 个值）'],
    // Typed as numbers: Excel keeps 15 digits, the column is still the ID number.
    [[110108200403151232, 11010820040315123, 110108200403151232], 'idNumber', '18 位身份证号（3/3 个值）'],
    // Mobile numbers as people write them: with +86, 86, spaces or dashes.
    [['13812345678', '+86 139 1234 5678', '86-150-1234-5678', '19912345678'], 'phone', '11 位手机号（4/4 个值）'],
    [['zhangmy@pku.edu.cn', 'li@163.com', 'wang@qq.com'], 'email', '电子邮箱（3/3 个值）'],
  ] as const)('%o → %s 「%s」', (values, field, evidence) => {
    const { changed, d } = decideOne(values);
    expect(changed).toBe(true);
    expect(d).toEqual({ col: 1, header: '类别', field, reason: 'values', term: undefined, candidates: undefined, evidence, score: 50 });
  });

  it('10- and 12-digit organisation codes are the 组织编码 once the 学号 has its header', () => {
    expect(decideOne(['1100012345', '110001234567', '1100012346'], ['studentId']).d)
      .toMatchObject({ field: 'orgCode', reason: 'values', evidence: '10 或 12 位数字编码（3/3 个值）' });
  });

  it('four values in five (80 %) are enough; blanks, 「/」「无」 and #N/A are not counted', () => {
    expect(decideOne(['京外', '京内', '院内', '京外', '待定']).d).toMatchObject({ field: 'transferType', evidence: '院内/京内/京外（4/5 个值）' });
    expect(decideOne(['京外', '', '#N/A', '/', '京内', '无', '院内', '#REF!', null, '—']).d)
      .toMatchObject({ field: 'transferType', evidence: '院内/京内/京外（3/3 个值）' });
  });
});

describe('values that do not fit a field leave the column unknown', () => {
  it.each([
    ['three in five', ['京外', '京内', '院内', '待定', '不详']],
    ['only two values', ['京外', '京内']],
    ['phone numbers inside other text', ['电话13812345678', '电话13912345678', '电话15012345678']],
    ['11 digits not a mobile', ['12812345678', '10912345678', '11012345678'].map((t) => `A${t}`)],
    ['codes with letters before them', ['A1100012345', 'A1100012346', 'A1100012347']],
    ['codes with letters after them', ['1100012345AB', '1100012346AB', '1100012347AB']],
    ['names', ['张明远', '李思雨', '王浩然']],
  ] as const)('%s', (_, values) => {
    const { changed, d } = decideOne(values, ['studentId']);
    expect(changed).toBe(false);
    expect(d).toEqual({ col: 1 + 1, header: '类别', field: null, reason: 'unknown', score: 0 });
  });

  it('only the first 300 rows are looked at', () => {
    const values: Cell[] = Array.from({ length: 301 }, () => null);
    values[0] = '京外';
    values[1] = '京内';
    values[300] = '院内';
    expect(decideOne(values).changed).toBe(false);
  });

  it('a column of 学号 (numbers in a sheet, too) is said to look like 学号 but is not decided', () => {
    for (const values of [['2022083101', '2022083102', '202208310301'], [2022083101, 2022083102, 2022083103]]) {
      const { changed, d } = decideOne(values, ['orgCode']);
      expect(changed).toBe(true);
      expect(d).toEqual({ col: 2, header: '类别', field: null, reason: 'unknown', score: 0, evidence: '取值像「学号」（8–13 位数字，3/3 个值），但仅凭取值不能确定' });
    }
  });

  it('mobile numbers, and 学号 with a letter around them, do not look like 学号', () => {
    for (const values of [['13812345678', '13912345678', '15012345678'], ['S2022083101', 'S2022083102', 'S2022083103'], ['2022083101A', '2022083102A', '2022083103A']]) {
      const { changed, d } = decideOne(values, ['orgCode', 'phone']);
      expect(changed).toBe(false);
      expect(d.evidence).toBeUndefined();
    }
  });
});

describe('a tie is reported, not guessed', () => {
  it('a 10-digit column could be the 学号 or the 组织编码', () => {
    const { changed, d } = decideOne(['2022083101', '2022083102', '2022083103']);
    expect(changed).toBe(true);
    expect(d).toMatchObject({ field: null, reason: 'ambiguous', candidates: ['orgCode', 'studentId'], evidence: '10 或 12 位数字编码（3/3 个值），也像8–13 位数字（3/3 个值）' });
  });

  it('12 digits are not a mobile number, whatever they start with', () => {
    expect(decideOne(['138123456789', '139123456789', '150123456789']).d).toMatchObject({ reason: 'ambiguous', candidates: ['orgCode', 'studentId'] });
  });

  it('two columns of 京外/京内: neither is taken, each names the other', () => {
    const ds = decisions([['姓名', 'name'], ['类别', null], ['范围', null]]);
    const changed = decideByValues(REGISTRATION_FIELDS, ds, rows(['张明远', '李思雨', '王浩然'], ['京外', '京内', '院内'], ['京内', '京内', '京外']));
    expect(changed).toBe(true);
    expect(ds[1]).toMatchObject({ field: null, reason: 'ambiguous', candidates: ['transferType'], evidence: '院内/京内/京外，但「范围」列的取值也是这样' });
    expect(ds[2]).toMatchObject({ field: null, reason: 'ambiguous', candidates: ['transferType'], evidence: '院内/京内/京外，但「类别」列的取值也是这样' });
  });

  it('three such columns: each names both others', () => {
    const ds = decisions([['姓名', 'name'], ['类别', null], ['范围', null], ['去向类别', null]]);
    decideByValues(REGISTRATION_FIELDS, ds, rows(['张明远', '李思雨', '王浩然'], ['京外', '京内', '院内'], ['京内', '京内', '京外'], ['院内', '院内', '京外']));
    expect(ds[1]!.evidence).toBe('院内/京内/京外，但「范围」、「去向类别」列的取值也是这样');
  });

  it('a header tie is settled only among the fields it was tied between', () => {
    const tied = (candidates: AnyFieldKey[]): ColumnDecision[] => [
      { col: 0, header: '姓名', field: 'name', reason: 'exact', score: 100 },
      { col: 1, header: '类型', field: null, reason: 'ambiguous', candidates, score: 60 },
    ];
    const data = rows(['张明远', '李思雨', '王浩然'], ['京外', '京内', '院内']);
    const settled = tied(['transferType', 'memberType']);
    expect(decideByValues(REGISTRATION_FIELDS, settled, data)).toBe(true);
    expect(settled[1]).toMatchObject({ field: 'transferType', reason: 'values', evidence: '院内/京内/京外（3/3 个值）' });
    const other = tied(['memberType', 'method']);
    expect(decideByValues(REGISTRATION_FIELDS, other, data)).toBe(false);
    expect(other[1]).toEqual({ col: 1, header: '类型', field: null, reason: 'ambiguous', candidates: ['memberType', 'method'], score: 60 });
  });
});

describe('evidence never overrides a header', () => {
  it('with every column decided by header, nothing changes', () => {
    const ds = decisions([['姓名', 'name'], ['转接类型', 'transferType']]);
    expect(decideByValues(REGISTRATION_FIELDS, ds, rows(['张明远', '李思雨', '王浩然'], ['京外', '京内', '院内']))).toBe(false);
  });

  it('a field already given by a header, or not offered, is not taken again', () => {
    expect(decideOne(['京外', '京内', '院内'], ['transferType']).changed).toBe(false);
    const ds = decisions([['姓名', 'name'], ['类别', null]]);
    const onlyNames = REGISTRATION_FIELDS.filter((f) => f.key === 'name' || f.key === 'college');
    expect(decideByValues(onlyNames, ds, rows(['张明远', '李思雨', '王浩然'], ['京外', '京内', '院内']))).toBe(false);
    expect(ds[1]).toEqual({ col: 1, header: '类别', field: null, reason: 'unknown', score: 0 });
  });
});

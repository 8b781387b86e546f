/**
 * The decisions of header recognition (shared/headers.ts), one rule per case: how a header
 * cell is scored against the catalogue's wordings, which column wins a field, what the
 * user's corrections do, and the line of Chinese that explains each decision.
 */
import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import { decideColumns, explainDecision, guessField, isFormLine, normalizeHeader, parseColumnMap, resolveFieldName, unusedOverrides, type ColumnDecision } from '../shared/headers.js';

const F = REGISTRATION_FIELDS;
const guess = (h: string) => {
  const g = guessField(F, h);
  return g.best ? `${g.best.field}:${g.best.reason}:${g.best.term}` : g.ties.length ? `tie:${g.ties.join(',')}` : null;
};
const decide = (bottom: unknown[], top: unknown[] | null = null, overrides?: Map<string, never>) =>
  decideColumns(F, bottom as never, top as never, overrides).map((d) => `${d.col}:${d.header}:${d.reason}:${d.field ?? '-'}`);

describe('normalising cells that are not text', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [2022, '2022'],
    ['信息', '信息'], // a wording that is only filler keeps it
    ['工号码', '工号码'], // three characters: too short to lose its filler
    ['学院名称', '学院'],
  ])('%s → 「%s」', (v, key) => expect(normalizeHeader(v as never)).toBe(key));
});

describe('scoring a header against the catalogue', () => {
  it.each([
    ['接收党组织（全称）', 'receivingOrg:normalised:接收党组织'], // 「接收党组织（全称）」 is the receiving organisation
    ['接收党组织名称（全称）', 'receivingOrg:normalised:接收党组织'],
    ['学号', 'studentId:exact:学号'],
    ['编码', 'orgCode:exact:编码'], // a whole-only wording matches the whole header …
    ['接收编码', null], // … and is never looked for inside another header
    ['转正', 'memberType:exact:转正'],
    ['政治面貌', 'memberType:fallback:政治面貌'], // seed wording that only stands in when nothing better exists
    ['组织编码编号', 'orgCode:contains:组织编码'],
    ['联系电话号码', 'phone:normalised:联系电话'],
    ['具体接收的党支部名称', 'receivingOrg:normalised:具体接收的党支部'], // seed 003
    ['所在学院名称', 'college:normalised:所在学院'],
    ['学生证件', null], // 证件号码 → 证件 loses its filler, so it is never looked for inside another header
    ['本人政治面貌', 'memberType:fallback:政治面貌'], // a fallback wording is looked for inside a header
    ['回执情况', null], // 回执情况 → 回执 is too generic to look for
    ['介绍信', null],
    ['（必填）', null], // nothing left after the hint
    ['', null],
  ])('%s → %s', (h, want) => expect(guess(h)).toBe(want));

  it('a wording at the end of the header scores as a suffix, above one inside it', () => {
    const g = guessField(F, '本人联系电话');
    expect(g.best?.field).toBe('phone');
    expect(g.best?.reason === 'suffix' || g.best?.reason === 'exact').toBe(true);
  });
});

describe('how each wording of the catalogue may match', () => {
  // A fresh copy of the catalogue each time: the wordings are prepared once per catalogue and
  // kept, so only a catalogue not seen before shows how they are prepared.
  const fresh = (h: string) => {
    const g = guessField([...F], h);
    return g.best ? `${g.best.field}:${g.best.reason}:${g.best.term}` : null;
  };
  it.each([
    ['学号', 'studentId:exact:学号'], // a standard wording, as written
    ['本人学号后四位', 'studentId:contains:学号'], // a two-character wording inside the header
    ['学生本人联系电话', 'phone:suffix:本人联系电话'],
    ['编码', 'orgCode:exact:编码'], // whole-only: as written it is the field itself …
    ['回执编号', null], // … but 编号 inside another header is no letter number
    ['政治面貌', 'memberType:fallback:政治面貌'], // a fallback wording scores as one
    ['本人政治面貌', 'memberType:fallback:政治面貌'], // and is looked for inside a header
    ['转正情况说明', 'remarks:suffix:说明'], // 转正情况 loses its filler (→ 转正): looked for as a whole only
    ['纸质回执', null], // 回执情况 → 回执: the same
  ])('%s → %s', (h, want) => expect(fresh(h)).toBe(want));
});

describe('which wording a decision names', () => {
  it.each([
    ['十一、姓名', 'name:normalised:姓名'], // numbering up to two Chinese numerals is dropped
    ['3.学号', 'studentId:normalised:学号'],
    ['入党时间（年月日）', 'joinDate:normalised:入党时间'], // two wordings read the same: the first listed is named
    ['身份证（必填）', 'idNumber:normalised:身份证号码'],
  ])('%s → %s', (h, want) => expect(guess(h)).toBe(want));
});

describe('deciding every column of a header', () => {
  it('a group title that reads no better than the column alone is not named as the reason', () => {
    const [d] = decideColumns(F, ['本人姓名'], ['基本信息']);
    expect(`${d!.reason}:${d!.field}:${d!.term}`).toBe('suffix:name:姓名');
  });

  it('a header is kept as written, without the spaces around it', () => {
    expect(decideColumns(F, ['  姓名 '], null)[0]!.header).toBe('姓名');
  });

  it('two columns both saying 学号: the first one wins and the second is named a repeat', () => {
    const ds = decideColumns(F, ['学号', '姓名', '学号'], null);
    expect(ds.map((d) => `${d.reason}:${d.field ?? '-'}`)).toEqual(['exact:studentId', 'exact:name', 'duplicate:-']);
    expect(ds[2]).toMatchObject({ candidates: ['studentId'], usedCol: 0, term: undefined });
    expect(explainDecision(ds[2]!)).toBe('未使用：「学号」已由 1 列提供');
  });

  it('a group title above reads with the sub-header: 「介绍信信息」 over 「编号」 is 介绍信编号', () => {
    expect(decide(['学号', '编号', '姓名'], ['', '介绍信信息', ''])).toEqual(['0:学号:exact:studentId', '1:介绍信信息/编号:group:letterNo', '2:姓名:exact:name']);
  });

  it('a group title does not replace a better reading of the column on its own', () => {
    expect(decide(['联系电话'], ['基本信息'])).toEqual(['0:基本信息/联系电话:exact:phone']);
  });

  it('a form line above the header (填报单位：…) is no group title', () => {
    expect(decide(['编号', '姓名'], ['填报单位：计算机学院党委  联系人：王老师', ''])).toEqual(['0:编号:exact:letterNo', '1:姓名:exact:name']);
  });

  it('blank, true/false and merged-down cells: skipped, or read from the row above; spaces collapse', () => {
    expect(decide(['联系  电话', null, true, '', 2022], ['', '介绍信信息', null, '学号', undefined])).toEqual([
      '0:联系 电话:exact:phone',
      '1:介绍信信息:unknown:-',
      '3:学号:exact:studentId',
      '4:2022:unknown:-',
    ]);
  });

  it('the last column of a header wider below than above is decided too', () => {
    expect(decide(['学号', '姓名'], ['学号'])).toEqual(['0:学号:exact:studentId', '1:姓名:exact:name']);
  });

  it('a user correction is found by the column alone or by group title and column together', () => {
    const parsed = parseColumnMap(F, { '介绍信信息/编号': '介绍信编号', '说明': '忽略' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect(decide(['编号', '说明'], ['介绍信信息', ''], parsed.overrides as never)).toEqual(['0:介绍信信息/编号:user:letterNo', '1:说明:userIgnored:-']);
  });
});

describe('a form line', () => {
  it.each([
    ['', false],
    ['介绍信信息', false],
    ['聯繫人：王老師', true], // traditional characters are read as simplified
    ['填报单位：计算机学院党委', true],
  ])('%s → %s', (t, want) => expect(isFormLine(t)).toBe(want));
});

describe('explaining each decision in one line of Chinese', () => {
  const base = { col: 0, header: '接收党组织', field: 'receivingOrg', term: '接收党组织', evidence: '像党组织全称', score: 1 } as const;
  it.each([
    ['exact', '「接收党组织」（与「接收党组织」完全一致）'],
    ['normalised', '「接收党组织」（去掉空白、括号注释后为「接收党组织」）'],
    ['suffix', '「接收党组织」（表头中含「接收党组织」）'],
    ['contains', '「接收党组织」（表头中含「接收党组织」）'],
    ['group', '「接收党组织」（上一行的分组标题与本列合起来含「接收党组织」）'],
    ['fallback', '「接收党组织」（没有更合适的列时，「接收党组织」也表示接收党组织）'],
    ['values', '「接收党组织」（按取值识别：像党组织全称）'],
    ['user', '「接收党组织」（按用户设置）'],
    ['userIgnored', '忽略（按用户设置）'],
    ['ignored', '忽略（序号等无需校验的列）'],
    ['unknown', '未识别（像党组织全称），校验时忽略，请指定'],
  ] as const)('%s → %s', (reason, text) => expect(explainDecision({ ...base, reason } as ColumnDecision)).toBe(text));

  it.each([
    [{ reason: 'unknown' }, '未识别，校验时忽略'],
    [{ reason: 'ambiguous', evidence: '11位数字', candidates: ['phone', 'studentId'] }, '无法确定（按取值：11位数字），同样像「联系电话」和「学号」，请指定'],
    [{ reason: 'ambiguous', evidence: '11位数字', candidates: ['phone'] }, '无法确定（按取值：11位数字），请指定'],
    [{ reason: 'ambiguous', candidates: ['phone', 'studentId'] }, '无法确定：同样像「联系电话」和「学号」，请指定'],
    [{ reason: 'duplicate', candidates: ['phone'], usedCol: 2 }, '未使用：「联系电话」已由 3 列提供'],
    [{ reason: 'duplicate', candidates: ['phone'], usedCol: 2, usedLetter: 'C' }, '未使用：「联系电话」已由 C 列提供'],
  ])('%j → %s', (d, text) => expect(explainDecision({ col: 0, header: '电话', field: null, score: 0, ...d } as ColumnDecision)).toBe(text));
});

describe("the user's corrections", () => {
  it.each([
    [' receivingOrg ', 'receivingOrg'],
    ['IGNORE', null],
    ['忽略', null],
    ['接收党组织', 'receivingOrg'],
    ['接收党组织（全称）', 'receivingOrg'], // the standard header after normalisation
    ['目的地', undefined],
  ])('「%s」 names %s', (name, want) => expect(resolveFieldName(F, name)).toBe(want));

  it('an unknown field name lists every field; an empty header is named', () => {
    const r = parseColumnMap(F, { 去往: '目的地', '（备注）': '学号' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatch(/^「去往」对应的「目的地」不是已知字段。可用：学院（college）、所在党支部（branch）、.*、接收党组织（receivingOrg）、.*，或「忽略」。$/);
    expect(r.errors[1]).toBe('表头「（备注）」是空的。');
  });

  it('a correction naming a header the sheet does not have is reported; one naming a column under a group title is not', () => {
    const parsed = parseColumnMap(F, { 学生编号: '学号', 编号: '介绍信编号', 备注: '忽略' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const ds = decideColumns(F, ['学生编号', '编号'], ['', '介绍信信息'], parsed.overrides);
    expect(unusedOverrides(parsed.overrides, ds)).toEqual(['备注']);
  });

  it('a correction naming a column whose own header has a slash, under a group title, is used and not reported', () => {
    const parsed = parseColumnMap(F, { '学院/系': '学院' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const ds = decideColumns(F, ['学院/系'], ['基本信息'], parsed.overrides);
    expect(ds[0]!.reason).toBe('user');
    expect(unusedOverrides(parsed.overrides, ds)).toEqual([]);
  });
});

/** Header recognition by meaning (shared/headers.ts, shared/table.ts): each reason, ties, two-row headers, sheets. */
import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import { decideColumns, explainDecision, guessField, normalizeHeader, overrideMap, parseColumnMap } from '../shared/headers.js';
import { RECEIPT_TABLE_FIELDS } from '../shared/receipts.js';
import { findHeader } from '../shared/table.js';
import { validateSheet } from '../shared/validate.js';
import { CLEAN, HEADER } from './helpers.js';

const field = (h: string) => guessField(REGISTRATION_FIELDS, h).best?.field ?? null;
const reason = (h: string) => guessField(REGISTRATION_FIELDS, h).best?.reason ?? null;

describe('normalising a header', () => {
  it.each([
    ['公民身份号码\n（18位）', '公民身份'],
    ['党员类别（正式/预备）', '党员类别'],
    ['*有效期(天)', '有效期'],
    ['姓名（必填）', '姓名'],
    ['联系电话【必填】', '联系电话'],
    ['身份证号（文本格式）', '身份证号'],
    ['学 院 名 称', '学院'],
    ['3、毕业去向', '毕业去向'],
    ['《预备党员考察表》', '预备党员考察表'],
  ])('%s → %s', (raw, key) => expect(normalizeHeader(raw)).toBe(key));
});

describe('the wordings of the seeds and of real sheets', () => {
  it.each([
    ['组织关系介绍信抬头', 'letterHeader'],
    ['转入单位党组织', 'letterHeader'], // seed 003: 「转入单位党组织」即为「介绍信抬头」
    ['具体接收的党支部名称', 'receivingOrg'], // seed 003
    ['党支部编码', 'orgCode'], // seed 000: 支部编码（10位数字）
    ['支部编码（10位数字）', 'orgCode'],
    ['接收党支部编码', 'orgCode'],
    ['组织ID', 'orgCode'], // seed 002
    ['学院名称', 'college'],
    ['所在党支部名称', 'branch'],
    ['党费交至（年月）', 'duesPaidThrough'],
    ['联系电话（必填）', 'phone'],
    ['本人手机号码', 'phone'],
    ['身份证号（文本格式）', 'idNumber'],
    ['转接类型（院内/京内/京外）', 'transferType'],
    ['介绍信有效期（天）', 'validDays'],
    ['政治面貌', 'memberType'],
    ['序号', null],
    ['学生编号', 'studentId'],
    ['团员编号', null], // seed 002: a 12-digit 团员编号 is not the letter's number
    ['编号', 'letterNo'],
  ])('「%s」 is %s', (h, key) => expect(field(h)).toBe(key));

  it('says why: exact, normalised, at the end, contained', () => {
    expect(reason('介绍信抬头')).toBe('exact');
    expect(reason('姓名（必填）')).toBe('normalised');
    expect(reason('接收党支部的组织编码')).toBe('suffix');
    expect(reason('学号（10位）')).toBe('normalised');
    expect(guessField(REGISTRATION_FIELDS, '党费交至月份').best).toMatchObject({ field: 'duesPaidThrough', reason: 'contains', term: '党费交至' });
    // The head of the phrase decides: a 说明 about dues is a remark.
    expect(field('党费交至月份情况说明')).toBe('remarks');
  });

  it('a header that fits two fields alike is reported, not guessed', () => {
    // Two catalogue fields that both answer to 「单位」: neither is chosen.
    const fields = [
      { key: 'destinationUnit', header: '去向单位', synonyms: ['单位'], kind: 'text' },
      { key: 'college', header: '学院', synonyms: ['单位'], kind: 'text' },
    ] as const;
    const g = guessField(fields, '单位');
    expect(g.best).toBeNull();
    expect(g.ties.sort()).toEqual(['college', 'destinationUnit']);
    const d = decideColumns(fields, ['单位'], null)[0]!;
    expect(d.reason).toBe('ambiguous');
    expect(explainDecision(d)).toBe('无法确定：同样像「去向单位」和「学院」，请指定');
  });

  it('政治面貌 gives way to a real 党员类别 column', () => {
    const ds = decideColumns(REGISTRATION_FIELDS, ['政治面貌', '党员类别'], null);
    expect(ds.map((d) => [d.field, d.reason])).toEqual([[null, 'duplicate'], ['memberType', 'exact']]);
    expect(explainDecision(ds[0]!, (c) => 'AB'[c]!)).toBe('未使用：「党员类别」已由 B 列提供');
  });
});

describe('two-row headers', () => {
  const top = ['学院', '姓名', '学号', '身份证号', '介绍信信息', '介绍信信息', '介绍信信息', '介绍信信息', '转接类型'];
  const bottom = [null, null, null, null, '抬头', '编号', '开具日期', '有效期', null];
  it('a group cell over sub-headers, other headers above only (not merged, as CSV and HTML exports give them)', () => {
    const h = findHeader({ name: 's', rows: [['2026届登记表'], top, bottom, ['x']] }, REGISTRATION_FIELDS)!;
    expect(h.firstRow).toBe(2);
    expect(h.row).toBe(3);
    expect(h.index).toBe(2);
    expect([...h.columns.keys()]).toEqual(['college', 'name', 'studentId', 'idNumber', 'letterHeader', 'letterNo', 'issueDate', 'validDays', 'transferType']);
    expect(h.decisions.find((d) => d.col === 5)).toMatchObject({ header: '介绍信信息/编号', field: 'letterNo' });
  });
  it('with the other headers merged down across both rows (filled into both)', () => {
    const filled = bottom.map((b, i) => b ?? top[i]!);
    const h = findHeader({ name: 's', rows: [top, filled, ['x']] }, REGISTRATION_FIELDS)!;
    expect(h.columns.size).toBe(9);
    expect(h.index).toBe(1);
  });
  it('a title row above a one-row header is not a second header row', () => {
    const h = findHeader({ name: 's', rows: [Array(HEADER.length).fill('2026届毕业生党员组织关系介绍信登记表'), HEADER, HEADER.map((k) => CLEAN[k] ?? null)] }, REGISTRATION_FIELDS)!;
    expect([h.firstRow, h.row]).toEqual([2, 2]);
  });
});

describe('the user corrects the mapping', () => {
  it('a header mapped by hand wins, whatever it says, and says so', () => {
    const overrides = parseColumnMap(REGISTRATION_FIELDS, { '学生编号': '学号', '说明': '忽略' });
    expect(overrides.ok).toBe(true);
    const ds = decideColumns(REGISTRATION_FIELDS, ['学生编号', '说明'], null, overrides.ok ? overrides.overrides : undefined);
    expect(ds.map((d) => [d.field, d.reason])).toEqual([['studentId', 'user'], [null, 'userIgnored']]);
  });
  it('fields by key or by standard header; an unknown field is a Chinese error listing the choices', () => {
    expect(overrideMap({ 甲: 'receivingOrg' }).get('甲')).toBe('receivingOrg');
    const bad = parseColumnMap(REGISTRATION_FIELDS, { 去往: '目的地' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toContain('「去往」对应的「目的地」不是已知字段');
  });
  it('changes the findings: an unknown column mapped to 学号 is checked for duplicates', () => {
    const header = HEADER.map((h) => (h === '学号' ? 'XH' : h));
    const row = HEADER.map((k) => CLEAN[k] ?? null);
    const snap = { name: 's', rows: [header, row, row.map((v, i) => (HEADER[i] === '身份证号' ? '11010519491231002X' : HEADER[i] === '性别' ? '女' : v))] };
    const before = validateSheet(snap, { today: '2026-06-10' });
    expect(before.findings.map((f) => f.code)).toEqual(['COLUMN_MISSING', 'COLUMN_UNKNOWN']);
    const after = validateSheet(snap, { today: '2026-06-10', overrides: overrideMap({ xh: 'studentId' }) });
    expect(after.findings.map((f) => [f.row, f.code])).toEqual([[3, 'STUDENT_ID_DUPLICATE']]);
  });
});

describe('receipt exports', () => {
  const rf = (h: string) => guessField(RECEIPT_TABLE_FIELDS, h).best?.field ?? null;
  it.each([
    ['申请时间', 'requestDate'],
    ['发起时间', 'requestDate'],
    ['报到时间', 'receiptDate'],
    ['确认报到时间', 'receiptDate'],
    ['办结时间', 'receiptDate'],
    ['回执收回日期', 'receiptDate'],
    ['办理状态', 'status'],
    ['是否收回', 'status'],
    ['转入组织', 'receivingOrg'],
  ])('「%s」 is %s', (h, key) => expect(rf(h)).toBe(key));
});

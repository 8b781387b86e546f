/** Reading rules one by one (issue 19): export quirks, traditional characters, dates people type, receipt words, values as evidence. */
import { describe, expect, it } from 'vitest';
import { cellText, parseDate, parseMonth } from '../shared/normalize.js';
import { foldValue, parseMemberType, parseYesNo } from '../shared/enums.js';
import { toSimplified } from '../shared/simplified.js';
import { receiptState } from '../shared/receipts.js';
import { findHeader } from '../shared/table.js';
import { REGISTRATION_FIELDS } from '../shared/fields.js';
import { chooseRegistrationSheets } from '../shared/sheets.js';
import { validateSheet } from '../shared/validate.js';
import type { Cell } from '../shared/normalize.js';
import { check, codes, CLEAN, HEADER, sheet } from './helpers.js';

describe('export quirks are removed once, where a value is read', () => {
  it.each([
    ["'2022010101", '2022010101'],
    ['\t2022010101', '2022010101'],
    ['="110101200001011234"', '110101200001011234'],
    ['\u200b1101012000\u200d01011234\ufeff', '110101200001011234'],
    ['139\u00a01234\u00a05678', '139 1234 5678'],
    ['＇２０２２０１０１０１', '2022010101'],
    ['\u3000张三\u00a0', '张三'],
  ])('%j → %j', (written, read) => expect(cellText(written)).toBe(read));

  it('leaves a formula-looking text and an apostrophe inside a word alone', () => {
    expect(cellText('=A1+1')).toBe('=A1+1');
    expect(cellText("O'Neil")).toBe("O'Neil");
  });

  it('a quote-prefixed ID and 学号 check clean, as in reconcile', () => {
    expect(check({ 学号: "'2022083101", 身份证号: '="110108200403151232"', 联系电话: '\t13912345678' })).toEqual([]);
  });
});

describe('traditional characters read as simplified (OpenCC TSCharacters)', () => {
  it.each([['預備黨員', '预备党员'], ['線上', '线上'], ['京內', '京内'], ['黨支部', '党支部'], ['總支部委員會', '总支部委员会']])('%s', (t, s) => {
    expect(toSimplified(t)).toBe(s);
    expect(foldValue(t)).toBe(foldValue(s));
  });

  it('rules see 黨支部 as 党支部, and the message quotes what was written', () => {
    expect(codes(check({ 介绍信抬头: '某某公司黨支部' }))).toEqual(['letterHeader:HEADER_IS_BRANCH']);
    const f = check({ 转接类型: '京內', 办理方式: '紙質介紹信', 组织编码: '011100238152', 接收党组织: '中共北京某某科技有限公司第一支部委員會', 介绍信编号: '1', 有效期: 30 });
    expect(codes(f)).toEqual(['method:PAPER_NOT_ALLOWED']);
    expect(f[0]!.message).toContain('京內转接');
  });

  it('names keep what was written', () => {
    const r = validateSheet(sheet({ ...CLEAN, 姓名: '張偉' }), { today: '2026-06-10' });
    expect(r.records[0]!.name).toBe('張偉');
  });
});

describe('dates people type', () => {
  it.each([
    ['二〇二六年六月十二日', '2026-06-12'],
    ['二○二四年十月三十一日', '2024-10-31'],
    ['二零二五年十二月二日', '2025-12-02'],
  ])('%s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it('months in Chinese numerals', () => expect(parseMonth('二〇二六年六月')).toBe('2026-06'));

  it('a two-digit year is never guessed: the finding says why, quoting the cell', () => {
    const f = check({ 入党时间: '24.5.20', 党费交至: '26年6月' });
    expect(codes(f)).toEqual(['joinDate:TWO_DIGIT_YEAR', 'duesPaidThrough:TWO_DIGIT_YEAR']);
    expect(f[0]!.message).toContain('「24.5.20」的年份只写了两位');
  });

  it('a 1904 workbook reads its serials from 1904', () => {
    expect(parseDate(44723, true)).toBe('2026-06-12');
    expect(parseDate(44723)).toBe('2022-06-11');
  });
});

describe('receipt words from the systems’ vocabularies; the unknown stays unresolved', () => {
  it.each(['报到完成', '接收成功', '党员报到成功', '组织关系接收完成', '已经报到', '已报道', '接收已确认'])('%s is landed', (w) => expect(receiptState(w)).toBe('landed'));
  it.each(['未报到', '待接收', '尚未报到完成', '已转出', '审批通过'])('%s is not landed', (w) => expect(receiptState(w)).toBe('open'));
  it.each(['接收失败', '被驳回', '审核未通过'])('%s failed', (w) => expect(receiptState(w)).toBe('failed'));
  it.each(['处理中请稍候', '已发函', '报到情况见附件'])('%s is unknown, never landed', (w) => expect(receiptState(w)).toBe('unknown'));
  it('traditional receipt words', () => expect(receiptState('已報到')).toBe('landed'));
});

describe('answers as columns', () => {
  it('转正情况 answers 党员类别; 考察表 answered 已提交/未提交', () => {
    expect(parseMemberType('已转正')).toBe('full');
    expect(parseMemberType('未转正')).toBe('probationary');
    expect(parseYesNo('已提交')).toBe('yes');
    expect(parseYesNo('未提交')).toBe('no');
  });
  it('转正时间 (a date) is not taken for 党员类别', () => {
    const h = findHeader({ name: 's', rows: [[...HEADER, '转正时间']] }, REGISTRATION_FIELDS)!;
    expect(h.decisions.at(-1)!.reason).toBe('unknown');
  });
});

describe('columns recognised by their values', () => {
  const table = (header: string[], rows: Cell[][]) => findHeader({ name: 's', rows: [header, ...rows] }, REGISTRATION_FIELDS)!;
  const base = ['姓名', '学号', '身份证号', '党员类别'];
  const row = (i: number): Cell[] => [`张${'一二三四'[i]}`, `20220101${i}1`, '110108200403151232', '正式党员'];

  it('a column of 院内/京内/京外 under an unknown header is the transfer type, explained', () => {
    const h = table([...base, '类别'], [0, 1, 2, 3].map((i) => [...row(i), ['京内', '京外', '院内', '京外'][i]!]));
    const d = h.decisions.at(-1)!;
    expect(d.field).toBe('transferType');
    expect(d.reason).toBe('values');
    expect(h.columns.get('transferType')).toBe(4);
  });

  it('never overrides a clear header: 学号 stays 学号 whatever it holds', () => {
    const h = table(['姓名', '学号', '身份证号', '党员类别'], [0, 1, 2].map((i) => [`张${i}`, '京内', '110108200403151232', '正式党员']));
    expect(h.decisions[1]!.field).toBe('studentId');
  });

  it('a field already given by a header is not taken again', () => {
    const h = table([...base, '转接类型', '生源地'], [0, 1, 2].map((i) => [...row(i), '京外', '京内']));
    expect(h.decisions.at(-1)!.reason).toBe('unknown');
  });

  it('10-digit codes when neither 学号 nor 组织编码 has a header: a tie, reported', () => {
    const h = table(['姓名', '身份证号', '党员类别', '编号甲'], [0, 1, 2].map((i) => [`张${i}`, '110108200403151232', '正式党员', `01110023${i}5`]));
    const d = h.decisions.at(-1)!;
    expect(d.reason).toBe('ambiguous');
    expect(d.candidates).toEqual(['orgCode', 'studentId']);
    expect(h.ambiguous).toHaveLength(1);
  });

  it('two columns whose values both fit the one free field: neither is taken', () => {
    const h = table([...base, '类别', '生源地'], [0, 1, 2].map((i) => [...row(i), '京内', '京外']));
    expect(h.columns.has('transferType')).toBe(false);
    expect(h.decisions.slice(-2).map((d) => d.reason)).toEqual(['ambiguous', 'ambiguous']);
  });

  it('too few values are no evidence', () => {
    const h = table([...base, '类别'], [[...row(0), '京内'], [...row(1), null]]);
    expect(h.decisions.at(-1)!.reason).toBe('unknown');
  });
});

describe('which sheets hold members', () => {
  const reg = (name: string, hidden = false) => ({ hidden, snapshot: { ...sheet(CLEAN), name } });
  it('every visible registration sheet; empty sheets, other tables and receipts named with why', () => {
    const choice = chooseRegistrationSheets([
      reg('一支部'), reg('二支部'),
      { hidden: false, snapshot: { name: 'Sheet3', rows: [] } },
      { hidden: false, snapshot: { name: '汇总', rows: [['学院', '姓名', '学号'], ['计算机学院', '张三', '2022010101']] } },
      { hidden: false, snapshot: { name: '回执', rows: [['姓名', '学号', '身份证号', '转接状态', '报到时间'], ['张三', '2022010101', '110108200403151232', '已报到', '2026-07-01']] } },
    ], { looksLikeReceipts: (s, h) => (h.columns.size < 6 && s.rows[0]!.includes('转接状态') ? ['转接状态'] : []) });
    expect(choice.read.map((r) => r.snapshot.name)).toEqual(['一支部', '二支部']);
    expect(Object.fromEntries(choice.skipped.map((s) => [s.sheet, s.reason.slice(0, 8)]))).toEqual({
      Sheet3: '空工作表', 汇总: '表头与登记表不同', 回执: '像是回执（有「转',
    });
  });
});

describe('do not invent fixes', () => {
  it('a text code one digit short is wrong, with no restored 0 suggested', () => {
    expect(codes(check({ 组织编码: '11100238152', 转接类型: '京内', 接收党组织: '北京某某公司第一党支部' }))).toEqual(['orgCode:ORG_CODE_FORMAT']);
  });
  it('a number cell one digit short lost its 0 in Excel: the 0 is restored in the message', () => {
    const f = check({ 组织编码: 11100238152, 转接类型: '京内', 接收党组织: '北京某某公司第一党支部' });
    expect(codes(f)).toEqual(['orgCode:ORG_CODE_LOST_ZERO']);
  });
});

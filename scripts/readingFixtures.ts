/**
 * test/fixtures/reading/: one college's six graduating members, written every way the
 * colleges' workbooks differ from the standard sheet — one sheet per 党支部 (with an
 * instruction sheet, a hidden option list and a hidden old sheet), Mac Excel's 1904 date
 * system (openpyxl CALENDAR_MAC_1904, then LibreOffice's .xls and .ods of it), export
 * quirks in every field (a CSV), traditional characters, totals and section rows inside
 * an Excel Table under a 填报单位 line, dates in Chinese numerals, and headers that ask or
 * say nothing (recognised by their values) — plus two receipt files with the systems'
 * completion words, one in the 1904 date system. test/reading.test.ts checks that each
 * gives the findings of the standard sheet and the same statuses in reconcile.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCharacter } from '../shared/idNumber.js';

type Cell = string | number | null | { d: string; f?: string } | { s: string; f?: string } | { formula: string };
interface Sheet { name: string; rows: Cell[][]; merges?: string[]; hidden?: boolean; table?: { ref: string; name: string; totalsRow?: boolean } }

const PYTHON = '/usr/bin/python3';

function writeOpenpyxl(path: string, sheets: Sheet[], epoch1904 = false): void {
  execFileSync(PYTHON, [join(import.meta.dirname, 'corpus_openpyxl.py')], { input: JSON.stringify({ out: path, sheets: sheets.map((s) => ({ merges: [], ...s })), epoch1904 }) });
}

/** A file opened and saved by LibreOffice Calc (headless): the result is LibreOffice's own. */
function resave(src: string, fmt: 'xls' | 'ods' | 'xlsx', path: string, tmp: string): void {
  const out = mkdtempSync(join(tmp, 'lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp, 'lo-profile')}`, '--headless', '--convert-to', fmt, '--outdir', out, src], { stdio: 'ignore', timeout: 120_000 });
  const name = readdirSync(out)[0]!;
  renameSync(join(out, name), path);
}

const idFor = (birth: string, seq: string): string => {
  const first17 = `110108${birth}${seq}`;
  return first17 + checkCharacter(first17);
};

/** The standard sheet's columns, in order. */
export const READING_HEADER = [
  '序号', '学院', '所在党支部', '姓名', '性别', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织',
  '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期', '党费交至', '预备党员考察表', '联系电话',
] as const;
type Col = (typeof READING_HEADER)[number];
type Member = Record<Exclude<Col, '序号'>, string>;

const COLLEGE = '计算机学院党委';
const UG = '计算机学院2022级本科生第一党支部';
const PG = '计算机学院2024级硕士研究生第二党支部';
const base = (m: Partial<Member>): Member => ({
  学院: COLLEGE, 所在党支部: UG, 姓名: '', 性别: '男', 学号: '', 身份证号: '', 党员类别: '正式党员', 入党时间: '2024-05-20', 转接类型: '京外',
  办理方式: '线上', 介绍信抬头: '', 接收党组织: '', 组织编码: '', 毕业去向: '就业', 去向单位: '', 介绍信编号: '', 开具日期: '2026-06-12', 有效期: '',
  党费交至: '2026-06', 预备党员考察表: '', 联系电话: '', ...m,
});

/**
 * The six members. Two carry findings that every variant must reproduce: 陈静's 组织编码 was
 * typed one digit short as text (ORG_CODE_FORMAT: no restored 0 is invented), 刘洋 is a
 * probationary member without the 考察表; 赵磊's paper letter goes to a unit on the national
 * system (PAPER_ON_NETWORK).
 */
export const READING_MEMBERS: Member[] = [
  base({ 姓名: '张伟', 学号: '2022010101', 身份证号: idFor('20040315', '123'), 介绍信抬头: '中共长沙市委组织部', 接收党组织: '中共长沙市岳麓区麓山街道工作委员会', 去向单位: '长沙某某科技有限公司', 联系电话: '13912345671' }),
  base({ 姓名: '李娜', 性别: '女', 学号: '2022010102', 身份证号: idFor('20040621', '224'), 党员类别: '预备党员', 入党时间: '2025-12-02', 转接类型: '京内', 接收党组织: '北京某某大学信息学院2026级硕士研究生第三党支部', 组织编码: '011100419876', 毕业去向: '升学', 去向单位: '北京某某大学', 预备党员考察表: '已提供', 联系电话: '13912345672' }),
  base({ 姓名: '王芳', 性别: '女', 学号: '2022010103', 身份证号: idFor('20031108', '326'), 转接类型: '院内', 接收党组织: '计算机学院2026级硕士研究生第一党支部', 毕业去向: '升学', 去向单位: '本校计算机学院', 联系电话: '13912345673' }),
  base({ 所在党支部: PG, 姓名: '赵磊', 学号: '2024110201', 身份证号: idFor('20000917', '431'), 办理方式: '纸质介绍信', 介绍信抬头: '中共深圳市南山区委组织部', 接收党组织: '深圳某某科技有限公司党委', 去向单位: '深圳某某科技有限公司', 介绍信编号: '2026041', 有效期: '90', 联系电话: '13912345674' }),
  base({ 所在党支部: PG, 姓名: '陈静', 性别: '女', 学号: '2024110202', 身份证号: idFor('20010203', '542'), 转接类型: '京内', 接收党组织: '中共北京某某科技有限公司第一支部委员会', 组织编码: '11100238152', 去向单位: '北京某某科技有限公司', 联系电话: '13912345675' }),
  base({ 所在党支部: PG, 姓名: '刘洋', 学号: '2024110203', 身份证号: idFor('20000501', '651'), 党员类别: '预备党员', 入党时间: '2025-11-20', 介绍信抬头: '中共杭州市西湖区委组织部', 接收党组织: '中共杭州市西湖区文新街道工作委员会', 去向单位: '杭州某某网络有限公司', 预备党员考察表: '未提供', 联系电话: '13912345676' }),
];

const DATE_COLS: Col[] = ['入党时间', '开具日期'];
const TEXT_COLS: Col[] = ['学号', '身份证号', '组织编码', '联系电话'];

/** A member as an openpyxl row: real date cells, Text-formatted codes, a number for 有效期. */
function xlsxRow(m: Member, i: number, over: Partial<Record<Col, Cell>> = {}): Cell[] {
  return READING_HEADER.map((h) => {
    if (h in over) return over[h]!;
    if (h === '序号') return i + 1;
    const v = m[h];
    if (v === '') return null;
    if (DATE_COLS.includes(h)) return { d: `${v}T00:00:00` };
    if (h === '党费交至') return { d: `${v}-01T00:00:00`, f: 'yyyy"年"m"月"' };
    if (TEXT_COLS.includes(h)) return { s: v };
    if (h === '有效期') return Number(v);
    return v;
  });
}

const TITLE = '2026届毕业生党员组织关系介绍信登记表';
const lastCol = 'V';

function standardSheet(name: string, members: Member[], offset = 0): Sheet {
  return { name, rows: [[TITLE], [...READING_HEADER], ...members.map((m, i) => xlsxRow(m, i + offset))], merges: [`A1:${lastCol}1`] };
}

// ------------------------------------------------------------------ traditional characters

const TRADITIONAL: Record<string, string> = {
  学院: '學院', 所在党支部: '所在黨支部', 姓名: '姓名', 性别: '性別', 学号: '學號', 身份证号: '身份證號', 党员类别: '黨員類別', 入党时间: '入黨時間',
  转接类型: '轉接類型', 办理方式: '辦理方式', 介绍信抬头: '介紹信抬頭', 接收党组织: '接收黨組織', 组织编码: '組織編碼', 毕业去向: '畢業去向',
  去向单位: '去向單位', 介绍信编号: '介紹信編號', 开具日期: '開具日期', 有效期: '有效期', 党费交至: '黨費交至', 预备党员考察表: '預備黨員考察表', 联系电话: '聯繫電話',
  计算机学院党委: '計算機學院黨委', 正式党员: '正式黨員', 预备党员: '預備黨員', 京外: '京外', 京内: '京內', 院内: '院內', 线上: '線上', 纸质介绍信: '紙質介紹信',
  就业: '就業', 升学: '升學', 已提供: '已提供', 未提供: '未提供',
};
/** Organisation and unit names as a Hong Kong or Taiwan keyboard would write them, character by character. */
const TRAD_CHARS: Record<string, string> = {
  党: '黨', 组: '組', 织: '織', 员: '員', 会: '會', 长: '長', 区: '區', 学: '學', 级: '級', 硕: '碩', 计: '計', 机: '機', 网: '網', 络: '絡',
};
const tradOrg = (s: string) => [...s].map((c) => TRAD_CHARS[c] ?? c).join('');
const trad = (s: string) => TRADITIONAL[s] ?? tradOrg(s);

// ------------------------------------------------------------------ export quirks (CSV)

/** Every field as a careless export writes it: quote prefixes, tabs, zero-width and non-breaking spaces, full-width forms. */
function quirkyCsv(members: Member[]): string {
  const full = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const rows = members.map((m, i) => READING_HEADER.map((h): string => {
    if (h === '序号') return String(i + 1);
    const v = m[h];
    if (v === '') return '';
    switch (h) {
      case '学号': return i % 2 ? `\t${v}` : `'${v}`;
      case '身份证号': return i % 2 ? `\u200b${v}\u200b` : `="${v}"`;
      case '组织编码': return `'${v}`;
      case '联系电话': return `${v.slice(0, 3)}\u00a0${v.slice(3, 7)}\u00a0${v.slice(7)}`;
      case '入党时间': return full(v);
      case '开具日期': return `${v}\u00a0`;
      case '党费交至': return `\u3000${full(v)}`;
      case '姓名': return `${v}\u200b`;
      case '有效期': return full(v);
      default: return i % 2 ? `${v}\u00a0` : `\u3000${v}`;
    }
  }));
  const line = (r: readonly string[]) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return [line([TITLE]), line([...READING_HEADER]), ...rows.map(line)].join('\r\n') + '\r\n';
}

// ------------------------------------------------------------------ Chinese numerals

const NUM = '〇一二三四五六七八九';
const cnNumber = (n: number) => (n < 10 ? NUM[n]! : `${n >= 20 ? NUM[Math.floor(n / 10)] : ''}十${n % 10 ? NUM[n % 10] : ''}`);
const cnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${[...y!].map((c) => NUM[Number(c)]).join('')}年${cnNumber(Number(m))}月${d ? `${cnNumber(Number(d))}日` : ''}`;
};

// ------------------------------------------------------------------ receipts

interface ReceiptLine { sid: string; status: string; date: string | null }
/** The systems' completion words, a failure, an open and an unknown status; 陈静's receipt comes after the as-of date. */
export const READING_RECEIPTS: ReceiptLine[] = [
  { sid: '2022010101', status: '报到完成', date: '2026-07-01' },
  { sid: '2022010102', status: '党员报到成功', date: '2026-07-05' },
  { sid: '2022010103', status: '处理中请稍候', date: null },
  { sid: '2024110201', status: '已退回', date: '2026-07-10' },
  { sid: '2024110202', status: '接收成功', date: '2026-08-30' },
  { sid: '2024110203', status: '审批中', date: null },
];

function receiptSheet(): Sheet {
  const byId = new Map(READING_MEMBERS.map((m) => [m.学号, m]));
  return {
    name: '转接记录',
    rows: [
      ['姓名', '学号', '身份证号', '转接状态', '报到时间'],
      ...READING_RECEIPTS.map((r) => {
        const m = byId.get(r.sid)!;
        return [m.姓名, { s: r.sid }, { s: m.身份证号 }, r.status, r.date ? { d: `${r.date}T10:30:00`, f: 'yyyy-mm-dd hh:mm' } : null];
      }),
    ],
  };
}

// ------------------------------------------------------------------ the files

export async function writeReadingFixtures(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) rmSync(join(out, f));
  const tmp = mkdtempSync(join(tmpdir(), 'reading-'));
  const M = READING_MEMBERS;

  writeOpenpyxl(join(out, 'standard.xlsx'), [standardSheet('登记表', M)]);

  // One sheet per 党支部, an instruction sheet first, a hidden option list and a hidden sheet of last year's members.
  const multi: Sheet[] = [
    { name: '填表说明', rows: [['填表说明'], ['1. 每个党支部一张工作表，表头不要改动。'], ['2. 学号、身份证号、组织编码请设为文本格式。'], ['3. 转接类型填写：院内、京内、京外。']] },
    standardSheet('本科生党支部', M.slice(0, 3)),
    standardSheet('研究生党支部', M.slice(3), 3),
    { name: '选项', hidden: true, rows: [['转接类型', '办理方式', '党员类别'], ['院内', '线上', '正式党员'], ['京内', '纸质介绍信', '预备党员'], ['京外', null, null]] },
    { ...standardSheet('2025届', [base({ 姓名: '孙浩', 学号: '2021010199', 身份证号: idFor('20030101', '771'), 联系电话: '13912345679' })]), hidden: true },
  ];
  writeOpenpyxl(join(out, 'multi-sheet.xlsx'), multi);
  resave(join(out, 'multi-sheet.xlsx'), 'ods', join(out, 'multi-sheet.ods'), tmp);

  // Mac Excel's 1904 date system: the same dates, serials 1,462 days lower.
  writeOpenpyxl(join(out, 'date1904.xlsx'), [standardSheet('登记表', M)], true);
  resave(join(out, 'date1904.xlsx'), 'xls', join(out, 'date1904.xls'), tmp);
  resave(join(out, 'date1904.xlsx'), 'ods', join(out, 'date1904.ods'), tmp);
  writeOpenpyxl(join(out, 'rcpt-1904.xlsx'), [receiptSheet()], true);
  writeOpenpyxl(join(out, 'rcpt-words.xlsx'), [receiptSheet()]);

  writeFileSync(join(out, 'quirks.csv'), quirkyCsv(M));

  writeOpenpyxl(join(out, 'traditional.xlsx'), [{
    name: '登記表', merges: [`A1:${lastCol}1`],
    rows: [['2026屆畢業生黨員組織關係介紹信登記表'], READING_HEADER.map((h) => (h === '序号' ? '序號' : trad(h))),
      ...M.map((m, i) => xlsxRow(m, i, Object.fromEntries(['学院', '所在党支部', '党员类别', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '毕业去向', '去向单位', '预备党员考察表']
        .filter((h) => m[h as Exclude<Col, '序号'>] !== '').map((h) => [h, trad(m[h as Exclude<Col, '序号'>])])) as Partial<Record<Col, Cell>>))],
  }]);

  // A 填报单位 line merged above the header, section headings merged across, and a 合计 row counting the names.
  const n = READING_HEADER.length;
  const section = (text: string): Cell[] => [text, ...Array.from({ length: n - 1 }, () => null)];
  writeOpenpyxl(join(out, 'nonmember-rows.xlsx'), [{
    name: '登记表', merges: [`A1:${lastCol}1`, `A2:${lastCol}2`, `A4:${lastCol}4`, `A8:${lastCol}8`],
    rows: [
      [TITLE],
      ['填报单位：计算机学院党委        联系人：王老师        联系电话：010-62781234'],
      [...READING_HEADER],
      section('一、本科生党支部（3人）'),
      ...M.slice(0, 3).map((m, i) => xlsxRow(m, i)),
      section('二、研究生党支部（3人）'),
      ...M.slice(3).map((m, i) => xlsxRow(m, i + 3)),
      READING_HEADER.map((h) => (h === '序号' ? '合计' : h === '姓名' ? { formula: '=COUNTA(D5:D7,D9:D11)' } : null)),
    ],
  }]);
  // An Excel Table with its totals row (汇总, SUBTOTAL): LibreOffice computes the totals and keeps the formulas.
  const totals: Cell[] = READING_HEADER.map((h) => (h === '序号' ? '汇总' : h === '学号' ? { formula: '=SUBTOTAL(103,Registrations[学号])' } : h === '有效期' ? { formula: '=SUBTOTAL(109,Registrations[有效期])' } : null));
  writeOpenpyxl(join(out, 'table-totals.xlsx'), [{
    ...standardSheet('登记表', M),
    rows: [...standardSheet('登记表', M).rows, totals],
    table: { ref: `A2:${lastCol}9`, name: 'Registrations', totalsRow: true },
  }]);
  resave(join(out, 'table-totals.xlsx'), 'xlsx', join(out, 'table-totals-lo.xlsx'), tmp);

  writeOpenpyxl(join(out, 'chinese-dates.xlsx'), [{
    ...standardSheet('登记表', M),
    rows: [[TITLE], [...READING_HEADER], ...M.map((m, i) => xlsxRow(m, i, { 入党时间: cnDate(m.入党时间), 开具日期: cnDate(m.开具日期), 党费交至: cnDate(m.党费交至) }))],
  }]);

  // Headers that ask, a 转正情况 column, 考察表 answered 已提交/未提交, and two headers that say nothing: read by their values.
  const asking: Record<string, string> = { 接收党组织: '组织关系转往何处', 预备党员考察表: '有无预备党员考察表', 党员类别: '转正情况', 转接类型: '类别', 身份证号: '备查号' };
  writeOpenpyxl(join(out, 'asking-headers.xlsx'), [{
    name: '登记表', merges: [`A1:${lastCol}1`],
    rows: [[TITLE], READING_HEADER.map((h) => asking[h] ?? h),
      ...M.map((m, i) => xlsxRow(m, i, {
        党员类别: m.党员类别 === '预备党员' ? '未转正' : '已转正',
        ...(m.预备党员考察表 ? { 预备党员考察表: m.预备党员考察表 === '已提供' ? '已提交' : '未提交' } : {}),
      }))],
  }]);
  rmSync(tmp, { recursive: true, force: true });
  console.log('reading fixtures written to', out);
}

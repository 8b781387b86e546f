/**
 * Regenerates test/fixtures/corpus: registration sheets and receipt exports shaped the
 * way colleges and web systems really send them, from five producers (openpyxl .xlsx,
 * LibreOffice .xls and .ods, Excel's GBK CSV, an HTML table saved as .xls in GBK), and
 * key.json, the answer key test/corpus.test.ts checks. The key is computed from the same
 * member list the files are written from, so row numbers cannot drift.
 *
 * Run: npx tsx scripts/make-corpus.ts   (needs /usr/bin/python3 with openpyxl, and soffice)
 *
 * Wordings come from the seeds: 「组织关系介绍信抬头」「具体接收的党支部名称」 and 「转入单位党组织」
 * (= the letter header) from seed 003, 「支部编码（10位数字）」 from seed 000, 「党组织关系转出情况表」
 * as a sheet title (seed 003), 「党员转出成功 / 党员转出失败 / 确认报到」 from seed 001.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { REGISTRATION_FIELDS, type FieldKey } from '../shared/fields.js';
import { checkCharacter } from '../shared/idNumber.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateFile } from '../jobs/lib/read/load.js';
import { columnLetter } from '../shared/table.js';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'corpus');
const TMP = mkdtempSync(join(tmpdir(), 'corpus-'));
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f !== 'README.md') rmSync(join(OUT, f));

// ------------------------------------------------------------------ cells and writers

/** A real date cell (with a display format), a Text-formatted string, or a plain value. */
type Cell = string | number | null | { d: string; f?: string } | { s: string; f?: string };
interface Sheet { name: string; rows: Cell[][]; merges: string[]; widths?: Record<string, number>; boldRows?: number[] }

const PYTHON = '/usr/bin/python3';

function writeOpenpyxl(path: string, sheets: Sheet[]): void {
  execFileSync(PYTHON, [join(import.meta.dirname, 'corpus_openpyxl.py')], { input: JSON.stringify({ out: path, sheets }) });
}

/** Written by openpyxl, then opened and saved by LibreOffice Calc: the file is LibreOffice's own. */
function writeLibreOffice(path: string, sheets: Sheet[], fmt: 'xls' | 'ods' | 'xlsx'): void {
  const dir = mkdtempSync(join(TMP, 'lo-'));
  const src = join(dir, 'source.xlsx');
  writeOpenpyxl(src, sheets);
  const out = join(dir, 'out');
  // A private profile: other LibreOffice processes on the machine must not share ours.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(TMP, 'lo-profile')}`, '--headless', '--convert-to', fmt, '--outdir', out, src], { stdio: 'ignore', timeout: 120_000 });
  renameSync(join(out, `source.${fmt}`), path);
}

const textOf = (c: Cell): string => {
  if (c === null) return '';
  if (typeof c === 'object') return 'd' in c ? c.d.slice(0, 10) : c.s;
  return String(c);
};

/** Excel on Chinese Windows: 「CSV（逗号分隔）」 is GBK with CRLF. */
function writeCsvGbk(path: string, sheet: Sheet): void {
  const width = Math.max(...sheet.rows.map((r) => r.length));
  const line = (r: Cell[]) => Array.from({ length: width }, (_, i) => {
    const t = textOf(r[i] ?? null);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',');
  writeFileSync(path, iconv.encode(sheet.rows.map(line).join('\r\n') + '\r\n', 'gbk'));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** A web system's 「导出Excel」: an HTML table in GBK with an .xls name; merges become colspan. */
function writeHtmlGbk(path: string, sheet: Sheet, title: string): void {
  const spans = new Map<string, number>();
  for (const m of sheet.merges) {
    const [a, b] = m.split(':') as [string, string];
    const ca = /([A-Z]+)(\d+)/.exec(a)!;
    const cb = /([A-Z]+)(\d+)/.exec(b)!;
    spans.set(`${Number(ca[2]) - 1}:${colIndex(ca[1]!)}`, colIndex(cb[1]!) - colIndex(ca[1]!) + 1);
  }
  const rows = sheet.rows.map((r, ri) => {
    const tds: string[] = [];
    for (let c = 0; c < r.length; c++) {
      const span = spans.get(`${ri}:${c}`);
      tds.push(`<td${span ? ` colspan="${span}"` : ''}>${esc(textOf(r[c] ?? null))}</td>`);
      if (span) c += span - 1;
    }
    return `<tr>${tds.join('')}</tr>`;
  });
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>${esc(title)}</title></head>\n<body><table border="1" cellspacing="0">\n${rows.join('\n')}\n</table></body></html>\n`;
  writeFileSync(path, iconv.encode(html, 'gbk'));
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
const L = (i0: number) => columnLetter(i0 + 1);

// ------------------------------------------------------------------ people

type TT = 'internal' | 'inRegion' | 'outOfRegion';

interface Member {
  name: string;
  gender: '男' | '女';
  sid: string;
  /** 6-digit area code and birth date of the ID number; the check character is computed. */
  area: string;
  birth: string;
  id?: string;
  ethnicity?: string;
  prob?: boolean;
  /** Probation form provided; defaults to true for probationary members. */
  form?: boolean;
  join: string;
  /** A transfer type, or a raw (wrong) value typed as is. */
  type: TT | { raw: string };
  paper?: boolean;
  header?: string;
  org: string;
  /** Org code: text, or a number cell (lost its leading zero). */
  code?: string | number;
  dest: 'employed' | 'study' | 'studyHere' | 'unplaced' | 'abroad';
  unit?: string;
  letterNo?: string;
  /** Issue date; null when the field does not apply (院内 without a letter). */
  issue?: string | null;
  valid?: number;
  phone?: string;
  email?: string;
  remarks?: string;
  branch?: string;
  /** Fields that must carry an error, or any finding. */
  errors?: FieldKey[];
  findings?: FieldKey[];
  /** Expected reconciliation status as of each as-of date, by 学号. */
  expect?: Record<string, string>;
}

let seqCounter = 0;
let phoneCounter = 0;
/** A valid GB 11643 number: sequence odd for men, even for women. */
function idFor(area: string, birth: string, gender: '男' | '女'): string {
  const seq = String(10 + 2 * seqCounter++ + (gender === '男' ? 1 : 0)).padStart(3, '0');
  const first17 = `${area}${birth}${seq}`;
  return first17 + checkCharacter(first17);
}
const phoneFor = () => {
  const k = phoneCounter++;
  return `1${'3578936'[k % 7]}${String(100000000 + ((k * 48271 + 12345) % 900000000))}`;
};
/** The same number with a wrong check character (a typing slip in the last digit). */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '3' ? '4' : '3');

const person = (m: Omit<Member, 'id'> & { id?: string }): Member & { id: string; phone: string } => ({
  ...m,
  id: m.id ?? idFor(m.area, m.birth, m.gender),
  phone: m.phone ?? phoneFor(),
});

// Receiving organisations, letter headers and codes as seen on real sheets.
const BJ = {
  tech: { org: '中共北京某某科技有限公司第一支部委员会', code: '011100238152' },
  uni: { org: '北京某某大学信息学院2026级硕士研究生第三党支部', code: '011100419876' },
  street: { org: '中共北京市海淀区学院路街道某某社区党支部', code: '011100557203' },
  pharma: { org: '中共北京某某医药股份有限公司研发中心支部委员会', code: '011100774521' },
  design: { org: '北京某某设计研究院有限公司第二党支部', code: '0111003365' },
  bank: { org: '中共北京某某软件股份有限公司产品部支部委员会', code: '0111008842' },
};
const OUTSIDE = {
  changsha: { header: '中共长沙市委组织部', org: '中共长沙市岳麓区麓山街道工作委员会', unit: '长沙某某科技有限公司' },
  shanghai: { header: '中共上海市浦东新区委员会组织部', org: '中共上海市浦东新区张江镇委员会', unit: '上海某某集成电路有限公司' },
  shenzhen: { header: '中共深圳市南山区委组织部', org: '深圳某某科技有限公司党委', unit: '深圳某某科技有限公司' },
  wuhan: { header: '中共华中某某大学委员会组织部', org: '华中某某大学研究生院党委', unit: '华中某某大学' },
  hangzhou: { header: '中共杭州市西湖区委组织部', org: '中共杭州市西湖区文新街道工作委员会', unit: '杭州某某网络有限公司' },
  chengdu: { header: '中共成都市武侯区委组织部', org: '中共成都市武侯区人才服务中心委员会', unit: '成都某某软件有限公司' },
  guangzhou: { header: '中共广州市天河区委组织部', org: '中共广州市天河区猎德街道工作委员会', unit: '广州某某有限公司' },
  urumqi: { header: '中共乌鲁木齐市天山区委组织部', org: '中共乌鲁木齐市天山区胜利路街道工作委员会', unit: '新疆某某能源有限公司' },
  nanjing: { header: '中共南京大学某某学院委员会', org: '南京某某大学计算机学院党委', unit: '南京某某大学' },
  talent: { header: '中共郑州市委组织部', org: '中共郑州市人才交流中心委员会', unit: '' },
};
/** Units outside the national system, where a paper letter is right (seed 000). */
const OFFNET = {
  army: { header: '中国人民解放军某部政治工作部', org: '中国人民解放军某部某营党委', unit: '中国人民解放军某部' },
  armedPolice: { header: '中国人民武装警察部队某部政治工作部', org: '中国人民武装警察部队某支队党委', unit: '武警某部' },
  bank: { header: '中国工商银行股份有限公司北京市分行党委组织部', org: '中国工商银行北京市某支行党委', unit: '中国工商银行北京市分行' },
  ministry: { header: '中共中央某部机关委员会', org: '中央某部某司党支部委员会', unit: '中央某部' },
};
const out = (o: { header: string; org: string; unit: string }) => ({ type: 'outOfRegion' as const, header: o.header, org: o.org, unit: o.unit, dest: 'employed' as const });
const paper = (o: { header: string; org: string; unit: string }, letterNo: string, valid: number) => ({ ...out(o), paper: true, letterNo, valid });
const inBj = (o: { org: string; code: string }, unit = '') => ({ type: 'inRegion' as const, org: o.org, code: o.code, unit, dest: 'employed' as const });

// ------------------------------------------------------------------ dialects: how each sheet writes values

interface Dialect {
  type(t: TT, i: number): Cell;
  method(paper: boolean, i: number): Cell;
  memberType(prob: boolean, i: number): Cell;
  yes(i: number): Cell;
  no(i: number): Cell;
  /** What the sheet writes where a field does not apply. */
  na(field: FieldKey, i: number): Cell;
  date(iso: string, i: number, field: 'joinDate' | 'issueDate'): Cell;
  month(ym: string, i: number): Cell;
  code(code: string): Cell;
  id(id: string): Cell;
  phone(p: string, i: number): Cell;
  dest(d: Member['dest'], i: number): Cell;
  valid(n: number, i: number): Cell;
  sid(s: string): Cell;
}
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const CANON_DEST: Record<Member['dest'], string> = { employed: '就业', study: '升学', studyHere: '升学', unplaced: '未落实', abroad: '出国(境)' };

/** The standard template's own spellings (shared/fields.ts choices). */
const STANDARD: Dialect = {
  type: (t) => ({ internal: '院内', inRegion: '京内', outOfRegion: '京外' })[t],
  method: (p) => (p ? '纸质介绍信' : '线上'),
  memberType: (p) => (p ? '预备党员' : '正式党员'),
  yes: () => '已提供',
  no: () => '未提供',
  na: () => null,
  date: (iso) => iso,
  month: (ym) => ym,
  code: (c) => ({ s: c }),
  id: (id) => ({ s: id }),
  phone: (p) => ({ s: p }),
  dest: (d) => CANON_DEST[d],
  valid: (n) => n,
  sid: (s) => ({ s }),
};

// ------------------------------------------------------------------ registration sheets

interface Column { header: string; field: FieldKey | null; group?: string }
interface Layout {
  file: string;
  producer: string;
  sheetName: string;
  /** The format has no sheet names (CSV, HTML): the reader names the sheet as it likes. */
  unnamedSheet?: boolean;
  college: string;
  branch: string;
  title: string[];
  /** Columns; a `group` puts a merged cell above consecutive sub-headers (two-row header). */
  columns: Column[];
  dialect: Dialect;
  members: ReturnType<typeof person>[];
  /** College merged down the member rows (as secretaries merge it). */
  mergeCollege?: boolean;
  /** Footer rows: cells by column index; `mergeAll` spans the whole width. */
  footers: { cells: Record<number, Cell>; mergeAll?: boolean; mergeTo?: number }[];
  blankBeforeFooter?: boolean;
  before?: Sheet[];
}

interface RegistrationKey {
  producer: string;
  /** null for formats without sheet names of their own (CSV, an HTML table). */
  sheet: string | null;
  headerRows: number[];
  members: number;
  columns: Partial<Record<FieldKey, string>>;
  errors: [number, FieldKey][];
  findings: [number, FieldKey][];
  clean: number[];
  footers: number[];
}

function memberCells(m: ReturnType<typeof person>, i: number, d: Dialect, college: string, defaultBranch: string): Partial<Record<FieldKey, Cell>> {
  const type = typeof m.type === 'string' ? m.type : null;
  const prob = m.prob ?? false;
  const paperLetter = m.paper ?? false;
  const issue = m.issue === undefined ? '2026-06-12' : m.issue;
  return {
    college,
    branch: m.branch ?? defaultBranch,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity ?? '汉族',
    studentId: d.sid(m.sid),
    idNumber: d.id(m.id),
    memberType: d.memberType(prob, i),
    joinDate: d.date(m.join, i, 'joinDate'),
    transferType: type ? d.type(type, i) : (m.type as { raw: string }).raw,
    method: d.method(paperLetter, i),
    letterHeader: m.header ?? (type === 'outOfRegion' ? null : d.na('letterHeader', i)),
    receivingOrg: m.org || null,
    orgCode: m.code === undefined ? (type === 'inRegion' ? null : d.na('orgCode', i)) : typeof m.code === 'number' ? m.code : d.code(m.code),
    destination: d.dest(m.dest, i),
    destinationUnit: m.unit || null,
    letterNo: m.letterNo || (paperLetter ? null : d.na('letterNo', i)),
    issueDate: issue === null ? d.na('issueDate', i) : d.date(issue, i, 'issueDate'),
    validDays: m.valid !== undefined ? d.valid(m.valid, i) : paperLetter ? null : d.na('validDays', i),
    // 党费交至 = the month the letter is issued (seed 000).
    duesPaidThrough: d.month((issue ?? '2026-06-12').slice(0, 7), i),
    probationForm: prob ? ((m.form ?? true) ? d.yes(i) : d.no(i)) : d.na('probationForm', i),
    phone: d.phone(m.phone, i),
    email: m.email ?? null,
    remarks: m.remarks ?? null,
  };
}

function buildRegistration(l: Layout): { sheets: Sheet[]; key: RegistrationKey } {
  const width = l.columns.length;
  const rows: Cell[][] = [];
  const merges: string[] = [];
  for (const t of l.title) {
    rows.push([t]);
    merges.push(`A${rows.length}:${L(width - 1)}${rows.length}`);
  }
  const twoRows = l.columns.some((c) => c.group);
  const headerRows: number[] = [];
  if (twoRows) {
    const top: Cell[] = [];
    const sub: Cell[] = [];
    const r = rows.length + 1;
    for (let c = 0; c < width; c++) {
      const col = l.columns[c]!;
      if (col.group) {
        if (l.columns[c - 1]?.group !== col.group) {
          top.push(col.group);
          let e = c;
          while (l.columns[e + 1]?.group === col.group) e++;
          merges.push(`${L(c)}${r}:${L(e)}${r}`);
        } else top.push(null);
        sub.push(col.header);
      } else {
        top.push(col.header);
        sub.push(null);
        merges.push(`${L(c)}${r}:${L(c)}${r + 1}`);
      }
    }
    rows.push(top, sub);
    headerRows.push(r, r + 1);
  } else {
    rows.push(l.columns.map((c) => c.header));
    headerRows.push(rows.length);
  }
  const key: RegistrationKey = {
    producer: l.producer, sheet: l.unnamedSheet ? null : l.sheetName, headerRows, members: l.members.length, columns: {},
    errors: [], findings: [], clean: [], footers: [],
  };
  l.columns.forEach((c, i) => { if (c.field) key.columns[c.field] = L(i); });
  const firstMemberRow = rows.length + 1;
  l.members.forEach((m, i) => {
    const values = memberCells(m, i, l.dialect, l.college, l.branch);
    rows.push(l.columns.map((c) => (c.field ? values[c.field] ?? null : i + 1)));
    const r = rows.length;
    for (const f of m.errors ?? []) key.errors.push([r, f]);
    for (const f of m.findings ?? []) key.findings.push([r, f]);
    if (!m.errors?.length && !m.findings?.length) key.clean.push(r);
  });
  if (l.mergeCollege) {
    const c = l.columns.findIndex((x) => x.field === 'college');
    for (let r = firstMemberRow + 1; r < firstMemberRow + l.members.length; r++) rows[r - 1]![c] = null;
    merges.push(`${L(c)}${firstMemberRow}:${L(c)}${firstMemberRow + l.members.length - 1}`);
  }
  if (l.blankBeforeFooter) rows.push([]);
  for (const f of l.footers) {
    const row: Cell[] = [];
    for (const [c, v] of Object.entries(f.cells)) row[Number(c)] = v;
    rows.push(Array.from(row, (v) => v ?? null));
    key.footers.push(rows.length);
    if (f.mergeAll) merges.push(`A${rows.length}:${L(width - 1)}${rows.length}`);
    else if (f.mergeTo) merges.push(`A${rows.length}:${L(f.mergeTo)}${rows.length}`);
  }
  const sheet: Sheet = { name: l.sheetName, rows, merges, boldRows: headerRows };
  return { sheets: [...(l.before ?? []), sheet], key };
}

const col = (header: string, field: FieldKey | null, group?: string): Column => ({ header, field, group });

// ------------------------------------------------------------------ 1. 计算机学院: openpyxl, 填表说明 first, two-row header

const CS_BRANCH = '计算机学院2022级本科生第一党支部';
const AS_OF = ['2026-08-20', '2026-09-02'] as const;
const both = (s: string, t = s) => ({ [AS_OF[0]]: s, [AS_OF[1]]: t });

const CS: ReturnType<typeof person>[] = [
  person({ name: '张明远', gender: '男', sid: '2022080101', area: '110108', birth: '20040315', join: '2024-05-20', ...out(OUTSIDE.changsha), email: 'zhangmy@example.com', expect: both('completed') }),
  person({ name: '李思涵', gender: '女', sid: '2022080102', area: '130102', birth: '20040101', join: '2025-09-10', prob: true, ...inBj(BJ.tech, '北京某某科技有限公司'), expect: both('completed') }),
  person({ name: '王浩然', gender: '男', sid: '2022080103', area: '110105', birth: '20031224', join: '2024-11-08', type: 'internal', org: '计算机学院2026级硕士研究生第一党支部', dest: 'studyHere', unit: '本校计算机学院', expect: both('completed') }),
  // Landed on 2026-08-25 (报到时间, with a fraction of a second), requested 2026-06-15 (申请时间).
  person({ name: '赵雨桐', gender: '女', sid: '2022080104', area: '370202', birth: '20030718', join: '2024-05-20', ...inBj(BJ.design, '北京某某设计研究院有限公司'), expect: { [AS_OF[0]]: 'pending', [AS_OF[1]]: 'completed' } }),
  // Planted: wrong check character.
  person({ name: '刘子轩', gender: '男', sid: '2022080105', area: '410105', birth: '20040209', id: wrongCheck(idFor('410105', '20040209', '男')), join: '2024-05-20', ...out(OUTSIDE.hangzhou), errors: ['idNumber'] }),
  // Planted: 京内 to a 党委, not a 党支部 (seed 001: 不能是党委或党总支).
  person({ name: '孙一鸣', gender: '男', sid: '2022080106', area: '110102', birth: '20031105', join: '2024-05-20', type: 'inRegion', org: '中共北京某某投资集团有限公司委员会', code: '011100998877', dest: 'employed', unit: '北京某某投资集团', errors: ['receivingOrg'] }),
  // Planted: a paper letter for 京内 (seed 000: 不再接受纸质介绍信).
  person({ name: '周子涵', gender: '女', sid: '2022080107', area: '120104', birth: '20040422', join: '2024-05-20', ...inBj(BJ.street), paper: true, header: '中共北京市海淀区委组织部', letterNo: '2026017', valid: 30, errors: ['method'] }),
  // Planted: the letter header is a 党支部 (seed 004 第八条).
  person({ name: '吴俊杰', gender: '男', sid: '2022080108', area: '330106', birth: '20030901', join: '2024-05-20', ...out(OUTSIDE.hangzhou), header: '中共杭州市西湖区文新街道某某社区支部委员会', errors: ['letterHeader'] }),
  // Planted: probationary without the 考察表 (seed 002).
  person({ name: '郑雅琪', gender: '女', sid: '2022080109', area: '320102', birth: '20040612', join: '2025-11-03', prob: true, form: false, ...out(OUTSIDE.shanghai), errors: ['probationForm'] }),
  // Planted: ten digits.
  person({ name: '冯嘉怡', gender: '女', sid: '2022080110', area: '440106', birth: '20031230', join: '2024-05-20', ...out(OUTSIDE.guangzhou), phone: '1391234567', errors: ['phone'] }),
  // Planted: the code typed into a General cell lost its leading zero.
  person({ name: '何宇航', gender: '男', sid: '2022080111', area: '110108', birth: '20040105', join: '2024-05-20', ...inBj(BJ.pharma), code: 11100774522, errors: ['orgCode'] }),
  // Planted: 学号 repeated from 冯嘉怡.
  person({ name: '马欣怡', gender: '女', sid: '2022080110', area: '130104', birth: '20040817', join: '2024-05-20', ...out(OUTSIDE.chengdu), errors: ['studentId'] }),
  // Planted: a paper letter without its number.
  person({ name: '蒋文博', gender: '男', sid: '2022080113', area: '340104', birth: '20030321', join: '2024-05-20', ...paper(OFFNET.army, '', 60), errors: ['letterNo'] }),
  // Planted: joined after the day of checking.
  person({ name: '韩梦瑶', gender: '女', sid: '2022080114', area: '210102', birth: '20040520', join: '2026-07-01', ...out(OUTSIDE.wuhan), dest: 'study', errors: ['joinDate'] }),
  // Planted: validity over 90 days.
  person({ name: '曹志强', gender: '男', sid: '2022080115', area: '500103', birth: '20031018', join: '2024-05-20', ...paper(OFFNET.armedPolice, '2026022', 120), errors: ['validDays'] }),
  // Planted: 京内 without the receiving branch's code.
  person({ name: '彭丽娟', gender: '女', sid: '2022080116', area: '110106', birth: '20040227', join: '2024-05-20', type: 'inRegion', org: BJ.uni.org, dest: 'study', unit: '北京某某大学', errors: ['orgCode'] }),
  // Planted: a transfer type that is none of 院内/京内/京外.
  person({ name: '曾子豪', gender: '男', sid: '2022080117', area: '360102', birth: '20030614', join: '2024-05-20', ...out(OUTSIDE.shenzhen), type: { raw: '待定' }, errors: ['transferType'] }),
  // Names written differently on the receipts (traditional, a space, another middle dot).
  person({ name: '陈晓明', gender: '男', sid: '2022080118', area: '310104', birth: '20040129', join: '2024-05-20', ...out(OUTSIDE.shanghai), expect: both('completed') }),
  person({ name: '欧阳娜', gender: '女', sid: '2022080119', area: '440106', birth: '20031111', join: '2024-05-20', ...out(OUTSIDE.guangzhou), expect: both('completed') }),
  person({ name: '阿卜杜·热合曼', gender: '男', sid: '2022080120', area: '650102', birth: '20030505', ethnicity: '维吾尔族', join: '2024-05-20', ...out(OUTSIDE.urumqi), expect: both('completed') }),
  person({ name: '买买提·艾力', gender: '男', sid: '2022080121', area: '650104', birth: '20040909', ethnicity: '维吾尔族', join: '2024-05-20', ...paper(OFFNET.army, '2026031', 60), expect: both('completed') }),
  // Paper letter, 30 days, register says 未收回: expired on 08-20, overdue after 9月1日.
  person({ name: '黄诗雨', gender: '女', sid: '2022080122', area: '430104', birth: '20040316', join: '2024-05-20', ...paper(OFFNET.bank, '2026032', 30), expect: { [AS_OF[0]]: 'expired', [AS_OF[1]]: 'overdue' } }),
  person({ name: '林浩宇', gender: '男', sid: '2022080123', area: '350102', birth: '20030828', join: '2024-05-20', ...out(OUTSIDE.shenzhen), expect: both('completed') }),
  person({ name: '徐静怡', gender: '女', sid: '2022080124', area: '320106', birth: '20040701', join: '2024-05-20', ...out(OUTSIDE.nanjing), dest: 'study', expect: both('mismatch') }),
  person({ name: '高子墨', gender: '男', sid: '2022080125', area: '140105', birth: '20031202', join: '2024-05-20', ...out(OUTSIDE.chengdu), expect: both('pending', 'overdue') }),
  person({ name: '宋佳宁', gender: '女', sid: '2022080126', area: '370102', birth: '20040108', join: '2024-05-20', ...out(OUTSIDE.wuhan), expect: both('failed') }),
  person({ name: '唐一凡', gender: '男', sid: '2022080127', area: '510107', birth: '20030419', join: '2024-05-20', ...out(OUTSIDE.chengdu), expect: both('notCompleted') }),
  person({ name: '许安琪', gender: '女', sid: '2022080128', area: '420106', birth: '20040530', join: '2024-05-20', ...out(OUTSIDE.wuhan), expect: both('notCompleted') }),
  person({ name: '邓嘉豪', gender: '男', sid: '2022080129', area: '440304', birth: '20031007', join: '2024-05-20', ...out(OUTSIDE.shenzhen), expect: both('pending', 'overdue') }),
  person({ name: '袁梦洁', gender: '女', sid: '2022080130', area: '330102', birth: '20040214', join: '2025-12-02', prob: true, ...out(OUTSIDE.hangzhou), expect: both('pending', 'overdue') }),
  person({ name: '蔡俊熙', gender: '男', sid: '2022080131', area: '350203', birth: '20031125', join: '2024-05-20', ...out(OUTSIDE.guangzhou), expect: both('pending', 'overdue') }),
  person({ name: '傅晓东', gender: '男', sid: '2022080138', area: '210202', birth: '20040827', join: '2024-05-20', ...out(OUTSIDE.changsha), expect: both('pending', 'overdue') }),
  // 出国(境): the relationship stays at the school (domain notes).
  person({ name: '潘雨萱', gender: '女', sid: '2022080132', area: '110101', birth: '20040623', join: '2024-05-20', type: 'outOfRegion', org: '', dest: 'abroad', unit: '英国某某大学', remarks: '出国（境）留学，组织关系保留在学校', expect: both('exempt') }),
  // 升学, branch not yet known: may transfer in September (seed 001).
  person({ name: '杨博文', gender: '男', sid: '2022080133', area: '410102', birth: '20031216', join: '2024-05-20', type: 'outOfRegion', org: '待定', dest: 'study', unit: '浙江某某大学', expect: both('pending') }),
  person({ name: '罗欣然', gender: '女', sid: '2022080134', area: '110108', birth: '20040411', join: '2024-05-20', ...inBj(BJ.street, '北京市海淀区某某社区服务中心'), expect: both('pending', 'overdue') }),
  person({ name: '谢天佑', gender: '男', sid: '2022080135', area: '130602', birth: '20030930', join: '2024-05-20', ...paper(OFFNET.armedPolice, '2026033', 90), expect: { [AS_OF[0]]: 'pending', [AS_OF[1]]: 'completed' } }),
  person({ name: '钱思远', gender: '男', sid: '2022080136', area: '320503', birth: '20040110', join: '2024-05-20', ...paper(OFFNET.ministry, '2026034', 90), expect: { [AS_OF[0]]: 'pending', [AS_OF[1]]: 'completed' } }),
  person({ name: '白雪', gender: '女', sid: '2022080137', area: '150102', birth: '20040301', ethnicity: '蒙古族', join: '2024-05-20', ...paper(OFFNET.army, '2026035', 90), expect: both('completed') }),
];

const CS_DIALECT: Dialect = {
  type: (t, i) => ({ internal: pick(['本院', '院内'], i), inRegion: pick(['京内', '北京市内', '市内转接'], i), outOfRegion: pick(['京外', '转出市外', '京外'], i) })[t],
  method: (p, i) => (p ? pick(['纸质', '开具纸质介绍信'], i) : pick(['网上', '线上转接', '党员E先锋', '全国系统'], i)),
  memberType: (p) => (p ? '中共预备党员' : '中共党员'),
  yes: (i) => pick(['√', '✓'], i),
  no: () => '×',
  na: (_f, i) => pick(['/', '—', '无', '不适用'], i),
  // Real date cells, some carrying a time of day; issue dates partly as text date-times.
  date: (iso, i, field) => (field === 'issueDate' && i % 3 === 1 ? `${iso} 00:00:00` : { d: `${iso}T${i % 4 === 2 ? '09:30:00' : '00:00:00'}`, f: i % 4 === 2 ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd' }),
  month: (ym, i) => pick<Cell>([{ d: `${ym}-01T00:00:00`, f: 'yyyy"年"m"月"' }, `${Number(ym.slice(0, 4))}年${Number(ym.slice(5))}月`, ym.replace('-', '.'), `${ym}-12 00:00:00.0`], i),
  code: (c) => ({ s: c }),
  id: (id) => ({ s: id }),
  phone: (p, i) => (i % 3 === 0 ? Number(p) : i % 3 === 1 ? `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}` : p),
  dest: (d, i) => ({ employed: pick(['就业', '签约就业'], i), study: '升学', studyHere: '读硕士', unplaced: '未落实', abroad: '出国(境)' })[d],
  valid: (n, i) => (i % 2 ? `${n}天` : n),
  sid: (s) => ({ s }),
};

const CS_COLUMNS: Column[] = [
  col('序号', null), col('学院党委', 'college'), col('所在党支部', 'branch'), col('姓名', 'name'), col('性别', 'gender'), col('民族', 'ethnicity'),
  col('学号', 'studentId'), col('身份证号\n（文本格式）', 'idNumber'), col('政治面貌', 'memberType'), col('入党时间', 'joinDate'),
  col('转接类型\n（院内/京内/京外）', 'transferType'), col('办理方式', 'method'),
  col('抬头', 'letterHeader', '介绍信信息'), col('编号', 'letterNo', '介绍信信息'), col('开具日期', 'issueDate', '介绍信信息'), col('有效期（天）', 'validDays', '介绍信信息'),
  col('具体接收的党支部名称', 'receivingOrg'), col('党支部编码', 'orgCode'), col('毕业去向', 'destination'), col('去向单位', 'destinationUnit'),
  col('党费交至\n（年月）', 'duesPaidThrough'), col('预备党员考察表\n（√/×）', 'probationForm'), col('联系电话（必填）', 'phone'), col('电子邮箱', 'email'), col('备注', 'remarks'),
];

const INSTRUCTIONS: Sheet = {
  name: '填表说明',
  merges: [],
  rows: [
    ['填表说明'],
    [],
    ['1. 本表由各学院党委汇总填写，6月10日前报送党委组织部（电子版及盖章扫描件各一份）。'],
    ['2. 转接类型：院内（本院党委内流转）、京内（转往北京市其他党委所属党支部）、京外（北京市外，或在京的中央单位、军队、银行等）。'],
    ['3. 京内转接须填写具体接收的党支部名称和党支部编码（10位或12位数字），不能填写党委或党总支。'],
    ['4. 身份证号、党支部编码请先将单元格设置为文本格式再填写，避免末位或开头的0丢失。'],
    ['5. 预备党员须提供加盖公章的《预备党员考察表》；党费交至开具介绍信当月。'],
    [],
    ['栏目', '填写要求'],
    ['姓名', '与学籍系统一致，少数民族姓名中间用「·」'],
    ['学号', '10位数字'],
    ['身份证号', '18位，末位X大写'],
    ['联系电话', '本人常用手机号'],
  ],
};

const cs = buildRegistration({
  file: 'reg-cs-openpyxl.xlsx', producer: 'openpyxl 3 (python3-openpyxl)', sheetName: '登记表',
  college: '计算机学院党委', branch: CS_BRANCH,
  title: ['计算机学院2026届毕业生党员组织关系介绍信登记表', '填表单位：计算机学院党委（盖章）　　　　联系人：李老师　　联系电话：010-62771234'],
  columns: CS_COLUMNS, dialect: CS_DIALECT, members: CS, mergeCollege: true, before: [INSTRUCTIONS], blankBeforeFooter: true,
  footers: [
    { cells: { 0: '合计', 3: `${CS.length}人` } },
    { cells: { 1: '填表人：李老师', 7: '审核人：王老师', 15: '制表日期：2026年6月8日' } },
    { cells: { 0: '注：1. 京内转接须填写接收党支部名称及党支部编码；2. 纸质介绍信仅限京外未接入全国系统的单位；3. 预备党员须提供《预备党员考察表》。' }, mergeAll: true },
  ],
});

/** The same sheet in the standard template's layout and wording: today's reader must pass it. */
const csStandard = buildRegistration({
  file: 'reg-cs-standard.xlsx', producer: 'openpyxl 3, standard template layout', sheetName: '登记表',
  college: '计算机学院党委', branch: CS_BRANCH,
  title: ['计算机学院2026届毕业生党员组织关系介绍信登记表'],
  columns: REGISTRATION_FIELDS.map((f) => col(f.header, f.key)), dialect: STANDARD, members: CS, footers: [],
});

// ------------------------------------------------------------------ 2. 化工与化学学院: LibreOffice .xls, seed 003's 《党组织关系转出情况表》

const CHEM_BRANCH = '化工与化学学院2022级本科生党支部';
const CHEM = [
  person({ name: '秦立新', gender: '男', sid: '2022070201', area: '230103', birth: '20040211', join: '2024-04-26', type: 'internal', org: '化工与化学学院2026级硕士研究生第二党支部', dest: 'studyHere', issue: null }),
  person({ name: '尤佳慧', gender: '女', sid: '2022070202', area: '230102', birth: '20031019', join: '2025-10-15', prob: true, type: 'internal', org: '化工与化学学院2026级博士研究生党支部', dest: 'studyHere', issue: null }),
  person({ name: '许晨阳', gender: '男', sid: '2022070203', area: '220102', birth: '20040707', join: '2024-04-26', ...inBj({ org: '北京某某化工研究院第一党支部', code: '0111005521' }, '北京某某化工研究院') }),
  person({ name: '何静雯', gender: '女', sid: '2022070204', area: '230104', birth: '20040808', join: '2024-04-26', ...inBj({ org: '本校材料学院2026级硕士研究生第一党支部', code: '0111001234' }), dest: 'study', unit: '本校材料学院' }),
  person({ name: '吕志刚', gender: '男', sid: '2022070205', area: '210103', birth: '20031130', join: '2024-04-26', ...out(OUTSIDE.shanghai), unit: '上海某某石化有限公司' }),
  person({ name: '施雨婷', gender: '女', sid: '2022070206', area: '320583', birth: '20040416', join: '2024-04-26', ...out(OUTSIDE.nanjing), dest: 'study' }),
  person({ name: '张可欣', gender: '女', sid: '2022070207', area: '370203', birth: '20040925', join: '2024-04-26', ...out(OUTSIDE.talent), dest: 'unplaced' }),
  person({ name: '孔德明', gender: '男', sid: '2022070208', area: '370802', birth: '20030606', join: '2024-04-26', ...paper(OFFNET.army, '2026101', 90) }),
  person({ name: '曹雅楠', gender: '女', sid: '2022070209', area: '130105', birth: '20040102', join: '2025-12-20', prob: true, ...out(OUTSIDE.wuhan), dest: 'study' }),
  // Planted: wrong check character.
  person({ name: '严俊杰', gender: '男', sid: '2022070210', area: '340102', birth: '20031212', id: wrongCheck(idFor('340102', '20031212', '男')), join: '2024-04-26', ...out(OUTSIDE.hangzhou), errors: ['idNumber'] }),
  // Planted: 组织关系介绍信抬头 is a 党支部.
  person({ name: '华思琪', gender: '女', sid: '2022070211', area: '320102', birth: '20040315', join: '2024-04-26', ...out(OUTSIDE.nanjing), header: '中共南京某某化工有限公司第二党支部', errors: ['letterHeader'] }),
  // Planted: probationary, 考察表 否.
  person({ name: '金晓峰', gender: '男', sid: '2022070212', area: '330203', birth: '20030919', join: '2025-11-11', prob: true, form: false, ...out(OUTSIDE.hangzhou), errors: ['probationForm'] }),
  // Planted: twelve digits.
  person({ name: '魏琳', gender: '女', sid: '2022070213', area: '610103', birth: '20040628', join: '2024-04-26', ...out(OUTSIDE.chengdu), phone: '139123456789', errors: ['phone'] }),
  // Planted: 学号 repeated from 吕志刚.
  person({ name: '陶然', gender: '男', sid: '2022070205', area: '420102', birth: '20040113', join: '2024-04-26', ...out(OUTSIDE.wuhan), errors: ['studentId'] }),
  // Planted: paper letter for 京内.
  person({ name: '姜文静', gender: '女', sid: '2022070215', area: '110105', birth: '20031031', join: '2024-04-26', ...inBj(BJ.tech), paper: true, header: '中共北京市朝阳区委组织部', letterNo: '2026105', valid: 30, errors: ['method'] }),
  person({ name: '戚博远', gender: '男', sid: '2022070216', area: '410303', birth: '20040222', join: '2024-04-26', ...out(OUTSIDE.guangzhou) }),
  person({ name: '谢婉清', gender: '女', sid: '2022070217', area: '350102', birth: '20031217', join: '2024-04-26', ...paper(OFFNET.bank, '2026106', 60) }),
  person({ name: '邹凯', gender: '男', sid: '2022070218', area: '360103', birth: '20040503', join: '2024-04-26', ...inBj(BJ.bank, '北京某某软件股份有限公司') }),
  person({ name: '喻晓彤', gender: '女', sid: '2022070219', area: '500106', birth: '20040719', join: '2024-04-26', ...out(OUTSIDE.changsha) }),
  person({ name: '柏子健', gender: '男', sid: '2022070220', area: '140202', birth: '20030827', join: '2024-04-26', type: 'internal', org: '化工与化学学院2026级硕士研究生第二党支部', dest: 'studyHere', issue: null }),
];
const CHEM_DIALECT: Dialect = {
  type: (t, i) => ({ internal: pick(['本院', '院内'], i), inRegion: pick(['京内', '市内'], i), outOfRegion: pick(['京外', '北京市外'], i) })[t],
  method: (p, i) => (p ? pick(['纸质介绍信', '纸质版'], i) : pick(['线上', '网上'], i)),
  memberType: (p) => (p ? '预备' : '正式'),
  yes: () => '是',
  no: () => '否',
  na: () => '—',
  // Dotted dates typed as text; every third a real date cell.
  date: (iso, i) => (i % 3 === 2 ? { d: `${iso}T00:00:00`, f: 'yyyy.mm.dd' } : iso.replace(/-/g, '.')),
  month: (ym, i) => (i % 2 ? `${ym.slice(0, 4)}.${Number(ym.slice(5))}` : ym.replace('-', '.')),
  code: (c) => ({ s: c }),
  id: (id) => ({ s: id }),
  phone: (p) => ({ s: p }),
  // Seed 003: those continuing in the college write 读硕士 / 读博士.
  dest: (d, i) => ({ employed: '就业', study: '升学', studyHere: pick(['读硕士', '读博士'], i), unplaced: '未就业', abroad: '出国' })[d],
  valid: (n) => n,
  sid: (s) => Number(s),
};
const chem = buildRegistration({
  file: 'reg-chem-libreoffice.xls', producer: 'LibreOffice Calc 7.4 (.xls, Excel 97–2003)', sheetName: 'Sheet1',
  college: '化工与化学学院党委', branch: CHEM_BRANCH,
  title: ['党组织关系转出情况表', '学院：化工与化学学院党委　　　　填表日期：2026年6月9日'],
  columns: [
    col('序号', null), col('学院', 'college'), col('党支部', 'branch'), col('姓名', 'name'), col('性别', 'gender'), col('学号', 'studentId'),
    col('身份证号码', 'idNumber'), col('党员类别（正式/预备）', 'memberType'), col('入党时间', 'joinDate'), col('转出类型', 'transferType'), col('转接方式', 'method'),
    col('组织关系介绍信抬头', 'letterHeader'), col('具体接收的党支部名称', 'receivingOrg'), col('支部编码（10位）', 'orgCode'), col('毕业去向', 'destination'),
    col('去向单位名称', 'destinationUnit'), col('介绍信编号', 'letterNo'), col('开具时间', 'issueDate'), col('有效期', 'validDays'), col('党费交纳至', 'duesPaidThrough'),
    col('考察表', 'probationForm'), col('手机号码\n（必填）', 'phone'), col('备注', 'remarks'),
  ],
  dialect: CHEM_DIALECT, members: CHEM, blankBeforeFooter: true,
  footers: [
    { cells: { 1: '填表人：张老师　　　　　审核人（签字）：' } },
    { cells: { 1: '制表日期：2026.6.9' } },
  ],
});

// ------------------------------------------------------------------ 3. 经济管理学院: LibreOffice .ods, two groups in a two-row header

const EM_BRANCH = '经济管理学院2022级本科生第二党支部';
const EM = [
  person({ name: '何嘉欣', gender: '女', sid: '2022020301', area: '440103', birth: '20040315', join: '2024-05-20', ...out(OUTSIDE.guangzhou), email: 'hejx@example.com' }),
  person({ name: '许文博', gender: '男', sid: '2022020302', area: '110108', birth: '20040202', join: '2024-05-20', ...inBj(BJ.tech, '北京某某科技有限公司') }),
  person({ name: '沈佳琪', gender: '女', sid: '2022020303', area: '320102', birth: '20040101', join: '2024-05-20', ...out(OUTSIDE.nanjing), dest: 'study' }),
  person({ name: '欧阳雪', gender: '女', sid: '2022020304', area: '500103', birth: '20030214', join: '2025-12-02', prob: true, ...out(OUTSIDE.chengdu) }),
  person({ name: '古丽米热·阿不都', gender: '女', sid: '2022020305', area: '650103', birth: '20040606', ethnicity: '维吾尔族', join: '2024-05-20', ...out(OUTSIDE.urumqi) }),
  person({ name: '卢振宇', gender: '男', sid: '2022020306', area: '110106', birth: '20031120', join: '2024-05-20', type: 'internal', org: '经济管理学院2026级硕士研究生第一党支部', dest: 'studyHere' }),
  person({ name: '田甜', gender: '女', sid: '2022020307', area: '130602', birth: '20040909', join: '2024-05-20', ...inBj(BJ.street), dest: 'unplaced', unit: '', org: '中共北京市海淀区学院路街道某某社区党支部' }),
  person({ name: '龚子昂', gender: '男', sid: '2022020308', area: '430102', birth: '20040417', join: '2024-05-20', ...paper(OFFNET.ministry, '2026201', 90) }),
  person({ name: '叶知秋', gender: '女', sid: '2022020309', area: '330106', birth: '20031008', join: '2024-05-20', ...out(OUTSIDE.hangzhou) }),
  // Planted: the code lost its leading zero (a number cell).
  person({ name: '熊伟', gender: '男', sid: '2022020310', area: '360102', birth: '20040119', join: '2024-05-20', ...inBj(BJ.uni), code: 11100419876, errors: ['orgCode'] }),
  // Planted: 京内 to a 党委 (a 委员会).
  person({ name: '廖晓雯', gender: '女', sid: '2022020311', area: '450103', birth: '20040322', join: '2024-05-20', type: 'inRegion', org: '中共北京某某集团有限公司委员会', code: '011100661234', dest: 'employed', unit: '北京某某集团', errors: ['receivingOrg'] }),
  // Planted: 京内 without a code.
  person({ name: '范思哲', gender: '男', sid: '2022020312', area: '410102', birth: '20031230', join: '2024-05-20', type: 'inRegion', org: BJ.pharma.org, dest: 'employed', unit: '北京某某医药股份有限公司', errors: ['orgCode'] }),
  // Planted: validity 120 days.
  person({ name: '邵一帆', gender: '男', sid: '2022020313', area: '370102', birth: '20040726', join: '2024-05-20', ...paper(OFFNET.bank, '2026202', 120), errors: ['validDays'] }),
  // Planted: joined in the future.
  person({ name: '贺婷婷', gender: '女', sid: '2022020314', area: '140105', birth: '20040830', join: '2026-07-01', ...out(OUTSIDE.changsha), errors: ['joinDate'] }),
  // Planted: a paper letter whose 抬头 is written as "/" — the field applies here.
  person({ name: '汤小龙', gender: '男', sid: '2022020315', area: '510104', birth: '20030511', join: '2024-05-20', ...paper(OFFNET.army, '2026203', 60), header: '/', findings: ['letterHeader'] }),
  person({ name: '倪可', gender: '女', sid: '2022020316', area: '310105', birth: '20040203', join: '2024-05-20', ...out(OUTSIDE.shanghai) }),
  person({ name: '殷浩', gender: '男', sid: '2022020317', area: '230102', birth: '20031101', join: '2025-10-09', prob: true, ...inBj(BJ.pharma, '北京某某医药股份有限公司') }),
  person({ name: '毛雨涵', gender: '女', sid: '2022020318', area: '420103', birth: '20040724', join: '2024-05-20', ...out(OUTSIDE.wuhan), dest: 'study' }),
  person({ name: '雷鸣', gender: '男', sid: '2022020319', area: '610112', birth: '20040920', join: '2024-05-20', ...out(OUTSIDE.shenzhen) }),
  person({ name: '文静', gender: '女', sid: '2022020320', area: '110102', birth: '20040528', join: '2024-05-20', ...inBj(BJ.design, '北京某某设计研究院有限公司') }),
];
const EM_DIALECT: Dialect = {
  type: (t, i) => ({ internal: '院内转接', inRegion: pick(['市内转接', '京内转接', '北京市内'], i), outOfRegion: pick(['转出市外', '京外转接', '市外'], i) })[t],
  method: (p, i) => (p ? pick(['纸质', '纸质介绍信'], i) : pick(['线上', '党员E先锋'], i)),
  memberType: (p) => (p ? '预备党员' : '正式党员'),
  yes: (i) => pick(['已提供', '有'], i),
  no: () => '未提供',
  na: (_f, i) => pick(['/', '－', '略', '不适用'], i),
  // A web system's date-times and people's compact forms as text; every fourth a real date cell.
  date: (iso, i) => pick<Cell>([`${iso} 00:00:00.000`, iso.replace(/-/g, ''), `${iso}T08:00:00`, { d: `${iso}T00:00:00`, f: 'yyyy"年"m"月"d"日"' }], i),
  month: (ym, i) => pick([`${ym.slice(0, 4)}年${ym.slice(5)}月`, ym.replace('-', ''), `${ym.slice(0, 4)}-${Number(ym.slice(5))}`, `${ym}-12 00:00:00.0`], i),
  code: (c) => ({ s: c }),
  id: (id) => ({ s: id }),
  phone: (p, i) => (i % 2 ? `+86 ${p}` : `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`),
  dest: (d) => ({ employed: '就业', study: '升学', studyHere: '升学', unplaced: '待就业', abroad: '出国(境)' })[d],
  valid: (n) => `${n}`,
  sid: (s) => ({ s }),
};
const em = buildRegistration({
  file: 'reg-em-libreoffice.ods', producer: 'LibreOffice Calc 7.4 (.ods)', sheetName: '毕业生党员',
  college: '经济管理学院党委', branch: EM_BRANCH,
  title: ['经济管理学院2026届毕业生党员组织关系介绍信登记表', '填表单位（盖章）：经济管理学院党委'],
  columns: [
    col('序号', null), col('所在学院', 'college'), col('所在支部', 'branch'), col('姓名', 'name'), col('性别', 'gender'), col('学号', 'studentId'),
    col('身份证号\n（18位）', 'idNumber'), col('党员类别\n（正式党员/预备党员）', 'memberType'), col('入党日期', 'joinDate'), col('转接类型', 'transferType'), col('办理方式', 'method'),
    col('转入单位党组织\n（介绍信抬头）', 'letterHeader', '接收方信息'), col('接收党组织', 'receivingOrg', '接收方信息'), col('组织编码（12位）', 'orgCode', '接收方信息'),
    col('编号', 'letterNo', '介绍信'), col('开具日期', 'issueDate', '介绍信'), col('有效期（天）', 'validDays', '介绍信'),
    col('毕业去向', 'destination'), col('去向单位', 'destinationUnit'), col('党费交至\n（年月）', 'duesPaidThrough'),
    col('预备党员考察表\n（已提供/未提供）', 'probationForm'), col('联系电话', 'phone'), col('电子邮箱', 'email'),
  ],
  dialect: EM_DIALECT, members: EM,
  // A cover sheet first, named like any sheet: it is skipped for what it holds, not for its name.
  before: [{
    name: 'Sheet1', merges: [],
    rows: [
      ['经济管理学院2026届毕业生党员组织关系转接材料'], [],
      ['报送单位', '经济管理学院党委（盖章）'], ['联系人', '周老师'], ['联系电话', '010-62785566'], ['电子邮箱', 'dangban@example.edu.cn'], ['报送日期', '2026年6月9日'],
      [], ['附：毕业生党员组织关系介绍信登记表（见「毕业生党员」工作表）'],
    ],
  }],
  footers: [
    { cells: { 0: `合计：${EM.length}人` }, mergeTo: 2 },
    { cells: { 0: '注：京内转接须填写接收党支部的组织编码（12位）；纸质介绍信仅限未接入全国组织关系转接系统的单位。' }, mergeAll: true },
  ],
});

// ------------------------------------------------------------------ 4. 外国语学院: Excel's GBK CSV

const FL_BRANCH = '外国语学院2022级本科生党支部';
const FL = [
  person({ name: '方晓婷', gender: '女', sid: '2022050401', area: '440104', birth: '20040112', join: '2024-06-01', ...out(OUTSIDE.guangzhou) }),
  person({ name: '石磊', gender: '男', sid: '2022050402', area: '110102', birth: '20031021', join: '2024-06-01', ...inBj(BJ.uni), dest: 'study', unit: '北京某某大学' }),
  person({ name: '梁诗琪', gender: '女', sid: '2022050403', area: '450102', birth: '20040418', join: '2025-11-20', prob: true, ...out(OUTSIDE.shenzhen) }),
  person({ name: '宋子墨', gender: '男', sid: '2022050404', area: '370103', birth: '20040801', join: '2024-06-01', type: 'internal', org: '外国语学院2026级硕士研究生党支部', dest: 'studyHere' }),
  person({ name: '贾思敏', gender: '女', sid: '2022050405', area: '140106', birth: '20031203', join: '2024-06-01', ...paper(OFFNET.ministry, '2026301', 60) }),
  person({ name: '尼玛次仁', gender: '男', sid: '2022050406', area: '540102', birth: '20040305', ethnicity: '藏族', join: '2024-06-01', ...out({ header: '中共拉萨市城关区委组织部', org: '中共拉萨市城关区某某街道工作委员会', unit: '拉萨某某公司' }) }),
  person({ name: '余欢', gender: '女', sid: '2022050407', area: '420111', birth: '20040627', join: '2024-06-01', ...out(OUTSIDE.wuhan), dest: 'study' }),
  person({ name: '侯俊', gender: '男', sid: '2022050408', area: '130203', birth: '20031115', join: '2024-06-01', ...inBj(BJ.design) }),
  // Planted: the ID was typed into a General cell and saved as 1.10108E+17.
  person({ name: '段晓雨', gender: '女', sid: '2022050409', area: '110108', birth: '20040916', id: '1.10108E+17', join: '2024-06-01', ...out(OUTSIDE.changsha), errors: ['idNumber'] }),
  // Planted: paper letter for 京内.
  person({ name: '钟浩', gender: '男', sid: '2022050410', area: '110105', birth: '20040210', join: '2024-06-01', ...inBj(BJ.street), paper: true, header: '中共北京市海淀区委组织部', letterNo: '2026302', valid: 30, errors: ['method'] }),
  // Planted: phone written 「无」 — the field is required.
  person({ name: '姚蕾', gender: '女', sid: '2022050411', area: '330104', birth: '20040503', join: '2024-06-01', ...out(OUTSIDE.hangzhou), phone: '无', errors: ['phone'] }),
  // Planted: probationary, 考察表 否.
  person({ name: '陆一鸣', gender: '男', sid: '2022050412', area: '310110', birth: '20031107', join: '2025-10-30', prob: true, form: false, ...out(OUTSIDE.shanghai), errors: ['probationForm'] }),
  // Planted: the letter header is a 党总支.
  person({ name: '潘婷', gender: '女', sid: '2022050413', area: '320111', birth: '20040620', join: '2024-06-01', ...out(OUTSIDE.nanjing), header: '中共南京某某大学外国语学院党总支', dest: 'study', errors: ['letterHeader'] }),
  // Planted: a paper letter without a number.
  person({ name: '常乐', gender: '男', sid: '2022050414', area: '610104', birth: '20040821', join: '2024-06-01', ...paper(OFFNET.armedPolice, '', 90), errors: ['letterNo'] }),
  person({ name: '武思远', gender: '男', sid: '2022050415', area: '140107', birth: '20040117', join: '2024-06-01', ...out(OUTSIDE.chengdu) }),
  person({ name: '祁梦', gender: '女', sid: '2022050416', area: '620102', birth: '20031010', join: '2024-06-01', ...out(OUTSIDE.talent), dest: 'unplaced' }),
  person({ name: '阮秋阳', gender: '女', sid: '2022050417', area: '350104', birth: '20040228', join: '2024-06-01', ...inBj(BJ.bank) }),
  person({ name: '骆飞', gender: '男', sid: '2022050418', area: '430103', birth: '20040512', join: '2024-06-01', ...out(OUTSIDE.changsha) }),
];
const FL_DIALECT: Dialect = {
  type: (t, i) => ({ internal: '院内', inRegion: pick(['京内', '京内转接'], i), outOfRegion: pick(['京外', '转出市外'], i) })[t],
  method: (p, i) => (p ? pick(['纸质', '纸质介绍信'], i) : pick(['线上', '网上转接'], i)),
  memberType: (p) => (p ? '预备党员' : '正式党员'),
  yes: (i) => pick(['√', '是'], i),
  no: () => '否',
  na: (_f, i) => pick(['无', '/'], i),
  // As Excel shows date cells in a CSV (yyyy/m/d).
  date: (iso) => `${Number(iso.slice(0, 4))}/${Number(iso.slice(5, 7))}/${Number(iso.slice(8))}`,
  month: (ym, i) => pick([`${ym.slice(0, 4)}年${Number(ym.slice(5))}月`, `${ym.slice(0, 4)}.${Number(ym.slice(5))}`, `${ym.slice(0, 4)}/${Number(ym.slice(5))}`], i),
  code: (c) => c,
  id: (id) => id,
  phone: (p) => p,
  dest: (d) => ({ employed: '就业', study: '升学', studyHere: '升学', unplaced: '未落实', abroad: '出国(境)' })[d],
  valid: (n) => n,
  sid: (s) => s,
};
const fl = buildRegistration({
  file: 'reg-fl-excel-gbk.csv', producer: 'Excel 「CSV（逗号分隔）」 on Chinese Windows: GBK, CRLF', sheetName: 'Sheet1', unnamedSheet: true,
  college: '外国语学院党委', branch: FL_BRANCH,
  title: ['外国语学院2026届毕业生党员组织关系介绍信登记表', '填表单位：外国语学院党委'],
  columns: [
    col('序号', null), col('所在学院', 'college'), col('所在支部', 'branch'), col('党员姓名', 'name'), col('性别', 'gender'), col('民族', 'ethnicity'), col('学号', 'studentId'),
    col('公民身份号码', 'idNumber'), col('党员身份', 'memberType'), col('入党日期', 'joinDate'), col('转接类别', 'transferType'), col('办理方式', 'method'),
    col('转入单位党组织', 'letterHeader'), col('接收党组织名称', 'receivingOrg'), col('组织编码', 'orgCode'), col('毕业去向', 'destination'), col('就业单位', 'destinationUnit'),
    col('介绍信编号', 'letterNo'), col('开具日期', 'issueDate'), col('有效天数', 'validDays'), col('党费交至', 'duesPaidThrough'),
    col('是否提供预备党员考察表', 'probationForm'), col('手机号', 'phone'), col('电子邮件', 'email'), col('备注', 'remarks'),
  ],
  dialect: FL_DIALECT, members: FL, blankBeforeFooter: true,
  footers: [
    { cells: { 0: '合计', 3: `${FL.length}人` } },
    { cells: { 1: '填表人：赵老师', 7: '审核人：钱老师', 12: '制表日期：2026/6/8' } },
  ],
});

// ------------------------------------------------------------------ 5. 生命科学学院: a web platform's export, HTML saved as .xls in GBK

const LS_BRANCH = '生命科学学院2022级本科生党支部';
const LS = [
  person({ name: '林晓', gender: '女', sid: '2022060501', area: '350128', birth: '20040305', join: '2024-05-28', ...out(OUTSIDE.hangzhou) }),
  person({ name: '黎明', gender: '男', sid: '2022060502', area: '450103', birth: '20031019', join: '2024-05-28', ...inBj(BJ.pharma, '北京某某医药股份有限公司') }),
  person({ name: '覃雪梅', gender: '女', sid: '2022060503', area: '450102', birth: '20040708', ethnicity: '壮族', join: '2025-12-15', prob: true, ...out(OUTSIDE.guangzhou) }),
  person({ name: '司马光耀', gender: '男', sid: '2022060504', area: '140302', birth: '20040918', join: '2024-05-28', ...out(OUTSIDE.wuhan), dest: 'study' }),
  person({ name: '苗苗', gender: '女', sid: '2022060505', area: '410305', birth: '20040102', join: '2024-05-28', type: 'internal', org: '生命科学学院2026级硕士研究生党支部', dest: 'studyHere' }),
  person({ name: '温子然', gender: '男', sid: '2022060506', area: '440106', birth: '20031229', join: '2024-05-28', ...paper(OFFNET.army, '2026401', 60) }),
  person({ name: '蓝天', gender: '男', sid: '2022060507', area: '440203', birth: '20040611', join: '2024-05-28', ...inBj(BJ.tech, '北京某某科技有限公司') }),
  person({ name: '柴雨欣', gender: '女', sid: '2022060508', area: '130103', birth: '20040823', join: '2024-05-28', ...out(OUTSIDE.shanghai) }),
  // Planted: wrong check character.
  person({ name: '路遥', gender: '男', sid: '2022060509', area: '610102', birth: '20040330', id: wrongCheck(idFor('610102', '20040330', '男')), join: '2024-05-28', ...out(OUTSIDE.chengdu), errors: ['idNumber'] }),
  // Planted: 京内 to a 党总支.
  person({ name: '莫菲', gender: '女', sid: '2022060510', area: '450105', birth: '20040412', join: '2024-05-28', type: 'inRegion', org: '中共北京某某研究院党总支', code: '011100883311', dest: 'employed', unit: '北京某某研究院', errors: ['receivingOrg'] }),
  // Planted: a digit in the name.
  person({ name: '李娜2', gender: '女', sid: '2022060511', area: '110101', birth: '20040519', join: '2024-05-28', ...out(OUTSIDE.changsha), errors: ['name'] }),
  // Planted: the code typed without its leading zero (text, 11 digits).
  person({ name: '伍志强', gender: '男', sid: '2022060512', area: '430105', birth: '20031113', join: '2024-05-28', ...inBj(BJ.street), code: '11100557203', errors: ['orgCode'] }),
  person({ name: '欧晨', gender: '男', sid: '2022060513', area: '360104', birth: '20040727', join: '2024-05-28', ...out(OUTSIDE.shenzhen) }),
  person({ name: '包丽', gender: '女', sid: '2022060514', area: '150104', birth: '20040215', ethnicity: '蒙古族', join: '2024-05-28', ...out(OUTSIDE.talent), dest: 'unplaced' }),
  person({ name: '车俊', gender: '男', sid: '2022060515', area: '220104', birth: '20031002', join: '2024-05-28', ...inBj(BJ.bank) }),
  person({ name: '东方晓', gender: '女', sid: '2022060516', area: '370105', birth: '20040121', join: '2025-09-30', prob: true, ...inBj(BJ.uni, '北京某某大学'), dest: 'study' }),
];
// Planted: the same ID number as 林晓 (copied from the line above).
LS.push(person({ name: '冯雪', gender: '女', sid: '2022060517', area: '350128', birth: '20040305', id: LS[0]!.id, join: '2024-05-28', ...out(OUTSIDE.nanjing), dest: 'study', errors: ['idNumber'] }));
const LS_DIALECT: Dialect = {
  type: (t) => ({ internal: '院内转接', inRegion: '京内转接', outOfRegion: '京外转接' })[t],
  method: (p) => (p ? '纸质介绍信' : '线上转接'),
  memberType: (p) => (p ? '中共预备党员' : '中共党员'),
  yes: () => '是',
  no: () => '否',
  na: () => null,
  date: (iso) => `${iso} 00:00:00`,
  month: (ym) => ym,
  code: (c) => c,
  id: (id) => id,
  phone: (p) => p,
  dest: (d) => ({ employed: '就业', study: '升学', studyHere: '升学', unplaced: '未落实', abroad: '出国(境)' })[d],
  valid: (n) => String(n),
  sid: (s) => s,
};
const ls = buildRegistration({
  file: 'reg-ls-web-gbk.xls', producer: 'web platform 「导出Excel」: HTML table in GBK named .xls', sheetName: 'Sheet1', unnamedSheet: true,
  college: '生命科学学院党委', branch: LS_BRANCH,
  title: ['毕业生党员组织关系转接登记（导出）', '导出时间：2026-06-09 16:42:10　　导出人：smxy_admin'],
  columns: [
    col('序号', null), col('学院', 'college'), col('支部名称', 'branch'), col('姓名', 'name'), col('性别', 'gender'), col('民族', 'ethnicity'), col('学号', 'studentId'),
    col('证件号码', 'idNumber'), col('政治面貌', 'memberType'), col('入党日期', 'joinDate'), col('转接类型', 'transferType'), col('转接方式', 'method'),
    col('介绍信抬头', 'letterHeader'), col('接收党组织', 'receivingOrg'), col('党组织编码', 'orgCode'), col('去向', 'destination'), col('去向单位', 'destinationUnit'),
    col('介绍信编号', 'letterNo'), col('开具日期', 'issueDate'), col('有效期', 'validDays'), col('党费交至', 'duesPaidThrough'),
    col('预备党员考察表', 'probationForm'), col('联系方式', 'phone'), col('邮箱', 'email'),
  ],
  dialect: LS_DIALECT, members: LS,
  footers: [{ cells: { 0: `共 ${LS.length} 条记录` }, mergeAll: true }],
});

// ------------------------------------------------------------------ receipts

const byName = new Map(CS.map((m) => [m.name, m]));
const cs$ = (name: string) => byName.get(name)!;
const CS_ORG = '中共某某大学计算机学院委员会';

/** 党员E先锋 「组织关系转接」 query export: 申请时间 is when the transfer was started, not a receipt. */
const EXF_HEADER = ['序号', '姓名', '性别', '身份证号', '转出组织', '转入组织', '转接类型', '申请时间', '办理状态', '报到时间', '办结时间'];
const exf = (name: string, shown: string, type: string, applied: string, status: string, reported: string, finished: string): Cell[] => {
  const m = cs$(name);
  return [null, shown, m.gender, { s: m.id }, `${CS_ORG}${CS_BRANCH}`, m.org, type, applied, status, reported, finished];
};
const exfRows: Cell[][] = [
  exf('李思涵', '李思涵', '市内转接', '2026-06-12 10:02:11', '确认报到', '2026-07-02 09:30:00', '2026-07-02 09:30:00'),
  exf('王浩然', '王浩然', '内部调动', '2026-06-12 10:05:40', '确认报到', '2026-06-20 15:12:08', '2026-06-20 15:12:08'),
  exf('赵雨桐', '赵雨桐', '市内转接', '2026-06-15 08:41:27', '确认报到', '2026-08-25 10:12:31.0', '2026-08-25 10:12:31.0'),
  exf('阿卜杜·热合曼', '阿卜杜•热合曼', '转出市外', '2026-06-12 11:20:03', '党员转出成功', '', '2026-07-25 16:45:00'),
  exf('高子墨', '高子墨', '转出市外', '2026-06-13 09:00:00', '待审批', '', ''),
  exf('宋佳宁', '宋佳宁', '转出市外', '2026-06-12 11:31:44', '党员转出失败', '', '2026-07-05 14:20:10'),
  exf('袁梦洁', '袁梦洁', '转出市外', '2026-06-14 15:16:17', '尚未报到', '', ''),
  exf('蔡俊熙', '蔡俊熙', '转出市外', '2026-06-12 11:40:00', '未完成', '', ''),
];
exfRows.forEach((r, i) => { r[0] = i + 1; });
const exfSheet: Sheet = {
  name: '组织关系转接', merges: [`A${exfRows.length + 2}:K${exfRows.length + 2}`], boldRows: [1],
  rows: [EXF_HEADER, ...exfRows, [`共${exfRows.length}条记录`]],
};

/** 全国党员管理信息系统 组织关系转接 export: title lines above the header, statuses 已接收/已报到/退回/待审批. */
const NAT_HEADER = ['序号', '姓名', '性别', '公民身份号码', '转出党组织', '转入党组织', '发起时间', '当前状态', '接收时间'];
const nat = (name: string, shown: string, started: string, status: string, received: string): Cell[] => {
  const m = cs$(name);
  return [null, shown, m.gender, m.id, CS_ORG, m.org || m.header || '', started, status, received];
};
const natRows: Cell[][] = [
  nat('张明远', '张明远', '2026-06-12 14:00:12', '已接收', '2026-07-08 10:11:12'),
  nat('陈晓明', '陳曉明', '2026-06-12 14:02:40', '已接收', '2026-07-15 09:00:00'),
  // Typed with an ideographic space inside the name.
  nat('欧阳娜', '欧阳\u3000娜', '2026-06-12 14:05:01', '已报到', '2026-07-20 11:30:00'),
  // Returned, then redone and received: completed.
  nat('林浩宇', '林浩宇', '2026-06-12 14:10:33', '退回', '2026-07-03 16:00:00'),
  nat('林浩宇', '林浩宇', '2026-07-04 09:12:00', '已接收', '2026-07-20 10:00:00'),
  // Received and returned on the same day: the two disagree (信息不符).
  nat('徐静怡', '徐静怡', '2026-06-12 14:12:00', '已接收', '2026-07-10 09:00:00'),
  nat('徐静怡', '徐静怡', '2026-06-12 14:12:00', '退回', '2026-07-10 15:00:00'),
  nat('唐一凡', '唐一凡', '2026-06-12 14:20:00', '处理中请稍候', ''),
  nat('许安琪', '许安琪', '2026-06-12 14:21:00', '不予接收', ''),
  nat('邓嘉豪', '邓嘉豪', '2026-06-12 14:22:00', '待接收', ''),
  nat('傅晓东', '傅晓东', '2026-06-15 10:00:00', '待审批', ''),
];
natRows.forEach((r, i) => { r[0] = i + 1; });
const natSheet: Sheet = {
  name: 'Sheet1',
  merges: ['A1:I1', 'A2:I2', 'A3:I3', `A${natRows.length + 5}:I${natRows.length + 5}`],
  rows: [
    ['全国党员管理信息系统'],
    ['组织关系转接 — 转出业务查询'],
    ['查询条件：转出党组织＝中共某某大学计算机学院委员会；发起时间 2026-06-01 至 2026-09-02'],
    NAT_HEADER, ...natRows, [`共 ${natRows.length} 条记录`],
  ],
};

/** A typed register of paper third copies (回执联): 是否收回 says whether it came back. */
const REG_HEADER = ['序号', '姓名', '学号', '介绍信编号', '接收单位', '开具日期', '回执收回日期', '是否收回', '备注'];
const regRow = (shown: string, sid: string, letterNo: string, unit: string, issued: Cell, back: Cell, state: string, note = ''): Cell[] => [null, shown, sid, letterNo, unit, issued, back, state, note];
const regRows: Cell[][] = [
  regRow('买买提．艾力', cs$('买买提·艾力').sid, '2026031', OFFNET.army.org, '2026.6.12', '2026.7.30', '已收回', '第三联原件已存档'),
  regRow('黄诗雨', cs$('黄诗雨').sid, '2026032', OFFNET.bank.org, '2026.6.12', null, '未收回', '已电话催办'),
  regRow('钱思远', cs$('钱思远').sid, '2026034', OFFNET.ministry.org, '2026.6.12', '2026年8月28日', '已收回', '先收到照片，原件后补'),
  regRow('赵无名', '2022089999', '2026099', '中国人民解放军某部某连党支部', '2026.6.12', '2026.7.1', '已收回', '非本院登记学生？待核'),
];
regRows.forEach((r, i) => { r[0] = i + 1; });
const regSheet: Sheet = {
  name: '回执登记', merges: ['A1:I1'], boldRows: [2],
  rows: [['计算机学院2026届毕业生党员纸质介绍信回执登记簿'], REG_HEADER, ...regRows, [], [null, '登记人：王老师　　核对人：李老师']],
};

/** A register with no status column at all: every row is a receipt that came back. */
const bare = (name: string, shown: string, date: string): Cell[] => { const m = cs$(name); return [shown, m.id, m.org, date, '王老师']; };
const bareSheet: Sheet = {
  name: 'rcpt-paper-nostatus', merges: [],
  rows: [['纸质介绍信回执（第三联）收回登记'], ['姓名', '身份证号', '接收党组织', '回执日期', '经办人'], bare('谢天佑', '谢天佑', '2026/8/25'), bare('白雪', '白 雪', '2026/7/18'), [], ['合计：2份']],
};

// ------------------------------------------------------------------ write

const registrations = [cs, csStandard, chem, em, fl, ls];
const layouts = ['reg-cs-openpyxl.xlsx', 'reg-cs-standard.xlsx', 'reg-chem-libreoffice.xls', 'reg-em-libreoffice.ods', 'reg-fl-excel-gbk.csv', 'reg-ls-web-gbk.xls'];
writeOpenpyxl(join(OUT, layouts[0]!), cs.sheets);
writeOpenpyxl(join(OUT, layouts[1]!), csStandard.sheets);
writeLibreOffice(join(OUT, layouts[2]!), chem.sheets, 'xls');
writeLibreOffice(join(OUT, layouts[3]!), em.sheets, 'ods');
writeCsvGbk(join(OUT, layouts[4]!), fl.sheets[0]!);
writeHtmlGbk(join(OUT, layouts[5]!), ls.sheets[0]!, '毕业生党员组织关系转接登记');

const receipts = {
  'rcpt-exianfeng.xlsx': 'openpyxl: a 党员E先锋 组织关系转接 query export',
  'rcpt-national-gbk.xls': 'HTML table in GBK named .xls: a 全国党员管理信息系统 export with title lines',
  'rcpt-paper-register.xls': 'LibreOffice .xls: a typed register of paper third copies with 是否收回',
  'rcpt-paper-nostatus.csv': 'GBK CSV: a typed register of returned third copies, no status column',
};
writeOpenpyxl(join(OUT, 'rcpt-exianfeng.xlsx'), [exfSheet]);
writeHtmlGbk(join(OUT, 'rcpt-national-gbk.xls'), natSheet, '组织关系转接查询');
writeLibreOffice(join(OUT, 'rcpt-paper-register.xls'), [regSheet], 'xls');
writeCsvGbk(join(OUT, 'rcpt-paper-nostatus.csv'), bareSheet);

const expect: Record<string, Record<string, string>> = Object.fromEntries(AS_OF.map((d) => [d, {}]));
for (const m of CS) for (const [d, s] of Object.entries(m.expect ?? {})) expect[d]![m.sid] = s;

const key = {
  about: 'Answer key for test/corpus.test.ts, written by scripts/make-corpus.ts. Rows are sheet rows as Excel shows them; fields are the keys of shared/fields.ts.',
  today: '2026-06-10',
  registrations: Object.fromEntries(layouts.map((f, i) => [f, registrations[i]!.key])),
  reconcile: {
    cohort: 2026,
    registrations: ['reg-cs-openpyxl.xlsx'],
    /** The same members in the standard layout: isolates receipt reading from registration reading. */
    standardRegistrations: ['reg-cs-standard.xlsx'],
    receipts,
    /** 学号 → status; 'notCompleted' means any status but completed (an unrecognised or refusing status word). */
    expect,
    orphans: ['赵无名'],
  },
};
// Indented JSON with arrays of plain values (pairs, row lists) kept on one line.
const json = JSON.stringify(key, null, 2).replace(/\[\s*([^\[\]{}]*?)\s*\]/g, (_m, inner: string) => `[${inner.replace(/\s*\n\s*/g, ' ')}]`);
writeFileSync(join(OUT, 'key.json'), `${json}\n`);

/**
 * Self-check of the member lists against today's rules: each college's members, written in the
 * standard layout and spellings (which the reader is known to handle), must show exactly the
 * planted errors and no error elsewhere. A disagreement is a wrong key, not a reading problem.
 */
function selfCheck(): string[] {
  const problems: string[] = [];
  const lists: [string, ReturnType<typeof person>[]][] = [['cs', CS], ['chem', CHEM], ['em', EM], ['fl', FL], ['ls', LS]];
  for (const [label, members] of lists) {
    const std = buildRegistration({
      file: `${label}.xlsx`, producer: '', sheetName: '登记表', college: '某学院党委', branch: '某学院党支部', title: ['标题'],
      columns: REGISTRATION_FIELDS.map((f) => col(f.header, f.key)), dialect: STANDARD, members, footers: [],
    });
    const path = join(TMP, `selfcheck-${label}.xlsx`);
    writeOpenpyxl(path, std.sheets);
    const r = validateFile(path, { settings: defaultRuleSettings(), today: key.today });
    const errorsAt = (row: number) => r.findings.filter((f) => f.row === row && f.severity === 'error');
    for (const [row, field] of std.key.errors) if (!errorsAt(row).some((f) => f.field === field)) problems.push(`${label} 第${row}行 ${field}: planted error not found`);
    for (const [row, field] of std.key.findings) if (!r.findings.some((f) => f.row === row && f.field === field)) problems.push(`${label} 第${row}行 ${field}: planted finding not found`);
    for (const row of std.key.clean) for (const f of errorsAt(row)) problems.push(`${label} 第${row}行 correct row has ${f.field}:${f.code}`);
    if (r.rowCount !== members.length) problems.push(`${label}: ${r.rowCount} rows read, ${members.length} members`);
  }
  return problems;
}
const problems = selfCheck();
rmSync(TMP, { recursive: true, force: true });
if (problems.length) {
  console.error(`The answer key disagrees with the rules:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`corpus written to ${OUT}; every member list checked in the standard layout`);

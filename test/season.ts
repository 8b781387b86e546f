/**
 * A season of issue 18 (4 colleges, 40 members, cohort 2026) as a 组织部 meets it, with
 * the ordinary mistakes people make: one member in two colleges' sheets, an ID typed with
 * a wrong check digit, another with two digits swapped, a paper letter whose validity is
 * 「3个月」, a receipts export of next year's cohort, and receipt mails from an unregistered
 * student and from someone who wrote no 学号. Workbooks are written by openpyxl.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter } from '../shared/idNumber.js';
import type { JobConfigInput } from '../shared/config.js';
import { tempDir } from './helpers.js';

const PY = `import json, sys, openpyxl
spec = json.load(sys.stdin)
for f in spec:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f['sheet']
    for row in f['rows']:
        ws.append(row)
    for col in ws.iter_cols():
        for c in col:
            if isinstance(c.value, str) and c.value.isdigit():
                c.number_format = '@'
    wb.save(f['file'])
`;

/** Why the season cannot be built here, or null. */
export const openpyxlMissing: string | null = (() => {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'python3-openpyxl 未安装（apt-get install python3-openpyxl）';
})();

function writeBooks(books: { file: string; sheet: string; rows: (string | number | null)[][] }[]): void {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(books), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl: ${r.stderr}`);
}

export const COHORT = 2026;

interface Person {
  name: string;
  gender: '男' | '女';
  type: '京内' | '京外';
  org: string;
  header?: string;
  code?: string;
  destination?: string;
  paper?: { valid: string };
  /** Where and when the member's receipt comes back. */
  receipt?: { source: 'e' | 'national' | 'paper'; date: string; status?: string };
}

const NAMES = [
  '张明远', '李思雨', '王浩然', '陈静怡', '刘子涵', '赵雅琪', '孙博文', '周欣然', '吴俊杰', '郑宇航',
  '冯晓雯', '蒋天佑', '韩雪', '曹雨桐', '何嘉欣', '许文博', '沈佳琪', '彭志强', '欧阳雪', '马骁',
  '杨柳青', '朱一鸣', '胡静', '郭晨阳', '林婉清', '罗子豪', '梁思琪', '宋景行', '唐若溪', '董浩宇',
  '萧雨萌', '程立', '袁梦瑶', '邓凯文', '傅晓', '沈睿', '曾嘉怡', '彭博', '吕一凡', '苏晴',
];

/** Ten people per college: what they wrote and what comes back, through the season. */
function people(c: number): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < 10; i++) {
    const name = NAMES[c * 10 + i]!;
    const gender = i % 2 ? '女' : '男';
    const p: Person = { name, gender, type: '京外', org: `中共某某市第${c + 1}${i}区委员会`, header: `中共某某市第${c + 1}${i}区委组织部` };
    // Receipts landing through the season; some never come.
    const k = (c * 10 + i) % 10;
    if (k < 6) p.receipt = { source: k % 3 === 0 ? 'e' : k % 3 === 1 ? 'national' : 'paper', date: ['2026-06-20', '2026-07-02', '2026-07-28', '2026-08-20', '2026-09-10', '2026-11-30'][k]! };
    if (p.receipt?.source === 'e') Object.assign(p, { type: '京内', org: `中共北京某某公司第${c + 1}${i}支部委员会`, header: undefined, code: `0111002${c}${i}152` });
    out.push(p);
  }
  return out;
}

export interface Season {
  dir: string;
  file: string;
  /** The member registered twice, the members whose ID was mistyped, the letters, by role. */
  roles: { repeated: string; checkDigit: string; swapped: string; expiredLetter: string; unreadLetter: string; undecided: string; mailed: string };
  colleges: { name: string; email: string }[];
  /** Every distinct member's name. */
  names: string[];
}

const COLLEGES = [
  { name: '计算机学院', code: '0831', email: 'jsj-dangwei@example.edu.cn', secretary: '王老师' },
  { name: '机械工程学院', code: '0802', email: 'jx-dangwei@example.edu.cn', secretary: '李老师' },
  { name: '经济管理学院', code: '0202', email: 'jg-dangwei@example.edu.cn', secretary: '陈老师' },
  { name: '外国语学院', code: '0501', email: 'wgy-dangwei@example.edu.cn', secretary: '赵老师' },
];

const idOf = (c: number, i: number, gender: '男' | '女', year = 2004) => {
  const seq = 100 + c * 20 + i * 2 + (gender === '男' ? 1 : 0);
  const first17 = `110108${year}${String((i % 12) + 1).padStart(2, '0')}${String(10 + c * 3 + i).padStart(2, '0')}${seq}`;
  return first17 + checkCharacter(first17);
};

const RECEIPTS: NonNullable<JobConfigInput['receipts']> = ['input/党员E先锋-转接记录导出.xlsx', 'input/全国组织关系转接系统-回执.xlsx', { path: 'input/纸质回执登记.xlsx', kind: 'paperRegister' }];
export const WRONG_EXPORT = '党员E先锋-转接记录导出(2027届).xlsx';

/** Someone drops next year's export among the receipts (true), or takes it out again (false). */
export function wrongExport(s: Season, present: boolean): void {
  const config = JSON.parse(readFileSync(s.file, 'utf8')) as JobConfigInput;
  config.receipts = present ? [...RECEIPTS, `input/${WRONG_EXPORT}`] : RECEIPTS;
  writeFileSync(s.file, JSON.stringify(config, null, 2));
}

export const REG_HEADER = ['序号', '学院', '所在党支部', '姓名', '性别', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期（天）', '党费交至', '联系电话'];

export function buildSeason(opts: { smtpPort?: number; mailbox?: JobConfigInput['mailbox'] } = {}): Season {
  const { mailbox, smtpPort } = opts;
  const dir = tempDir('zhuanjie-season-');
  const input = join(dir, 'input');
  mkdirSync(input);
  const e: (string | number | null)[][] = [['姓名', '身份证号码', '学号', '接收党组织', '报到日期', '状态']];
  const national: (string | number | null)[][] = [['姓名', '公民身份号码', '所往基层党委', '接收日期', '转接状态', '来源']];
  const paper: (string | number | null)[][] = [['序号', '姓名', '学号', '接收党组织', '回执日期', '来源']];
  const regs: { file: string; sheet: string; rows: (string | number | null)[][] }[] = [];
  const roles = { repeated: '', checkDigit: '', swapped: '', expiredLetter: '', unreadLetter: '', undecided: '', mailed: '' };
  let repeatedRow: (string | number | null)[] = [];
  COLLEGES.forEach((col, c) => {
    const rows: (string | number | null)[][] = [[`${COHORT}届毕业生党员组织关系介绍信登记表`], REG_HEADER];
    people(c).forEach((p, i) => {
      const studentId = `2022${col.code}${String(i + 1).padStart(2, '0')}`;
      const id = idOf(c, i, p.gender);
      let registeredId = id;
      // The faults, one per role.
      if (c === 1 && i === 1) {
        // A wrong check digit; the national system's receipt (已接收 07-02) has the valid number.
        roles.checkDigit = p.name;
        registeredId = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
        p.receipt = { source: 'national', date: '2026-07-02' };
      }
      if (c === 2 && i === 3) {
        // Two neighbouring digits swapped (the day of birth), a national receipt on 08-10.
        roles.swapped = p.name;
        registeredId = id.slice(0, 12) + id[13] + id[12] + id.slice(14);
        p.receipt = { source: 'national', date: '2026-08-10' };
      }
      if (c === 0 && i === 8) {
        // A paper letter valid 30 days from 06-12, no receipt ever: 介绍信过期, then 超期未落实 and still a new letter needed.
        roles.expiredLetter = p.name;
        Object.assign(p, { paper: { valid: '30' }, org: '中国人民解放军某部某营党委', header: '中国人民解放军某部政治工作部', receipt: undefined });
      }
      if (c === 3 && i === 7) {
        roles.unreadLetter = p.name;
        Object.assign(p, { paper: { valid: '3个月' }, org: '中国人民解放军某部某连党委', header: '中国人民解放军某部政治工作部', receipt: undefined });
      }
      if (c === 2 && i === 9) {
        roles.undecided = p.name;
        Object.assign(p, { destination: '升学', type: '京内', org: '待开学后确定', header: undefined, code: undefined, receipt: undefined });
      }
      if (c === 3 && i === 4) {
        // Receipt by mail only (a photo on 07-20).
        roles.mailed = p.name;
        p.receipt = undefined;
      }
      const row = [
        i + 1, `${col.name}党委`, `${col.name}2022级本科生党支部`, p.name, p.gender, studentId, registeredId, '正式党员', '2024年5月', p.type,
        p.paper ? '纸质介绍信' : '线上', p.header ?? '', p.org, p.code ?? '', p.destination ?? '就业', p.paper ? '某部队' : '某某单位',
        p.paper ? `2026${c}${i}` : '', '2026-06-12', p.paper ? p.paper.valid : '', '2026-06', `139${String(10000000 + c * 1000 + i * 37)}`,
      ];
      rows.push(row);
      if (c === 0 && i === 7) {
        roles.repeated = p.name;
        repeatedRow = row;
      }
      const r = p.receipt;
      if (!r) return;
      if (r.source === 'e') e.push([p.name, id, studentId, p.org, r.date, r.status ?? '已报到']);
      else if (r.source === 'national') national.push([p.name, id, p.org, r.date.replace(/-/g, '/'), r.status ?? '已接收', '全国组织关系转接系统']);
      else paper.push([paper.length, p.name, studentId, p.org, r.date, '纸质回执（第三联）']);
    });
    if (c === 3) rows.push([11, ...repeatedRow.slice(1).map((v, k) => (k === 0 ? `${col.name}党委` : k === 1 ? `${col.name}2022级本科生党支部` : v))]);
    regs.push({ file: join(input, `${col.name}-登记表.xlsx`), sheet: '登记表', rows });
  });
  // Next year's cohort exported by mistake: nobody in it is ours.
  const nextYear: (string | number | null)[][] = [['姓名', '身份证号码', '学号', '接收党组织', '报到日期', '状态']];
  for (let k = 0; k < 6; k++) nextYear.push([`下届${'甲乙丙丁戊己'[k]}同学`, idOf(5, k, '男', 2005), `2023${COLLEGES[k % 4]!.code}${String(k + 1).padStart(2, '0')}`, '中共某某市某某区委员会', `2027-07-${String(k + 10).padStart(2, '0')}`, '已报到']);
  writeBooks([
    ...regs,
    { file: join(input, '党员E先锋-转接记录导出.xlsx'), sheet: '转接记录', rows: e },
    { file: join(input, '全国组织关系转接系统-回执.xlsx'), sheet: '回执', rows: national },
    { file: join(input, '纸质回执登记.xlsx'), sheet: '回执登记', rows: paper },
    { file: join(input, '党员E先锋-转接记录导出(2027届).xlsx'), sheet: '转接记录', rows: nextYear },
  ]);
  const config: JobConfigInput = {
    cohort: COHORT,
    registrations: COLLEGES.map((c) => `input/${c.name}-登记表.xlsx`),
    receipts: RECEIPTS,
    colleges: COLLEGES.map((c) => ({ name: c.name, aliases: [`${c.name}党委`], secretary: { name: c.secretary, email: c.email } })),
    orgDept: { name: '党委组织部', email: 'zuzhibu@example.edu.cn', phone: '010-12345678' },
    from: '党委组织部 <zuzhibu@example.edu.cn>',
    reminders: { leadDays: [14, 7, 1, 0], sendTime: '08:30' },
    mail: smtpPort ? { transport: 'smtp', host: '127.0.0.1', port: smtpPort, secure: false, attempts: 2, backoffMs: 20, timeoutMs: 5000 } : { transport: 'outbox', dir: 'outbox' },
    stateDir: 'state',
    reportDir: 'reports',
    ...(mailbox ? { mailbox } : {}),
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, file, roles, colleges: COLLEGES.map((c) => ({ name: c.name, email: c.email })), names: NAMES };
}


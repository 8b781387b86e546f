/**
 * Reading that generalises (issue 19): the same six members written every way colleges'
 * workbooks differ (scripts/readingFixtures.ts, by openpyxl and LibreOffice) give the
 * findings of the standard sheet, and the same statuses in reconcile; no member is
 * dropped without a line saying so.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { membersOf, readReceiptFile, validateWorkbook, type FileValidation } from '../jobs/lib/read/load.js';
import { reconcile } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { statusWords } from '../shared/receipts.js';
import { cliAsync as runCli, OWN_FIXTURES } from './helpers.js';

const DIR = join(OWN_FIXTURES, 'reading');
const settings = defaultRuleSettings();
const TODAY = '2026-06-20';
const read = (file: string) => validateWorkbook(join(DIR, file), { settings, today: TODAY });

/** Each member's findings, by 学号: the same members on any sheet, in any row. */
function byMember(sheets: readonly FileValidation[]): string[] {
  const out: string[] = [];
  for (const v of sheets) {
    const sid = new Map(v.records.map((r) => [r.row, r.studentId]));
    for (const f of v.findings) if (sid.has(f.row)) out.push(`${sid.get(f.row)}:${f.field}:${f.code}`);
  }
  return out.sort();
}

const standard = read('standard.xlsx');

describe('the standard sheet', () => {
  it('has its six members and their three findings (a text code one digit short is not given a restored 0)', () => {
    expect(standard[0]!.rowCount).toBe(6);
    expect(byMember(standard)).toEqual([
      '2024110201:method:PAPER_ON_NETWORK',
      '2024110202:orgCode:ORG_CODE_FORMAT',
      '2024110203:probationForm:PROBATION_FORM_MISSING',
    ]);
  });
});

describe('the same members written otherwise give the same findings', () => {
  it.each([
    ['one sheet per 党支部 (openpyxl)', 'multi-sheet.xlsx'],
    ['one sheet per 党支部, hidden sheets (LibreOffice .ods)', 'multi-sheet.ods'],
    ['the 1904 date system (openpyxl CALENDAR_MAC_1904)', 'date1904.xlsx'],
    ['the 1904 date system (LibreOffice .xls, the BIFF flag)', 'date1904.xls'],
    ['the 1904 date system (LibreOffice .ods, null date 1904-01-01)', 'date1904.ods'],
    ['quote prefixes, tabs, zero-width and non-breaking spaces, full-width forms (CSV)', 'quirks.csv'],
    ['traditional characters in headers and values', 'traditional.xlsx'],
    ['a 填报单位 line, section headings and a 合计 row', 'nonmember-rows.xlsx'],
    ['an Excel Table with its totals row (openpyxl)', 'table-totals.xlsx'],
    ['an Excel Table with its totals row, computed by LibreOffice', 'table-totals-lo.xlsx'],
    ['dates in Chinese numerals', 'chinese-dates.xlsx'],
    ['headers that ask, 转正情况, 考察表 已提交, and headers read by their values', 'asking-headers.xlsx'],
  ])('%s', (_what, file) => {
    const sheets = read(file);
    expect(sheets.reduce((n, s) => n + s.rowCount, 0)).toBe(6);
    expect(byMember(sheets)).toEqual(byMember(standard));
    // Dates read in their own epoch: every member's dates are the standard sheet's.
    const dates = (vs: readonly FileValidation[]) => vs.flatMap((v) => v.records.map((r) => `${r.studentId}:${r.joinDate}:${r.issueDate}:${r.duesMonth}`)).sort();
    expect(dates(sheets)).toEqual(dates(standard));
  });
});

describe('no member is dropped without a line saying so', () => {
  it('every 党支部 sheet is read; the instruction sheet, the hidden option list and last year’s hidden sheet are named with why', () => {
    for (const file of ['multi-sheet.xlsx', 'multi-sheet.ods']) {
      const sheets = read(file);
      expect(sheets.map((s) => s.sheet)).toEqual(['本科生党支部', '研究生党支部']);
      expect(sheets[0]!.skippedSheets.map((s) => s.sheet)).toEqual(['填表说明', '选项', '2025届']);
      const why = Object.fromEntries(sheets[0]!.skippedSheets.map((s) => [s.sheet, s.reason]));
      expect(why['2025届']).toContain('隐藏');
      expect(why['2025届']).toContain('有登记表表头');
      expect(why['选项']).toContain('不是党员名单');
    }
  });

  it('reconcile takes the members of every sheet, each with its sheet in its origin', () => {
    const members = membersOf(read('multi-sheet.xlsx'), []);
    expect(members).toHaveLength(6);
    expect(members.map((m) => m.file)).toEqual([
      ...Array(3).fill('multi-sheet.xlsx「本科生党支部」'),
      ...Array(3).fill('multi-sheet.xlsx「研究生党支部」'),
    ]);
  });

  it('reconcile says which sheets that may hold members were not read (last year’s hidden sheet), in its output and JSON', async () => {
    const args = ['reconcile', '--registrations', join(DIR, 'multi-sheet.ods'), '--receipts', join(DIR, 'rcpt-words.xlsx'), '--as-of', '2026-08-25', '--cohort', '2026'];
    expect((await runCli(args)).stdout).toContain('未读取的工作表 multi-sheet.ods「2025届」：隐藏的工作表（有登记表表头）');
    const doc = JSON.parse((await runCli([...args, '--json'])).stdout) as { skippedSheets: { sheet: string }[]; summary: { total: number } };
    expect(doc.skippedSheets.map((k) => k.sheet)).toEqual(['2025届']);
    expect(doc.summary.total).toBe(6);
  });

  it('rows that are not members are listed with why: section headings, 合计 and a Table’s totals row', () => {
    expect(read('nonmember-rows.xlsx')[0]!.skippedRows).toEqual([
      { row: 4, reason: '分组标题行（「一、本科生党支部（3人）」）' },
      { row: 8, reason: '分组标题行（「二、研究生党支部（3人）」）' },
      { row: 12, reason: '表尾（「合计」）' },
    ]);
    expect(read('table-totals-lo.xlsx')[0]!.skippedRows).toEqual([{ row: 9, reason: '合计行（公式 SUBTOTAL）' }]);
    expect(read('table-totals.xlsx')[0]!.skippedRows).toEqual([{ row: 9, reason: '表尾（「汇总」）' }]);
  });

  it('the 填报单位 line above the header is not taken for a group title', () => {
    const h = read('nonmember-rows.xlsx')[0]!.header;
    expect(h.row).toBe(3);
    expect(h.decisions.every((d) => !d.header.includes('填报单位'))).toBe(true);
  });
});

describe('repeats across sheets and files are found like repeats within one', () => {
  it('the same members in two files: each later row names the first file and row', async () => {
    const r = await runCli(['validate', '--json', '--today', TODAY, join(DIR, 'standard.xlsx'), join(DIR, 'multi-sheet.xlsx')]);
    const doc = JSON.parse(r.stdout) as { files: { sheet: string; findings: { row: number; code: string; message: string }[] }[] };
    const later = doc.files.filter((f) => f.sheet !== '登记表').flatMap((f) => f.findings).filter((f) => f.code === 'STUDENT_ID_REPEATED_ELSEWHERE');
    expect(later).toHaveLength(6);
    expect(later[0]!.message).toBe('学号与standard.xlsx「登记表」第 3 行重复（同一人登记了两次），请核对。');
  });
});

describe('reconcile gives the same statuses whatever the workbook', () => {
  const statuses = (reg: string, rcpt: string) => {
    const receipts = readReceiptFile(join(DIR, rcpt));
    const result = reconcile({ members: membersOf(read(reg), []), receipts: receipts.records, receiptFiles: [receipts.info], asOf: '2026-08-25', cohort: 2026, settings });
    return result.members.map((m) => `${m.studentId}:${m.status}`).sort();
  };
  const expected = [
    '2022010101:completed', '2022010102:completed', '2022010103:unclear',
    '2024110201:failed',
    // 陈静's receipt is dated 2026-08-30, after the as-of date: read four years early (1904) it would count.
    '2024110202:pending', '2024110203:pending',
  ];
  it.each(['standard.xlsx', 'multi-sheet.ods', 'date1904.xls', 'quirks.csv', 'traditional.xlsx', 'asking-headers.xlsx'])('%s', (reg) => {
    expect(statuses(reg, 'rcpt-words.xlsx')).toEqual(expected);
    expect(statuses(reg, 'rcpt-1904.xlsx')).toEqual(expected);
  });
});

describe('receipt words', () => {
  it('columns --receipts lists every status word found with its decision, what was not understood first', async () => {
    expect(statusWords(readReceiptFile(join(DIR, 'rcpt-words.xlsx')).records).map((w) => `${w.word}:${w.state}`)).toEqual([
      '处理中请稍候:unknown', '已退回:failed', '审批中:open', '报到完成:landed', '党员报到成功:landed', '接收成功:landed',
    ]);
    const out = (await runCli(['columns', '--receipts', join(DIR, 'rcpt-words.xlsx')])).stdout;
    expect(out).toContain('「处理中请稍候」1 行 → 无法识别：不算完成，请人工查看');
    expect(out).toContain('「报到完成」1 行 → 算作已完成');
  });
});

describe('columns by their values', () => {
  it('explains 「按取值识别」 beside the headers that said nothing', async () => {
    const out = (await runCli(['columns', join(DIR, 'asking-headers.xlsx')])).stdout;
    expect(out).toMatch(/备查号\s+→ 「身份证号」（按取值识别：18 位身份证号（6\/6 个值））/);
    expect(out).toMatch(/类别\s+→ 「转接类型」（按取值识别：院内\/京内\/京外（6\/6 个值））/);
    expect(out).toMatch(/组织关系转往何处\s+→ 「接收党组织」/);
    expect(out).toMatch(/转正情况\s+→ 「党员类别」/);
  });
});

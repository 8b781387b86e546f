import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { templateLayout } from '../shared/template.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { columnLetter } from '../shared/table.js';
import * as XLSX from 'xlsx';
import { sampleWorkbooks } from '../jobs/demo/sample.js';
import { cli, OWN_FIXTURES, tempDir } from './helpers.js';

/** The demo's three colleges and three receipt exports (党员E先锋, 全国系统 .xls, 纸质回执登记), written afresh. */
function sample() {
  const { registrations, receipts } = sampleWorkbooks(tempDir());
  return { reg: registrations, rec: receipts };
}

describe('zhuanjie validate', () => {
  it('--help lists the commands in Chinese', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['validate', 'template', 'reconcile', 'run', 'schedule', 'demo']) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('校验登记表');
  });

  it('prints one line per finding and exits 1 when there are errors', () => {
    const r = cli(['validate', join(OWN_FIXTURES, 'lo_reg.xlsx'), '--today', '2026-06-20']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('第6行 学号（F列）：学号与第 4 行重复');
  });

  it('--json prints exactly one document with the contract fields', () => {
    const r = cli(['validate', join(OWN_FIXTURES, 'lo_reg.xlsx'), '--json', '--today', '2026-06-20']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['files']);
    const f = doc.files[0];
    expect(f).toMatchObject({ sheet: '登记表', headerRow: 2, rowCount: 5 });
    expect(Object.keys(f.findings[0]).sort()).toEqual(['code', 'column', 'field', 'message', 'row', 'severity']);
    expect(f.findings.find((x: { row: number; field: string }) => x.row === 7 && x.field === 'idNumber')).toMatchObject({ column: 'G', severity: 'error', code: 'ID_CHECK' });
  });

  it('exits 0 for a file with warnings only', () => {
    const dir = tempDir();
    const ws = XLSX.utils.aoa_to_sheet([
      ['学院', '所在党支部', '姓名', '学号', '身份证号', '党员类别', '转接类型', '办理方式', '接收党组织', '毕业去向', '党费交至', '联系电话', '性别'],
      ['计算机学院党委', '计算机学院第一党支部', '张明远', '2022083101', '110108200403151232', '正式党员', '京外', '线上', '中共长沙市岳麓区麓山街道工作委员会', '就业', '2026-06', '13912345678', '女'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    writeFileSync(join(dir, 'ok.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = cli(['validate', join(dir, 'ok.xlsx')]);
    expect(r.stdout).toContain('提醒 1 处');
    expect(r.code).toBe(0);
  });

  it.each([
    ['empty.xlsx', Buffer.alloc(0), '文件是空的'],
    ['random.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), ''],
    ['truncated.xlsx', Buffer.from('504b0304140000000800', 'hex'), '压缩包被截断'],
    ['notes.csv', Buffer.from('这不是登记表\n只是几行字\n'), '没有找到登记表表头'],
  ])('unreadable %s → exit 2, a Chinese message naming the file, no stack trace', (name, bytes, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, name), bytes);
    const r = cli(['validate', join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toMatch(/^错误：/);
    expect(r.stderr).toContain(text);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file and an unknown sheet are input errors', () => {
    expect(cli(['validate', '/nonexistent/登记表.xlsx']).code).toBe(2);
    const r = cli(['validate', join(OWN_FIXTURES, 'lo_reg.xlsx'), '--sheet', '不存在']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('登记表');
  });

  it('a config with a misspelt key is refused in Chinese', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ rules: { maxValidDayz: 60 } }));
    const r = cli(['validate', join(OWN_FIXTURES, 'lo_reg.xlsx'), '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('maxValidDayz');
  });
});

describe('zhuanjie template', () => {
  it('writes the shared layout: whole-column dropdowns and Text columns, each written once (read back by openpyxl)', () => {
    const dir = tempDir();
    const out = join(dir, '模板.xlsx');
    expect(cli(['template', '--out', out]).code).toBe(0);
    const layout = templateLayout(defaultRuleSettings());
    const py = `import openpyxl, json, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print(json.dumps({
  'header': [c.value for c in ws[2]],
  'fills': [c.fill.fgColor.rgb for c in ws[2]],
  'validations': [[str(v.sqref), v.formula1] for v in ws.data_validations.dataValidation],
  'textColumns': sorted(k for k, d in ws.column_dimensions.items() if d.number_format == '@'),
  'frozen': ws.freeze_panes,
}))`;
    const got = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, out], { encoding: 'utf8' }));
    expect(got.header).toEqual(layout.columns.map((c) => c.label));
    expect(got.header.slice(0, 4)).toEqual(['学院（必填）', '所在党支部（必填）', '姓名（必填）', '性别']);
    expect(got.fills).toEqual(layout.columns.map((c) => `FF${c.fill.slice(1)}`));
    // One validation per dropdown column, from row 3 to Excel's last row, never overlapping.
    expect(got.validations).toEqual(layout.columns.filter((c) => c.choices).map((c) => [c.body, `"${c.choices!.join(',')}"`]));
    expect(got.validations.find((v: string[]) => v[1] === '"院内,京内,京外"')[0]).toMatch(/^[A-Z]+3:[A-Z]+1048576$/);
    const text = layout.columns.map((c, i) => [c, columnLetter(i + 1)] as const).filter(([c]) => c.textFormat).map(([, l]) => l).sort();
    expect(got.textColumns).toEqual(text);
    expect(text).toHaveLength(4); // 学号, 身份证号, 组织编码, 联系电话
    expect(got.frozen).toBe('A3');
    const again = cli(['template', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
  });

  it('the template passes its own validation with no rows', () => {
    const dir = tempDir();
    cli(['template', '--out', join(dir, 't.xlsx')]);
    const r = cli(['validate', join(dir, 't.xlsx'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ headerRow: 2, rowCount: 0, findings: [] });
  });
});

describe('zhuanjie reconcile', () => {
  it('--json gives one document with every member, masked IDs and the orphans', () => {
    const { reg, rec } = sample();
    const r = cli(['reconcile', '--registrations', ...reg, '--receipts', ...rec, '--as-of', '2026-09-01', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ asOf: '2026-09-01', cohort: 2026 });
    expect(doc.members).toHaveLength(20);
    const byId = (id: string) => doc.members.find((m: { studentId: string }) => m.studentId === id);
    expect(byId('2022083103')).toMatchObject({ status: 'overdue', name: '王浩然', idNumber: '1101**********2432' });
    expect(byId('2022083109')).toMatchObject({ status: 'mismatch', name: '吴俊杰' });
    expect(doc.orphans.map((o: { name: string }) => o.name)).toEqual(['林海']);
    expect(r.stdout).not.toMatch(/110108\d{11}[\dX]/);
  });

  it('--out writes the report atomically, with text-only cells', () => {
    const dir = tempDir();
    const out = join(dir, 'report.xlsx');
    const { reg, rec } = sample();
    const r = cli(['reconcile', '--registrations', ...reg, '--receipts', ...rec, '--as-of', '2026-12-10', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames).toEqual(['未完成名单', '信息不符', '无对应登记的回执', '回执文件', '汇总']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['未完成名单']!, { header: 1 });
    expect(rows[1]).toContain('学号');
    expect(JSON.stringify(rows)).toContain('1101**********2432');
    expect(JSON.stringify(rows)).not.toMatch(/110108\d{11}[\dX]/);
  });

  it('--cohort defaults to the previous year before June', () => {
    const { reg, rec } = sample();
    const r = cli(['reconcile', '--registrations', ...reg, '--receipts', ...rec, '--as-of', '2027-03-01', '--json']);
    expect(JSON.parse(r.stdout).cohort).toBe(2026);
  });

  it('an unreadable receipt file exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.xlsx'), 'garbage');
    const r = cli(['reconcile', '--registrations', ...sample().reg, '--receipts', join(dir, 'r.xlsx')]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'report.xlsx'))).toBe(false);
  });
});

describe('npm run demo', () => {
  it('produces one message per college and a summary in the outbox', () => {
    const dir = tempDir();
    const r = cli(['demo', '--out', join(dir, 'demo')]);
    expect(r.code).toBe(0);
    const eml = readdirSync(join(dir, 'demo', 'outbox'));
    expect(eml).toHaveLength(4);
    expect(eml.some((f) => f.includes('全校汇总'))).toBe(true);
    expect(r.stdout).toContain('对账报告');
    // A second demo in the same folder starts afresh and sends again.
    expect(cli(['demo', '--out', join(dir, 'demo')]).code).toBe(0);
    expect(readdirSync(join(dir, 'demo', 'outbox'))).toHaveLength(4);
  });

  it('never empties a folder it did not make', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '工作总结.docx'), '重要文件');
    const r = cli(['demo', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('文件夹不是空的');
    expect(readdirSync(dir)).toEqual(['工作总结.docx']);
  });
});

describe('zhuanjie reconcile with a 回执 mailbox in the config', () => {
  it('counts the e-mailed receipts already read (seed 003), as run does, without fetching', () => {
    const dir = join(tempDir(), 'demo');
    expect(cli(['demo', '--out', dir]).code).toBe(0);
    const registrations = readdirSync(join(dir, 'input')).filter((f) => f.endsWith('登记表.xlsx')).map((f) => join(dir, 'input', f));
    const args = ['reconcile', '--registrations', ...registrations, '--receipts', join(dir, 'input', '党员E先锋-转接记录导出.xlsx'), '--as-of', '2026-08-25', '--json'];
    const completed = (r: { stdout: string }) => JSON.parse(r.stdout).members.filter((m: { status: string }) => m.status === 'completed').length;
    const withoutMail = completed(cli(args));
    const withMail = completed(cli([...args, '--config', join(dir, 'config.json')]));
    // The demo's mailbox holds three matched receipt e-mails.
    expect(withMail - withoutMail).toBe(3);
  });
});

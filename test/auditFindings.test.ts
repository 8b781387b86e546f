/**
 * What only the 组织部 sees in the 6月10日 审核 (issue 21), and what a mailed attachment is:
 * in-process, on sheets written by SheetJS and messages parsed by mailparser.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { loadConfig } from '../jobs/lib/config.js';
import { SubmissionStore } from '../jobs/audit/store.js';
import { intakeFolders } from '../jobs/audit/intake.js';
import { auditColleges } from '../jobs/audit/audit.js';
import { attachmentKind, classifyMessage } from '../jobs/audit/mailIntake.js';
import { adviceOf } from '../shared/audit.js';
import { rawMail, JPEG } from './mailMessages.js';
import { tempDir } from './helpers.js';

const HOSTILE = join(import.meta.dirname, 'hostile');

function edit(file: string, change: (ws: XLSX.WorkSheet) => void): Buffer {
  const wb = XLSX.read(readFileSync(file));
  change(wb.Sheets[wb.SheetNames[0]!]!);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** Five colleges' sheets, each with what only the 组织部 can see. */
function season() {
  const dir = tempDir('zhuanjie-audit-findings-');
  const input = join(dir, 'input');
  mkdirSync(input);
  sampleWorkbooks(input);
  const reg = join(dir, '登记表');
  mkdirSync(reg);
  // 计算机学院 also lists a member of 机械工程学院 (row 13).
  writeFileSync(join(reg, '计算机学院-登记表.xlsx'), edit(join(input, '计算机学院-登记表.xlsx'), (ws) => {
    const src = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true })[3]!;
    const row = [...src];
    row[0] = 10;
    row[1] = '机械工程学院党委';
    row[3] = '高远航';
    row[6] = '2022080299';
    XLSX.utils.sheet_add_aoa(ws, [row], { origin: 'A13' });
  }));
  // 机械工程学院's row 4 carries the 学号 of 计算机学院's row 4.
  writeFileSync(join(reg, '机械工程学院-登记表.xlsx'), edit(join(input, '机械工程学院-登记表.xlsx'), (ws) => {
    ws['G4'] = { t: 's', v: '2022083101' };
  }));
  // 经济管理学院: the header, and nobody under it.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['2026届毕业生党员组织关系介绍信登记表'], ['学院', '姓名', '学号', '身份证号', '转接类型', '办理方式', '接收党组织']]), '登记表');
  writeFileSync(join(reg, '经济管理学院-登记表.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  // 外国语学院 sends a sheet with an opening password; 材料学院 a 党员E先锋 export instead of its sheet.
  copyFileSync(join(HOSTILE, 'encrypted.xlsx'), join(reg, '外国语学院-登记表.xlsx'));
  copyFileSync(join(input, '党员E先锋-转接记录导出.xlsx'), join(reg, '材料学院-登记表.xlsx'));
  const config = sampleConfig();
  config.colleges = [
    ...config.colleges!,
    { name: '外国语学院', secretary: { name: '赵老师', email: 'wgy-dangwei@example.edu.cn' } },
    { name: '材料学院', secretary: { name: '钱老师', email: 'cl-dangwei@example.edu.cn' } },
  ];
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, registrations: ['登记表/'], audit: {} }));
  const loaded = loadConfig(join(dir, 'config.json'));
  const store = new SubmissionStore(join(dir, 'state'));
  const intake = intakeFolders(loaded, store, { write: true, today: '2026-06-05' });
  return { audits: auditColleges(loaded, store, intake.all, { today: '2026-06-05' }), loaded, store, dir };
}

describe('the 组织部 audit (seed 001: 登记表审核无误后方可开具介绍信)', () => {
  const { audits } = season();
  const of = (college: string) => audits.find((a) => a.college === college)!;
  const codes = (college: string) => of(college).findings.map((f) => `${f.row}${f.column ?? ''}:${f.code}`);

  it('a 学号 in two colleges\' sheets is an error on the later one, naming the other college and row', () => {
    expect(codes('计算机学院')).not.toContain('4G:STUDENT_ID_REPEATED_ELSEWHERE');
    expect(codes('机械工程学院')).toContain('4G:STUDENT_ID_REPEATED_ELSEWHERE');
    expect(of('机械工程学院').findings.find((f) => f.code === 'STUDENT_ID_REPEATED_ELSEWHERE')!.message).toBe('学号与计算机学院报送的登记表第 4 行重复（同一人登记了两次），请核对。');
  });

  it('a row whose 学院 names another college is an error that says who must submit it', () => {
    const f = of('计算机学院').findings.find((x) => x.code === 'OTHER_COLLEGE')!;
    expect([f.row, f.column]).toEqual([13, 'B']);
    expect(f.message).toBe('本行学院是「机械工程学院党委」（机械工程学院），不是计算机学院。请删除本行，由机械工程学院自己报送；如确属本学院，请改正学院名称。');
  });

  it('a sheet with nobody in it needs fixing; an encrypted file and a receipts export are that college\'s findings, with the reason', () => {
    expect(of('经济管理学院')).toMatchObject({ status: 'needsFixing', members: 0 });
    expect(codes('经济管理学院')).toContain('2:NO_MEMBERS');
    expect(of('外国语学院')).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('文件已加密') });
    expect(of('材料学院')).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('这像是回执导出') });
  });

  it('counts the members ready for their letters (no 错误 on their row) and those blocked', () => {
    expect(of('计算机学院')).toMatchObject({ members: 10, blocked: 1, ready: 9 });
    expect(of('机械工程学院')).toMatchObject({ members: 6, blocked: 1, ready: 5 });
  });

  it('splits a message into the problem and the fix at the first 「请」', () => {
    expect(adviceOf('必填项为空，请填写。')).toEqual({ problem: '必填项为空。', fix: '请填写。' });
    expect(adviceOf('姓名应为 2–30 个汉字或字母。')).toEqual({ problem: '姓名应为 2–30 个汉字或字母。', fix: '按上述要求改正后重新报送。' });
  });
});

describe('what an attachment is, by its bytes (never its name)', () => {
  const dir = join(import.meta.dirname, 'fixtures');
  it.each([
    ['lo_reg.xlsx', 'spreadsheet'], ['lo_reg.xls', 'spreadsheet'], ['lo_reg.ods', 'spreadsheet'], ['reg_gbk_semicolon.csv', 'spreadsheet'],
    ['corpus/reg-ls-web-gbk.xls', 'spreadsheet'],
  ])('%s is a %s', (f, kind) => expect(attachmentKind(readFileSync(join(dir, f)))).toBe(kind));
  it('a photo, an encrypted Office file and random bytes', () => {
    expect(attachmentKind(JPEG)).toBe('image');
    expect(attachmentKind(readFileSync(join(HOSTILE, 'encrypted.xlsx')))).toBe('encrypted');
    expect(attachmentKind(readFileSync(join(HOSTILE, 'random.xlsx')))).toBe('other');
  });
});

describe('mail from a college address', () => {
  const { loaded, store } = season();
  const sheet = readFileSync(join(import.meta.dirname, 'fixtures', 'lo_reg.xlsx'));
  const classify = async (from: string, attachments: { filename: string; content: Buffer }[]) => {
    const parsed = await simpleParser(rawMail({ from, subject: '登记表', text: '请审核。', attachments }));
    return classifyMessage(parsed, { from: /<(.+)>/.exec(from)![1]!, fromText: from, subject: '登记表', messageId: '<x@y>', when: new Date('2026-06-04T01:00:00Z') }, loaded.config, store, 20 * 1024 * 1024);
  };

  it('a second spreadsheet in the same message is listed for a person, not used', async () => {
    const c = await classify('王老师 <jsj-dangwei@example.edu.cn>', [{ filename: '登记表.xlsx', content: sheet }, { filename: '登记表（另一版）.xls', content: readFileSync(join(import.meta.dirname, 'fixtures', 'lo_reg.xls')) }]);
    expect(c.entry!.submissions!.map((s) => [s.college, s.name])).toEqual([['计算机学院', '登记表.xlsx']]);
    expect(c.entry!.unassigned).toEqual([{ name: '登记表（另一版）.xls', reason: expect.stringContaining('第 2 个表格，未使用') }]);
  });

  it('an attachment named for another college is listed, not given to the sender\'s college', async () => {
    const c = await classify('王老师 <jsj-dangwei@example.edu.cn>', [{ filename: '机械工程学院-登记表.xlsx', content: sheet }]);
    expect(c.entry!.submissions).toEqual([]);
    expect(c.entry!.unassigned![0]!.reason).toContain('附件名是机械工程学院的');
  });

  it('a Word file or a photo instead of the sheet is listed with what it is; 200 attachments are looked at up to a bound', async () => {
    const docx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('word/document.xml'), Buffer.alloc(64)]);
    const w = await classify('王老师 <jsj-dangwei@example.edu.cn>', [{ filename: '登记表.docx', content: docx }, { filename: 'IMG_1.jpg', content: JPEG }]);
    expect(w.entry!.unassigned![0]!.reason).toBe('计算机学院发来的附件不是登记表：「登记表.docx」是Word 文档，「IMG_1.jpg」是图片（登记表应为 Excel 表格）');
    const many = await classify('王老师 <jsj-dangwei@example.edu.cn>', Array.from({ length: 200 }, (_, i) => ({ filename: `表${i}.xlsx`, content: sheet })));
    expect(many.entry!.submissions).toHaveLength(1);
    expect(many.entry!.unassigned!.at(-1)!.reason).toContain('超过 20 个');
  });
});

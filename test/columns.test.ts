/** `zhuanjie columns`, `validate --explain/--map`, `reconcile --paper-register/--map`: every mapping explained and correctable. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cli, tempDir } from './helpers.js';

/** A college's own sheet: an instruction sheet first, a title and 填表单位 above a two-row header, seed wordings. */
function collegeWorkbook(dir: string): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['填表说明'], ['1. 身份证号请设为文本格式'], ['2. 京内转接须填写党支部编码']]), '填表说明');
  const ws = XLSX.utils.aoa_to_sheet([
    ['党组织关系转出情况表'],
    ['填表单位：经济管理学院党委'],
    ['学院名称', '所在党支部', '姓名', 'XH', '身份证号（文本格式）', '政治面貌', '转接类型', '办理方式', '介绍信信息', '', '具体接收的党支部名称', '党支部编码', '毕业去向', '党费交至（年月）', '联系电话（必填）'],
    ['', '', '', '', '', '', '', '', '组织关系介绍信抬头', '编号', '', '', '', '', ''],
    ['经济管理学院党委', '经管2022级第二党支部', '何嘉欣', '2022020201', '110108200403151224', '中共党员', '北京市外', '网上', '/', '/', '中共广州市天河区猎德街道工作委员会', '/', '就业', '2026年06月', '13911112222'],
    ['经济管理学院党委', '经管2022级第二党支部', '许文博', '2022020201', '110108200402021030', '中共党员', '市内转接', '党员E先锋', '—', '—', '中共北京某某银行某支行支部委员会', '011100455120', '就业', '2026.6', '+86 139 2222 3333'],
    ['填表人：王老师', '', '审核人：李书记', '', '', '', '', '', '', '', '', '', '', '', ''],
  ]);
  ws['!merges'] = [{ s: { r: 2, c: 8 }, e: { r: 2, c: 9 } }];
  XLSX.utils.book_append_sheet(wb, ws, '2026届');
  const file = join(dir, '经管学院-登记表.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return file;
}

describe('zhuanjie columns', () => {
  const dir = tempDir();
  const file = collegeWorkbook(dir);

  it('skips the instruction sheet by score, reads the two-row header, and explains each column', () => {
    const r = cli(['columns', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('工作表「2026届」，表头在第 3–4 行');
    expect(r.stdout).toMatch(/I\s+介绍信信息\/组织关系介绍信抬头\s+→ 「介绍信抬头」（与「组织关系介绍信抬头」完全一致）/);
    expect(r.stdout).toMatch(/J\s+介绍信信息\/编号\s+→ 「介绍信编号」/);
    expect(r.stdout).toMatch(/F\s+政治面貌\s+→ 「党员类别」/);
    expect(r.stdout).toMatch(/D\s+XH\s+→ 未识别，校验时忽略/);
    expect(r.stdout).toContain('缺少必填列：「学号」');
  });

  it('--json carries the same mapping', () => {
    const doc = JSON.parse(cli(['columns', file, '--json']).stdout);
    expect(doc.files[0].missingColumns).toEqual(['studentId']);
    expect(doc.files[0].columns.find((c: { column: string }) => c.column === 'K')).toMatchObject({ field: 'receivingOrg', reason: 'normalised', term: '具体接收的党支部' });
  });

  it('--map corrects a column, and validate then checks it: the repeated 学号 is found', () => {
    const before = cli(['validate', file, '--today', '2026-06-20']);
    expect(before.stdout).toContain('表中缺少必填列「学号」');
    const after = cli(['validate', file, '--today', '2026-06-20', '--map', 'XH=学号', '--explain']);
    expect(after.stdout).toContain('「学号」（按用户设置）');
    expect(after.stdout).toContain('第6行 学号（D列）：学号与第 5 行重复');
    expect(after.stdout).not.toContain('缺少必填列');
    // The footer is not a member, and the 「/」 and 「—」 marks on online rows raise nothing.
    expect(after.stdout).toContain('2 行数据');
    expect(after.stdout).toContain('第7行表尾（「填表人：王老师」）');
    expect(after.stdout.match(/\[错误\]/g)).toHaveLength(1);
  });

  it('a mapping naming an unknown field, or a header that is not there, is a clear Chinese error', () => {
    const unknown = cli(['validate', file, '--map', 'XH=学生号码']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('「XH」对应的「学生号码」不是已知字段');
    const absent = cli(['validate', file, '--map', 'XUEHAO=学号']);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('表头「xuehao」在表中不存在');
    expect(cli(['validate', file, '--map', 'XH']).stderr).toContain('应写成 表头=字段');
  });
});

describe('receipt registers in reconcile', () => {
  it('--paper-register counts every row as a receipt that came back; the config can say so per file', () => {
    const dir = tempDir();
    const reg = collegeWorkbook(dir);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名', '学号', '回执日期', '是否盖章'], ['何嘉欣', '2022020201', '2026-07-08', '是']]), '纸质回执');
    const register = join(dir, '纸质回执登记.xlsx');
    writeFileSync(register, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = cli(['reconcile', '--registrations', reg, '--paper-register', register, '--as-of', '2026-08-01', '--map', 'XH=学号', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.receiptFiles[0]).toMatchObject({ rule: 'declaredRegister', rows: 1 });
    // Both rows carry 学号 2022020201: the receipt's name decides which is consistent.
    expect(doc.members.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([['何嘉欣', 'completed'], ['许文博', 'mismatch']]);
  });
});

describe('a receipt export among the registrations', () => {
  it('is refused with what it looks like, not read as members of no college', () => {
    const dir = tempDir();
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([
      ['姓名', '身份证号', '转出组织', '转入组织', '申请时间', '办理状态'],
      ['何嘉欣', '110108200403151224', '经管2022级第二党支部', '中共广州市天河区猎德街道工作委员会', '2026-06-12', '党员转出成功'],
    ]), '转接记录');
    const file = join(dir, '党员E先锋-转接记录导出.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('这像是回执导出（有「申请时间」、「办理状态」等列');
  });
});

/**
 * Built-in sample data for `zhuanjie demo`: three colleges of cohort 2026 with a
 * realistic mix of outcomes, and receipts from 党员E先锋, the national system and
 * a paper-receipt register. Deterministic, so the demo prints the same every time.
 */
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { checkCharacter } from '../../shared/idNumber.js';
import { isoToSerial } from '../../shared/normalize.js';
import type { JobConfigInput } from '../../shared/config.js';
import { writeFileAtomic } from '../lib/files.js';

export const SAMPLE_AS_OF = '2026-08-25';
export const SAMPLE_COHORT = 2026;

interface SampleMember {
  name: string;
  gender: '男' | '女';
  type: '院内' | '京内' | '京外';
  method?: '线上' | '纸质介绍信';
  org: string;
  code?: string;
  header?: string;
  destination?: string;
  unit?: string;
  valid?: number;
  probation?: boolean;
  /** What comes back: a receipt source and status, its date, or nothing. */
  receipt?: { source: 'e' | 'national' | 'paper'; status?: string; date: string; name?: string };
}

const COLLEGES: { name: string; code: string; branch: string; secretary: string; email: string; members: SampleMember[] }[] = [
  {
    name: '计算机学院', code: '0831', branch: '计算机学院2022级本科生第一党支部', secretary: '王老师', email: 'jsj-dangwei@example.edu.cn',
    members: [
      { name: '张明远', gender: '男', type: '京内', org: '中共北京某某科技有限公司研发中心第一支部委员会', code: '011100238152', receipt: { source: 'e', status: '已报到', date: '2026-07-10' } },
      { name: '李思雨', gender: '女', type: '京外', org: '中共深圳市南山区粤海街道工作委员会', header: '中共深圳市南山区委组织部', receipt: { source: 'national', status: '已接收', date: '2026-07-22' } },
      { name: '王浩然', gender: '男', type: '京外', org: '中共杭州市西湖区文新街道工作委员会', header: '中共杭州市西湖区委组织部' },
      { name: '陈静怡', gender: '女', type: '院内', org: '计算机学院2026级硕士研究生第一党支部', code: '011100104811', destination: '升学', unit: '本校计算机学院', receipt: { source: 'e', status: '已报到', date: '2026-06-20' } },
      { name: '刘子涵', gender: '男', type: '京外', method: '纸质介绍信', org: '中国人民解放军某部某营党委', header: '中国人民解放军某部政治工作部', unit: '某部队', valid: 30 },
      { name: '赵雅琪', gender: '女', type: '京外', org: '中共上海市浦东新区张江镇委员会', header: '中共上海市浦东新区委组织部', receipt: { source: 'national', status: '退回', date: '2026-07-30' } },
      { name: '孙博文', gender: '男', type: '京内', org: '中共北京某某大学研究生第三党支部', code: '011100016110', destination: '升学', unit: '北京某某大学', probation: true },
      { name: '周欣然', gender: '女', type: '京外', org: '', destination: '出国(境)', unit: '新加坡国立大学' },
      { name: '吴俊杰', gender: '男', type: '京外', org: '中共成都市武侯区人才服务中心委员会', header: '中共成都市武侯区委组织部', destination: '未落实', receipt: { source: 'national', status: '已接收', date: '2026-08-02', name: '吴俊' } },
    ],
  },
  {
    name: '机械工程学院', code: '0802', branch: '机械工程学院2022级本科生党支部', secretary: '李老师', email: 'jx-dangwei@example.edu.cn',
    members: [
      { name: '郑宇航', gender: '男', type: '京外', org: '中共长沙市岳麓区麓山街道工作委员会', header: '中共长沙市委组织部', receipt: { source: 'national', status: '已报到', date: '2026-07-18' } },
      { name: '冯晓雯', gender: '女', type: '京内', org: '中共北京某某汽车有限公司第二支部委员会', code: '011100377001' },
      { name: '蒋天佑', gender: '男', type: '京外', method: '纸质介绍信', org: '中国民用航空某某管理局机关党委', header: '中国民用航空局直属机关党委', unit: '民航某某管理局', valid: 90, receipt: { source: 'paper', date: '2026-08-12' } },
      { name: '韩雪', gender: '女', type: '京外', org: '中共西安市雁塔区电子城街道工作委员会', header: '中共西安市雁塔区委组织部' },
      { name: '买买提·艾力', gender: '男', type: '京外', org: '中共乌鲁木齐市天山区委员会', header: '中共乌鲁木齐市天山区委组织部', receipt: { source: 'national', status: '已接收', date: '2026-08-05' } },
      { name: '曹雨桐', gender: '女', type: '京外', method: '纸质介绍信', org: '中央某部委机关某司党支部', header: '中央和国家机关工委组织部', unit: '某部委', valid: 60 },
    ],
  },
  {
    name: '经济管理学院', code: '0202', branch: '经济管理学院2022级本科生第二党支部', secretary: '陈老师', email: 'jg-dangwei@example.edu.cn',
    members: [
      { name: '何嘉欣', gender: '女', type: '京外', org: '中共广州市天河区猎德街道工作委员会', header: '中共广州市天河区委组织部', receipt: { source: 'national', status: '已报到', date: '2026-07-08' } },
      { name: '许文博', gender: '男', type: '京内', org: '中共北京某某银行股份有限公司某支行支部委员会', code: '011100455120', receipt: { source: 'e', status: '已报到', date: '2026-07-25' } },
      { name: '沈佳琪', gender: '女', type: '京外', org: '中共南京市鼓楼区宁海路街道工作委员会', header: '中共南京市鼓楼区委组织部' },
      { name: '彭志强', gender: '男', type: '京外', org: '中共武汉市洪山区委员会', header: '中共武汉市洪山区委组织部', destination: '未落实' },
      { name: '欧阳雪', gender: '女', type: '京外', org: '中共重庆市渝中区解放碑街道工作委员会', header: '中共重庆市渝中区委组织部', receipt: { source: 'e', status: '已报到', date: '2026-09-03' } },
    ],
  },
];

/** A valid GB 11643 number for a sample person (Beijing 海淀 area code). */
function sampleId(birth: string, seq: number, gender: '男' | '女'): string {
  const s = seq * 2 + (gender === '男' ? 1 : 0);
  const first17 = `110108${birth.replace(/-/g, '')}${String(s % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const REG_HEADER = ['序号', '学院', '所在党支部', '姓名', '性别', '民族', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期（天）', '党费交至', '预备党员考察表', '联系电话', '备注'];

interface Built { file: string; rows: unknown[][] }

export function sampleWorkbooks(dir: string): { registrations: string[]; receipts: string[] } {
  const issue = isoToSerial('2026-06-12');
  const e: unknown[][] = [['姓名', '身份证号码', '学号', '接收党组织', '报到日期', '状态']];
  const national: unknown[][] = [['姓名', '公民身份号码', '所往基层党委', '接收日期', '转接状态', '来源']];
  const paper: unknown[][] = [['序号', '姓名', '学号', '接收党组织', '回执日期', '来源', '备注']];
  const regs: Built[] = [];
  let seq = 100;
  COLLEGES.forEach((c, ci) => {
    const rows: unknown[][] = [[`${SAMPLE_COHORT}届毕业生党员组织关系介绍信登记表`], [`填表单位：${c.name}党委`], REG_HEADER];
    c.members.forEach((m, i) => {
      seq += 7;
      const studentId = `2022${c.code}${String(i + 1).padStart(2, '0')}`;
      const birth = `2004-${String(((seq * 5) % 12) + 1).padStart(2, '0')}-${String(((seq * 3) % 27) + 1).padStart(2, '0')}`;
      const id = sampleId(birth, seq, m.gender);
      const paperLetter = m.method === '纸质介绍信';
      rows.push([
        i + 1, `${c.name}党委`, c.branch, m.name, m.gender, m.name.includes('·') ? '维吾尔族' : '汉族', studentId, id,
        m.probation ? '预备党员' : '正式党员', isoToSerial(m.probation ? '2025-11-20' : '2024-05-20'), m.type, m.method ?? '线上',
        m.header ?? '', m.org, m.code ?? '', m.destination ?? '就业', m.unit ?? '', paperLetter ? `2026${String(ci + 1)}${String(i + 1).padStart(2, '0')}` : '',
        issue, paperLetter ? m.valid ?? 90 : '', '2026年6月', m.probation ? '已提供' : '', `139${String(10000000 + seq * 131).slice(0, 8)}`, '',
      ]);
      const r = m.receipt;
      if (!r) return;
      const name = r.name ?? m.name;
      if (r.source === 'e') e.push([name, id, studentId, m.org, isoToSerial(r.date), r.status]);
      else if (r.source === 'national') national.push([name, id, m.org, r.date.replace(/-/g, '/'), r.status, '全国组织关系转接系统']);
      else paper.push([paper.length, name, studentId, m.org, r.date, '纸质回执（第三联）', '']);
    });
    regs.push({ file: join(dir, `${c.name}-登记表.xlsx`), rows });
  });
  // A receipt for somebody nobody registered: it shows up under 无对应登记的回执.
  national.push(['林海', sampleId('2003-03-03', 999, '男'), '中共某某市某某区委员会', '2026/07/15', '已接收', '全国组织关系转接系统']);

  const write = (file: string, sheet: string, rows: unknown[][], bookType: XLSX.BookType = 'xlsx') => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
    writeFileAtomic(file, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
    return file;
  };
  const registrations = regs.map((r) => write(r.file, '登记表', r.rows));
  const receipts = [
    write(join(dir, '党员E先锋-转接记录导出.xlsx'), '转接记录', e),
    write(join(dir, '全国组织关系转接系统-回执.xls'), '回执', national, 'biff8'),
    write(join(dir, '纸质回执登记.xlsx'), '回执登记', paper),
  ];
  return { registrations, receipts };
}

export function sampleConfig(): JobConfigInput {
  return {
    cohort: SAMPLE_COHORT,
    registrations: ['input/计算机学院-登记表.xlsx', 'input/机械工程学院-登记表.xlsx', 'input/经济管理学院-登记表.xlsx'],
    receipts: ['input/党员E先锋-转接记录导出.xlsx', 'input/全国组织关系转接系统-回执.xls', 'input/纸质回执登记.xlsx'],
    colleges: COLLEGES.map((c) => ({ name: c.name, aliases: [`${c.name}党委`], secretary: { name: c.secretary, email: c.email } })),
    orgDept: { name: '党委组织部', email: 'zuzhibu@example.edu.cn', phone: '010-12345678' },
    from: '党委组织部 <zuzhibu@example.edu.cn>',
    mail: { transport: 'outbox', dir: 'outbox' },
    stateDir: 'state',
    reportDir: 'reports',
  };
}

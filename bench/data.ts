/**
 * Deterministic bench inputs in the shape Excel and WPS write: a title row, 24
 * columns of Chinese text in shared strings, date cells (serials with a date format),
 * 18-digit IDs as text; and the receipts that come back (≈70 % landed, a few
 * returned, name conflicts and orphans), as a 党员E先锋 export.
 */
import * as XLSX from 'xlsx';
import { checkCharacter } from '../shared/idNumber.js';
import { isoToSerial } from '../shared/normalize.js';

export const REG_HEADER = ['序号', '学院', '所在党支部', '姓名', '性别', '民族', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期（天）', '党费交至', '预备党员考察表', '联系电话', '备注'];
const RECEIPT_HEADER = ['姓名', '身份证号码', '学号', '接收党组织', '报到日期', '状态'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '明远静怡博文晓雯子涵浩然雨桐思远佳怡宇航欣然俊杰嘉欣志强梦瑶天佑晨曦一鸣若汐诗琪';
const COLLEGES = ['计算机学院', '机械工程学院', '经济管理学院', '材料科学与工程学院', '外国语学院', '马克思主义学院', '化学与化工学院', '土木工程学院'];
const CITIES = [['长沙', '岳麓区', '麓山街道'], ['杭州', '西湖区', '文新街道'], ['成都', '武侯区', '玉林街道'], ['西安', '雁塔区', '电子城街道'], ['南京', '鼓楼区', '宁海路街道'], ['广州', '天河区', '猎德街道']] as const;

/** A small, fast, seeded PRNG (mulberry32): the same inputs on every machine. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Member { name: string; id: string; studentId: string; org: string }

export interface BenchData { registrations: unknown[][]; receipts: unknown[][]; members: Member[] }

export function benchData(n: number, seed = 20260612): BenchData {
  const rand = prng(seed);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(rand() * xs.length)]!;
  const issue = isoToSerial('2026-06-12');
  const joinBase = isoToSerial('2023-03-01');
  const birthBase = isoToSerial('2001-01-01');
  const registrations: unknown[][] = [['2026届毕业生党员组织关系介绍信登记表'], REG_HEADER];
  const members: Member[] = [];
  for (let i = 0; i < n; i++) {
    const college = COLLEGES[i % COLLEGES.length]!;
    const male = rand() < 0.5;
    // Unique by construction: the row number fixes birth date and sequence.
    const birth = new Date((birthBase + (i % 1800) - 25569) * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
    const seq = String(Math.floor(i / 1800) * 2 + (male ? 1 : 0)).padStart(3, '0');
    const body = `110108${birth}${seq}`;
    const id = body + checkCharacter(body);
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
    const studentId = String(2022000000 + i);
    const kind = rand();
    const type = kind < 0.15 ? '院内' : kind < 0.45 ? '京内' : '京外';
    const [city, district, street] = pick(CITIES);
    const org = type === '京外' ? `中共${city}市${district}${street}工作委员会` : type === '京内' ? `中共北京某某科技有限公司第${1 + (i % 20)}支部委员会` : `${college}2026级硕士研究生第${1 + (i % 5)}党支部`;
    const probation = rand() < 0.05;
    const row: unknown[] = [
      i + 1, `${college}党委`, `${college}2022级本科生第${1 + (i % 9)}党支部`, name, male ? '男' : '女', '汉族', studentId, id,
      probation ? '预备党员' : '正式党员', { t: 'n', v: probation ? isoToSerial('2025-09-01') + (i % 200) : joinBase + (i % 400), z: 'yyyy-mm-dd' }, type, '线上',
      type === '京外' ? `中共${city}市${district}委组织部` : '', org, type === '京外' ? '' : `0111${String(i % 100000000).padStart(8, '0')}`,
      type === '院内' ? '升学' : '就业', type === '院内' ? '本校' : `${city}某某有限公司`, '', { t: 'n', v: issue, z: 'yyyy-mm-dd' }, '',
      '2026年6月', probation ? '已提供' : '', `139${String(10000000 + i).slice(-8)}`, '',
    ];
    // About 1 % of rows carry a typical mistake, as real tables do.
    if (rand() < 0.004) row[22] = '1391234';
    if (rand() < 0.003) row[7] = Number(id.slice(0, 15)) * 1000;
    if (rand() < 0.003) row[14] = type === '京内' ? '' : row[14];
    registrations.push(row);
    members.push({ name, id, studentId, org });
  }

  const receipts: unknown[][] = [RECEIPT_HEADER];
  const receiptDay = isoToSerial('2026-07-01');
  for (const m of members) {
    const r = rand();
    if (r < 0.68) receipts.push([m.name, m.id, m.studentId, m.org, { t: 'n', v: receiptDay + Math.floor(rand() * 60), z: 'yyyy-mm-dd' }, '已报到']);
    else if (r < 0.69) receipts.push([m.name.slice(0, -1) || m.name, m.id, m.studentId, m.org, { t: 'n', v: receiptDay + 20, z: 'yyyy-mm-dd' }, '已报到']);
    else if (r < 0.70) receipts.push([m.name, m.id, m.studentId, m.org, { t: 'n', v: receiptDay + 30, z: 'yyyy-mm-dd' }, '退回']);
  }
  for (let i = 0; i < Math.ceil(n * 0.005); i++) {
    const body = `440305${19990101 + (i % 28)}${String(i % 1000).padStart(3, '0')}`;
    receipts.push([pick(SURNAMES) + pick(GIVEN), body + checkCharacter(body), '', '中共深圳市南山区粤海街道工作委员会', { t: 'n', v: receiptDay, z: 'yyyy-mm-dd' }, '已报到']);
  }
  return { registrations, receipts, members };
}

/** An .xlsx as Excel saves it: shared strings, date cells with a number format. */
export function workbook(rows: unknown[][], sheet: string): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true });
}

/**
 * One college's 登记表 for the audit bench (issue 21): `rows` members of college `k`, every
 * 学院 cell naming it, 学号 and ID numbers of its own (no repeats across colleges, as a
 * real season has few).
 */
export function collegeSheet(k: number, rows: number, name: string): Buffer {
  const data = benchData(rows, 20260612 + k).registrations;
  for (const row of data.slice(2)) {
    row[1] = `${name}党委`;
    row[6] = String(2022000000 + k * 100_000 + Number(row[0]));
    const id = row[7];
    if (typeof id === 'string') {
      const body = `1101${String(k).padStart(2, '0')}${id.slice(6, 17)}`;
      row[7] = body + checkCharacter(body);
    }
  }
  return workbook(data, '登记表');
}

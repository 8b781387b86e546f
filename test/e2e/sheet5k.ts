/** A realistic registration sheet of n rows with known errors, for the add-in tests (Node and browser). */
import { checkCharacter } from '../../shared/idNumber.js';

export const HEADER_5K = ['学院', '所在党支部', '姓名', '性别', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '党费交至', '联系电话', '电子邮箱'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['明远', '静怡', '博文', '晓雯', '子涵', '浩然', '雨桐', '思远', '佳怡', '宇航', '欣然', '俊杰'];

export function registrationRows(n: number): (string | number)[][] {
  const rows: (string | number)[][] = [['2026届毕业生党员组织关系介绍信登记表'], HEADER_5K];
  for (let i = 0; i < n; i++) {
    const male = i % 2 === 0;
    const seq = String(100 + (i % 400) * 2 + (male ? 1 : 0)).padStart(3, '0');
    const body = `110108${2003 + (i % 3)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${seq}`;
    const id = body + checkCharacter(body);
    const inRegion = i % 3 === 0;
    rows.push([
      '计算机学院党委', `计算机学院2022级本科生第${1 + (i % 9)}党支部`, SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!,
      // Known warnings: every 500th gender disagrees with the ID number.
      male !== (i % 500 === 123) ? '男' : '女',
      String(2022080000 + i), id, '正式党员', '2024-05-20',
      inRegion ? '京内' : '京外', '线上', inRegion ? '' : '中共长沙市委组织部',
      inRegion ? '中共北京某某科技有限公司研发中心第一支部委员会' : '中共长沙市岳麓区麓山街道工作委员会',
      inRegion ? '011100238152' : '', '就业', '某某科技有限公司', '2026-06',
      // Known errors: every 100th phone is too short; every 250th row repeats a 学号.
      i % 100 === 99 ? '1391234' : `139${String(10000000 + i).slice(-8)}`, `s${i}@example.com`,
    ]);
    if (i % 250 === 249) rows[rows.length - 1]![4] = String(2022080000 + i - 1);
  }
  return rows;
}

/**
 * The gaps a reconciliation found that a person must act on (issue 18), in words, in one
 * place: stdout, the 组织部 summary and the report say the same lines.
 */
import type { ReconcileResult, RowProblem } from './reconcile.js';

export interface Alert { head: string; items: string[] }

const place = (p: { college: string; file: string; row: number }) => `${p.college} ${p.file} 第${p.row}行`;

/** Rows grouped by college and file: 「计算机学院（计算机.xlsx）：第3行 张三、第7行 李四」. */
function byCollege(rows: readonly RowProblem[]): string[] {
  const groups = new Map<string, RowProblem[]>();
  for (const r of rows) {
    const k = `${r.college}（${r.file}）`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups].map(([k, rs]) => `${k}：${rs.map((r) => `第${r.row}行 ${r.name || '（姓名空）'}`).join('、')}`);
}

export function reconcileAlerts(result: ReconcileResult): Alert[] {
  return [
    {
      head: `以下党员在两处登记（重复登记），每人只计一次（计入前一处），两处的名单中都已注明，请删除多余的一行：`,
      items: result.repeats.map((p) => `${p.first.name}（${p.by}相同）：${place(p.first)} 与 ${place(p.repeat)}`),
    },
    {
      head: '以下登记与某张回执疑似同一人（姓名相同，身份证号相差一位或两位颠倒），未计为完成，请核对后更正：',
      items: result.nearMisses.map((r) => `${place(r)} ${r.name}：${r.reason}`),
    },
    { head: '以下登记行的身份证号无效，无法与回执对应，请学院更正：', items: byCollege(result.invalidIds) },
    { head: '以下纸质介绍信的开具日期或有效期无法识别，无法判断是否过期：', items: result.unreadLetters.map((r) => `${place(r)} ${r.name}：${r.reason}`) },
    {
      head: '以下回执文件与登记表几乎对不上，请确认是否放错了文件：',
      items: result.unfitReceiptFiles.map((f) => `${f.file}：${f.rows} 行中只有 ${f.matching} 行对应到登记表的身份证号或学号；${f.cause}`),
    },
  ].filter((a) => a.items.length);
}

/** The alerts as plain lines (stdout). */
export const findingsText = (result: ReconcileResult): string[] => reconcileAlerts(result).flatMap((a) => [a.head, ...a.items.map((i) => `- ${i}`)]);

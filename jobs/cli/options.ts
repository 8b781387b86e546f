/** What every command shares: exit codes and the options several of them take. */
import { parseDate } from '../../shared/normalize.js';
import { InputError } from '../lib/errors.js';

/** 0 fine, 1 findings or failed sends, 2 unreadable input, 3 busy. */
export const EXIT = { ok: 0, findings: 1, input: 2, busy: 3 } as const;

/** What each exit code means, as every command's --help and the README say it. */
export const EXIT_MEANINGS: Record<(typeof EXIT)[keyof typeof EXIT], string> = {
  0: '成功（校验时表示没有“错误”，可以有“提醒”）',
  1: '校验发现错误（包括不同登记表中的重复登记），或有邮件发送失败、状态不确定，或运行被中断而有邮件未发出',
  2: '输入无法读取或有误（文件损坏、加密、找不到表头、配置有误等，错误信息写明文件、行、列和原因），或某个回执来源本次无法使用',
  3: '另一个 zhuanjie 进程（run、schedule 或 receipts fetch）正在使用同一个状态文件夹',
};

/** The 退出码 paragraph of every command's help. */
export const EXIT_HELP = `退出码：${Object.entries(EXIT_MEANINGS).map(([code, meaning]) => `${code} ${meaning}`).join('；')}。`;

export function isoOption(value: string, name: string): string {
  const iso = parseDate(value);
  if (!iso) throw new InputError(name, `「${value}」不是有效日期，请写成 YYYY-MM-DD。`);
  return iso;
}

/** --map 表头=字段 (repeatable) → { 表头: 字段 }. */
export function mapOption(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const i = p.lastIndexOf('=');
    if (i <= 0 || i === p.length - 1) throw new InputError('--map', `「${p}」应写成 表头=字段，例如 --map "转入单位党组织=介绍信抬头"。`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** Repeatable options: each use adds one value. */
export const collect = (value: string, previous: string[]) => [...previous, value];

export const MAP_HELP = '指定某列对应的字段（可多次），如 --map "学生编号=学号"；字段写标准表头或「忽略」';

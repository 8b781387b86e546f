/** What every command shares: exit codes and the options several of them take. */
import { parseDate } from '../../shared/normalize.js';
import { InputError } from '../lib/errors.js';

/** 0 fine, 1 findings or failed sends, 2 unreadable input, 3 busy. */
export const EXIT = { ok: 0, findings: 1, input: 2, busy: 3 } as const;

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

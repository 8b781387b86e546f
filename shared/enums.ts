/** Accepted spellings of the enumerated columns, mapped to stable codes. */
import { cellText, type Cell } from './normalize.js';
import type { RuleSettings } from './settings.js';

export type MemberType = 'full' | 'probationary';
export type TransferType = 'internal' | 'inRegion' | 'outOfRegion';
export type Method = 'online' | 'paper';
export type Destination = 'employed' | 'furtherStudy' | 'unplaced' | 'abroad' | 'military' | 'other';

const lookup = <T extends string>(table: Record<string, T>) => {
  const map = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
  // Most cells hold an accepted spelling exactly: try that before normalising.
  return (v: Cell): T | null => (typeof v === 'string' ? map.get(v) : undefined) ?? map.get(cellText(v).replace(/\s/g, '').toLowerCase()) ?? null;
};

export const parseMemberType = lookup<MemberType>({
  正式: 'full', 正式党员: 'full', 中共党员: 'full',
  预备: 'probationary', 预备党员: 'probationary', 中共预备党员: 'probationary',
});

export const parseMethod = lookup<Method>({
  线上: 'online', 网上: 'online', 在线: 'online', 线上转接: 'online', 网上转接: 'online',
  党员e先锋: 'online', 全国系统: 'online', 全国组织关系转接系统: 'online', 全国党员管理信息系统: 'online',
  纸质: 'paper', 纸质介绍信: 'paper', 纸质版: 'paper', 线下: 'paper', 介绍信: 'paper', 纸质版介绍信: 'paper',
});

export const parseYesNo = lookup<'yes' | 'no'>({
  是: 'yes', 已提供: 'yes', 已附: 'yes', 有: 'yes', 已交: 'yes', 提供: 'yes', 已上交: 'yes', y: 'yes', yes: 'yes',
  否: 'no', 无: 'no', 未提供: 'no', 没有: 'no', 未交: 'no', n: 'no', no: 'no',
});

export const parseGender = lookup<'男' | '女'>({ 男: '男', 女: '女', 男性: '男', 女性: '女', m: '男', f: '女' });

export const parseDestination = lookup<Destination>({
  就业: 'employed', 签约就业: 'employed', 灵活就业: 'employed', 工作: 'employed',
  升学: 'furtherStudy', 读研: 'furtherStudy', 读博: 'furtherStudy', 读硕士: 'furtherStudy', 读博士: 'furtherStudy', 考研: 'furtherStudy', 保研: 'furtherStudy',
  未落实: 'unplaced', 未就业: 'unplaced', 待就业: 'unplaced', 暂不就业: 'unplaced',
  '出国(境)': 'abroad', 出国: 'abroad', 出境: 'abroad', 出国境: 'abroad', 出国留学: 'abroad', '出国(境)留学': 'abroad',
  参军: 'military', 入伍: 'military', 参军入伍: 'military',
});

/** Transfer-type labels follow the region setting (院内 / 京内 / 京外 by default). */
export function transferTypeParser(settings: RuleSettings): (v: Cell) => TransferType | null {
  const r = settings.region;
  return lookup<TransferType>({
    [r.internal]: 'internal', 院内转接: 'internal',
    [r.inRegion]: 'inRegion', [`${r.inRegion}转接`]: 'inRegion',
    [r.outOfRegion]: 'outOfRegion', [`${r.outOfRegion}转接`]: 'outOfRegion',
  });
}

export const transferTypeLabels = (s: RuleSettings): string[] => [s.region.internal, s.region.inRegion, s.region.outOfRegion];

/**
 * `zhuanjie journal`: what the send journal leaves unsettled — messages whose delivery
 * is uncertain, failed, or waiting for a recipient refused for now — and
 * `zhuanjie journal resolve <编号> --sent|--resend` to settle an uncertain one after a
 * person checked the mailbox, instead of editing journal.jsonl by hand.
 */
import { beijingTime } from '../../../shared/calendar.js';
import type { LoadedConfig } from '../config.js';
import { InputError } from '../errors.js';
import { placesOf } from '../places.js';
import { entryId, SendJournal, settledFromOutbox, type KeyState } from './journal.js';
import { printable } from '../terminal.js';
import { parseKey, type MessageKey } from '../../../shared/messageKey.js';
import { readUnsent } from './unsent.js';

export interface Unsettled { id: string; key: string; college: string; state: 'uncertain' | 'failed' | 'deferred' | 'unsent'; reason: string; recipients: string[]; at: string }

const journalOf = (loaded: LoadedConfig) => new SendJournal(placesOf(loaded).sendJournal);

function unsettled(s: KeyState): Unsettled | null {
  const base = { id: entryId(s.key), key: s.key, college: s.college ?? s.key.split('/').slice(3).join('/').replace(/^college\//, ''), at: s.lastOutcome?.at ?? s.lastIntent?.at ?? '' };
  // An outbox delivery cut off mid-batch is settled from the files by the next run (courier.ts): nothing for a person to do.
  if (settledFromOutbox(s)) return { ...base, state: 'uncertain', reason: `运行在写出 outbox 时中断，下次运行时按 outbox 中的文件自动核对（${s.lastIntent.file}），无需处理`, recipients: s.lastIntent.to };
  if (s.uncertain) return { ...base, state: 'uncertain', reason: s.uncertain, recipients: s.lastIntent?.to ?? [] };
  if (s.resolvedSent || !s.lastOutcome) return null;
  if (s.lastOutcome.status === 'failed') return { ...base, state: 'failed', reason: s.lastOutcome.error ?? '发送失败', recipients: s.lastOutcome.rejected };
  if (s.deferred.length) return { ...base, state: 'deferred', reason: s.lastOutcome.error ?? '暂时被拒', recipients: s.deferred };
  return null;
}

const LABEL = { uncertain: '状态不确定', failed: '发送失败（下次运行时重发）', deferred: '部分收件人暂时被拒（下次运行时补发）', unsent: '未发送（下次运行时发送）' } as const;

export function journalList(loaded: LoadedConfig): { text: string; items: Unsettled[]; torn: number[] } {
  const journal = journalOf(loaded);
  const state = journal.read();
  const all = [...state.keys.values()].map(unsettled).filter((u): u is Unsettled => u !== null);
  // A failure that a later reminder of the same deadline to the same recipient has since delivered is closed (issue 18, item 10).
  const delivered = [...state.keys.values()].filter((k) => k.resolvedSent || k.lastOutcome?.status === 'sent').map((k) => parseKey(k.key)).filter((k): k is MessageKey => k !== null);
  const superseded = (u: Unsettled) => {
    const k = parseKey(u.key);
    return u.state !== 'uncertain' && k !== null && delivered.some((d) => d.cohort === k.cohort && d.kind === k.kind && d.audience === k.audience && d.id === k.id && d.date > k.date);
  };
  const items = all.filter((u) => !superseded(u));
  const closed = all.length - items.length;
  // Not started because a run was stopped: no journal line, but still owed (sent by the next run).
  const unsent = readUnsent(placesOf(loaded).stateDir).filter((u) => !state.keys.has(u.key));
  for (const u of unsent) items.push({ id: entryId(u.key), key: u.key, college: u.label, state: 'unsent', reason: `运行被中断，未发送${u.members ? `（${u.members} 人）` : ''}`, recipients: [], at: u.at });
  const lines = [`发送日志：${journal.file}`];
  if (!items.length && !state.torn.length) lines.push('没有需要处理的记录。');
  if (closed) lines.push(`另有 ${closed} 项发送失败已由之后送达的同一节点提醒取代，已关闭。`);
  for (const u of items) {
    lines.push(`[${u.id}] ${LABEL[u.state]}：${printable(u.college)}（${printable(u.key)}）${u.at ? ` ${beijingTime(u.at)}` : ''}`);
    lines.push(`    收件人：${u.recipients.join(', ') || '—'}；${printable(u.reason)}`);
  }
  for (const t of state.torn) lines.push(`第 ${t.line} 行不完整（写入时中断）${t.key ? `：${printable(t.key)}，按“状态不确定”处理` : ''}`);
  if (items.some((u) => u.state === 'uncertain' && !settledFromOutbox(state.keys.get(u.key)!))) {
    lines.push('', '“状态不确定”的邮件不会自动重发。请在发件邮箱的“已发送”中查找，或向收件人确认后：',
      '  zhuanjie journal resolve <编号> --sent     已收到，不再发送',
      '  zhuanjie journal resolve <编号> --resend   没收到，下次运行时重发');
  }
  return { text: lines.join('\n'), items, torn: state.torn.map((t) => t.line) };
}

/**
 * Appends a `resolve` line. No lock: `schedule` holds the lock for its whole life, and
 * one short O_APPEND write cannot interleave with its lines; a pass already under way
 * skips the uncertain message either way, and the next pass reads the resolution.
 */
export async function journalResolve(loaded: LoadedConfig, id: string, as: 'sent' | 'resend'): Promise<string> {
  const journal = journalOf(loaded);
  const state = journal.read();
  const match = [...state.keys.values()].filter((s) => entryId(s.key) === id || s.key === id);
  if (match.length !== 1) throw new InputError(id, `发送日志中没有编号为「${printable(id)}」的记录（用 zhuanjie journal 查看编号）。`);
  const s = match[0]!;
  if (!s.uncertain) throw new InputError(id, `「${printable(s.key)}」不是“状态不确定”的记录，无需处理。`);
  journal.append({ type: 'resolve', key: s.key, as, at: new Date().toISOString() });
  return as === 'sent' ? `已记录：${printable(s.key)} 已送达，不再发送。` : `已记录：${printable(s.key)} 将在下次运行时重发。`;
}

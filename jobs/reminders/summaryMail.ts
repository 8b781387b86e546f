/**
 * The 组织部's summary of one reminder day: every college's counts and completion rate,
 * the whole report attached, and what went wrong (lists not delivered, uncertain,
 * registrations that could not be read).
 */
import { escapeHtml } from '../../shared/html.js';
import type { Reminder } from '../../shared/deadlines.js';
import { COMPLETION_RATE_RULE, STATUS_INFO, STATUSES, completionRate, openCount, type StatusCounts } from '../../shared/statuses.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import { collegeRows } from '../../shared/lists.js';
import type { MessageKey } from '../../shared/messageKey.js';
import { headerSafe, messageIdFor, safeFilename, type Outgoing } from '../lib/mail/message.js';
import { STYLE } from '../lib/mail/style.js';
import { catchUpMark, distanceText, sendDay } from '../../shared/sendDay.js';
import { reconcileAlerts } from '../../shared/reconcileFindings.js';
import { unmatchedMailLine } from '../inbox/unmatched.js';
import type { Unreadable } from '../lib/read/unreadable.js';

export interface SummaryMailInput {
  result: ReconcileResult;
  /** The 组织部, as the log and the report name it. */
  label: string;
  to: string[];
  from: string;
  reminder: Reminder;
  report: Buffer;
  /** Colleges whose message could not be delivered, with why (the summary carries them). */
  undelivered: { college: string; reason: string; members: number }[];
  /** 回执 e-mails that could not be matched to a member. */
  unmatchedMail?: number;
  /** Colleges whose message may or may not have arrived (sending interrupted). */
  uncertain?: { college: string; reason: string; members: number }[];
  /** Registrations that could not be read: their members are missing from every count. */
  unreadable?: Unreadable[];
  /** Other features' lines (member mails, working-day warnings), as they say them. */
  lines?: string[];
  /** The receipt sources used and as of when (shared/receiptSources.ts). */
  sources?: string;
  /** Sent in spite of a receipt source that could not be used: said first. */
  gap?: string;
  /** A correction of an earlier summary of the same reminder: what changed. */
  correction?: string;
}

/** 「不完整：X学院、Y学院 登记表无法读取」: a summary without some colleges says so first. */
export function incompleteText(unreadable: readonly { file: string; college?: string }[]): string {
  const names = [...new Set(unreadable.map((u) => u.college ?? u.file))];
  return names.length ? `不完整：${names.join('、')} 登记表无法读取` : '';
}

function bar(fraction: number): string {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  // Two-cell table with bgcolor: renders in Outlook, Foxmail, web mail and phones.
  return `<table role='presentation' width='160' cellpadding='0' cellspacing='0' style='border-collapse:collapse;'><tr>${pct > 0 ? `<td width='${pct}%' height='10' bgcolor='#2e7d32' style='background:#2e7d32;height:10px;font-size:0;line-height:0;'>&nbsp;</td>` : ''}${pct < 100 ? `<td height='10' bgcolor='#e0e0e0' style='background:#e0e0e0;height:10px;font-size:0;line-height:0;'>&nbsp;</td>` : ''}</tr></table>`;
}

const UNCERTAIN_HEAD = '以下学院的提醒发送中断，无法确认是否送达（不会自动重发），请向学院核实，其名单在附件中：';

const UNREADABLE_HEAD = '以下登记表无法读取，其中的党员未计入本次对账和提醒，请联系学院重新提交：';
const unreadableLine = (u: Unreadable) => `${headerSafe(u.file)}${u.college ? `（${u.college}）` : ''}：${u.reason}`;

export function composeSummaryMail(i: SummaryMailInput): Outgoing {
  const { result } = i;
  const uncertain = i.uncertain ?? [];
  const unreadable = i.unreadable ?? [];
  const s = result.summary;
  const all: StatusCounts = { ...s.byStatus, total: s.total };
  const open = openCount(s.byStatus);
  const day = sendDay(i.reminder, result.asOf, result.cohort);
  const incomplete = incompleteText(unreadable);
  const subject = `【组织关系转接】${i.correction ? '（更正）' : ''}${catchUpMark(day)}全校汇总${incomplete ? `（${incomplete}）` : ''}：${distanceText(day)}仍有${open}名党员未完成转接`;
  // What must be seen first: a correction, a summary without some colleges, a gap in the receipts.
  const first = [i.correction ?? '', incomplete ? `${incomplete}，其中的党员未计入以下人数。` : '', i.gap ?? ''].filter(Boolean);
  const intro = `截至 ${result.asOf}，${result.cohort} 届毕业生党员登记 ${s.total} 人，${STATUS_INFO.completed.label} ${s.byStatus.completed} 人，${STATUS_INFO.exempt.label} ${s.byStatus.exempt} 人，未完成 ${open} 人，完成率 ${completionRate(all).text}。`;
  // One table model, rendered as HTML and as plain text: the two parts say the same.
  const openCols = STATUSES.filter((k) => !STATUS_INFO[k].resolved);
  const columns = ['登记', STATUS_INFO.completed.label, STATUS_INFO.exempt.label, '完成率', ...openCols.map((k) => STATUS_INFO[k].label)];
  const line = (c: StatusCounts) => [c.total, c.completed, c.exempt, completionRate(c).text, ...openCols.map((k) => c[k])];
  const table = [...collegeRows(s).map(([college, c]) => ({ college, c, total: false })), { college: '合计', c: all, total: true }];
  const notes = [
    COMPLETION_RATE_RULE + '。',
    ...(s.orphans ? [`另有 ${s.orphans} 条回执无法对应到任何登记，见附件「无对应登记的回执」。`] : []),
    ...(i.unmatchedMail ? [unmatchedMailLine(i.unmatchedMail)] : []),
    ...(s.unusable ? [`另有 ${s.unusable} 条登记身份信息不可用（身份证号无效且无学号），见附件「身份不可用」。`] : []),
    ...(i.lines ?? []),
  ];
  // What went wrong, each under its heading: the same lines in the HTML and the text part.
  const alerts = [
    { head: '以下学院的提醒未能送达，其名单在附件中，请转交：', items: i.undelivered.map((u) => `${u.college}（${u.members} 人）：${u.reason}`) },
    { head: UNCERTAIN_HEAD, items: uncertain.map((u) => `${u.college}（${u.members} 人）：${u.reason}`) },
    { head: UNREADABLE_HEAD, items: unreadable.map(unreadableLine) },
    ...reconcileAlerts(result),
  ].filter((a) => a.items.length);
  const footer = `全校未完成名单见附件（Excel），身份证号已打码。${i.sources ?? ''}`;
  const td = (v: string | number, style = STYLE.td) => `<td style='${style}'>${escapeHtml(String(v === 0 ? '' : v))}</td>`;
  const html = `<!doctype html><html><body style='${STYLE.body}'>
${first.map((f) => `<p style='color:#b71c1c'><b>${escapeHtml(f)}</b></p>`).join('\n')}
<p>${escapeHtml(intro)}</p>
<table style='${STYLE.table}'><thead><tr><th style='${STYLE.th}'>学院</th>${columns.slice(0, 4).map((h) => `<th style='${STYLE.th}'>${h}</th>`).join('')}<th style='${STYLE.th}'>进度</th>${columns.slice(4).map((h) => `<th style='${STYLE.th}'>${h}</th>`).join('')}</tr></thead><tbody>
${table.map(({ college, c, total }) => {
  const style = total ? STYLE.total : STYLE.td;
  const v = line(c);
  return `<tr>${td(college, total ? STYLE.total : STYLE.tdKeep)}${v.slice(0, 4).map((x, n) => td(n === 0 ? String(x) : x, style)).join('')}<td style='${style}'>${bar(completionRate(c).fraction)}</td>${v.slice(4).map((x) => td(x, style)).join('')}</tr>`;
}).join('\n')}
</tbody></table>
${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')}
${alerts.map((a) => `<p style='color:#b71c1c'><b>${escapeHtml(a.head)}</b></p><ul>${a.items.map((u) => `<li>${escapeHtml(u)}</li>`).join('')}</ul>`).join('\n')}
<p>${escapeHtml(footer)}</p>
</body></html>`;
  const text = [
    ...first.flatMap((f) => [f, '']),
    intro,
    '',
    // Same cells as the HTML row; a zero count is left out, as the HTML leaves it blank.
    ...table.map(({ college, c }) => `${college}：${line(c).map((v, n) => (v === 0 && n > 0 ? '' : `${columns[n]} ${v}`)).filter(Boolean).join('，')}`),
    '',
    ...notes,
    ...alerts.flatMap((a) => ['', a.head, ...a.items.map((u) => `- ${u}`)]),
    '',
    footer,
  ].join('\n');
  // A correction is a message of its own, once per day it is made.
  const key: MessageKey = { cohort: result.cohort, kind: i.reminder.checkpoint, date: i.reminder.date, audience: 'summary', ...(i.correction ? { id: `更正-${result.asOf}` } : {}) };
  return {
    key, label: i.label, to: i.to, cc: [], subject, html, text,
    members: result.members.filter((m) => !STATUS_INFO[m.status].resolved).length,
    messageId: messageIdFor(key, i.from),
    attachments: [{ filename: safeFilename(`全校组织关系转接对账-${result.asOf}.xlsx`), content: i.report, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
  };
}

/**
 * The reminder e-mails: one per college with its unresolved members, one summary
 * for the 组织部. HTML (inline styles, tables: what mail clients render) plus a
 * plain-text alternative. ID numbers never appear in a body.
 */
import { createHash } from 'node:crypto';
import { checkpointLabel, type Reminder } from '../shared/calendar.js';
import { STATUS_INFO, STATUSES, type Status } from '../shared/statuses.js';
import type { MemberStatus, ReconcileResult } from '../shared/reconcile.js';
import { sortForAction, rate } from './report.js';

export interface Attachment { filename: string; content: Buffer; contentType?: string }

export interface Outgoing {
  key: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
  messageId: string;
  /** Members this message carries (for the "nothing lost" accounting). */
  members: MemberStatus[];
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** No line breaks or control characters in anything that reaches a header. */
export const headerSafe = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** File names survive every mail client and file system: no path or reserved characters. */
export const safeFilename = (s: string) => headerSafe(s).replace(/[\\/:*?"<>|]+/g, '_').slice(0, 120);

export const reminderKey = (cohort: number, r: Reminder) => `${cohort}/${r.checkpoint}/${r.date}`;

export function messageIdFor(key: string, recipient: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'zhuanjie.invalid';
  const h = createHash('sha256').update(`${key}|${recipient}`).digest('hex').slice(0, 16);
  return `<zhuanjie.${key.replace(/[^0-9A-Za-z-]/g, '.')}.${h}@${domain}>`;
}

export function contentHash(m: Pick<Outgoing, 'subject' | 'text' | 'to' | 'cc'>): string {
  return createHash('sha256').update(JSON.stringify([m.subject, m.text, m.to, m.cc])).digest('hex').slice(0, 32);
}

function when(r: Reminder): string {
  const label = checkpointLabel(r.checkpoint);
  if (r.lead > 0) return `距${label}还有${r.lead}天`;
  if (r.lead === 0) return `截至${label}`;
  return `${label}已过`;
}

const STYLE = {
  table: 'border-collapse:collapse;font-size:13px;font-family:"Microsoft YaHei","PingFang SC",sans-serif;',
  th: 'border:1px solid #c8c8c8;background:#f0f4f8;padding:4px 8px;text-align:left;white-space:nowrap;',
  td: 'border:1px solid #c8c8c8;padding:4px 8px;vertical-align:top;',
  body: 'font-family:"Microsoft YaHei","PingFang SC",sans-serif;font-size:14px;color:#222;line-height:1.6;',
};

function countsLine(members: readonly MemberStatus[]): string {
  const counts = new Map<Status, number>();
  for (const m of members) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.get(s)).map((s) => `${STATUS_INFO[s].label} ${counts.get(s)} 人`).join('，');
}

export interface CollegeMailInput {
  college: string;
  to: string[];
  cc: string[];
  from: string;
  cohort: number;
  asOf: string;
  reminder: Reminder;
  members: MemberStatus[];
  attachment: Buffer;
  contact?: string;
}

export function composeCollegeMail(i: CollegeMailInput): Outgoing {
  const college = headerSafe(i.college);
  const members = sortForAction(i.members);
  const subject = `【组织关系转接】${college}：${when(i.reminder)}仍有${members.length}名党员未完成转接`;
  const intro = `${college}：截至 ${i.asOf}，本院 ${i.cohort} 届毕业生党员中仍有 ${members.length} 人组织关系转接未完成（${countsLine(members)}）。${checkpointLabel(i.reminder.checkpoint)}节点前请逐一联系本人和接收党组织，落实报到并收回回执。`;
  const columns = ['姓名', '学号', '所在党支部', '状态', '原因', '下一步', '联系电话'];
  const cells = (m: MemberStatus) => [m.name || '（姓名空）', m.studentId, m.member.text.branch, STATUS_INFO[m.status].label, m.reasons.join('；'), STATUS_INFO[m.status].next, m.member.text.phone];
  const html = `<!doctype html><html><body style='${STYLE.body}'>
<p>${escapeHtml(intro)}</p>
<table style='${STYLE.table}'><thead><tr>${columns.map((c) => `<th style='${STYLE.th}'>${c}</th>`).join('')}</tr></thead><tbody>
${members.map((m) => `<tr>${cells(m).map((c) => `<td style='${STYLE.td}'>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
<p>完整名单见附件（Excel）。身份证号已打码。${i.contact ? `如有疑问请联系：${escapeHtml(i.contact)}。` : ''}</p>
<p style='color:#888;font-size:12px'>本邮件由 zhuanjie 根据登记表与回执自动生成。</p>
</body></html>`;
  const text = [
    intro,
    '',
    ...members.map((m, n) => `${n + 1}. ${cells(m).filter(Boolean).join(' | ')}`),
    '',
    '完整名单见附件（Excel）。身份证号已打码。',
    i.contact ? `如有疑问请联系：${i.contact}。` : '',
  ].join('\n');
  const key = `college/${college}`;
  return {
    key, to: i.to, cc: i.cc, subject, html, text, members,
    messageId: messageIdFor(`${i.cohort}/${i.reminder.checkpoint}/${i.reminder.date}`, key, i.from),
    attachments: [{ filename: safeFilename(`${college}-未完成转接名单-${i.asOf}.xlsx`), content: i.attachment, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
  };
}

export interface SummaryMailInput {
  result: ReconcileResult;
  to: string[];
  from: string;
  reminder: Reminder;
  report: Buffer;
  /** Colleges whose message could not be delivered, with why (the summary carries them). */
  undelivered: { college: string; reason: string; members: number }[];
  /** Colleges whose message may or may not have arrived (sending interrupted). */
  uncertain?: { college: string; reason: string; members: number }[];
  /** Registrations that could not be read: their members are missing from every count. */
  unreadable?: { file: string; college?: string; reason: string }[];
}

function bar(fraction: number): string {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  // Two-cell table with bgcolor: renders in Outlook, Foxmail, web mail and phones.
  return `<table role='presentation' width='160' cellpadding='0' cellspacing='0' style='border-collapse:collapse;'><tr>${pct > 0 ? `<td width='${pct}%' height='10' bgcolor='#2e7d32' style='background:#2e7d32;height:10px;font-size:0;line-height:0;'>&nbsp;</td>` : ''}${pct < 100 ? `<td height='10' bgcolor='#e0e0e0' style='background:#e0e0e0;height:10px;font-size:0;line-height:0;'>&nbsp;</td>` : ''}</tr></table>`;
}

const UNCERTAIN_HEAD = '以下学院的提醒发送中断，无法确认是否送达（不会自动重发），请向学院核实，其名单在附件中：';

const UNREADABLE_HEAD = '以下登记表无法读取，其中的党员未计入本次对账和提醒，请联系学院重新提交：';
const unreadableLine = (u: { file: string; college?: string; reason: string }) => `${headerSafe(u.file)}${u.college ? `（${u.college}）` : ''}：${u.reason}`;

export function composeSummaryMail(i: SummaryMailInput): Outgoing {
  const { result } = i;
  const uncertain = i.uncertain ?? [];
  const unreadable = i.unreadable ?? [];
  const s = result.summary;
  const open = STATUSES.filter((k) => !STATUS_INFO[k].resolved).reduce((n, k) => n + s.byStatus[k], 0);
  const subject = `【组织关系转接】全校汇总：${when(i.reminder)}仍有${open}名党员未完成转接`;
  const intro = `截至 ${result.asOf}，${result.cohort} 届毕业生党员登记 ${s.total} 人，已完成 ${s.byStatus.completed} 人，按规定保留 ${s.byStatus.exempt} 人，未完成 ${open} 人。`;
  const rows = Object.entries(s.byCollege).sort(([a], [b]) => a.localeCompare(b, 'zh'));
  const statusCols = STATUSES.filter((k) => k !== 'completed' && k !== 'exempt');
  const html = `<!doctype html><html><body style='${STYLE.body}'>
<p>${escapeHtml(intro)}</p>
<table style='${STYLE.table}'><thead><tr><th style='${STYLE.th}'>学院</th><th style='${STYLE.th}'>登记</th><th style='${STYLE.th}'>完成</th><th style='${STYLE.th}'>进度</th>${statusCols.map((k) => `<th style='${STYLE.th}'>${STATUS_INFO[k].label}</th>`).join('')}</tr></thead><tbody>
${rows.map(([college, c]) => {
  const done = c.completed + c.exempt;
  return `<tr><td style='${STYLE.td}'>${escapeHtml(college)}</td><td style='${STYLE.td}'>${c.total}</td><td style='${STYLE.td}'>${done}（${rate(done, c.total)}）</td><td style='${STYLE.td}'>${bar(c.total ? done / c.total : 0)}</td>${statusCols.map((k) => `<td style='${STYLE.td}'>${c[k] || ''}</td>`).join('')}</tr>`;
}).join('\n')}
</tbody></table>
${s.orphans ? `<p>另有 ${s.orphans} 条回执无法对应到任何登记，见附件「无对应登记的回执」。</p>` : ''}
${s.unusable ? `<p>另有 ${s.unusable} 条登记身份信息不可用（身份证号无效且无学号），见附件「身份不可用」。</p>` : ''}
${i.undelivered.length ? `<p style='color:#b71c1c'><b>以下学院的提醒未能送达，其名单在附件中，请转交：</b></p><ul>${i.undelivered.map((u) => `<li>${escapeHtml(u.college)}（${u.members} 人）：${escapeHtml(u.reason)}</li>`).join('')}</ul>` : ''}
${uncertain.length ? `<p style='color:#b71c1c'><b>${UNCERTAIN_HEAD}</b></p><ul>${uncertain.map((u) => `<li>${escapeHtml(u.college)}（${u.members} 人）：${escapeHtml(u.reason)}</li>`).join('')}</ul>` : ''}
${unreadable.length ? `<p style='color:#b71c1c'><b>${UNREADABLE_HEAD}</b></p><ul>${unreadable.map((u) => `<li>${escapeHtml(unreadableLine(u))}</li>`).join('')}</ul>` : ''}
<p>全校未完成名单见附件（Excel），身份证号已打码。</p>
</body></html>`;
  const text = [
    intro,
    '',
    ...rows.map(([college, c]) => `${college}：登记 ${c.total}，完成 ${c.completed + c.exempt}（${rate(c.completed + c.exempt, c.total)}）${statusCols.filter((k) => c[k]).map((k) => `，${STATUS_INFO[k].label} ${c[k]}`).join('')}`),
    ...(i.undelivered.length ? ['', '以下学院的提醒未能送达，其名单在附件中，请转交：', ...i.undelivered.map((u) => `- ${u.college}（${u.members} 人）：${u.reason}`)] : []),
    ...(uncertain.length ? ['', UNCERTAIN_HEAD, ...uncertain.map((u) => `- ${u.college}（${u.members} 人）：${u.reason}`)] : []),
    ...(unreadable.length ? ['', UNREADABLE_HEAD, ...unreadable.map((u) => `- ${unreadableLine(u)}`)] : []),
    '',
    '全校未完成名单见附件（Excel），身份证号已打码。',
  ].join('\n');
  const key = 'summary';
  return {
    key, to: i.to, cc: [], subject, html, text,
    members: result.members.filter((m) => !STATUS_INFO[m.status].resolved),
    messageId: messageIdFor(`${result.cohort}/${i.reminder.checkpoint}/${i.reminder.date}`, key, i.from),
    attachments: [{ filename: safeFilename(`全校组织关系转接对账-${result.asOf}.xlsx`), content: i.report, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
  };
}

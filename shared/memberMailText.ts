/**
 * The words of a mail to one member: only this member's own transfer, the ID
 * number masked, what to do by when, and exactly how to return the receipt (seed 003:
 * 拍照发送到学院指定邮箱，主题「姓名-学号-党组织关系回执」). Signed by the college with the 组织部
 * contact, so that the member knows whom to call. Plain text and the same lines as HTML.
 */
import { deadlineDate, deadlineLabel } from './deadlines.js';
import { escapeHtml } from './html.js';
import { maskIdNumber } from './idNumber.js';
import { isoToDayNumber } from './normalize.js';
import type { MemberStatus } from './reconcile.js';
import type { Moment } from './memberMail.js';
import { lastValidDay } from './letter.js';
import { STATUS_INFO } from './statuses.js';
import { stallReason, type OnlineStall } from './onlineStall.js';

/** The subject seed 003 asks receipts to carry; the mailbox reads it back (shared/mailReceipt.ts). */
export const receiptSubject = (m: Pick<MemberStatus, 'name' | 'studentId'>): string => `${m.name}-${m.studentId}-党组织关系回执`;

export interface MemberMailContext {
  asOf: string;
  cohort: number;
  /** The member's college, and its secretary when the config names one. */
  college: { name: string; contactName?: string; email?: string };
  orgDept?: { name: string; phone?: string; email?: string };
  /** Where the receipt photo goes; without it the mail says to hand the receipt to the college. */
  receiptAddress?: string;
  stall?: OnlineStall | null;
}

export interface MemberMailText { subject: string; text: string; html: string }

const days = (from: string, to: string) => isoToDayNumber(to) - isoToDayNumber(from);

const AUTOMATIC = '本邮件由学校党组织关系转接系统（zhuanjie）自动发送，只发给您本人。如信息有误或已办理完毕，请与学院党委联系。';

export function memberMailText(ms: MemberStatus, moment: Moment, ctx: MemberMailContext): MemberMailText {
  const m = ms.member;
  // 「张明远同学」; a row without a name is greeted 「同学」, not 「同学同学」.
  const name = ms.name ? `${ms.name}同学` : '同学';
  const sep1 = deadlineDate(ctx.cohort, '09-01');
  const last = lastValidDay(m);
  const paper = m.method === 'paper';
  const expired = last !== null && ctx.asOf > last;
  const sep1Label = deadlineLabel('09-01');

  let subject: string;
  let opening: string;
  switch (moment.kind) {
    case 'letter':
      subject = `您的党组织关系${paper ? '介绍信已开具' : '转接已办理'}，请及时报到`;
      opening = `您的党组织关系${paper ? `介绍信已于 ${m.issueDate} 开具` : `转接已于 ${m.issueDate} 在线上办理`}。组织关系只有在您到接收党组织报到、对方确认后才算转接完成，请尽快办理。`;
      break;
    case 'expiry':
      subject = `您的纸质介绍信将于 ${last} 到期，请务必在有效期内报到`;
      opening = `您的纸质介绍信有效期至 ${last}，还有 ${days(ctx.asOf, last!)} 天，学校至今尚未收到您的回执。`;
      break;
    case 'checkpoint':
      subject = `请在${sep1Label}前完成党组织关系转接`;
      opening = `距${sep1Label}还有 ${days(ctx.asOf, sep1)} 天，学校至今尚未收到您的党组织关系回执。${sep1Label}起，仍未落实组织关系的毕业生党员将被列入清查名单。`;
      break;
    case 'overdue':
      subject = `您的党组织关系转接已超过${sep1Label}仍未落实`;
      opening = `截至 ${ctx.asOf}，学校仍未收到您的党组织关系回执，您已被列为「${STATUS_INFO.overdue.label}」。请立即联系接收党组织报到，并与学院党委联系说明情况；${deadlineLabel('12-10')}年度复核时仍未落实的，将按与党组织失去联系党员的有关规定处置。`;
      break;
  }
  subject = `【组织关系转接】${name}：${subject}`;

  const facts: [string, string][] = [
    ['姓名', ms.name],
    ['学号', ms.studentId],
    ['身份证号', m.idText ? maskIdNumber(m.idText) : ''],
    ['转接类型', m.transferTypeText],
    ['办理方式', m.methodText],
    ['介绍信抬头', m.letterHeader],
    ['接收党组织', m.receivingOrg],
    ['开具日期', m.issueDate ?? ''],
    ...(last ? [['介绍信有效期至', last] as [string, string]] : []),
  ].filter(([, v]) => v) as [string, string][];

  const todo: string[] = [];
  if (paper && expired) todo.push(`您的纸质介绍信已于 ${last} 过期。请尽快联系学院党委，交回原介绍信后重新开具（过期的介绍信接收单位不予受理）。`);
  else if (paper) todo.push(`请携带纸质介绍信到接收党组织报到，务必在有效期内报到（有效期至 ${last}）。党组织关系介绍信一定要交给接收单位，不能留在自己手里。`);
  else todo.push('组织关系已在线上转出。请主动联系接收党组织，组织关系落地后及时到接收党支部报到，并请对方在系统中确认报到。');
  if (ctx.stall?.over) todo.push(`${stallReason(ctx.stall)}。`);
  if (ctx.receiptAddress) {
    todo.push(`报到后，请将接收单位签字盖章的回执拍照，一个月之内发送到 ${ctx.receiptAddress}，邮件主题写：${receiptSubject(ms)}（照片作为附件）。`);
  } else {
    todo.push('报到后，请将接收单位签字盖章的回执交回学院党委。');
  }

  const college = ctx.college;
  const signature = [
    `${college.name}${college.contactName ? ` ${college.contactName}` : ''}${college.email ? `（${college.email}）` : ''}`,
    ...(ctx.orgDept ? [[ctx.orgDept.name, ctx.orgDept.phone, ctx.orgDept.email].filter(Boolean).join(' ')] : []),
    ctx.asOf,
  ];

  const text = [
    `${name}：您好！`,
    '',
    opening,
    '',
    '您登记的转接信息：',
    ...facts.map(([k, v]) => `  ${k}：${v}`),
    '',
    '请您：',
    ...todo.map((t, n) => `${n + 1}. ${t}`),
    '',
    '如有疑问，请联系：',
    ...signature,
    '',
    AUTOMATIC,
  ].join('\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html><body style='font-family:"Microsoft YaHei","PingFang SC",sans-serif;font-size:14px;color:#222;line-height:1.6;'>
${p(`${name}：您好！`)}
${p(opening)}
<p>您登记的转接信息：</p>
<table style='border-collapse:collapse;font-size:13px;'>${facts.map(([k, v]) => `<tr><td style='border:1px solid #c8c8c8;padding:4px 8px;background:#f0f4f8;white-space:nowrap;'>${escapeHtml(k)}</td><td style='border:1px solid #c8c8c8;padding:4px 8px;'>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p>请您：</p>
<ol>${todo.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ol>
<p>如有疑问，请联系：<br>${signature.map(escapeHtml).join('<br>')}</p>
<p style='color:#888;font-size:12px'>${escapeHtml(AUTOMATIC)}</p>
</body></html>`;
  return { subject, text, html };
}

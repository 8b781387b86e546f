/** A member mail as an outgoing message: one member, one address, a stable Message-ID. */
import { memberMailText, type MemberMailContext } from '../../shared/memberMailText.js';
import type { PlannedMail } from '../../shared/memberMail.js';
import { headerSafe, messageIdFor, type Outgoing } from '../lib/mail/message.js';

/** How the log, the journal and the 发送结果 sheet name a member mail. */
export const memberLabel = (p: Pick<PlannedMail, 'member'>) => `${p.member.college}（党员本人 ${p.member.name}）`;

export function composeMemberMail(p: PlannedMail, ctx: MemberMailContext, from: string): Outgoing {
  const t = memberMailText(p.member, p.moment, ctx);
  return {
    key: p.key,
    label: memberLabel(p),
    to: [p.address],
    cc: [],
    names: p.member.name ? { [p.address]: p.member.name } : undefined,
    subject: headerSafe(t.subject),
    html: t.html,
    text: t.text,
    attachments: [],
    messageId: messageIdFor(p.key, from),
    members: 1,
    asOf: ctx.asOf,
  };
}

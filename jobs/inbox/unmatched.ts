/**
 * 「无法对应的回执邮件」, one definition (issue 18, item 7): a mail in the 回执 mailbox that
 * reached no member — the mailbox could not read a name, 学号 or usable photo from it, or
 * it was read but its 学号 is in no registration. Listed once (never also among 无对应登记的回执),
 * and the same count in stdout, the summary and the report.
 */
import type { ReconcileResult } from '../../shared/reconcile.js';
import type { UnmatchedMail } from '../../shared/mailReceipt.js';

export const NOT_REGISTERED = '登记表中没有这个学号（照片已保存，登记表补上后即可对应）';

export function unmatchedMails(unreadable: readonly UnmatchedMail[], result: Pick<ReconcileResult, 'orphans'>): UnmatchedMail[] {
  return [
    ...unreadable,
    ...result.orphans.filter((r) => r.mail).map((r) => ({
      date: r.receiptDate ?? '', from: r.mail!.from, subject: r.mail!.subject, name: r.name, studentId: r.studentId,
      reason: NOT_REGISTERED, attachments: r.mail!.attachments.join('、'),
    })),
  ];
}

export const unmatchedMailLine = (n: number) => `回执邮箱中有 ${n} 封邮件无法对应到党员，见对账报告「无法对应的回执邮件」。`;

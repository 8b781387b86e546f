/**
 * Who a receipt e-mail is from, read off its subject, body and attachment names.
 * Seed 003: members photograph the stamped receipt and mail it with the subject
 * 「姓名-学号-党组织关系回执」; in practice the dashes, order and wording vary.
 * Pure: no Node APIs, so the task pane could use it too.
 */
import { normalizeName, toHalfWidth } from './normalize.js';
import { MAIL_RECEIPT_SOURCE, type MailOrigin, type ReceiptRecord } from './receipts.js';

export type IdentitySource = 'subject' | 'body' | 'attachment';

export interface MailIdentity {
  name: string;
  studentId: string;
  /** Where each part was found (the report says so when it was not the subject). */
  found: { name?: IdentitySource; studentId?: IdentitySource };
  /** Why it could not be identified (empty when name and 学号 were both found). */
  reasons: string[];
}

/** Reply/forward prefixes, stacked: "Re: 转发：Fw: …". */
const PREFIX = /^\s*(?:re|fw|fwd|aw|wg|回复|答复|回覆|转发|轉發)\s*[:：]\s*/i;

/** Words around the name and 学号 that are not either (longest first). */
const NOISE = [
  '党员组织关系介绍信回执', '党组织关系介绍信回执', '组织关系介绍信回执', '党员组织关系转接回执', '党组织关系转接回执', '组织关系转接回执',
  '党员组织关系回执', '党组织关系回执', '组织关系回执', '介绍信回执', '回执联', '回执单', '回执照片', '回执', '介绍信',
  '党员组织关系', '党组织关系', '组织关系', '转接', '照片', '扫描件', '扫描', '拍照', '截图', '盖章', '原件', '图片', '附件', '学号', '姓名', '同学', '毕业生', '党员', '提交', '发送', '请查收', '查收', '我是', '本人', '的',
];

/** Characters people put between the parts: dashes of every width, underscores, spaces, slashes, brackets. */
const SEPARATORS = /[\s\-_—–―‐‑‒−~～、,，;；:：/|+.。()（）[\]【】<>《》"“”'‘’]+/;

/** 学号: optional letter prefix (S/B/M…), then 6–13 digits; never part of a longer number (an ID number). */
const STUDENT_ID = /(?<![A-Za-z0-9])([A-Za-z]{0,2}\d{6,13})(?![0-9])/g;

/** A Chinese personal name: 2–4 Han characters, or a transliterated name with a middle dot. */
const HAN_NAME = /^[\u3400-\u9fff\u{20000}-\u{2ebef}]{2,4}$/u;
const DOTTED_NAME = /^[\u3400-\u9fff]{1,10}(?:·[\u3400-\u9fff]{1,10}){1,3}$/;
/** Tokens that are organisations, not people. */
const NOT_A_NAME = /学院|学校|大学|支部|党委|公司|中心|单位|部门|老师|您好|你好|谢谢|收到|附件|组织部|[我你您是请已在了吗呢]/;

const ORG_RUN = /[\u3400-\u9fff]*?(?:学院|大学|学校|党委|支部|公司|中心)/g;

const looksLikeDate = (s: string) => /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(s);

export function stripReplyPrefixes(subject: string): string {
  let s = subject;
  for (let i = 0; i < 10 && PREFIX.test(s); i++) s = s.replace(PREFIX, '');
  return s;
}

function clean(text: string): string {
  // Full-width forms to ASCII (－ ＿ ：), and the many middle dots to one.
  return normalizeName(toHalfWidth(text.normalize('NFC')));
}

/** The 学号 in a text: the first candidate, preferring one that is not a date (20260715). */
export function findStudentId(text: string): string | null {
  const labelled = /学号\s*[:：]?\s*([A-Za-z]{0,2}\d{6,13})(?![0-9])/.exec(clean(text));
  if (labelled) return labelled[1]!.toUpperCase();
  const all = [...clean(text).matchAll(STUDENT_ID)].map((m) => m[1]!.toUpperCase());
  return all.find((s) => !looksLikeDate(s)) ?? all[0] ?? null;
}

/** The name in a text: the first token that looks like a person's name once the known words are gone. */
export function findName(text: string): string | null {
  const labelled = /姓名\s*[:：]?\s*([\u3400-\u9fff·]{2,20})/.exec(clean(text));
  if (labelled && (HAN_NAME.test(labelled[1]!) || DOTTED_NAME.test(labelled[1]!))) return labelled[1]!;
  // "我是经济管理学院沈佳琪": drop the organisation and what runs into it, keep the name after it.
  let s = clean(text).replace(STUDENT_ID, ' ').replace(ORG_RUN, ' ');
  for (const w of NOISE) s = s.split(w).join(' ');
  for (const token of s.split(SEPARATORS)) {
    const t = token.trim();
    if (!t || NOT_A_NAME.test(t)) continue;
    if (HAN_NAME.test(t) || DOTTED_NAME.test(t)) return t;
  }
  return null;
}

/** A file name without any folder part (../../etc/passwd → passwd) and without its extensions. */
export function baseName(filename: string): string {
  const last = filename.split(/[\\/]/).pop() ?? '';
  return last.replace(/(?:\.[A-Za-z0-9]{1,5})+$/, '');
}

export interface MailText {
  subject: string;
  /** Plain-text body (or the HTML converted to text). Only its start is read. */
  text: string;
  attachmentNames: readonly string[];
}

/** How much of the body is read: the identity is in the first lines, signatures and quotes follow. */
const BODY_CHARS = 1000;

export function identifyReceiptMail({ subject, text, attachmentNames }: MailText): MailIdentity {
  const subj = stripReplyPrefixes(clean(subject));
  const body = clean(text).slice(0, BODY_CHARS);
  const files = attachmentNames.map(baseName);
  const sources: [IdentitySource, string][] = [['subject', subj], ['body', body], ...files.map((f): [IdentitySource, string] => ['attachment', f])];
  const found: MailIdentity['found'] = {};
  let name = '';
  let studentId = '';
  for (const [where, t] of sources) {
    if (!studentId) {
      const id = findStudentId(t);
      if (id) {
        studentId = id;
        found.studentId = where;
      }
    }
    if (!name) {
      const n = findName(t);
      if (n) {
        name = n;
        found.name = where;
      }
    }
  }
  const reasons: string[] = [];
  if (!studentId) reasons.push('主题、正文和附件名中都没有学号');
  if (!name) reasons.push('主题、正文和附件名中都没有姓名');
  return { name, studentId, found, reasons };
}

const WHERE: Record<IdentitySource, string> = { subject: '主题', body: '正文', attachment: '附件名' };

/** "学号取自正文" when a part did not come from the subject, for the report. */
export function identityNote(id: MailIdentity): string {
  const parts: string[] = [];
  if (id.found.name && id.found.name !== 'subject') parts.push(`姓名取自${WHERE[id.found.name]}`);
  if (id.found.studentId && id.found.studentId !== 'subject') parts.push(`学号取自${WHERE[id.found.studentId]}`);
  return parts.join('，');
}

/** What the mailbox journal keeps of a recognised receipt e-mail. */
export interface MailReceiptFact {
  /** Folder and UID, e.g. "INBOX 12" (shown where a spreadsheet receipt shows file and row). */
  folder: string;
  uid: number;
  date: string;
  name: string;
  studentId: string;
  origin: MailOrigin;
  note: string;
}

export const PHOTO_COUNTS_TEXT = '回执照片（邮件），按设置计为已完成';
export const PHOTO_PENDING_TEXT = '回执照片已收到，待原件';

/**
 * A receipt record for reconciliation. Whether a photo counts is decided here, when
 * the journal is read, so a changed setting applies without fetching again
 * (seed 003 enters the photo into the system; seed 000 wants the stamped original).
 */
export function mailReceiptRecord(f: MailReceiptFact, photoCountsAsCompleted: boolean): ReceiptRecord {
  const statusText = photoCountsAsCompleted ? PHOTO_COUNTS_TEXT : PHOTO_PENDING_TEXT;
  return {
    file: `回执邮箱 ${f.folder}`,
    row: f.uid,
    name: f.name,
    idNumber: null,
    idText: '',
    studentId: f.studentId,
    receivingOrg: '',
    receiptDate: f.date,
    receiptDateText: '',
    source: MAIL_RECEIPT_SOURCE,
    statusText: f.note ? `${statusText}（${f.note}）` : statusText,
    state: 'landed',
    awaitingOriginal: !photoCountsAsCompleted,
    mail: f.origin,
  };
}

/** An e-mail in the mailbox that did not become a receipt, for the report and the 组织部 summary. */
export interface UnmatchedMail {
  date: string;
  from: string;
  subject: string;
  name: string;
  studentId: string;
  reason: string;
  attachments: string;
}

/**
 * Sample receipt e-mails for `zhuanjie demo`: a Maildir folder, read through the
 * same code as a real mailbox after fetching. The raw-message builder is also
 * what the tests put into a real IMAP server.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/files.js';

/** Tiny files with the right first bytes: nothing ever opens them, only the magic is checked. */
export const SAMPLE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]);
/** An iPhone photo: ISO-BMFF ftyp box, major brand heic, compatible mif1/heic. */
export const SAMPLE_HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64, 1)]);
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** An RFC 2047 encoded-word (base64) of bytes already in the named charset. */
export const encodedWord = (bytes: Buffer, charset = 'UTF-8') => `=?${charset}?B?${bytes.toString('base64')}?=`;
const header = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : encodedWord(Buffer.from(text)));

export interface MailSpec {
  /** Display name and address, e.g. 「王浩然 <wanghr@example.com>」. */
  from?: string;
  subject: string;
  /** The Subject header as sent, when a test needs another charset. */
  subjectHeader?: string;
  text?: string;
  date?: string;
  messageId?: string;
  attachments?: { filename: string; content: Buffer; type?: string }[];
  headers?: Record<string, string>;
}

let counter = 0;

export function rawMail(m: MailSpec): Buffer {
  const boundary = `----=_Part_${++counter}_zhuanjie`;
  const wrap = (b: Buffer) => b.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const [, name, addr] = /^(.*?)\s*<(.+)>$/.exec(m.from ?? '张明远 <zhangmy@example.com>') ?? [null, '', m.from];
  const head = [
    `From: ${name ? `${header(name)} <${addr}>` : addr}`,
    'To: dangwei-huizhi@example.edu.cn',
    `Subject: ${m.subjectHeader ?? header(m.subject)}`,
    `Date: ${m.date ?? 'Mon, 20 Jul 2026 10:15:00 +0800'}`,
    `Message-ID: ${m.messageId ?? `<${++counter}.${m.subject.length}@mail.example.com>`}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const parts = [
    [`--${boundary}`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from(m.text ?? '老师好，附件是我的党组织关系回执照片。'))].join('\r\n'),
    ...(m.attachments ?? []).map((a) =>
      [
        `--${boundary}`,
        `Content-Type: ${a.type ?? 'application/octet-stream'}; name="${header(a.filename)}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${header(a.filename)}"`,
        '',
        wrap(a.content),
      ].join('\r\n'),
    ),
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${parts.join('\r\n')}\r\n--${boundary}--\r\n`);
}

/** The demo's mailbox: three receipts written three ways, one from somebody not registered, and two that cannot be used. */
export const SAMPLE_MAILS: MailSpec[] = [
  { from: '王浩然 <wanghr2022@example.com>', subject: '王浩然-2022083103-党组织关系回执', date: 'Tue, 28 Jul 2026 21:04:11 +0800', messageId: '<demo-1@example.com>', attachments: [{ filename: 'IMG_20260728_210233.jpg', content: SAMPLE_JPEG, type: 'image/jpeg' }] },
  { from: '冯晓雯 <fengxw@example.com>', subject: '回复：冯晓雯－2022080202－党组织关系回执', date: 'Mon, 10 Aug 2026 09:30:00 +0800', messageId: '<demo-2@example.com>', attachments: [{ filename: 'IMG_4721.HEIC', content: SAMPLE_HEIC, type: 'image/heic' }] },
  { from: '沈佳琪 <shenjq@example.com>', subject: '回执', text: '老师您好！我是经济管理学院沈佳琪，学号2022020203，介绍信回执扫描件见附件。', date: 'Wed, 12 Aug 2026 16:45:00 +0800', messageId: '<demo-3@example.com>', attachments: [{ filename: '回执扫描.pdf', content: SAMPLE_PDF, type: 'application/pdf' }] },
  { from: 'unknown@example.net', subject: '党组织关系回执', text: '见附件', date: 'Thu, 13 Aug 2026 08:00:00 +0800', messageId: '<demo-4@example.net>', attachments: [{ filename: 'photo.jpg', content: SAMPLE_JPEG, type: 'image/jpeg' }] },
  { from: '周立 <zhouli2021@example.com>', subject: '周立-2021083117-党组织关系回执', date: 'Sat, 15 Aug 2026 19:02:00 +0800', messageId: '<demo-6@example.com>', attachments: [{ filename: 'IMG_20260815.jpg', content: SAMPLE_JPEG, type: 'image/jpeg' }] },
  { from: '韩雪 <hanxue@example.com>', subject: '韩雪-2022080204-党组织关系回执', text: '回执照片稍后补发。', date: 'Fri, 14 Aug 2026 11:20:00 +0800', messageId: '<demo-5@example.com>' },
];

/** Writes the sample messages as a Maildir (cur/ new/ tmp/), as a mail client syncing to disk would. */
export function sampleMaildir(dir: string): void {
  writeFileAtomic(join(dir, 'tmp', '.keep'), '');
  writeFileAtomic(join(dir, 'new', '.keep'), '');
  SAMPLE_MAILS.forEach((m, i) => writeFileAtomic(join(dir, 'cur', `17860000${i}0.M${i}P1.zhuanjie-demo:2,S`), rawMail(m)));
}

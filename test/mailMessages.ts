/**
 * Raw receipt e-mails as phone and desktop clients send them, built byte by byte
 * so that the tests control the encodings (Foxmail's GBK encoded-words, UTF-8,
 * base64 attachments with Chinese file names).
 */
import iconv from 'iconv-lite';

/** Tiny files with the right first bytes: nothing ever opens them, only the magic is checked. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0回执照片'), Buffer.alloc(64, 7)]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);
/** iPhone photo: ISO-BMFF ftyp box, major brand heic, compatible mif1/heic. */
export const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64, 1)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A Windows program, named like a photo. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 0)]);

export type Charset = 'UTF-8' | 'GBK' | 'GB2312' | 'GB18030';

/** An RFC 2047 encoded-word, base64, in the given charset. */
export function encodeWord(text: string, charset: Charset = 'UTF-8'): string {
  const bytes = charset === 'UTF-8' ? Buffer.from(text) : iconv.encode(text, charset);
  return `=?${charset}?B?${bytes.toString('base64')}?=`;
}

export interface Attachment {
  filename: string;
  content: Buffer;
  type?: string;
}

export interface MailSpec {
  from?: string;
  subject: string;
  subjectCharset?: Charset;
  text?: string;
  date?: string;
  messageId?: string;
  attachments?: Attachment[];
  headers?: Record<string, string>;
}

let counter = 0;

export function rawMail(m: MailSpec): Buffer {
  const boundary = `----=_Part_${++counter}_zhuanjie`;
  const wrap = (b64: string) => b64.replace(/.{1,76}/g, '$&\r\n');
  const head = [
    `From: ${m.from ?? `${encodeWord('张明远')} <zhangmy@example.com>`}`,
    'To: hitdyzzgx@example.edu.cn',
    `Subject: ${/^[\x20-\x7e]*$/.test(m.subject) ? m.subject : encodeWord(m.subject, m.subjectCharset)}`,
    `Date: ${m.date ?? 'Mon, 20 Jul 2026 10:15:00 +0800'}`,
    `Message-ID: ${m.messageId ?? `<${Date.now()}.${counter}@phone.example.com>`}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const parts = [
    [`--${boundary}`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from(m.text ?? '老师好，附件是我的党组织关系回执照片。').toString('base64'))].join('\r\n'),
    ...(m.attachments ?? []).map((a) =>
      [
        `--${boundary}`,
        `Content-Type: ${a.type ?? 'application/octet-stream'}; name="${encodeWord(a.filename)}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${encodeWord(a.filename)}"`,
        '',
        wrap(a.content.toString('base64')),
      ].join('\r\n'),
    ),
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${parts.join('\r\n')}\r\n--${boundary}--\r\n`);
}

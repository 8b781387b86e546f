/**
 * Raw receipt e-mails for the tests: the demo's builder, plus the encodings of
 * older desktop clients (Foxmail's GBK / GB2312 / GB18030 encoded-word subjects).
 */
import iconv from 'iconv-lite';
import { encodedWord, rawMail as build, SAMPLE_HEIC, SAMPLE_JPEG, SAMPLE_PDF, type MailSpec } from '../jobs/demo/sampleMail.js';

export const JPEG = SAMPLE_JPEG;
export const HEIC = SAMPLE_HEIC;
export const PDF = SAMPLE_PDF;
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);
/** A Windows program, named like a photo. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 0)]);

export type Charset = 'UTF-8' | 'GBK' | 'GB2312' | 'GB18030';

export function rawMail(m: MailSpec & { subjectCharset?: Charset }): Buffer {
  const cs = m.subjectCharset;
  return build(cs && cs !== 'UTF-8' ? { ...m, subjectHeader: encodedWord(iconv.encode(m.subject, cs), cs) } : m);
}

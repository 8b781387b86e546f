/**
 * The one store of submitted 登记表 (one store, one flow: the sheet a college submits is the sheet the reconciliation reads): every sheet a college
 * submits — dropped into a registrations folder or mailed to the 组织部 — is kept here
 * byte for byte under the state folder, with when it came and a content hash. The newest
 * of a college counts, for the 6月10日 audit and for the 9月1日 / 12月10日 reconciliation
 * alike; the same bytes sent twice are one submission.
 *
 * Layout: stateDir/submissions/<学院>/<hash>/<原文件名> (the name kept, so reports and
 * messages still say 「计算机学院-登记表.xlsx」), and stateDir/submissions.jsonl with one
 * line per submission. The file is written (atomically) before its line, so a crash in
 * between leaves a file the next intake finds again and records; a torn last line is
 * ignored and its submission recorded again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';
import { appendJsonLine, writeFileAtomic } from '../lib/files.js';
import { safeFilename } from '../lib/mail/message.js';

export interface Submission {
  v: 1;
  college: string;
  /** sha256 of the bytes, hex. */
  hash: string;
  /** The stored copy, relative to stateDir. */
  file: string;
  /** The name it came under (a folder file's name, or the attachment's), as shown. */
  name: string;
  /** When it came: the folder file's modification time, or the e-mail's date (ISO). */
  receivedAt: string;
  /** When it was stored (ISO). */
  storedAt: string;
  source: 'folder' | 'mail';
  /** The folder file, or 「发件人 / 主题」 of the e-mail. */
  origin: string;
  /** The e-mail's Message-ID (a reply refers to it). */
  messageId?: string;
  /** 「表头」: 「字段」 corrections of the registrations entry it came from. */
  columns?: Record<string, string>;
  /** Other spreadsheets of the same message, not used (listed for a person). */
  note?: string;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A file name safe on every system, with the extension the content was sent under. */
const storedName = (name: string) => {
  const safe = safeFilename(name.split(/[\\/]/).pop() ?? '').replace(/^\.+/, '');
  return safe && extname(safe) ? safe : `${safe || '登记表'}.xlsx`;
};

export interface CollegeSubmissions {
  newest: Submission;
  /** All of the college's submissions, oldest first. */
  all: Submission[];
}

export class SubmissionStore {
  readonly index: string;
  constructor(readonly stateDir: string) {
    this.index = join(stateDir, 'submissions.jsonl');
  }

  read(): Submission[] {
    if (!existsSync(this.index)) return [];
    const out: Submission[] = [];
    const seen = new Set<string>();
    for (const line of readFileSync(this.index, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as Submission;
        if (e?.v !== 1 || typeof e.college !== 'string' || typeof e.hash !== 'string') continue;
        const k = `${e.college}\n${e.hash}`;
        if (!seen.has(k)) out.push(e);
        seen.add(k);
      } catch {
        /* a line torn by a crash: its submission is stored again by the next intake */
      }
    }
    return out;
  }

  /** The stored copy (a dry run's not-yet-stored file is named by its absolute path). */
  path(s: Submission): string {
    return isAbsolute(s.file) ? s.file : join(this.stateDir, s.file);
  }

  /**
   * Store `content` as a submission of `college`, unless the same bytes already are one
   * (then that one is returned, `fresh` false).
   */
  add(college: string, content: Buffer, meta: Omit<Submission, 'v' | 'college' | 'hash' | 'file' | 'storedAt'>): { submission: Submission; fresh: boolean } {
    const hash = sha256(content);
    const prior = this.read().find((s) => s.college === college && s.hash === hash);
    if (prior) return { submission: prior, fresh: false };
    const file = join('submissions', safeFilename(college) || '未知学院', hash.slice(0, 16), storedName(meta.name));
    const abs = join(this.stateDir, file);
    if (!existsSync(abs)) writeFileAtomic(abs, content, { private: true });
    const submission: Submission = { v: 1, college, hash, file, storedAt: new Date().toISOString(), ...meta };
    this.append(submission);
    return { submission, fresh: true };
  }

  /** Each college's submissions, the newest (by when it came) counting. */
  byCollege(entries: readonly Submission[] = this.read()): Map<string, CollegeSubmissions> {
    const out = new Map<string, CollegeSubmissions>();
    const sorted = [...entries].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.storedAt.localeCompare(b.storedAt));
    for (const s of sorted) {
      const c = out.get(s.college);
      if (c) {
        c.all.push(s);
        c.newest = s;
      } else out.set(s.college, { newest: s, all: [s] });
    }
    return out;
  }

  private append(entry: Submission): void {
    appendJsonLine(this.index, entry);
  }
}

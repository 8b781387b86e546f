/** File output that never leaves half a file behind and never overwrites by surprise. */
import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, basename, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { READABLE_FORMATS, skipReason } from '../../shared/formats.js';

const IO_REASONS: Record<string, string> = { ENOSPC: '磁盘空间不足', EDQUOT: '超出磁盘配额', EFBIG: '文件超过系统允许的大小', EACCES: '没有写入权限', EPERM: '没有写入权限（Windows 上也可能是文件正在 Excel 中打开）', EBUSY: '文件被其他程序占用，例如正在 Excel 中打开，请关闭后重试', EROFS: '磁盘为只读', ENOTDIR: '路径中有同名文件而不是文件夹', EISDIR: '是文件夹而不是文件', EIO: '磁盘读写错误' };

/** A file-system error in a few Chinese words. */
export const ioReason = (err: unknown) => IO_REASONS[(err as NodeJS.ErrnoException).code ?? ''] ?? (err as Error).message;

/**
 * Write to a temporary file beside the target, fsync, then rename over it. Files
 * holding personal data (`private`) are created readable by their owner only.
 */
export function writeFileAtomic(file: string, data: Buffer | string, opts: { private?: boolean } = {}): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    if (opts.private) mkdirPrivate(dirname(file));
    else mkdirSync(dirname(file), { recursive: true });
    fd = openSync(tmp, 'wx', opts.private ? 0o600 : 0o644);
    if (opts.private) fchmodSync(fd, 0o600);
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw new InputError(file, `无法写入（${ioReason(err)}），原有文件未改动。`);
  }
}

/**
 * A folder for personal data (state, receipt photos): the folders it creates are the
 * owner's only (0700), like the files in them (0600). A folder that exists is left as the
 * operator set it up.
 */
export function mkdirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Appends one JSON line to a journal of personal data (0600, in a private folder): one
 * write call, then fsync, so that a line is either whole or torn at the end. The leading
 * newline keeps a line torn by a crash from swallowing this one.
 */
export function appendJsonLine(file: string, entry: unknown): void {
  mkdirPrivate(dirname(file));
  const fd = openSync(file, 'a', 0o600);
  try {
    fchmodSync(fd, 0o600);
    const buf = Buffer.from(`\n${JSON.stringify(entry)}\n`);
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Refuse to replace a file the user did not ask us to replace. */
export function assertWritable(file: string, force: boolean): void {
  if (existsSync(file) && !force) throw new InputError(file, '文件已存在。为避免覆盖，请换一个文件名，或加 --force 覆盖。');
}

/** A file in an input folder that is not read, and why (shown to the user, never silent). */
export interface Skipped { file: string; reason: string }

/**
 * Files and folders → the table files in them (one level, sorted) and every other entry
 * of those folders with why it is skipped (Excel lock files, documents, images, subfolders).
 * A file named directly is always read: the user chose it.
 */
export function listInputs(paths: readonly string[]): { files: string[]; skipped: Skipped[] } {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(p, '文件或文件夹不存在。');
    }
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const found: string[] = [];
    for (const f of readdirSync(p).sort()) {
      const full = join(p, f);
      // A name that looks like a table goes to the reader, which says what is wrong with it (a folder named .xlsx, a link loop).
      let reason = skipReason(f);
      if (reason && isFolder(full)) reason = '子文件夹（只读取所选文件夹这一层的文件）';
      if (reason) skipped.push({ file: full, reason });
      else found.push(full);
    }
    if (found.length === 0) throw new InputError(p, `文件夹中没有表格文件（可读取：${READABLE_FORMATS}）。${skipped.filter((s) => s.file.startsWith(p)).map((s) => `\n  跳过 ${basename(s.file)}：${s.reason}`).join('')}`);
    files.push(...found);
  }
  return { files, skipped };
}

const isFolder = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Files and folders → the table files in them; for callers that do not report what was skipped. */
export const expandInputs = (paths: readonly string[]): string[] => listInputs(paths).files;

/**
 * An output path from the config: relative paths must stay inside the config's
 * folder (`"reportDir": "../../etc"` is refused); a path written as absolute is the
 * operator's explicit choice and is used as written.
 */
export function confinedOutput(base: string, p: string, what: string): string {
  if (isAbsolute(p)) return p;
  const full = resolve(base, p);
  const rel = relative(base, full);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(what, `「${p}」指向配置文件所在文件夹之外（${full}）。如确需写到那里，请写成绝对路径。`);
  }
  return full;
}

/** File output that never leaves half a file behind and never overwrites by surprise. */
import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, basename, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { SUPPORTED_EXTENSIONS } from './read/workbook.js';

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
    mkdirSync(dirname(file), { recursive: true });
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

/** Refuse to replace a file the user did not ask us to replace. */
export function assertWritable(file: string, force: boolean): void {
  if (existsSync(file) && !force) throw new InputError(file, '文件已存在。为避免覆盖，请换一个文件名，或加 --force 覆盖。');
}

/** Files and folders → the spreadsheet files in them (one level, sorted, no Office lock files). */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(p, '文件或文件夹不存在。');
    }
    if (st.isDirectory()) {
      const files = readdirSync(p)
        .filter((f) => SUPPORTED_EXTENSIONS.includes(extname(f).toLowerCase()) && !f.startsWith('~$') && !f.startsWith('.'))
        .sort()
        .map((f) => join(p, f));
      if (files.length === 0) throw new InputError(p, `文件夹中没有表格文件（支持 ${SUPPORTED_EXTENSIONS.join(' ')}）。`);
      out.push(...files);
    } else out.push(p);
  }
  return out;
}

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

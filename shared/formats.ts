/**
 * Which files are tables the job reads, and why any other file in an input folder is
 * skipped. One list of readable formats, for the reader, the help texts and the README.
 */

/** The table formats read (SheetJS), as file extensions. */
export const READABLE_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv', '.txt'] as const;

/** The list as help texts and messages show it. */
export const READABLE_FORMATS = READABLE_EXTENSIONS.join(' ');

const extOf = (name: string) => {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
};

const DOCUMENTS = new Set(['.doc', '.docx', '.wps', '.pdf', '.rtf', '.odt', '.pages']);
const IMAGES = new Set(['.jpg', '.jpeg', '.png', '.gif', '.bmp', '.heic', '.heif', '.webp', '.tif', '.tiff']);
const ARCHIVES = new Set(['.zip', '.rar', '.7z']);

/**
 * Why a file found in an input folder is not read, or null when it is a table to read.
 * `~$登记表.xlsx` is the lock file Excel keeps while someone has 登记表.xlsx open: the
 * workbook itself is read, and the message says who to ask to close it if it fails.
 */
export function skipReason(name: string): string | null {
  if (name.startsWith('~$')) return `Excel 的临时锁文件：有人正在 Excel 中打开「${name.slice(2)}」（该表照常读取；关闭 Excel 后此文件会自动消失）`;
  if (name.startsWith('.')) return '隐藏文件（系统或同步软件生成）';
  const ext = extOf(name);
  if ((READABLE_EXTENSIONS as readonly string[]).includes(ext)) return null;
  if (DOCUMENTS.has(ext)) return `${ext === '.pdf' ? 'PDF' : 'Word'} 文档不是表格：登记表请用 Excel 另存为 .xlsx`;
  if (IMAGES.has(ext)) return '图片不是表格（回执照片请发到回执邮箱）';
  if (ARCHIVES.has(ext)) return '压缩包不会自动解压：请解压后把表格放进文件夹';
  return `不是可读取的表格格式（可读取：${READABLE_FORMATS}）`;
}

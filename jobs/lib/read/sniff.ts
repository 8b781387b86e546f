/**
 * Files that are plainly something else (a Word letter, a scanned PDF, a photo of the
 * form, a zipped folder), recognised by their first bytes so that the message says
 * what the file is instead of "damaged".
 */

const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Zip entries name their files in plain ASCII in each local header. */
const zipHas = (buf: Buffer, name: string) => buf.includes(Buffer.from(name, 'latin1'));

/** What the file is, in a sentence, when it is certainly not a workbook; null otherwise. */
export function notAWorkbook(buf: Buffer): string | null {
  const head = (s: string) => buf.subarray(0, s.length).toString('latin1') === s;
  const resave = '请打开原始的 Excel 或 WPS 表格，另存为 .xlsx 后再提交。';
  if (head('%PDF-')) return `这是 PDF 文件，不是工作簿。${resave}`;
  if (head('{\\rtf')) return `这是 Word 文档（RTF），不是工作簿。请把其中的表格复制到 Excel 或 WPS 表格中，另存为 .xlsx。`;
  if (head('\x89PNG') || head('\xff\xd8\xff') || head('GIF8') || head('BM')) return `这是图片，不是工作簿。${resave}`;
  if (head('Rar!') || head('7z\xbc\xaf\x27\x1c')) return '这是压缩包（RAR/7z），不是工作簿。请解压后提交其中的表格文件。';
  if (head('PK\x03\x04') && !zipHas(buf, 'xl/') && !zipHas(buf, 'mimetype')) {
    if (zipHas(buf, 'word/document.xml')) return '这是 Word 文档，不是工作簿。请把其中的表格复制到 Excel 或 WPS 表格中，另存为 .xlsx。';
    if (zipHas(buf, 'ppt/presentation.xml')) return `这是 PowerPoint 演示文稿，不是工作簿。${resave}`;
  }
  if (buf.subarray(0, 8).equals(CFB)) {
    if (buf.includes(utf16('WordDocument'))) return '这是 Word 文档（.doc），不是工作簿。请把其中的表格复制到 Excel 或 WPS 表格中，另存为 .xlsx。';
    if (buf.includes(utf16('PowerPoint Document'))) return `这是 PowerPoint 演示文稿，不是工作簿。${resave}`;
  }
  return null;
}

/**
 * SheetJS reads an .ods file's sheets but not which are hidden: LibreOffice writes that
 * in a table style (<style:table-properties table:display="false"/>) named by each
 * <table:table table:style-name>. Read from content.xml's automatic styles, so that a
 * hidden option list or last year's sheet in an .ods is skipped as in an .xlsx.
 */
import * as XLSX from 'xlsx';

const STYLE = /<style:style\b[^>]*style:name="([^"]+)"[^>]*style:family="table"[^>]*>\s*<style:table-properties\b[^>]*table:display="false"/g;
const TABLE = /<table:table\b[^>]*table:name="([^"]+)"[^>]*table:style-name="([^"]+)"/g;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Marks the hidden sheets of an .ods workbook as SheetJS marks an .xlsx's (Hidden: 1). */
export function markOdsHiddenSheets(wb: XLSX.WorkBook, buf: Buffer): void {
  let content: string;
  try {
    const zip = XLSX.CFB.read(buf, { type: 'buffer' });
    const entry = XLSX.CFB.find(zip, 'content.xml');
    if (!entry?.content) return;
    content = Buffer.from(entry.content as Uint8Array).toString('utf8');
  } catch {
    return;
  }
  const hiddenStyles = new Set<string>();
  for (const m of content.matchAll(STYLE)) hiddenStyles.add(m[1]!);
  if (!hiddenStyles.size) return;
  const hidden = new Set<string>();
  for (const m of content.matchAll(TABLE)) if (hiddenStyles.has(m[2]!)) hidden.add(unescape(m[1]!));
  if (!hidden.size) return;
  wb.Workbook ??= {};
  wb.Workbook.Sheets ??= wb.SheetNames.map((name) => ({ name }));
  for (const s of wb.Workbook.Sheets) if (s.name && hidden.has(s.name)) s.Hidden = 1;
}

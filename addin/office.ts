/**
 * The only module that talks to Office.js. It snapshots a sheet into plain data
 * and applies plans computed elsewhere; it holds no rules. Every function makes a
 * constant number of context.sync() calls (reads are chunked by cell count, never
 * per row).
 *
 * Marks are conditional formats whose formula carries a signature, so they sit on
 * top of the user's own formats without changing them, and 清除标记 removes exactly
 * the ones we added.
 */
import { columnLetter, fillMerged, parseAreas, type SheetSnapshot } from '../shared/table.js';
import type { Cell } from '../shared/normalize.js';
import { SHEET_LAST_ROW, type TemplateLayout } from '../shared/template.js';

/* The subset of the Excel JavaScript API used here, so that tests can supply a host. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ExcelHost {
  run<T>(batch: (ctx: any) => Promise<T>): Promise<T>;
}
export type RequirementCheck = (set: string, version: string) => boolean;

/** Cells per sync: well below Excel's ~5 MB response limit even with long Chinese text. */
export const CELLS_PER_SYNC = 200_000;
/** Addresses per getRanges() call (ExcelApi 1.9); keeps each address string short. */
const ADDRESSES_PER_AREA = 400;
const MARK_SIGNATURE = 'zhuanjie';

export type { Mark, MarkKind } from '../shared/marks.js';
import type { Mark, MarkKind } from '../shared/marks.js';

const MARK_STYLE: Record<MarkKind, { fill: string; font: string }> = {
  error: { fill: '#FDE7E9', font: '#A4262C' },
  warning: { fill: '#FFF4CE', font: '#8A6914' },
};

const a1 = (row: number, col: number): string => `${columnLetter(col)}${row}`;

/** A sheet as plain data, with the column corrections stored in its workbook (read in the same sync). */
export type SheetRead = SheetSnapshot & { mapping: Record<string, string | null> };

export interface WorkbookPort {
  readActive(): Promise<SheetRead>;
  readSheet(name: string): Promise<SheetRead>;
  applyMarks(sheet: string, marks: readonly Mark[]): Promise<void>;
  clearMarks(sheet: string): Promise<number>;
  select(sheet: string, row: number, col: number): Promise<void>;
  insertTemplate(layout: TemplateLayout): Promise<string>;
  /** Text format on whole columns from `fromRow` down; never touches a value. */
  setTextFormat(sheet: string, cols: readonly number[], fromRow: number): Promise<void>;
  onChanged(sheet: string, handler: (address: string) => void): Promise<() => Promise<void>>;
  /** The user's column corrections stored with the workbook ({} when none). */
  readMapping(): Promise<Record<string, string | null>>;
  saveMapping(mapping: Record<string, string | null>): Promise<void>;
}

/**
 * Workbook settings (ExcelApi 1.4) travel with the file: a colleague who opens the
 * same workbook gets the same column corrections.
 */
export const MAPPING_SETTING = 'zhuanjie.columns';

export function createWorkbookPort(excel: ExcelHost, supports: RequirementCheck): WorkbookPort {
  const canUseAreas = supports('ExcelApi', '1.9');
  // Merged cells read as the CLI reads them (shared/table.ts fillMerged); older hosts
  // see only the top-left value, as Excel itself reports it.
  const canReadMerges = supports('ExcelApi', '1.13');

  function loadMapping(ctx: any) {
    const item = ctx.workbook.settings.getItemOrNullObject(MAPPING_SETTING);
    item.load('value');
    return () => mappingOf(item);
  }

  async function snapshot(ctx: any, ws: any): Promise<SheetRead> {
    ws.load('name');
    const mapping = loadMapping(ctx);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const merged = canReadMerges ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    await ctx.sync();
    // Strict: only a real null object (an empty sheet) is skipped.
    if (used.isNullObject === true) return { name: ws.name, rows: [], origin: { row: 1, col: 1 }, mapping: mapping() };
    // Read from A1 down so header search sees the same rows as the CLI.
    const rowCount = used.rowIndex + used.rowCount;
    const colCount = used.columnIndex + used.columnCount;
    const step = Math.max(1, Math.floor(CELLS_PER_SYNC / colCount));
    const rows: Cell[][] = [];
    for (let start = 0; start < rowCount; ) {
      const batch: any[] = [];
      let cells = 0;
      while (start < rowCount && cells < CELLS_PER_SYNC) {
        const n = Math.min(step, rowCount - start);
        const r = ws.getRangeByIndexes(start, 0, n, colCount);
        r.load('values');
        batch.push(r);
        cells += n * colCount;
        start += n;
      }
      await ctx.sync();
      for (const r of batch) for (const row of r.values as unknown[][]) rows.push(row.map(cellOf));
    }
    const origin = { row: 1, col: 1 };
    if (merged && merged.isNullObject !== true && typeof merged.address === 'string') fillMerged(rows, origin, parseAreas(merged.address));
    return { name: ws.name, rows, origin, mapping: mapping() };
  }

  return {
    readActive: () => excel.run((ctx) => snapshot(ctx, ctx.workbook.worksheets.getActiveWorksheet())),
    readSheet: (name) => excel.run((ctx) => snapshot(ctx, ctx.workbook.worksheets.getItem(name))),

    applyMarks: (sheet, marks) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        for (const kind of ['error', 'warning'] as const) {
          const addresses = marks.filter((m) => m.kind === kind).map((m) => a1(m.row, m.col));
          const targets: any[] = [];
          if (canUseAreas) {
            for (let i = 0; i < addresses.length; i += ADDRESSES_PER_AREA) targets.push(ws.getRanges(addresses.slice(i, i + ADDRESSES_PER_AREA).join(',')));
          } else for (const a of addresses) targets.push(ws.getRange(a));
          for (const t of targets) {
            const cf = t.conditionalFormats.add('Custom');
            // Always true; the string literal is how clearMarks recognises ours.
            cf.custom.rule.formula = `=ISTEXT("${MARK_SIGNATURE}:${kind}")`;
            cf.custom.format.fill.color = MARK_STYLE[kind].fill;
            cf.custom.format.font.color = MARK_STYLE[kind].font;
          }
        }
        await ctx.sync();
      }),

    clearMarks: (sheet) =>
      excel.run(async (ctx) => {
        const cfs = ctx.workbook.worksheets.getItem(sheet).getRange().conditionalFormats;
        cfs.load('items/type');
        await ctx.sync();
        const custom = (cfs.items as any[]).filter((c) => c.type === 'Custom');
        for (const c of custom) c.custom.rule.load('formula');
        await ctx.sync();
        const ours = custom.filter((c) => String(c.custom.rule.formula).includes(`"${MARK_SIGNATURE}:`));
        for (const c of ours) c.delete();
        await ctx.sync();
        return ours.length;
      }),

    select: (sheet, row, col) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(a1(row, col)).select();
        await ctx.sync();
      }),

    insertTemplate: (layout) =>
      excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        const taken = new Set((sheets.items as any[]).map((s) => s.name));
        let name = layout.sheet;
        for (let i = 2; taken.has(name); i++) name = `${layout.sheet}${i}`;
        const ws = sheets.add(name);
        const columns = layout.columns;
        const title = ws.getRange('A1');
        title.values = [[layout.title]];
        title.format.font.bold = true;
        title.format.font.size = layout.titleFontSize;
        const header = ws.getRangeByIndexes(layout.headerRow - 1, 0, 1, columns.length);
        header.values = [columns.map((c) => c.label)];
        header.format.font.bold = true;
        header.format.wrapText = true;
        columns.forEach((c, j) => {
          ws.getRangeByIndexes(layout.headerRow - 1, j, 1, 1).format.fill.color = c.fill;
          // A 1×1 value is applied to every cell of the range: the whole column, once.
          const body = ws.getRange(c.body);
          if (c.textFormat) body.numberFormat = [['@']];
          if (c.choices) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.choices.join(',') } };
          ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = c.width * 7;
        });
        ws.freezePanes.freezeRows(layout.headerRow);
        ws.activate();
        await ctx.sync();
        return name;
      }),

    setTextFormat: (sheet, cols, fromRow) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        // Down to the last row, as the template does: rows added later keep their digits too.
        for (const c of cols) ws.getRange(`${columnLetter(c)}${fromRow}:${columnLetter(c)}${SHEET_LAST_ROW}`).numberFormat = [['@']];
        await ctx.sync();
      }),

    readMapping: () =>
      excel.run(async (ctx) => {
        const mapping = loadMapping(ctx);
        await ctx.sync();
        return mapping();
      }),

    saveMapping: (mapping) =>
      excel.run(async (ctx) => {
        ctx.workbook.settings.add(MAPPING_SETTING, JSON.stringify(mapping));
        await ctx.sync();
      }),

    onChanged: (sheet, handler) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const registration = ws.onChanged.add(async (e: { address: string }) => handler(e.address));
        await ctx.sync();
        return async () => {
          await excel.run(async (c2) => {
            registration.remove();
            await c2.sync();
          });
        };
      }),
  };
}

/** The stored setting as an object; anything else (a hand-edited or foreign value) reads as none. */
function mappingOf(item: any): Record<string, string | null> {
  if (item.isNullObject === true || typeof item.value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(item.value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string | null>) : {};
  } catch {
    return {};
  }
}

/** Excel returns '' for empty cells and numbers for dates (serials), which shared/ expects. */
function cellOf(v: unknown): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

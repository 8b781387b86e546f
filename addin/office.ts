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
import { MARK_STYLE, type Mark, type MarkKind } from '../shared/marks.js';

const a1 = (row: number, col: number): string => `${columnLetter(col)}${row}`;

/**
 * A sheet as plain data, with the column corrections stored in its workbook (read in the
 * same sync), Excel's id for the sheet (it survives a rename) and its merged areas as
 * Excel wrote them ('' when none or not readable).
 */
export type SheetRead = SheetSnapshot & { mapping: Record<string, string | null>; sheetId: string; merged: string };

/** Whole rows of a sheet read after an edit, with what tells whether the pane's model still fits the sheet. */
export interface RowsRead {
  sheetId: string;
  /** The rows asked for, by 1-based row number, each `width` cells from column A (merged areas not filled). */
  rows: Map<number, Cell[]>;
  /** Bottom row and right column (1-based) of the cells holding values; 0 when the sheet is empty. */
  extent: { rows: number; cols: number };
  merged: string;
  mapping: Record<string, string | null>;
}

/** Our conditional formats on a sheet, as created: the id Excel gave each and the cells it covers. */
export interface MarkGroup { id: string; kind: MarkKind; marks: Mark[] }

/** A change the sheet reported: cells edited, rows or columns inserted or deleted, rows sorted. */
export interface SheetChange {
  address: string;
  kind: 'edit' | 'structure' | 'sort';
  /** The one cell's new value, when Excel sent it (ExcelApi 1.9 `details`, single-cell edits only). */
  value?: Cell;
}

/** A sheet of the workbook and whether it is hidden, for 「校验整个工作簿」 (shared/sheets.ts decides which hold members). */
export interface WorkbookSheet { snapshot: SheetRead; hidden: boolean }

export interface WorkbookPort {
  readActive(): Promise<SheetRead>;
  readSheet(name: string): Promise<SheetRead>;
  /** Every sheet, in the workbook's order. */
  readWorkbook(): Promise<WorkbookSheet[]>;
  /**
   * Whether the host says which date system the workbook uses (Workbook.use1904DateSystem,
   * ExcelApi 1.16). Without it dates are read in the 1900 system, as nearly every workbook is.
   */
  readonly knowsDateSystem: boolean;
  applyMarks(sheet: string, marks: readonly Mark[]): Promise<void>;
  /** Whole rows (1-based, inclusive spans), `width` cells each, in one sync. */
  readRows(sheet: string, spans: readonly { from: number; to: number }[], width: number): Promise<RowsRead>;
  /** Delete our formats by id and add formats for `add`, in one sync; returns the groups created. */
  updateMarks(sheet: string, remove: readonly string[], add: readonly Mark[]): Promise<MarkGroup[]>;
  /** updateMarks and readRows in the same single sync: marks drawn from values the events carried, confirmed by the rows read back. */
  markAndRead(sheet: string, remove: readonly string[], add: readonly Mark[], spans: readonly { from: number; to: number }[], width: number): Promise<{ groups: MarkGroup[]; read: RowsRead }>;
  clearMarks(sheet: string): Promise<number>;
  select(sheet: string, row: number, col: number): Promise<void>;
  /** The new sheet's name, and whether it got its dropdowns (they need ExcelApi 1.8). */
  insertTemplate(layout: TemplateLayout): Promise<{ name: string; dropdowns: boolean }>;
  /** Text format on whole columns from `fromRow` down; never touches a value. */
  setTextFormat(sheet: string, cols: readonly number[], fromRow: number): Promise<void>;
  onChanged(sheet: string, handler: (change: SheetChange) => void): Promise<() => Promise<void>>;
  /** Whether onChanged hears sorts (ExcelApi 1.10): without, a sort goes unseen until the next full check. */
  readonly seesSorts: boolean;
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
  // Data validation (the template's dropdowns) came in 1.8, one above the manifest's 1.7.
  const canValidate = supports('ExcelApi', '1.8');
  // A sort moves rows without a change event; hosts before 1.10 do not report it.
  const canSeeSorts = supports('ExcelApi', '1.10');
  const canUseAreas = supports('ExcelApi', '1.9');
  // Merged cells read as the CLI reads them (shared/table.ts fillMerged); older hosts
  // see only the top-left value, as Excel itself reports it.
  const canReadMerges = supports('ExcelApi', '1.13');
  // Mac Excel's 「使用 1904 日期系统」: Office.js hands over serials, which count from 1904 there.
  const knowsDateSystem = supports('ExcelApi', '1.16');

  function loadMapping(ctx: any) {
    const item = ctx.workbook.settings.getItemOrNullObject(MAPPING_SETTING);
    item.load('value');
    return () => mappingOf(item);
  }

  async function snapshot(ctx: any, ws: any): Promise<SheetRead> {
    ws.load(['name', 'id']);
    const mapping = loadMapping(ctx);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const merged = canReadMerges ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    if (knowsDateSystem) ctx.workbook.load('use1904DateSystem');
    await ctx.sync();
    // Only when the host says so: the 1900 system is the default everywhere else.
    const dates = knowsDateSystem && ctx.workbook.use1904DateSystem === true ? { date1904: true } : {};
    // Strict: only a real null object (an empty sheet) is skipped.
    if (used.isNullObject === true) return { name: ws.name, rows: [], origin: { row: 1, col: 1 }, mapping: mapping(), sheetId: ws.id, merged: '', ...dates };
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
    return { name: ws.name, rows, origin, mapping: mapping(), sheetId: ws.id, merged: mergedOf(merged), ...dates };
  }

  /** Rows and what tells whether the pane's model still fits the sheet, queued; read after the sync. */
  function queueRows(ctx: any, ws: any, spans: readonly { from: number; to: number }[], width: number): () => RowsRead {
    ws.load('id');
    const mapping = loadMapping(ctx);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    // The same areas the full read sees (the used range's), so the two compare.
    const merged = canReadMerges ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    const blocks = spans.map((s) => {
      const r = ws.getRangeByIndexes(s.from - 1, 0, s.to - s.from + 1, width);
      r.load('values');
      return { from: s.from, r };
    });
    return () => {
      const rows = new Map<number, Cell[]>();
      for (const b of blocks) (b.r.values as unknown[][]).forEach((row, i) => rows.set(b.from + i, row.map(cellOf)));
      const extent = used.isNullObject === true ? { rows: 0, cols: 0 } : { rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount };
      return { sheetId: ws.id, rows, extent, merged: mergedOf(merged), mapping: mapping() };
    };
  }

  /** Our formats deleted by id and added for `add`, queued; the groups Excel created are known after the sync. */
  function queueMarks(ws: any, remove: readonly string[], add: readonly Mark[]): () => MarkGroup[] {
    // By id: Excel keeps a format's id while its cells move, and fails the batch if one is gone.
    const cfs = ws.getRange().conditionalFormats;
    for (const id of remove) cfs.getItem(id).delete();
    const added = addMarks(ws, add);
    return () => added.map((g) => ({ id: String(g.cf.id), kind: g.kind, marks: g.marks }));
  }

  /** Our formats for `marks`: one per up to ADDRESSES_PER_AREA cells of a kind (ExcelApi 1.9), else one per cell. */
  function addMarks(ws: any, marks: readonly Mark[]): { cf: any; kind: MarkKind; marks: Mark[] }[] {
    const out: { cf: any; kind: MarkKind; marks: Mark[] }[] = [];
    for (const kind of ['error', 'warning'] as const) {
      const mine = marks.filter((m) => m.kind === kind);
      const step = canUseAreas ? ADDRESSES_PER_AREA : 1;
      for (let i = 0; i < mine.length; i += step) {
        const group = mine.slice(i, i + step);
        const list = group.map((m) => a1(m.row, m.col)).join(',');
        const cf = (canUseAreas ? ws.getRanges(list) : ws.getRange(list)).conditionalFormats.add('Custom');
        // Always true; the string literal is how clearMarks recognises ours.
        cf.custom.rule.formula = `=ISTEXT("${MARK_SIGNATURE}:${kind}")`;
        cf.custom.format.fill.color = MARK_STYLE[kind].fill;
        cf.custom.format.font.color = MARK_STYLE[kind].font;
        cf.load('id');
        out.push({ cf, kind, marks: group });
      }
    }
    return out;
  }

  const updateMarks = (sheet: string, remove: readonly string[], add: readonly Mark[]) =>
    excel.run(async (ctx) => {
      const groups = queueMarks(ctx.workbook.worksheets.getItem(sheet), remove, add);
      await ctx.sync();
      return groups();
    });

  return {
    seesSorts: canSeeSorts,
    readActive: () => excel.run((ctx) => snapshot(ctx, ctx.workbook.worksheets.getActiveWorksheet())),
    readSheet: (name) => excel.run((ctx) => snapshot(ctx, ctx.workbook.worksheets.getItem(name))),
    readWorkbook: () =>
      excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await ctx.sync();
        const out: WorkbookSheet[] = [];
        // Hidden and VeryHidden alike (an option list is often VeryHidden).
        for (const ws of sheets.items as any[]) out.push({ hidden: ws.visibility === 'Hidden' || ws.visibility === 'VeryHidden', snapshot: await snapshot(ctx, ws) });
        return out;
      }),
    knowsDateSystem,

    applyMarks: async (sheet, marks) => void (await updateMarks(sheet, [], marks)),

    readRows: (sheet, spans, width) =>
      excel.run(async (ctx) => {
        const rows = queueRows(ctx, ctx.workbook.worksheets.getItem(sheet), spans, width);
        await ctx.sync();
        return rows();
      }),

    updateMarks,

    markAndRead: (sheet, remove, add, spans, width) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const groups = queueMarks(ws, remove, add);
        const rows = queueRows(ctx, ws, spans, width);
        await ctx.sync();
        return { groups: groups(), read: rows() };
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
        const dropdowns = canValidate;
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
          if (c.choices && dropdowns) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.choices.join(',') } };
          ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = c.width * 7;
        });
        ws.freezePanes.freezeRows(layout.headerRow);
        ws.activate();
        await ctx.sync();
        return { name, dropdowns };
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
        const registrations = [
          ws.onChanged.add(async (e: { address: string; changeType?: string; details?: { valueAfter?: unknown } }) => {
            const edit = !e.changeType || e.changeType === 'RangeEdited';
            // Only a single-cell edit carries its value (ExcelApi 1.9); anything else is read back.
            const one = canUseAreas && edit && e.details && 'valueAfter' in e.details && !/[:,]/.test(e.address);
            handler({ address: e.address, kind: edit ? 'edit' : 'structure', ...(one ? { value: cellOf(e.details!.valueAfter) } : {}) });
          }),
        ];
        if (canSeeSorts) registrations.push(ws.onRowSorted.add(async (e: { address: string }) => handler({ address: e.address, kind: 'sort' })));
        await ctx.sync();
        return async () => {
          await excel.run(async (c2) => {
            for (const r of registrations) r.remove();
            await c2.sync();
          });
        };
      }),
  };
}

/** Merged areas' address once loaded ('' when none, or not asked for on an older host). */
function mergedOf(merged: any): string {
  return merged && merged.isNullObject !== true && typeof merged.address === 'string' ? merged.address : '';
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

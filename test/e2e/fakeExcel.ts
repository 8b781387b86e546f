/**
 * A test host for the Office boundary: the subset of the Excel JavaScript API that
 * addin/office.ts uses, over plain in-memory sheets. It counts context.sync() calls
 * and the bytes each one carries, can make every sync wait as a round trip to Excel
 * on the web would (`latency`), and fires onChanged / onRowSorted like Excel does.
 * Runs in Node (unit tests) and is bundled into the browser test in place of office.js.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Value = string | number | boolean;

export interface FakeCf { id: string; addresses: string[]; type: string; formula: string; fill: string; font: string; deleted: boolean }

export interface FakeSheet {
  /** Excel's worksheet id: stays with the sheet when it is renamed. */
  id: string;
  /** onRowSorted handlers (ExcelApi 1.10); onChanged's are `handlers`, called with a FakeChange. */
  sortHandlers: ((e: { address: string; type: string }) => unknown)[];
  name: string;
  values: Value[][];
  numberFormat: Map<string, string>;
  /** Formats set with one value for a whole range (Excel applies a 1×1 array to every cell). */
  rangeFormats: { address: string; format: string }[];
  fill: Map<string, string>;
  validations: { address: string; rule: unknown }[];
  comments: Map<string, string>;
  widths: Map<number, number>;
  cfs: FakeCf[];
  frozenRows: number;
  /** Merged areas as Excel reports them, e.g. "A3:A5". */
  merges: string[];
  /** Excel.SheetVisibility: Visible, Hidden or VeryHidden. */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  handlers: ((e: { address: string; type: string }) => unknown)[];
}

/** WorksheetChangedEventArgs as Excel fills it (ExcelApi 1.7). */
export interface FakeChange { address: string; type: 'WorksheetChanged'; changeType: string; worksheetId: string; source: 'Local'; details?: { valueAfter: Value } }

/**
 * Simulated cost of a context.sync() in Excel on the web: a network round trip plus
 * the payload. Zero by default (unit tests); the browser host and the bench set it.
 */
export interface Latency { syncMs: number; msPer10KB: number }

/**
 * Excel on the web as the browser test and the bench simulate it: each sync is a network
 * round trip to Microsoft's servers (commonly 100–300 ms; 150 ms taken), and its payload
 * travels at about 10 MB/s (1 ms per 10 KB). Assumed figures, stated in the README.
 */
export const EXCEL_ON_THE_WEB: Latency = { syncMs: 150, msPer10KB: 1 };

const colName = (c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const addr = (r: number, c: number) => `${colName(c)}${r + 1}`;
function parse(a: string): { r: number; c: number; nr: number; nc: number } {
  const [from, to] = a.replace(/^.*!/, '').split(':') as [string, string | undefined];
  const one = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    let c = 0;
    for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const f = one(from);
  const t = to ? one(to) : f;
  return { r: f.r, c: f.c, nr: t.r - f.r + 1, nc: t.c - f.c + 1 };
}

let sheetIds = 0;
export function newSheet(name: string, values: Value[][] = []): FakeSheet {
  return { id: `{sheet-${++sheetIds}}`, name, values, sortHandlers: [], numberFormat: new Map(), rangeFormats: [], fill: new Map(), validations: [], comments: new Map(), widths: new Map(), cfs: [], frozenRows: 0, merges: [], handlers: [] };
}

/** The number format of one cell: its own, else the last whole-range format covering it. */
export function numberFormatAt(s: FakeSheet, a1: string): string | undefined {
  const own = s.numberFormat.get(a1);
  if (own !== undefined) return own;
  const p = parse(a1);
  const hit = [...s.rangeFormats].reverse().find((f) => {
    const q = parse(f.address);
    return p.r >= q.r && p.r < q.r + q.nr && p.c >= q.c && p.c < q.c + q.nc;
  });
  return hit?.format;
}

/** Every cell address in an A1 range ("Q5" or "A3:B4"). */
export function cellsOf(a1: string): string[] {
  const p = parse(a1);
  const out: string[] = [];
  for (let i = 0; i < p.nr; i++) for (let j = 0; j < p.nc; j++) out.push(addr(p.r + i, p.c + j));
  return out;
}

/** A range moved down by `by` rows when it lies at or below row index `from` (rows inserted or deleted above it). */
function shiftRows(a1: string, from: number, by: number): string | null {
  const p = parse(a1);
  if (p.r + p.nr - 1 < from) return a1;
  const r = p.r >= from ? p.r + by : p.r;
  const last = p.r + p.nr - 1 + by;
  if (last < r || last < 0) return null;
  const f = addr(Math.max(r, 0), p.c);
  const t = addr(last, p.c + p.nc - 1);
  return f === t ? f : `${f}:${t}`;
}

export class FakeExcel {
  syncs = 0;
  /** Bytes carried by all syncs so far (values read and written, addresses, formats). */
  bytes = 0;
  latency: Latency = { syncMs: 0, msPer10KB: 0 };
  private pendingBytes = 0;
  private pendingReads: { values: unknown }[] = [];
  selected: { sheet: string; address: string } | null = null;
  /** Workbook settings (ExcelApi 1.4), saved with the file. */
  settings = new Map<string, unknown>();
  /** Workbook.use1904DateSystem (ExcelApi 1.16): Mac Excel's 「使用 1904 日期系统」. */
  use1904DateSystem = false;
  active: string;
  cfId = 0;
  constructor(public sheets: FakeSheet[]) {
    this.active = sheets[0]?.name ?? '';
  }
  sheet(name: string) {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw Object.assign(new Error(`ItemNotFound: ${name}`), { code: 'ItemNotFound' });
    return s;
  }

  /** A user edit: set the value(s) and fire onChanged as Excel does. */
  edit(sheetName: string, address: string, value: Value) {
    this.paste(sheetName, address, [[value]]);
  }

  /** A paste (or fill) of a block at `topLeft`: one event for the whole range, as Excel sends it. */
  paste(sheetName: string, topLeft: string, block: Value[][]) {
    const s = this.sheet(sheetName);
    const { r, c } = parse(topLeft);
    block.forEach((row, i) => row.forEach((v, j) => {
      while (s.values.length <= r + i) s.values.push([]);
      s.values[r + i]![c + j] = v;
    }));
    const width = Math.max(1, ...block.map((x) => x.length));
    const one = block.length === 1 && width === 1;
    const address = one ? addr(r, c) : `${addr(r, c)}:${addr(r + block.length - 1, c + width - 1)}`;
    // Excel sends the value of a single-cell change (ExcelApi 1.9 `details`), nothing for a block.
    this.fire(s, address, 'RangeEdited', one ? { valueAfter: block[0]![0]! } : undefined);
  }

  /** Insert (n > 0) or delete (n < 0) whole rows at 1-based `row`: values and conditional formats move, as in Excel. */
  shiftRows(sheetName: string, row: number, n: number) {
    const s = this.sheet(sheetName);
    const at = row - 1;
    if (n > 0) s.values.splice(at, 0, ...Array.from({ length: n }, () => [] as Value[]));
    else s.values.splice(at, -n);
    for (const cf of s.cfs) cf.addresses = cf.addresses.map((a) => shiftRows(a, n > 0 ? at : at - n, n)).filter((a): a is string => a !== null);
    s.cfs = s.cfs.filter((cf) => cf.addresses.length > 0);
    this.fire(s, `${row}:${row + Math.abs(n) - 1}`, n > 0 ? 'RowInserted' : 'RowDeleted');
  }

  /** Sort the rows from 1-based `fromRow` down by one column; Excel reports it with onRowSorted (ExcelApi 1.10). */
  sortRows(sheetName: string, fromRow: number, col: number) {
    const s = this.sheet(sheetName);
    const body = s.values.splice(fromRow - 1).sort((a, b) => String(a[col] ?? '').localeCompare(String(b[col] ?? '')));
    s.values.push(...body);
    for (const h of s.sortHandlers) void h({ address: `${fromRow}:${s.values.length}`, type: 'WorksheetRowSorted' });
  }

  rename(from: string, to: string) {
    this.sheet(from).name = to;
  }

  private fire(s: FakeSheet, address: string, changeType: string, details?: { valueAfter: Value }) {
    const e: FakeChange = { address, type: 'WorksheetChanged', changeType, worksheetId: s.id, source: 'Local', ...(details ? { details } : {}) };
    for (const h of s.handlers) void h(e);
  }

  /** Our marks as the sheet shows them: each cell with the kinds of the zhuanjie rules covering it. */
  marksOn(sheetName: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const cf of this.sheet(sheetName).cfs) {
      const kind = /"zhuanjie:(\w+)"/.exec(cf.formula)?.[1];
      if (!kind) continue;
      for (const a of cf.addresses) for (const cell of cellsOf(a)) out.set(cell, [...(out.get(cell) ?? []), kind]);
    }
    return out;
  }

  run = async <T>(batch: (ctx: any) => Promise<T>): Promise<T> => batch(this.context());

  private context() {
    const host = this;
    const ctx = {
      sync: async () => {
        host.syncs++;
        let bytes = host.pendingBytes;
        for (const r of host.pendingReads) bytes += JSON.stringify(r.values).length;
        host.pendingBytes = 0;
        host.pendingReads = [];
        host.bytes += bytes;
        const { syncMs, msPer10KB } = host.latency;
        await new Promise((r) => setTimeout(r, syncMs + (bytes / 10_240) * msPer10KB));
      },
      workbook: {
        load() {},
        get use1904DateSystem() {
          return host.use1904DateSystem;
        },
        settings: {
          getItemOrNullObject: (key: string) => ({ isNullObject: !host.settings.has(key), value: host.settings.get(key) ?? null, load() {} }),
          add: (key: string, value: unknown) => void host.settings.set(key, value),
        },
        worksheets: {
          items: [] as any[],
          load() {
            this.items = host.sheets.map((s) => host.worksheet(s));
          },
          getActiveWorksheet: () => host.worksheet(host.sheet(host.active)),
          getItem: (name: string) => host.worksheet(host.sheet(name)),
          add: (name: string) => {
            const s = newSheet(name);
            host.sheets.push(s);
            return host.worksheet(s);
          },
        },
      },
    };
    return ctx;
  }

  private worksheet(s: FakeSheet): any {
    const host = this;
    return {
      id: s.id,
      name: s.name,
      visibility: s.visibility ?? 'Visible',
      load() {},
      activate: () => (host.active = s.name),
      freezePanes: { freezeRows: (n: number) => (s.frozenRows = n) },
      onChanged: {
        add: (h: (e: FakeChange) => unknown) => {
          s.handlers.push(h as (e: { address: string; type: string }) => unknown);
          return { remove: () => (s.handlers = s.handlers.filter((x) => x !== h)) };
        },
      },
      onRowSorted: {
        add: (h: (e: { address: string; type: string }) => unknown) => {
          s.sortHandlers.push(h);
          return { remove: () => (s.sortHandlers = s.sortHandlers.filter((x) => x !== h)) };
        },
      },
      // valuesOnly, as the pane asks: the smallest block holding every non-empty value.
      getUsedRangeOrNullObject: () => {
        let top = -1, bottom = -1, left = Infinity, right = -1;
        s.values.forEach((row, i) => row.forEach((v, j) => {
          if (v === '' || v === null || v === undefined) return;
          if (top < 0) top = i;
          bottom = i;
          left = Math.min(left, j);
          right = Math.max(right, j);
        }));
        const merged = { isNullObject: s.merges.length === 0, address: s.merges.map((a) => `${s.name}!${a}`).join(','), load() {} };
        if (top < 0) return { isNullObject: true, load() {}, getMergedAreasOrNullObject: () => ({ isNullObject: true, load() {} }) };
        return { isNullObject: false, rowIndex: top, columnIndex: left, rowCount: bottom - top + 1, columnCount: right - left + 1, load() {}, getMergedAreasOrNullObject: () => merged };
      },
      getRangeByIndexes: (r: number, c: number, nr: number, nc: number) => host.range(s, r, c, nr, nc),
      getRange: (a?: string) => {
        if (!a) return host.range(s, 0, 0, 1_048_576, 16_384);
        const p = parse(a);
        return host.range(s, p.r, p.c, p.nr, p.nc);
      },
      getRanges: (list: string) => {
        host.pendingBytes += list.length;
        return { conditionalFormats: host.cfCollection(s, list.split(',')) };
      },
    };
  }

  private cfCollection(s: FakeSheet, addresses: string[]) {
    const host = this;
    return {
      items: [] as any[],
      load() {
        host.pendingBytes += 80 * s.cfs.length;
        this.items = s.cfs.filter((c) => !c.deleted).map((cf) => ({
          id: cf.id,
          type: cf.type,
          custom: { rule: { formula: cf.formula, load() {} } },
          delete: () => {
            cf.deleted = true;
            s.cfs = s.cfs.filter((x) => x !== cf);
          },
        }));
      },
      /** Excel fails the whole batch on an unknown id (at sync); here at once, which the pane treats the same. */
      getItem: (id: string) => {
        const cf = s.cfs.find((c) => c.id === id);
        if (!cf) throw Object.assign(new Error(`ItemNotFound: conditional format ${id}`), { code: 'ItemNotFound' });
        return { delete: () => { host.pendingBytes += 40; s.cfs = s.cfs.filter((x) => x !== cf); } };
      },
      add: (type: string) => {
        const cf: FakeCf = { id: `{cf-${++host.cfId}}`, addresses, type, formula: '', fill: '', font: '', deleted: false };
        s.cfs.push(cf);
        host.pendingBytes += 120;
        return {
          id: cf.id,
          load() {},
          custom: {
            rule: { set formula(f: string) { cf.formula = f; } },
            format: { fill: { set color(v: string) { cf.fill = v; } }, font: { set color(v: string) { cf.font = v; } } },
          },
        };
      },
    };
  }

  private range(s: FakeSheet, r: number, c: number, nr: number, nc: number): any {
    const host = this;
    const cells = function* () {
      for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) yield [r + i, c + j] as const;
    };
    const address = nr === 1 && nc === 1 ? addr(r, c) : `${addr(r, c)}:${addr(r + nr - 1, c + nc - 1)}`;
    return {
      address,
      load(props?: string | string[]) {
        if ([props].flat().includes('values')) host.pendingReads.push(this);
      },
      get values() {
        return Array.from({ length: nr }, (_, i) => Array.from({ length: nc }, (_, j) => s.values[r + i]?.[c + j] ?? ''));
      },
      set values(v: Value[][]) {
        host.pendingBytes += JSON.stringify(v).length;
        v.forEach((row, i) => row.forEach((x, j) => {
          while (s.values.length <= r + i) s.values.push([]);
          s.values[r + i]![c + j] = x;
        }));
      },
      set numberFormat(v: string[][]) {
        if (v.length === 1 && v[0]!.length === 1 && (nr > 1 || nc > 1)) {
          s.rangeFormats.push({ address, format: v[0]![0]! });
          return;
        }
        v.forEach((row, i) => row.forEach((x, j) => s.numberFormat.set(addr(r + i, c + j), x)));
      },
      format: {
        font: { bold: false, size: 11, color: '' },
        fill: { set color(v: string) { for (const [i, j] of cells()) s.fill.set(addr(i, j), v); } },
        wrapText: false,
        set columnWidth(w: number) { for (let j = 0; j < nc; j++) s.widths.set(c + j, w); },
      },
      dataValidation: { set rule(rule: unknown) { s.validations.push({ address, rule }); } },
      conditionalFormats: host.cfCollection(s, [address]),
      select: () => (host.selected = { sheet: s.name, address }),
    };
  }
}

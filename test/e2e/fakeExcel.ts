/**
 * A test host for the Office boundary: the subset of the Excel JavaScript API that
 * addin/office.ts uses, over plain in-memory sheets. It counts context.sync() calls
 * and fires onChanged like Excel does. Runs in Node (unit tests) and is bundled into
 * the browser test in place of office.js.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Value = string | number | boolean;

export interface FakeCf { id: number; addresses: string[]; type: string; formula: string; fill: string; font: string; deleted: boolean }

export interface FakeSheet {
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

export function newSheet(name: string, values: Value[][] = []): FakeSheet {
  return { name, values, numberFormat: new Map(), rangeFormats: [], fill: new Map(), validations: [], comments: new Map(), widths: new Map(), cfs: [], frozenRows: 0, merges: [], handlers: [] };
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

export class FakeExcel {
  syncs = 0;
  selected: { sheet: string; address: string } | null = null;
  /** Workbook settings (ExcelApi 1.4), saved with the file. */
  settings = new Map<string, unknown>();
  /** Workbook.use1904DateSystem (ExcelApi 1.16): Mac Excel's 「使用 1904 日期系统」. */
  use1904DateSystem = false;
  active: string;
  private cfId = 0;
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
    const s = this.sheet(sheetName);
    const { r, c } = parse(address);
    while (s.values.length <= r) s.values.push([]);
    s.values[r]![c] = value;
    for (const h of s.handlers) void h({ address, type: 'WorksheetChanged' });
  }

  run = async <T>(batch: (ctx: any) => Promise<T>): Promise<T> => batch(this.context());

  private context() {
    const host = this;
    const ctx = {
      sync: async () => {
        host.syncs++;
        await new Promise((r) => setTimeout(r, 0));
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
      name: s.name,
      visibility: s.visibility ?? 'Visible',
      load() {},
      activate: () => (host.active = s.name),
      freezePanes: { freezeRows: (n: number) => (s.frozenRows = n) },
      onChanged: {
        add: (h: (e: { address: string; type: string }) => unknown) => {
          s.handlers.push(h);
          return { remove: () => (s.handlers = s.handlers.filter((x) => x !== h)) };
        },
      },
      getUsedRangeOrNullObject: () => {
        const rows = s.values.length;
        const cols = Math.max(0, ...s.values.map((r) => r.length));
        const merged = { isNullObject: s.merges.length === 0, address: s.merges.map((a) => `${s.name}!${a}`).join(','), load() {} };
        return { isNullObject: rows === 0 || cols === 0, rowIndex: 0, columnIndex: 0, rowCount: rows, columnCount: cols, load() {}, getMergedAreasOrNullObject: () => merged };
      },
      getRangeByIndexes: (r: number, c: number, nr: number, nc: number) => host.range(s, r, c, nr, nc),
      getRange: (a?: string) => {
        if (!a) return host.range(s, 0, 0, 1_048_576, 16_384);
        const p = parse(a);
        return host.range(s, p.r, p.c, p.nr, p.nc);
      },
      getRanges: (list: string) => ({ conditionalFormats: host.cfCollection(s, list.split(',')) }),
    };
  }

  private cfCollection(s: FakeSheet, addresses: string[]) {
    const host = this;
    return {
      items: [] as any[],
      load() {
        this.items = s.cfs.filter((c) => !c.deleted).map((cf) => ({
          type: cf.type,
          custom: { rule: { formula: cf.formula, load() {} } },
          delete: () => {
            cf.deleted = true;
            s.cfs = s.cfs.filter((x) => x !== cf);
          },
        }));
      },
      add: (type: string) => {
        const cf: FakeCf = { id: ++host.cfId, addresses, type, formula: '', fill: '', font: '', deleted: false };
        s.cfs.push(cf);
        return {
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
      load() {},
      get values() {
        return Array.from({ length: nr }, (_, i) => Array.from({ length: nc }, (_, j) => s.values[r + i]?.[c + j] ?? ''));
      },
      set values(v: Value[][]) {
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

/**
 * `zhuanjie annotate` (issue 21, item 3): the annotated copy of each input format, opened
 * by LibreOffice headless (converted to .xlsx, as a college's WPS or LibreOffice would
 * open it) and read back with openpyxl — not only by the library that wrote it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, OWN_FIXTURES, tempDir } from './helpers.js';
import { annotateFile } from '../jobs/audit/read.js';
import { MARK_FILL } from '../jobs/audit/annotate.js';
import { adviceOf } from '../shared/audit.js';
import { defaultRuleSettings } from '../shared/settings.js';
import type { FileValidation } from '../jobs/lib/read/load.js';

const TODAY = '2026-06-08';
const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : null;
const missing = !SOFFICE ? 'LibreOffice（soffice）未安装' : !PYTHON ? '/usr/bin/python3 不存在' : null;
if (missing) console.warn(`跳过：批注版经 LibreOffice 读回的测试（${missing}）`);

/** Each input format a college may send, written by a real program. */
const INPUTS = [
  ['LibreOffice .xlsx', join(OWN_FIXTURES, 'lo_reg.xlsx')],
  ['LibreOffice .xls (BIFF8)', join(OWN_FIXTURES, 'lo_reg.xls')],
  ['LibreOffice .ods', join(OWN_FIXTURES, 'lo_reg.ods')],
  ['Excel GBK CSV (semicolons)', join(OWN_FIXTURES, 'reg_gbk_semicolon.csv')],
  ['web-system HTML saved as .xls (GBK)', join(OWN_FIXTURES, 'corpus', 'reg-ls-web-gbk.xls')],
  ['openpyxl .xlsx', join(OWN_FIXTURES, 'corpus', 'reg-cs-openpyxl.xlsx')],
] as const;

const READ_BACK = `import openpyxl, json, sys
out = {}
for f in sys.argv[1:]:
    wb = openpyxl.load_workbook(f)
    review, data = wb.worksheets[0], wb.worksheets[1]
    cells = {}
    for row in data.iter_rows():
        for c in row:
            if c.value is not None or c.comment is not None:
                cells[c.coordinate] = {'value': str(c.value) if c.value is not None else None, 'note': c.comment.text if c.comment else None, 'fill': c.fill.fgColor.rgb if c.fill and c.fill.fill_type == 'solid' else None}
    out[f] = {'sheets': wb.sheetnames, 'frozen': data.freeze_panes, 'cells': cells,
              'review': [[c.value for c in r] for r in review.iter_rows(min_row=2)]}
print(json.dumps(out, ensure_ascii=False))`;

type ReadBack = Record<string, { sheets: string[]; frozen: string | null; cells: Record<string, { value: string | null; note: string | null; fill: string | null }>; review: unknown[][] }>;

const run = promisify(execFile);

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe.skipIf(missing)('annotated copy, read back through LibreOffice and openpyxl', () => {
  const dir = tempDir('annotate-');
  const made: { label: string; input: string; out: string; v: FileValidation; before: string }[] = [];
  let direct: ReadBack = {};
  let viaLibreOffice: ReadBack = {};

  beforeAll(async () => {
    for (const [label, input] of INPUTS) {
      const before = sha(input);
      const out = join(dir, `${made.length}-${basename(input)}-审核意见.xlsx`);
      const { validation } = await annotateFile(input, { settings: defaultRuleSettings(), today: TODAY, out });
      made.push({ label, input, out, v: validation, before });
    }
    const lo = join(dir, 'lo');
    mkdirSync(lo);
    // Asynchronously: a worker blocked for the whole conversion cannot answer the test runner.
    await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', lo, ...made.map((m) => m.out)], { timeout: 180_000 });
    const read = async (files: string[]) => JSON.parse((await run(PYTHON!, ['-c', READ_BACK, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout) as ReadBack;
    direct = await read(made.map((m) => m.out));
    viaLibreOffice = await read(made.map((m) => join(lo, basename(m.out))));
  }, 240_000);

  it.each(INPUTS.map(([label]) => label))('%s: every finding cell carries its message and fix as a note, filled red for 错误', (label) => {
    const m = made.find((x) => x.label === label)!;
    const got = viaLibreOffice[join(dir, 'lo', basename(m.out))]!;
    const onCells = m.v.findings.filter((f) => f.column && f.severity !== 'info');
    expect(onCells.length).toBeGreaterThan(0);
    for (const f of onCells) {
      const cell = got.cells[`${f.column}${f.row}`];
      const { problem, fix } = adviceOf(f.message);
      expect(cell?.note, `${f.column}${f.row}`).toContain(problem);
      expect(cell?.note).toContain(`怎样改：${fix}`);
      expect(cell?.fill).toBe(f.severity === 'error' ? MARK_FILL.error : MARK_FILL.warning);
    }
    // Cells without a finding carry no note and no fill.
    const marked = new Set(onCells.map((f) => `${f.column}${f.row}`));
    for (const [address, c] of Object.entries(got.cells)) if (!marked.has(address)) expect([address, c.note, c.fill]).toEqual([address, null, null]);
  });

  it.each(INPUTS.map(([label]) => label))('%s: same row numbers and column letters as the original; review sheet first; header frozen; original untouched', (label) => {
    const m = made.find((x) => x.label === label)!;
    const got = viaLibreOffice[join(dir, 'lo', basename(m.out))]!;
    expect(got.sheets[0]).toBe('审核意见');
    expect(got.sheets[1]).toBe(m.v.sheet);
    const text = (address: string) => got.cells[address]?.value?.replace(/\s/g, '') ?? '';
    // Each header cell where the original has it (under a two-row header's merge, in the row above)…
    for (const d of m.v.header.decisions) {
      if (!d.letter) continue;
      const written = text(`${d.letter}${m.v.headerRow}`) || text(`${d.letter}${m.v.headerRow - 1}`);
      expect(written, d.letter).not.toBe('');
      expect(d.header.replace(/\s/g, '')).toContain(written);
    }
    // …and each member's 学号 on the member's own row.
    for (const r of m.v.records) if (r.studentId) expect(text(`${m.v.columns.studentId}${r.row}`)).toBe(r.studentId);
    // One line per finding, in order, each linking to its cell.
    const lines = got.review.slice(1);
    expect(lines.length).toBe(m.v.findings.length);
    m.v.findings.forEach((f, i) => {
      expect(lines[i]!.slice(0, 2)).toEqual([f.row, f.column ?? null]);
      expect(String(lines[i]![6])).toContain(`!${f.column ?? 'A'}${f.row}`);
    });
    // LibreOffice headless keeps no view settings, so the frozen pane is read from the file as written.
    expect(direct[m.out]!.frozen).toBe(`A${m.v.headerRow + 1}`);
    expect(sha(m.input)).toBe(m.before);
  });
});

describe('zhuanjie annotate (command line)', () => {
  it('writes beside the original by default, refuses to overwrite without --force, never writes over the original', () => {
    const dir = tempDir();
    const input = join(dir, '经济管理学院-登记表.xls');
    copyFileSync(join(OWN_FIXTURES, 'lo_reg.xls'), input);
    const first = cli(['annotate', input, '--today', TODAY]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('错误 4 处');
    const out = join(dir, '经济管理学院-登记表-审核意见.xlsx');
    expect(existsSync(out)).toBe(true);
    const again = cli(['annotate', input, '--today', TODAY]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在');
    expect(cli(['annotate', input, '--today', TODAY, '--force']).code).toBe(1);
    const over = cli(['annotate', input, '--out', input, '--force', '--today', TODAY]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('原文件从不改动');
  });
});

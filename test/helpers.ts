import { pathToFileURL } from 'node:url';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { checkCharacter } from '../shared/idNumber.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { Cell } from '../shared/normalize.js';
import type { SheetSnapshot } from '../shared/table.js';
import { validateSheet } from '../shared/validate.js';

/**
 * The optional reference folder ../shared beside the repository ($ZHUANJIE_SHARED points
 * elsewhere). The repository stands alone: tests that use it skip, with a printed
 * reason, when it is absent.
 */
export const SHARED = process.env.ZHUANJIE_SHARED || join(import.meta.dirname, '..', '..', 'shared');
export const FIXTURES = join(SHARED, 'fixtures');
export const MANIFEST_XSD = join(SHARED, 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');

/** True when `path` exists; otherwise prints why the tests that need it are skipped. */
export function optionalShared(path: string, what: string): boolean {
  if (existsSync(path)) return true;
  console.warn(`跳过：${what}（可选的参考文件夹不存在：${path}）`);
  return false;
}
export const OWN_FIXTURES = join(import.meta.dirname, 'fixtures');

export const tempDir = (prefix = 'zhuanjie-') => mkdtempSync(join(tmpdir(), prefix));

export const HEADER = ['学院', '所在党支部', '姓名', '性别', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '组织编码', '毕业去向', '去向单位', '介绍信编号', '开具日期', '有效期', '党费交至', '预备党员考察表', '联系电话', '电子邮箱'];

/** A clean 京外 online row; tests override the fields they are about. */
export const CLEAN: Record<string, Cell> = {
  学院: '计算机学院党委', 所在党支部: '计算机学院2022级本科生第一党支部', 姓名: '张明远', 性别: '男', 学号: '2022083101',
  身份证号: '110108200403151232', 党员类别: '正式党员', 入党时间: '2024-05-20', 转接类型: '京外', 办理方式: '线上',
  介绍信抬头: '中共长沙市委组织部', 接收党组织: '中共长沙市岳麓区麓山街道工作委员会', 组织编码: '', 毕业去向: '就业',
  去向单位: '长沙某某科技有限公司', 介绍信编号: '', 开具日期: '2026-06-12', 有效期: '', 党费交至: '2026年6月',
  预备党员考察表: '', 联系电话: '13912345678', 电子邮箱: 'zhangmy@example.com',
};

export function sheet(...rows: Record<string, Cell>[]): SheetSnapshot {
  return {
    name: '登记表',
    rows: [['2026届毕业生党员组织关系介绍信登记表'], [...HEADER], ...rows.map((r) => HEADER.map((h) => (h in r ? r[h] : CLEAN[h]) ?? null))],
  };
}

/** Findings of one row (sheet row 3 is the first data row). */
export function check(overrides: Record<string, Cell>, today = '2026-06-10') {
  return validateSheet(sheet({ ...CLEAN, ...overrides }), { today }).findings;
}

export const codes = (findings: { code: string; field: string | null }[]) => findings.map((f) => `${f.field}:${f.code}`);

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'zhuanjie.js'), ...args], {
    cwd: opts.cwd, env: { ...process.env, ...opts.env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const START_AT = join(import.meta.dirname, 'fixtures', 'start-at.mjs');

/**
 * The CLI as a child process that runs beside the test (a server in the same process
 * keeps answering). `startAt`: hold the child until that wall-clock millisecond, so that
 * two CLIs start together (race tests).
 */
export function cliAsync(args: string[], startAt?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const pre = startAt ? ['--import', pathToFileURL(START_AT).href] : [];
  const child = spawn(process.execPath, [...pre, join(import.meta.dirname, '..', 'bin', 'zhuanjie.js'), ...args], {
    stdio: 'pipe', env: { ...process.env, ZHUANJIE_TEST_START_AT: String(startAt ?? 0) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr })));
}

/** The pid of a process that has exited (as a run killed with kill -9 leaves behind). */
export function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** A college of `n` members, each with an address of their own, letters issued 06-12. */
export function bigRegistration(dir: string, n: number): string {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++) {
    const first17 = `11010820040315${String(i).padStart(3, '0')}`;
    const r = { ...CLEAN, 学号: `2022${String(100000 + i)}`, 身份证号: first17 + checkCharacter(first17), 电子邮箱: `m${i}@example.com` } as Record<string, unknown>;
    rows.push(HEADER.map((h) => r[h] ?? ''));
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '登记表');
  const file = join(dir, 'input', '计算机学院-大名单.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

/** An ID number's check character for its first 17 digits (GB 11643): the tests' own oracle, apart from shared/idNumber.ts. */
export function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11]!;
}

/** Clean member rows with a distinct 学号 and a valid ID number each, numbered from 1 per maker. */
export function rowMaker(idBase = 100, studentIdPrefix = '20220831') {
  let seq = 0;
  return (o: Record<string, Cell>): Record<string, Cell> => {
    seq++;
    return { ...CLEAN, 学号: `${studentIdPrefix}${String(seq).padStart(2, '0')}`, 身份证号: withCheckDigit(`11010820040315${String(idBase + seq * 2 + 1).slice(-3)}`), ...o };
  };
}

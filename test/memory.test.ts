/**
 * Bounded memory (issue 11): no input drives a read past ~1 GB. Each case runs
 * `zhuanjie validate` in a child process whose peak RSS is measured (bench/rss.mjs).
 * Inputs beyond the caps are refused in a fraction of a second, before parsing; the
 * largest CSV within the caps still reads under 1 GiB.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bigFieldCsv, bigSheetXlsx } from './hostileMemory.js';
import { tempDir } from './helpers.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
const RSS = pathToFileURL(join(import.meta.dirname, '..', 'bench', 'rss.mjs')).href;
const GiB = 1024 ** 3;

function validate(file: string) {
  const rssFile = join(tempDir(), 'rss');
  const started = Date.now();
  // Findings of a 360,000-row file are tens of MB of text: not kept.
  const r = spawnSync(process.execPath, ['--import', RSS, BIN, 'validate', file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile }, timeout: 120_000 });
  return { code: r.status, stderr: r.stderr, rss: Number(readFileSync(rssFile, 'utf8')), seconds: (Date.now() - started) / 1000 };
}

describe('hostile sizes are refused before parsing, in little memory', () => {
  const dir = tempDir();
  it.each([
    // 1.2 MB on disk, 300 MB of honest cells (was 3.6–5.0 GB and a minute).
    ['an .xlsx unpacking to 300 MB of real cells', 'sheet300.xlsx', (f: string) => bigSheetXlsx(f, 300 * 1024 ** 2), '超过上限 112 MB'],
    // Small cells cost the most per byte: 5.6 million of them in 80 MB.
    ['an .xlsx of 5.6 million one-digit cells', 'cells.xlsx', (f: string) => bigSheetXlsx(f, 80 * 1024 ** 2, '<c><v>1</v></c>'), '单元格超过 500 万个'],
    // One quoted field of 30 MB (a 54 MB one took 2.7 GB).
    ['a CSV with one 26 MB quoted field', 'field.csv', (f: string) => bigFieldCsv(f, 26 * 1024 ** 2), '超过 32767 个字符'],
    ['a CSV of 4 million one-character fields', 'fields.csv', (f: string) => writeFileSync(f, `姓名,学号\n${'1,2,3,4,5,6,7,8,9,0\n'.repeat(400_000)}`), '单元格超过 260 万个'],
    ['a CSV of 40 MB', 'big.csv', (f: string) => bigFieldCsv(f, 40 * 1024 ** 2), '文本表格过大'],
  ])('%s', (_what, name, make, message) => {
    const file = join(dir, name);
    make(file);
    const r = validate(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.rss).toBeLessThan(0.5 * GiB);
  }, 60_000);
});

describe('the largest text table within the caps', () => {
  it('27.5 MB, 2.5 million fields of Chinese registration data: read under 1 GiB', () => {
    const file = join(tempDir(), 'cap.csv');
    const row = '张明远,2022083101,计算机学院,13912345678,中共长沙,正式党员,2024-05-20,男\n';
    writeFileSync(file, `姓名,学号,学院,联系电话,接收党组织,党员类别,入党时间,性别\n${row.repeat(Math.floor((27.5 * 1024 ** 2) / Buffer.byteLength(row)))}`);
    const r = validate(file);
    expect(r.code).toBe(1); // read, with findings (no 身份证号 column, …)
    expect(r.rss).toBeLessThan(GiB);
  }, 120_000);
});

/**
 * One bad file never silences the rest, the report tells the whole truth, and what
 * leaves the program is safe to show and to keep (issue 11): an encrypted registration
 * among many, `validate` on a folder with unreadable files, delivery results in the
 * report, owner-only files, escaped control characters, confined output folders.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { JobConfigInput } from '../shared/config.js';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { CLEAN, HEADER, cli, cliAsync, tempDir } from './helpers.js';
import { startSmtp, type Faults } from './smtp.js';

const ENCRYPTED = join(import.meta.dirname, 'hostile', 'encrypted.xlsx');
let servers: Awaited<ReturnType<typeof startSmtp>>[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(patch: (c: JobConfigInput, dir: string) => void = () => {}, faults: Faults = {}) {
  const server = await startSmtp(faults);
  servers.push(server);
  const dir = tempDir();
  mkdirSync(join(dir, 'input'));
  sampleWorkbooks(join(dir, 'input'));
  const config: JobConfigInput = { ...sampleConfig(), mail: { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 2, backoffMs: 20, timeoutMs: 5000 } };
  patch(config, dir);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { server, dir, file };
}

const sheetRows = (file: string, name: string) => {
  const wb = XLSX.read(readFileSync(file));
  expect(wb.SheetNames).toContain(name);
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1 }).map((r) => r.join(' | '));
};


describe('an encrypted registration among the others', () => {
  it('is reported with its college in the output, the report and the summary, and every college still gets its list (exit 2)', async () => {
    const { server, dir, file } = await setup((c, d) => {
      // A second file from 机械工程学院, saved with an opening password.
      copyFileSync(ENCRYPTED, join(d, 'input', '机械工程学院-补充登记表.xlsx'));
      c.registrations = [...(c.registrations ?? []), 'input/机械工程学院-补充登记表.xlsx'];
    });
    const r = await cliAsync(['run', '--config', file, '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/无法读取的登记表：.*机械工程学院-补充登记表\.xlsx（机械工程学院）：文件已加密/);
    const subjects = server.messages.map((m) => m.parsed.subject!);
    for (const college of ['计算机学院', '机械工程学院', '经济管理学院', '全校汇总']) expect(subjects.join()).toContain(college);
    expect(subjects).toHaveLength(4);
    const summary = server.messages.find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.parsed.text).toContain('以下登记表无法读取');
    expect(summary.parsed.text).toContain('- 机械工程学院-补充登记表.xlsx（机械工程学院）：文件已加密');

    const report = join(dir, 'reports', `组织关系转接对账-${SAMPLE_AS_OF}.xlsx`);
    expect(sheetRows(report, '无法读取的文件').join('\n')).toMatch(/机械工程学院-补充登记表\.xlsx \| 机械工程学院 \| 文件已加密/);
    // Delivery results written after sending: every message, the summary included.
    const delivered = sheetRows(report, '发送结果').slice(1);
    expect(delivered).toHaveLength(4);
    for (const line of delivered) expect(line).toContain('| 已发送');
    expect(delivered.join('\n')).toContain('党委组织部 | zuzhibu@example.edu.cn');
  });
});

describe('the report after a failed send', () => {
  it('lists the failed college with its error, so 「见对账报告」 points at something', async () => {
    const { file } = await setup((c) => {
      c.colleges![1]!.secretary.email = 'nobody@example.edu.cn';
    }, { rcpt: (a) => (a === 'nobody@example.edu.cn' ? { code: 550, message: '5.1.1 User unknown' } : undefined) });
    const o = await runJob(loadConfig(file), { asOf: SAMPLE_AS_OF });
    expect(o.failures).toHaveLength(1);
    const rows = sheetRows(o.reportFile, '发送结果').join('\n');
    expect(rows).toMatch(/\| nobody@example\.edu\.cn \| 发送失败 \| .*550 5\.1\.1 User unknown/);
    expect(statSync(o.reportFile).mode & 0o777).toBe(0o600);
  });
});

describe('validate on a folder', () => {
  it('reports every readable file and lists each unreadable one (encrypted, symlink loop, a folder named .xlsx), JSON too, exit 2', () => {
    const dir = tempDir();
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, HEADER.map((h) => CLEAN[h] ?? '')]), '登记表');
    writeFileSync(join(dir, '计算机学院-登记表.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    copyFileSync(ENCRYPTED, join(dir, '经济管理学院-登记表.xlsx'));
    symlinkSync('环.xlsx', join(dir, '环.xlsx'));
    mkdirSync(join(dir, '不是文件.xlsx'));
    const text = cli(['validate', '--today', '2026-06-20', dir]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('计算机学院-登记表.xlsx（工作表「登记表」');
    expect(text.stderr).toMatch(/经济管理学院-登记表\.xlsx：文件已加密/);
    expect(text.stderr).toMatch(/环\.xlsx：是循环的符号链接/);
    expect(text.stderr).toMatch(/不是文件\.xlsx：不是普通文件/);
    const json = cli(['validate', '--json', '--today', '2026-06-20', dir]);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout);
    expect(doc.files).toHaveLength(1);
    expect(doc.unreadable.map((u: { file: string }) => u.file.split('/').pop()).sort()).toEqual(['不是文件.xlsx', '环.xlsx', '经济管理学院-登记表.xlsx'].sort());
  });
});

describe('output hygiene', () => {
  it('a file name with a line break and an ANSI escape cannot forge a line or clear the terminal', () => {
    const dir = tempDir();
    const name = '登记表\n  全部通过。\x1b[2J.xlsx';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, HEADER.map((h) => (h === '联系电话' ? '1391234567' : CLEAN[h] ?? ''))]), '登记表');
    writeFileSync(join(dir, name), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = cli(['validate', '--today', '2026-06-20', join(dir, name)]);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout.split('\n').filter((l) => l.trim() === '全部通过。')).toEqual([]);
    expect(r.stdout).toContain('登记表\\n  全部通过。\\x1b[2J.xlsx');
  });

  it('report, journal and outbox .eml are readable by their owner only', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'input'));
    sampleWorkbooks(join(dir, 'input'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...sampleConfig(), mail: { transport: 'outbox', dir: 'outbox' } }));
    const o = await runJob(loadConfig(join(dir, 'config.json')), { asOf: SAMPLE_AS_OF });
    const files = [o.reportFile, join(dir, 'state', 'journal.jsonl'), ...readdirSync(join(dir, 'outbox')).map((f) => join(dir, 'outbox', f))];
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('a relative reportDir outside the config folder is refused; an absolute one is used as written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cfg', 'input'), { recursive: true });
    sampleWorkbooks(join(dir, 'cfg', 'input'));
    const write = (reportDir: string) => writeFileSync(join(dir, 'cfg', 'config.json'), JSON.stringify({ ...sampleConfig(), reportDir, mail: { transport: 'outbox', dir: 'outbox' } }));
    write('../../elsewhere');
    const refused = cli(['run', '--config', join(dir, 'cfg', 'config.json'), '--as-of', '2026-07-15']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('指向配置文件所在文件夹之外');
    expect(readdirSync(dir)).toEqual(['cfg']);
    write(join(dir, 'reports'));
    const ok = cli(['run', '--config', join(dir, 'cfg', 'config.json'), '--as-of', '2026-07-15']);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, 'reports'))).toEqual([`组织关系转接对账-2026-07-15.xlsx`]);
  });
});

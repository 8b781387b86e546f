/**
 * Help and README agree (issue 24, item 7): every command's --help names the same options
 * as its row in the README's command table, ends with the exit codes the README lists, shows
 * no empty 「（默认：）」 and only Chinese argument names; `template --out x.csv` refuses; the
 * config's mistakes name the allowed values and count items as people do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJobConfig } from '../shared/config.js';
import { templateLayout } from '../shared/template.js';
import { DEFAULT_RULE_SETTINGS } from '../shared/settings.js';
import { READABLE_FORMATS } from '../shared/formats.js';
import { EXIT_HELP } from '../jobs/cli/options.js';
import { cli, tempDir } from './helpers.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** The README's command table: each row's command words and the options its usage names. */
function readmeRows(): { command: string; options: Set<string> }[] {
  return [...README.matchAll(/^\| `zhuanjie ([^`]+)` \|/gm)].map((m) => {
    const usage = m[1]!.replace(/\\\|/g, '|');
    const command = usage.split(' ').filter((w, n, all) => all.slice(0, n + 1).every((x) => /^[a-z]+$/.test(x))).join(' ');
    return { command, options: new Set(usage.match(/--[a-z-]+/g) ?? []) };
  });
}

const helpOf = (command: string) => cli([...command.split(' '), '--help']);
const helpOptions = (text: string) => new Set([...text.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help'));

describe('every command’s --help and the README’s command table', () => {
  const rows = readmeRows();

  it('the table lists every command', () => {
    expect(rows.map((r) => r.command)).toEqual(['validate', 'columns', 'template', 'reconcile', 'annotate', 'audit', 'run', 'schedule', 'receipts fetch', 'journal', 'journal resolve', 'demo']);
  });

  // `journal` and `journal resolve` are one command with two rows: compared together.
  const byHelp = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = r.command.split(' ')[0] === 'journal' ? 'journal' : r.command;
    byHelp.set(key, new Set([...(byHelp.get(key) ?? []), ...r.options]));
  }

  it.each([...byHelp.entries()])('%s: the same options, the exit codes, no empty default, Chinese names', (command, readme) => {
    const h = helpOf(command);
    expect(h.code).toBe(0);
    expect([...helpOptions(h.stdout)].sort()).toEqual([...readme].sort());
    expect(h.stdout.trim().endsWith(EXIT_HELP)).toBe(true);
    expect(h.stdout).not.toContain('（默认：）');
    expect(h.stdout).not.toMatch(/<[a-z]+(\.\.\.)?>|\[[a-z]+\]/);
    expect(h.stdout).not.toMatch(/Usage|Options|Arguments|default:/);
  });

  it('the README states the exit codes in the words of the help', () => {
    expect(README).toContain(EXIT_HELP);
  });

  it('one list of readable formats: validate and columns help and the README say the same', () => {
    // Help wraps long lines: compared with the wrapping undone.
    const unwrapped = (t: string) => t.replace(/\n\s+/g, ' ');
    expect(unwrapped(helpOf('validate').stdout)).toContain(READABLE_FORMATS);
    expect(unwrapped(helpOf('columns').stdout)).toContain(READABLE_FORMATS);
    expect(README).toContain(`可读取的表格格式：${READABLE_FORMATS}`);
  });
});

describe('template', () => {
  it.each(['登记表.csv', '登记表.xls', '登记表'])('--out %s is refused (exit 2): the template is an .xlsx workbook', (name) => {
    const dir = tempDir();
    const r = cli(['template', '--out', join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('模板只能生成 .xlsx');
    expect(r.stderr).toContain('--out 登记表.xlsx');
  });

  it('the 有效期 header carries its unit, and reads back as 有效期', () => {
    const col = templateLayout(DEFAULT_RULE_SETTINGS).columns.find((c) => c.key === 'validDays')!;
    expect(col.label).toBe('有效期（天）');
    expect(col.header).toBe('有效期');
  });
});

describe('config mistakes in people’s words', () => {
  const base = { registrations: ['a.xlsx'] };
  const message = (data: object) => {
    const r = parseJobConfig(data, 'config.json');
    expect(r.ok).toBe(false);
    return (r as { message: string }).message;
  };

  it('"transport": "SMTP" names the allowed values', () => {
    expect(message({ ...base, mail: { transport: 'SMTP' } })).toBe('config.json：mail.transport：应为 "outbox" 或 "smtp"（区分大小写）');
  });

  it('a receipt source with a wrong kind names the allowed kinds and the item as 「第 1 个回执」', () => {
    expect(message({ ...base, receipts: [{ path: 'x.xlsx', kind: 'exprt' }] })).toBe('config.json：第 1 个回执的 kind：应为 "export" 或 "paperRegister"（区分大小写）');
  });

  it('a bad address in the second college reads 「第 2 个学院」, not colleges.1', () => {
    const said = message({ ...base, colleges: [{ name: '计算机学院', secretary: { email: 'a@example.edu.cn' } }, { name: '机械工程学院', secretary: { email: '不是邮箱' } }] });
    expect(said).toContain('config.json：第 2 个学院的 secretary.email：');
    expect(said).not.toContain('colleges.1');
  });

  it('an unknown key inside a college is placed the same way', () => {
    expect(message({ ...base, colleges: [{ name: '计算机学院', secretary: { email: 'a@example.edu.cn' }, alias: ['x'] }] })).toContain('config.json：第 1 个学院的 alias：没有这个设置项，是否想写「aliases」？');
  });
});

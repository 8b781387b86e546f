/**
 * A folder of registrations as a 组织部 shares it (issue 24, item 3): beside the tables,
 * Excel's `~$` lock file for a workbook someone has open, a Word notice, a PDF and a photo.
 * `validate <folder>` and the job name every file they skip and why; the tables are read.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipReason } from '../shared/formats.js';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { cli, tempDir } from './helpers.js';

const EXTRAS: Record<string, string> = {
  '~$计算机学院-登记表.xlsx': 'Excel 的临时锁文件：有人正在 Excel 中打开「计算机学院-登记表.xlsx」',
  '关于做好2026届毕业生党员组织关系转接工作的通知.docx': 'Word 文档不是表格',
  '介绍信样张.pdf': 'PDF 文档不是表格',
  '回执照片-王浩然.jpg': '图片不是表格',
};

function folder() {
  const dir = tempDir('zhuanjie-skip-');
  const input = join(dir, 'input');
  mkdirSync(input);
  // Only the registrations: receipts belong elsewhere.
  for (const f of sampleWorkbooks(input).receipts) rmSync(f);
  // Excel's lock file is a small binary file (165 bytes, the user's name inside).
  for (const name of Object.keys(EXTRAS)) writeFileSync(join(input, name), Buffer.alloc(165, 0x20));
  mkdirSync(join(input, '往届'));
  return { dir, input };
}

describe('files that are not read are named, with why', () => {
  it('`validate <folder>`: each skipped file on its own line; the tables are checked as before', () => {
    const { input } = folder();
    const r = cli(['validate', '--today', '2026-06-20', input]);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('跳过：'));
    for (const [name, why] of Object.entries(EXTRAS)) {
      const line = lines.find((l) => l.includes(`${name}：`));
      expect(line, name).toBeDefined();
      expect(line).toContain(why);
    }
    expect(lines.find((l) => l.includes('往届'))).toContain('子文件夹');
    expect(lines).toHaveLength(5);
    // The tables of the folder were read: one result per registration workbook.
    expect(r.stdout).toContain('计算机学院-登记表.xlsx');
    expect(r.code).not.toBe(2);
  });

  it('`validate --json` lists them under "skipped"', () => {
    const { input } = folder();
    const doc = JSON.parse(cli(['validate', '--json', '--today', '2026-06-20', input]).stdout);
    expect(doc.skipped.map((s: { file: string }) => s.file.split(/[\\/]/).pop()).sort()).toEqual([...Object.keys(EXTRAS), '往届'].sort());
  });

  it('the job logs them too', async () => {
    const { dir, input } = folder();
    // The registrations as one shared folder: the three workbooks and what else people put there.
    copyFileSync(join(input, '~$计算机学院-登记表.xlsx'), join(input, '~$经济管理学院-登记表.xlsx'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...sampleConfig(), registrations: ['input'], receipts: [], mail: { transport: 'outbox', dir: 'outbox' } }));
    const lines: string[] = [];
    await runJob(loadConfig(join(dir, 'config.json')), { asOf: SAMPLE_AS_OF, dryRun: true, log: (l) => lines.push(l) });
    const skipped = lines.filter((l) => l.startsWith('跳过：'));
    expect(skipped.find((l) => l.includes('~$经济管理学院-登记表.xlsx'))).toContain('有人正在 Excel 中打开「经济管理学院-登记表.xlsx」');
    expect(skipped).toHaveLength(6);
    expect(lines.some((l) => l.startsWith('无法读取'))).toBe(false);
  });

  it.each([
    ['登记表.xlsx', null],
    ['登记表.CSV', null],
    ['报名表.wps', 'Word 文档不是表格'],
    ['转接材料.zip', '压缩包'],
    ['说明.md', '不是可读取的表格格式（可读取：.xlsx .xlsm .xls .ods .csv .txt）'],
  ])('%s → %s', (name, why) => {
    const r = skipReason(name);
    if (why === null) expect(r).toBeNull();
    else expect(r).toContain(why);
  });
});

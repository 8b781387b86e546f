/**
 * Many 组织部 machines are Windows PCs with folders like 「D:\组织部 转接\2026 届」: the CLI
 * takes paths with Chinese characters and spaces everywhere (config, inputs, state, reports,
 * outbox), resolving the config's relative paths against its own folder, not the working one.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { cli, tempDir } from './helpers.js';

describe('paths with Chinese characters and spaces', () => {
  it('zhuanjie run with such a config writes its report, journal and mails where the config says', () => {
    const root = join(tempDir(), '组织部 转接', '2026 届 毕业生');
    const inputs = join(root, '各学院 登记表');
    const receipts = join(root, '回执 导出');
    mkdirSync(inputs, { recursive: true });
    mkdirSync(receipts, { recursive: true });
    const { registrations, receipts: receiptFiles } = sampleWorkbooks(tempDir());
    for (const f of registrations) renameSync(f, join(inputs, basename(f)));
    for (const f of receiptFiles) renameSync(f, join(receipts, basename(f)));
    const config = {
      ...sampleConfig(),
      registrations: ['各学院 登记表/'],
      receipts: ['回执 导出/党员E先锋-转接记录导出.xlsx', '回执 导出/全国组织关系转接系统-回执.xls', '回执 导出/纸质回执登记.xlsx'],
      mail: { transport: 'outbox', dir: '发件 箱' },
      stateDir: '运行 状态',
      reportDir: '对账 报告',
    };
    const configFile = join(root, '转接 配置.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));

    // Run from elsewhere: relative paths follow the config file.
    const r = cli(['run', '--config', configFile, '--as-of', '2026-08-25'], { cwd: tempDir() });
    expect(r.stderr, r.stdout).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('登记 20 人');
    expect(r.stdout).toContain(join(root, '对账 报告', '组织关系转接对账-2026-08-25.xlsx'));
    expect(readdirSync(join(root, '对账 报告'))).toEqual(['组织关系转接对账-2026-08-25.xlsx']);
    expect(readdirSync(join(root, '发件 箱'))).toHaveLength(4);
    expect(existsSync(join(root, '运行 状态', 'journal.jsonl'))).toBe(true);
  });
});

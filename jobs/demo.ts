/** `zhuanjie demo` (npm run demo): the whole job on built-in sample data, mail to an outbox folder. */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './files.js';
import { loadConfig } from './config.js';
import { runJob } from './run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from './sample.js';

export async function runDemo(outDir: string, log: (s: string) => void): Promise<void> {
  const dir = resolve(outDir);
  // The demo folder is ours alone: start clean so a second demo sends again.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'input'), { recursive: true });
  sampleWorkbooks(join(dir, 'input'));
  const configFile = join(dir, 'config.json');
  writeFileAtomic(configFile, JSON.stringify(sampleConfig(), null, 2));
  log(`样例数据：${join(dir, 'input')}（3 个学院的登记表，3 份回执）`);
  log(`配置文件：${configFile}`);
  log(`按 ${SAMPLE_AS_OF}（9月1日前 7 天，提醒日）运行：\n`);
  await runJob(loadConfig(configFile), { asOf: SAMPLE_AS_OF, log });
  const outbox = join(dir, 'outbox');
  log(`\n邮件（.eml，可用 Outlook / Foxmail / Thunderbird 打开）：${outbox}`);
  for (const f of readdirSync(outbox).sort()) log(`  ${f}`);
}

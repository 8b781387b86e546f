/** `zhuanjie demo` (npm run demo): the whole job on built-in sample data, mail to an outbox folder. */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../lib/errors.js';
import { writeFileAtomic } from '../lib/files.js';
import { loadConfig } from '../lib/config.js';
import { runJob } from '../reminders/run.js';
import { deadlineDate, deadlineLabel } from '../../shared/deadlines.js';
import { isoToDayNumber } from '../../shared/normalize.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from './sample.js';
import { SAMPLE_MAILS, sampleMaildir } from './sampleMail.js';
import { auditRound } from './sampleAudit.js';

/** Marks a folder as made by the demo, so that a later demo may empty it. */
const DEMO_MARKER = '.zhuanjie-demo';

export async function runDemo(outDir: string, log: (s: string) => void): Promise<void> {
  const dir = resolve(outDir);
  // A second demo starts clean so that it sends again, but only in a folder an earlier
  // demo made: --out pointed at someone's documents must never empty them.
  const marker = join(dir, DEMO_MARKER);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(marker)) throw new InputError(dir, '文件夹不是空的，也不是之前的演示文件夹。为免覆盖其中的文件，请用 --out 指定一个新的或空的文件夹。');
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(dir, 'input'), { recursive: true });
  writeFileSync(marker, '由 zhuanjie demo 生成；再次运行 demo 会清空本文件夹。\n');
  sampleWorkbooks(join(dir, 'input'));
  const configFile = join(dir, 'config.json');
  // Receipts by e-mail: the same sample messages a real mailbox would hold, as a Maildir folder.
  sampleMaildir(join(dir, 'input', '回执邮箱'));
  // One mailbox for receipts and submissions; the registrations folder the colleges drop sheets into.
  mkdirSync(join(dir, 'input', '登记表'));
  writeFileAtomic(configFile, JSON.stringify({ ...sampleConfig(), registrations: ['input/登记表/'], audit: {}, mailbox: { maildir: 'input/回执邮箱' } }, null, 2));
  log(`样例数据：${join(dir, 'input')}（3 个学院的登记表，3 份回执，回执邮箱中 ${SAMPLE_MAILS.length} 封邮件）`);
  log(`配置文件：${configFile}`);
  await auditRound(dir, configFile, log);
  log(`二、对账与提醒：按 ${SAMPLE_AS_OF}（${deadlineLabel('09-01')}前 ${isoToDayNumber(deadlineDate(Number(SAMPLE_AS_OF.slice(0, 4)), '09-01')) - isoToDayNumber(SAMPLE_AS_OF)} 天，提醒日）运行：\n`);
  await runJob(loadConfig(configFile), { asOf: SAMPLE_AS_OF, log });
  const outbox = join(dir, 'outbox');
  log(`\n邮件（.eml，可用 Outlook / Foxmail / Thunderbird 打开）：${outbox}`);
  for (const f of readdirSync(outbox).sort()) log(`  ${f}`);
  log(`\n邮件回执的附件（已按内容核验，按学号存放）：${join(dir, 'state', 'receipts')}`);
}

/**
 * The demo's 6月10日 审核 round, on 6月5日: 机械工程学院's sheet is in the
 * registrations folder and clean, 计算机学院 mails a sheet with two mistakes (its reply
 * carries the annotated copy), 经济管理学院 has sent nothing (reminded). Afterwards the
 * corrected sheet arrives by mail and 经济管理学院's lands in the folder, so that the
 * 9月1日 run reads every college from the one store.
 */
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { writeFileAtomic } from '../lib/files.js';
import { loadConfig } from '../lib/config.js';
import { createSender } from '../lib/mail/transport.js';
import { placesOf } from '../lib/places.js';
import { runAudit, auditText } from '../audit/run.js';
import { rawMail } from './sampleMail.js';

export const SAMPLE_AUDIT_AS_OF = '2026-06-05';
/** The audit round's mail goes to its own outbox folder, beside the 9月1日 one. */
export const AUDIT_OUTBOX = 'outbox-6月审核';

/**
 * A sample sheet with two mistakes secretaries make: a mistyped last digit of an ID
 * number (row 5, H) and a paper letter for a 京内 transfer (row 4, L; seed 000).
 */
export function sheetWithMistakes(src: string): Buffer {
  const wb = XLSX.read(readFileSync(src));
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const id = String(ws['H5']!.v);
  ws['H5'] = { t: 's', v: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') };
  ws['L4'] = { t: 's', v: '纸质介绍信' };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** 王老师 of 计算机学院 mails the college's sheet to the 组织部 mailbox. */
export const submissionMail = (content: Buffer, filename: string, date: string, messageId: string): Buffer =>
  rawMail({
    from: '王老师 <jsj-dangwei@example.edu.cn>', subject: '计算机学院2026届毕业生党员组织关系介绍信登记表', text: '组织部老师好，附件是我院登记表，请审核。',
    date, messageId, attachments: [{ filename, content, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
  });

let n = 0;
const deliverToMaildir = (maildir: string, raw: Buffer) => writeFileAtomic(join(maildir, 'new', `17850000${++n}0.M${n}P2.zhuanjie-demo`), raw);

export async function auditRound(dir: string, configFile: string, log: (s: string) => void): Promise<void> {
  const input = join(dir, 'input');
  const maildir = join(input, '回执邮箱');
  const folder = join(input, '登记表');
  copyFileSync(join(input, '机械工程学院-登记表.xlsx'), join(folder, '机械工程学院-登记表.xlsx'));
  deliverToMaildir(maildir, submissionMail(sheetWithMistakes(join(input, '计算机学院-登记表.xlsx')), '计算机学院-登记表.xlsx', 'Thu, 04 Jun 2026 09:30:00 +0800', '<demo-sub-1@example.edu.cn>'));

  const loaded = loadConfig(configFile);
  const outbox = join(dir, AUDIT_OUTBOX);
  const sender = createSender({ ...loaded.config, mail: { transport: 'outbox', dir: outbox } }, (p) => placesOf(loaded).output(p, 'mail.dir'));
  log(`一、登记表审核：按 ${SAMPLE_AUDIT_AS_OF}（6月10日报送截止前）运行 zhuanjie audit：\n`);
  try {
    log(auditText(await runAudit(loaded, { asOf: SAMPLE_AUDIT_AS_OF, mode: 'command', log, sender })));
  } finally {
    sender.close();
  }
  log(`\n审核邮件（计算机学院的回复附批注版登记表）：${outbox}`);
  for (const f of readdirSync(outbox).sort()) log(`  ${f}`);

  // Later in June: the corrected sheet by mail, and 经济管理学院's sheet in the folder.
  deliverToMaildir(maildir, submissionMail(readFileSync(join(input, '计算机学院-登记表.xlsx')), '计算机学院-登记表（修改后）.xlsx', 'Mon, 08 Jun 2026 15:10:00 +0800', '<demo-sub-2@example.edu.cn>'));
  copyFileSync(join(input, '经济管理学院-登记表.xlsx'), join(folder, '经济管理学院-登记表.xlsx'));
  log('\n此后计算机学院发来改正后的登记表，经济管理学院也已报送；9月1日对账读取同一批报送。\n');
}

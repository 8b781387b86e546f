/**
 * The 6月10日 审核 (issue 21; seed 001: 登记表 due 6月10日, letters only 「登记表审核无误后」)
 * on real servers: the SMTP server of test/smtp.ts and the Dovecot of test/dovecot.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobConfigInput } from '../shared/config.js';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { cliAsync, tempDir } from './helpers.js';
import { startSmtp, type Faults } from './smtp.js';
import { dovecotMissing, PASSWORD, startDovecot, USER, type Dovecot } from './dovecot.js';
import { rawMail, JPEG } from './mailMessages.js';
import { AUDIT_STATUSES } from '../shared/audit.js';
import { AUDIT_OUTBOX, sheetWithMistakes } from '../jobs/demo/sampleAudit.js';
import { runDemo } from '../jobs/demo/demo.js';
import { simpleParser } from 'mailparser';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhuanjie.js');
const CS = '计算机学院';
const ME = '机械工程学院';
const EM = '经济管理学院';

let servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The sample's 计算机学院 sheet with the demo's two mistakes (row 4 L: paper letter for 京内; row 5 H: a mistyped ID). */
const withErrors = (src: string, dest: string) => writeFileSync(dest, sheetWithMistakes(src));

/** The sample season: 计算机学院 with errors and 机械工程学院 clean in the registrations folder, 经济管理学院 nothing yet. */
async function setup(patch: (c: JobConfigInput, dir: string) => void = () => {}, faults: Faults = {}) {
  const server = await startSmtp(faults);
  servers.push(server);
  const dir = tempDir('zhuanjie-audit-');
  const input = join(dir, 'input');
  mkdirSync(input);
  sampleWorkbooks(input);
  const reg = join(dir, '登记表');
  mkdirSync(reg);
  withErrors(join(input, `${CS}-登记表.xlsx`), join(reg, `${CS}-登记表.xlsx`));
  renameSync(join(input, `${ME}-登记表.xlsx`), join(reg, `${ME}-登记表.xlsx`));
  const config: JobConfigInput = {
    ...sampleConfig(),
    registrations: ['登记表/'],
    audit: { deadline: '06-10', leadDays: [7, 3, 1] },
    mail: { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 2, backoffMs: 20, timeoutMs: 5000 },
  };
  patch(config, dir);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { server, dir, input, reg, file };
}

const auditJson = async (file: string, asOf: string) => {
  const r = await cliAsync(['audit', '--config', file, '--as-of', asOf, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    asOf: string; deadline: string;
    colleges: { college: string; status: string; errors: number; warnings: number; file: string | null; submittedAt: string | null; submissions: number; ready: number; blocked: number }[];
    unassigned: { file: string; reason: string; from?: string }[];
  };
};

const subjects = (server: { messages: { parsed: { subject?: string } }[] }) => server.messages.map((m) => m.parsed.subject ?? '');

/** Every cell of a sheet of an attached workbook, by address. */
function cells(buf: Buffer, sheet: string): Map<string, string> {
  const wb = XLSX.read(buf);
  const ws = wb.Sheets[sheet]!;
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(ws)) if (!k.startsWith('!')) out.set(k, String((v as XLSX.CellObject).v ?? ''));
  return out;
}

describe('an audit round before 6月10日 (registrations folder, real SMTP server)', () => {
  it('replies 需修改 with the annotated copy, 审核通过 to the clean college, reminds the missing one; the JSON names each status', async () => {
    const { server, file } = await setup();
    const j = await auditJson(file, '2026-06-03');
    expect(j.deadline).toBe('2026-06-10');
    expect(j.colleges.map((c) => [c.college, c.status, c.errors, c.submissions])).toEqual([
      [CS, 'needsFixing', 2, 1], [ME, 'clean', 0, 1], [EM, 'missing', 0, 0],
    ]);
    for (const c of j.colleges) expect(AUDIT_STATUSES).toContain(c.status);
    expect(j.colleges[0]).toMatchObject({ file: `${CS}-登记表.xlsx`, ready: 7, blocked: 2 });

    expect(subjects(server).sort()).toEqual([
      `【登记表审核】${CS}：需修改：2 处错误`, `【登记表审核】${ME}：审核通过`, `【登记表审核】${EM}：尚未报送登记表（6月10日截止）`,
    ].sort());
    const fix = server.messages.find((m) => m.parsed.subject!.includes(CS))!;
    expect(fix.to).toEqual(['jsj-dangwei@example.edu.cn']);
    expect(fix.parsed.text).toContain('王老师：您好！');
    expect(fix.parsed.text).toMatch(/1\. 4 \| L \| 办理方式 \| 错误 \| 京内转接一律通过党员E先锋线上办理，不接受纸质介绍信。/);
    expect(fix.parsed.text).toMatch(/2\. 5 \| H \| 身份证号 \| 错误 \| 校验码错误/);
    expect(fix.parsed.text).toContain('于 6月10日前把改正后的登记表作为附件重新发送');
    // The annotated copy: the review sheet first, the college's sheet at its own cells, IDs masked.
    const att = fix.parsed.attachments.find((a) => a.filename === `${CS}-登记表-审核意见.xlsx`)!;
    expect(XLSX.read(att.content).SheetNames).toEqual(['审核意见', '登记表']);
    const sheet = cells(att.content, '登记表');
    expect(sheet.get('D4')).toBe('张明远');
    expect(sheet.get('L4')).toBe('纸质介绍信');
    expect(sheet.get('H5')).toMatch(/^1101\*{10}\d{3}[\dX]$/);
    for (const v of sheet.values()) expect(v).not.toMatch(/\d{17}[\dX]/);
    expect(fix.parsed.text).not.toMatch(/\d{17}[\dX]/);

    // The same day again: every college already had its mail.
    const again = await cliAsync(['audit', '--config', file, '--as-of', '2026-06-03']);
    expect(again.code).toBe(0);
    expect(server.messages).toHaveLength(3);
  });

  it('run reminds on a reminder day those not clean, and on 6月10日 tells the 组织部 who is clean, who must fix what and who sent nothing; once', async () => {
    const { server, file } = await setup();
    // 6月7日 is three days before: a reminder day.
    const r7 = await cliAsync(['run', '--config', file, '--as-of', '2026-06-07']);
    expect(r7.code, r7.stderr).toBe(0);
    expect(subjects(server).filter((s) => s.includes('审核通过'))).toHaveLength(1); // the reply to the new clean sheet
    expect(subjects(server)).toContain(`【登记表审核】${EM}：尚未报送登记表（6月10日截止）`);
    expect(subjects(server)).toContain(`【登记表审核】${CS}：需修改：2 处错误`);
    const before = server.messages.length;
    // 6月8日 is no reminder day (7, 3, 1 days before): nothing.
    await cliAsync(['run', '--config', file, '--as-of', '2026-06-08']);
    expect(server.messages).toHaveLength(before);

    const r10 = await cliAsync(['run', '--config', file, '--as-of', '2026-06-10']);
    expect(r10.code, r10.stderr).toBe(0);
    const summary = server.messages.slice(before).find((m) => m.parsed.subject!.includes('全校汇总'))!;
    expect(summary.to).toEqual(['zuzhibu@example.edu.cn']);
    expect(summary.parsed.subject).toBe('【登记表审核】全校汇总：6月10日截止，审核通过 1 个学院，需修改 1 个，未报送 1 个');
    expect(summary.parsed.text).toContain(`以下学院尚未报送登记表：\n- ${EM}`);
    expect(summary.parsed.text).toContain(`- ${CS}：错误 2 处，2 人暂不能开具介绍信`);
    expect(summary.parsed.text).toMatch(new RegExp(`学院 ${ME}，状态 审核通过，报送次数 1，.*党员 6，可开具介绍信 6，须改正后开具 0`));
    expect(summary.parsed.attachments[0]!.filename).toBe('登记表审核汇总-2026-06-10.xlsx');
    const count = server.messages.length;
    // Caught up once: the day after, and again, nothing more.
    await cliAsync(['run', '--config', file, '--as-of', '2026-06-11']);
    await cliAsync(['run', '--config', file, '--as-of', '2026-06-10']);
    expect(server.messages).toHaveLength(count);
  });

  it('the 9月1日 reconciliation reads the same store: the newest submission of a college counts', async () => {
    const { server, file, reg, input } = await setup();
    await cliAsync(['audit', '--config', file, '--as-of', '2026-06-03']);
    // The corrected sheet arrives later (newer time); the folder keeps both files.
    writeFileSync(join(reg, `${CS}-登记表（修改版）.xlsx`), readFileSync(join(input, `${CS}-登记表.xlsx`)));
    const fixed = await auditJson(file, '2026-06-05');
    expect(fixed.colleges[0]).toMatchObject({ college: CS, status: 'clean', submissions: 2, file: `${CS}-登记表（修改版）.xlsx` });
    expect(subjects(server)).toContain(`【登记表审核】${CS}：审核通过`);
    const run = await cliAsync(['run', '--config', file, '--as-of', '2026-08-25']);
    // 9 + 6 members, from the stored sheets: the corrected 计算机学院 sheet only, not both versions.
    expect(run.stdout).toMatch(/登记 15 人/);
  });

  it('killed while a reply is in flight: the re-run never sends it twice, reports it uncertain, and a sheet stored before any reply still gets one', async () => {
    let kill = () => {};
    const { server, file } = await setup(() => {}, { data: (n) => (n === 1 ? (setTimeout(() => kill(), 100), 'hang') : 'ok') });
    // Stored on a day with no audit (no mail); replied to on the first audit day.
    const may = await cliAsync(['run', '--config', file, '--as-of', '2026-05-20']);
    expect(may.code, may.stderr).toBe(0);
    expect(server.messages).toHaveLength(0);
    const child = spawn(process.execPath, [BIN, 'audit', '--config', file, '--as-of', '2026-06-03'], { stdio: 'pipe' });
    kill = () => child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(server.messages).toHaveLength(0);

    const rerun = await cliAsync(['audit', '--config', file, '--as-of', '2026-06-03']);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain('状态不确定 1 封');
    // The one in flight (the first college's reply) is not sent again; the other two go.
    expect(server.messages).toHaveLength(2);
    expect(subjects(server).some((s) => s.includes(CS))).toBe(false);
    const third = await cliAsync(['audit', '--config', file, '--as-of', '2026-06-03']);
    expect(third.code).toBe(1);
    expect(server.messages).toHaveLength(2);
  });
});

describe.skipIf(dovecotMissing)('submissions by e-mail (real Dovecot and SMTP; one mailbox for receipts and submissions)', () => {
  let imap: Dovecot;
  beforeAll(async () => {
    imap = await startDovecot();
  }, 30_000);
  afterAll(async () => {
    await imap?.dispose();
  });

  const sheetMail = (from: string, content: Buffer, name: string, messageId: string, date = 'Thu, 04 Jun 2026 09:30:00 +0800') =>
    rawMail({ from, subject: `${CS}毕业生党员组织关系介绍信登记表`, text: '组织部老师好，附件是我院登记表，请审核。', date, messageId, attachments: [{ filename: name, content, type: 'application/octet-stream' }] });

  it('a college mails a sheet with errors and gets 需修改 once; the same file again, nothing; a corrected one gets 审核通过; an unknown sender is listed and unused', async () => {
    if (dovecotMissing) console.warn(`跳过：${dovecotMissing}`);
    const { server, dir, input, file } = await setup((c) => {
      c.registrations = [`登记表/${ME}-登记表.xlsx`];
      c.mailbox = { host: imap.host, port: imap.port, secure: false, allowSelfSigned: true, user: USER, timeoutMs: 5000 };
    });
    const env = { ...process.env, ZHUANJIE_IMAP_PASSWORD: PASSWORD };
    const run = (asOf: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const child = spawn(process.execPath, [BIN, 'audit', '--config', file, '--as-of', asOf, '--json'], { stdio: 'pipe', env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('close', (code) => res({ code, stdout, stderr }));
    });
    const bad = join(dir, 'bad.xlsx');
    withErrors(join(input, `${CS}-登记表.xlsx`), bad);
    // The sheet named like a photo: recognised by content, not by name.
    await imap.append(sheetMail('王老师 <jsj-dangwei@example.edu.cn>', readFileSync(bad), '登记表.jpg', '<s1@mail.example.edu.cn>'));
    await imap.append(sheetMail('某人 <someone@example.com>', readFileSync(bad), `${CS}-登记表.xlsx`, '<u1@example.com>'));
    // A member's receipt photo in the same mailbox stays a receipt.
    await imap.append(rawMail({ from: '王浩然 <wanghr@example.com>', subject: '王浩然-2022083103-党组织关系回执', attachments: [{ filename: '回执.jpg', content: JPEG, type: 'image/jpeg' }], messageId: '<r1@example.com>' }));

    const first = await run('2026-06-05');
    expect(first.code, first.stderr).toBe(0);
    const j1 = JSON.parse(first.stdout);
    expect(j1.colleges.find((c: { college: string }) => c.college === CS)).toMatchObject({ status: 'needsFixing', errors: 2, submissions: 1, file: '登记表.jpg', submittedAt: '2026-06-04T01:30:00.000Z' });
    expect(j1.unassigned).toEqual([expect.objectContaining({ file: `${CS}-登记表.xlsx`, from: '某人 <someone@example.com>', reason: expect.stringContaining('不是配置中任何学院的地址') })]);
    const replies = () => server.messages.filter((m) => m.parsed.subject!.startsWith(`【登记表审核】${CS}`) && !m.parsed.subject!.includes('截止）'));
    expect(replies().map((m) => m.parsed.subject)).toEqual([`【登记表审核】${CS}：需修改：2 处错误`]);
    expect(replies()[0]!.parsed.attachments.map((a) => a.filename)).toEqual(['登记表-审核意见.xlsx']);
    // Which rule decided, for each message of the one mailbox.
    const journal = readFileSync(join(dir, 'state', 'mailbox.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(journal.find((e) => e.messageId === '<s1@mail.example.edu.cn>')).toMatchObject({ outcome: 'submission', rule: expect.stringContaining('作为登记表报送') });
    expect(journal.find((e) => e.messageId === '<u1@example.com>')).toMatchObject({ outcome: 'submission', submissions: [], rule: expect.stringContaining('不是学院地址') });
    expect(journal.find((e) => e.messageId === '<r1@example.com>')).toMatchObject({ outcome: 'receipt', rule: '附件按内容没有表格：按回执邮件处理' });

    // The same bytes sent again (a new message): one submission, no second reply.
    await imap.append(sheetMail('王老师 <jsj-dangwei@example.edu.cn>', readFileSync(bad), '登记表.xlsx', '<s2@mail.example.edu.cn>', 'Fri, 05 Jun 2026 08:00:00 +0800'));
    const second = JSON.parse((await run('2026-06-06')).stdout);
    expect(second.colleges.find((c: { college: string }) => c.college === CS)).toMatchObject({ status: 'needsFixing', submissions: 1 });
    expect(replies()).toHaveLength(1);
    // Still needing fixes on a new day: reminded (not a second reply).
    expect(subjects(server)).toContain(`【登记表审核】${CS}：需修改：2 处错误（6月10日截止）`);

    // The corrected sheet: 审核通过, and that is the one that counts.
    await imap.append(sheetMail('王老师 <jsj-dangwei@example.edu.cn>', readFileSync(join(input, `${CS}-登记表.xlsx`)), '登记表（已改）.xlsx', '<s3@mail.example.edu.cn>', 'Sat, 06 Jun 2026 16:20:00 +0800'));
    const third = JSON.parse((await run('2026-06-07')).stdout);
    expect(third.colleges.find((c: { college: string }) => c.college === CS)).toMatchObject({ status: 'clean', errors: 0, submissions: 2, file: '登记表（已改）.xlsx' });
    expect(replies().map((m) => m.parsed.subject)).toEqual([`【登记表审核】${CS}：需修改：2 处错误`, `【登记表审核】${CS}：审核通过`]);
    // The unknown sender's sheet was never used.
    expect(third.unassigned).toHaveLength(1);
  }, 60_000);
});

describe('npm run demo', () => {
  it('shows an audit round before 6月10日: one clean, one needing fixes with its annotated copy, one not submitted, one submission by mail', async () => {
    const dir = join(tempDir(), 'demo');
    const lines: string[] = [];
    await runDemo(dir, (s) => lines.push(s));
    const out = lines.join('\n');
    expect(out).toContain(`${CS}：需修改：错误 2 处，提醒 0 处（${CS}-登记表.xlsx，第 1 次报送）`);
    expect(out).toContain(`${ME}：审核通过`);
    expect(out).toContain(`${EM}：未报送`);
    expect(out).toContain('登记表报送 1 封');
    const outbox = join(dir, AUDIT_OUTBOX);
    // The outbox names each file for its message (subject, then its journal handle), not in sending order.
    const mails = await Promise.all(readdirSync(outbox).map((f) => simpleParser(readFileSync(join(outbox, f)))));
    expect(mails.map((m) => m.subject).sort()).toEqual([`【登记表审核】${CS}：需修改：2 处错误`, `【登记表审核】${ME}：审核通过`, `【登记表审核】${EM}：尚未报送登记表（6月10日截止）`].sort());
    expect(mails.find((m) => m.subject!.includes(CS))!.attachments.map((a) => a.filename)).toEqual([`${CS}-登记表-审核意见.xlsx`]);
    // The 9月1日 run reads the same store: every college, the corrected sheet of 计算机学院.
    expect(out).toMatch(/登记 20 人/);
  });
});

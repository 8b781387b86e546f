/**
 * The courier's decisions in this process (mutation testing sees only code the test
 * process runs; the CLI tests drive the courier through a child process), against the
 * real SMTP server of test/smtp.ts and the real outbox: what each answer of the server
 * comes to in the results, the 发送结果 rows and the log; that a dry run, a stop and a
 * refused login send nothing; and that a re-run sends only to those refused for now.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Courier, tornLineText } from '../jobs/lib/mail/courier.js';
import { JournalError, SendJournal } from '../jobs/lib/mail/journal.js';
import { messageIdFor, type Outgoing } from '../jobs/lib/mail/message.js';
import { OutboxSender, SmtpSender } from '../jobs/lib/mail/transport.js';
import { formatKey, type MessageKey } from '../shared/messageKey.js';
import { SmtpSchema } from '../shared/config.js';
import { tempDir } from './helpers.js';
import { smtpPerTest } from './smtp.js';

const smtp = smtpPerTest();
const FROM = '党委组织部 <zuzhibu@example.edu.cn>';
const SECRETARY = 'jsj-dangwei@example.edu.cn';
const DEPUTY = 'jsj-fushuji@example.edu.cn';

function letter(college: string, to: string[], cc: string[] = [], members = 3): Outgoing {
  const key: MessageKey = { cohort: 2026, kind: '09-01', date: '2026-08-25', audience: 'college', id: college };
  return {
    key, label: college, to, cc, subject: `【组织关系转接】${college}：9月1日前请核实 ${members} 名毕业生党员的回执`,
    html: '<p>请核实</p>', text: '请核实', attachments: [], messageId: messageIdFor(key, FROM), members,
  };
}

/** One run: a courier over the journal in `dir`, the log it wrote, and its results. */
function run(dir: string, sender: ConstructorParameters<typeof Courier>[2], opts: { stopping?: () => boolean } = {}) {
  const log: string[] = [];
  const journal = new SendJournal(join(dir, 'journal.jsonl'));
  const courier = new Courier(journal, journal.read(), sender, { log: (l) => log.push(l), ...opts });
  return { courier, log };
}
/** The relay's settings as a config file would give them; the schema fills in the rest. */
const relay = (port: number, user?: string) =>
  SmtpSchema.parse({ transport: 'smtp', host: '127.0.0.1', port, secure: false, attempts: 2, backoffMs: 10, timeoutMs: 5000, ...(user ? { user } : {}) });
const smtpSender = (port: number) => new SmtpSender(relay(port), FROM, {});

describe('what the server’s answer comes to', () => {
  it('accepted: sent, one 已发送 row, the subject in the log; the next run sends nothing and says when it went', async () => {
    const server = await smtp();
    const dir = tempDir();
    const first = run(dir, smtpSender(server.port));
    expect(await first.courier.deliver(letter('计算机学院', [SECRETARY]))).toBe(true);
    expect(first.courier.results.sent).toMatchObject([{ to: [SECRETARY], members: 3 }]);
    expect(first.courier.results.rows.map((r) => [r.label, r.recipients, r.result, r.detail])).toEqual([['计算机学院', [SECRETARY], '已发送', '']]);
    expect(first.log).toContain('已发送：【组织关系转接】计算机学院：9月1日前请核实 3 名毕业生党员的回执');

    const again = run(dir, smtpSender(server.port));
    expect(await again.courier.deliver(letter('计算机学院', [SECRETARY]))).toBe(true);
    expect(server.messages).toHaveLength(1);
    expect(again.courier.results.alreadySent).toHaveLength(1);
    const row = again.courier.results.rows[0]!;
    expect([row.result, row.detail]).toEqual(['此前已发送', expect.stringMatching(/^上次发送：\d{4}-\d\d-\d\d \d\d:\d\d/)]);
  });

  it('one recipient refused for good (550), one accepted: 部分送达, the list counts as arrived, the refusal is reported', async () => {
    const server = await smtp({ rcpt: (a) => (a === DEPUTY ? { code: 550, message: '5.1.1 用户不存在' } : undefined) });
    const { courier, log } = run(tempDir(), smtpSender(server.port));
    expect(await courier.deliver(letter('计算机学院', [SECRETARY], [DEPUTY]))).toBe(true);
    expect(courier.results.sent).toMatchObject([{ to: [SECRETARY], members: 3 }]);
    expect(courier.results.failures).toMatchObject([{ label: '计算机学院', members: 0, reason: expect.stringMatching(/^部分收件人未送达：/) }]);
    const row = courier.results.rows[0]!;
    expect(row.result).toBe('部分送达');
    expect(row.detail).toMatch(new RegExp(`^已送达：${SECRETARY}；`));
    expect(log.some((l) => l.startsWith('部分送达：计算机学院：'))).toBe(true);
  });

  it('every recipient refused for good: 发送失败 with the members counted as not told', async () => {
    const server = await smtp({ rcpt: () => ({ code: 550, message: '5.1.1 mailbox unavailable' }) });
    const { courier, log } = run(tempDir(), smtpSender(server.port));
    expect(await courier.deliver(letter('外国语学院', [SECRETARY]))).toBe(false);
    expect(courier.results.failures).toMatchObject([{ label: '外国语学院', members: 3, reason: expect.stringMatching(/^发送失败：/) }]);
    expect(courier.results.rows[0]!.result).toBe('发送失败');
    expect(log.some((l) => l.startsWith('失败：外国语学院：'))).toBe(true);
  });

  it('refused for now (451): the next run sends again only to the recipient who missed it, and says so', async () => {
    let busy = true;
    const server = await smtp({ rcpt: (a) => (a === DEPUTY && busy ? { code: 451, message: '4.7.1 稍后再试' } : undefined) });
    const dir = tempDir();
    const first = run(dir, smtpSender(server.port));
    await first.courier.deliver(letter('计算机学院', [SECRETARY], [DEPUTY]));
    expect(server.messages.map((m) => m.to)).toEqual([[SECRETARY]]);
    expect(first.log.some((l) => l.startsWith('补发'))).toBe(false);
    busy = false;
    const again = run(dir, smtpSender(server.port));
    expect(await again.courier.deliver(letter('计算机学院', [SECRETARY], [DEPUTY]))).toBe(true);
    expect(server.messages.map((m) => m.to)).toEqual([[SECRETARY], [DEPUTY]]);
    expect(again.log).toContain(`补发：计算机学院 的邮件只发给上次暂时被拒的收件人：${DEPUTY}`);
    const third = run(dir, smtpSender(server.port));
    await third.courier.deliver(letter('计算机学院', [SECRETARY], [DEPUTY]));
    expect(server.messages).toHaveLength(2);
    expect(third.log.some((l) => l.startsWith('补发'))).toBe(false);
  });

  it('the connection dropped once the data was in: uncertain, never re-sent, with the handle to settle it', async () => {
    const server = await smtp({ data: () => 'drop' });
    const dir = tempDir();
    const first = run(dir, smtpSender(server.port));
    expect(await first.courier.deliver(letter('计算机学院', [SECRETARY]))).toBe(false);
    const [u] = first.courier.results.uncertain;
    expect(u).toMatchObject({ label: '计算机学院', members: 3, id: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(u!.reason).toMatch(/^邮件已交给服务器但没有收到确认（.+），可能已送达$/);
    expect(first.courier.results.rows[0]!.result).toBe('状态不确定');
    expect(first.courier.results.rows[0]!.detail).toContain(`zhuanjie journal resolve ${u!.id} 处理`);
    expect(first.log.some((l) => l.includes(`zhuanjie journal resolve ${u!.id} --sent（已收到）或 --resend（重发）`))).toBe(true);

    const again = run(dir, smtpSender(server.port));
    expect(await again.courier.deliver(letter('计算机学院', [SECRETARY]))).toBe(false);
    expect(again.courier.results.uncertain).toHaveLength(1);
    expect(again.courier.results.rows[0]!.detail).toMatch(/；未重发，核实后用 zhuanjie journal resolve [0-9a-f]{8} 处理$/);
    expect(again.log.some((l) => l.includes('本次不重发'))).toBe(true);
  });

  it('a refused login halts the run: one login, and every later message is reported as not tried', async () => {
    const server = await smtp({ auth: () => ({ code: 535, message: '5.7.8 authentication failed' }) });
    const sender = new SmtpSender(relay(server.port, 'zzb@example.edu.cn'), FROM, { ZHUANJIE_SMTP_PASSWORD: 'wrong' });
    const { courier } = run(tempDir(), sender);
    const handed = await courier.deliverMany([letter('计算机学院', [SECRETARY]), letter('外国语学院', ['wgy@example.edu.cn'])]);
    expect(handed.map((h) => h.ok)).toEqual([false, false]);
    expect(server.logins).toBe(1);
    expect(courier.results.rows.map((r) => r.result)).toEqual(['发送失败', '未发送']);
    expect(courier.results.rows[1]!.detail).toBe('邮件服务器不可用，本次未尝试，下次运行时发送');
    expect(courier.results.failures[1]!.reason).toMatch(/^未发送：/);
  });
});

describe('what is not sent', () => {
  it('a dry run logs what would go and sends and journals nothing', async () => {
    const dir = tempDir();
    const { courier, log } = run(dir, null);
    expect(await courier.deliver(letter('计算机学院', [SECRETARY], [DEPUTY]))).toBe(true);
    expect(log).toEqual([`（试运行）将发送：【组织关系转接】计算机学院：9月1日前请核实 3 名毕业生党员的回执 → ${SECRETARY}, ${DEPUTY}`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a message with no address is a failure with its reason, and nothing is journalled', async () => {
    const dir = tempDir();
    const { courier, log } = run(dir, new OutboxSender(join(dir, 'outbox'), FROM));
    const key: MessageKey = { cohort: 2026, kind: '09-01', date: '2026-08-25', audience: 'college', id: '马克思主义学院' };
    expect(await courier.deliver({ unsendable: true, key, label: '马克思主义学院', members: 4, reason: '配置中没有该学院的联系人邮箱' })).toBe(false);
    expect(courier.results.failures).toEqual([{ label: '马克思主义学院', key, reason: '配置中没有该学院的联系人邮箱', members: 4 }]);
    expect(courier.results.rows.map((r) => [r.recipients, r.result, r.detail])).toEqual([[[], '未发送', '配置中没有该学院的联系人邮箱']]);
    expect(log).toEqual(['未发送：马克思主义学院：配置中没有该学院的联系人邮箱。']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a stop asked for before a batch leaves every message of it for the next run, said once', async () => {
    const dir = tempDir();
    const { courier, log } = run(dir, new OutboxSender(join(dir, 'outbox'), FROM), { stopping: () => true });
    const handed = await courier.deliverMany([letter('计算机学院', [SECRETARY]), letter('外国语学院', ['wgy@example.edu.cn']), letter('物理学院', ['wl@example.edu.cn'])]);
    expect(handed).toEqual([1, 2, 3].map(() => ({ ok: true, delivery: null, stopped: true })));
    expect(courier.results.stopped).toBe(3);
    expect(courier.results.unsent.map((u) => [u.label, u.reason, u.members])).toEqual(['计算机学院', '外国语学院', '物理学院'].map((c) => [c, '进程收到停止信号，未发送', 3]));
    expect(courier.results.rows.map((r) => [r.result, r.detail])).toEqual([1, 2, 3].map(() => ['未发送', '进程收到停止信号，下次运行时发送']));
    expect(log.filter((l) => l === '已收到停止信号：其余邮件下次运行时发送。')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a line the journal could not read', () => {
  it('names the file and line, and the message when its key survived', () => {
    expect(tornLineText('/srv/state/journal.jsonl', { line: 7, key: '2026|09-01|2026-08-25|college|计算机学院' }))
      .toBe('发送日志 /srv/state/journal.jsonl 第 7 行不完整（写入时中断），该邮件（2026|09-01|2026-08-25|college|计算机学院）按“状态不确定”处理。');
    expect(tornLineText('/srv/state/journal.jsonl', { line: 7 })).toBe('发送日志 /srv/state/journal.jsonl 第 7 行不完整（写入时中断），无法看出是哪封邮件；请检查该行。');
  });
});

describe('an outbox batch cut off between its intents and its outcomes', () => {
  const letters = [letter('计算机学院', [SECRETARY]), letter('外国语学院', ['wgy@example.edu.cn']), letter('物理学院', ['wl@example.edu.cn'])];

  it('is settled from the files before anything is sent: published ones count as sent, a staged one goes again, once', async () => {
    const dir = tempDir();
    const outbox = join(dir, 'outbox');
    const sender = new OutboxSender(outbox, FROM);
    // What a run killed mid-publish leaves: three staged, their intents journalled, one published,
    // one published and already taken from the outbox by the mail program, one still staged.
    const staged = await sender.stage(letters.map((m) => ({ msg: m, recipients: m.to })));
    const journal = new SendJournal(join(dir, 'journal.jsonl'));
    journal.appendAll(staged.map((st) => ({ type: 'intent' as const, key: formatKey(st.msg.key), messageId: st.msg.messageId, hash: 'h', to: st.recipients, at: '2026-08-25T01:00:00.000Z', file: st.file })), '');
    sender.publish([staged[0]!, staged[1]!]);
    rmSync(staged[1]!.file);

    const { courier, log } = run(dir, sender);
    expect(log).toEqual(['上次运行在写出邮件时中断：按 outbox 中的文件核对 3 封，2 封已写出（记为已发送），1 封未写出（本次重新发送）。']);
    expect(readdirSync(outbox).filter((f) => f.startsWith('.'))).toEqual([]);
    const handed = await courier.deliverMany(letters);
    expect(handed.map((h) => h.ok)).toEqual([true, true, true]);
    expect(courier.results.alreadySent.map((k) => k.id)).toEqual(['计算机学院', '外国语学院']);
    expect(courier.results.sent.map((x) => x.key.id)).toEqual(['物理学院']);
    expect(existsSync(staged[1]!.file)).toBe(false);
    expect(readdirSync(outbox).sort()).toEqual([staged[0]!.file, staged[2]!.file].map((f) => f.slice(outbox.length + 1)).sort());

    const third = run(dir, sender);
    expect(third.log).toEqual([]);
    await third.courier.deliverMany(letters);
    expect(third.courier.results.alreadySent).toHaveLength(3);
  });

  it('a dry run settles nothing: the journal and the outbox stay as the cut-off run left them', async () => {
    const dir = tempDir();
    const sender = new OutboxSender(join(dir, 'outbox'), FROM);
    const [st] = await sender.stage([{ msg: letters[0]!, recipients: letters[0]!.to }]);
    const journal = new SendJournal(join(dir, 'journal.jsonl'));
    journal.append({ type: 'intent', key: formatKey(letters[0]!.key), messageId: letters[0]!.messageId, hash: 'h', to: [SECRETARY], at: '2026-08-25T01:00:00.000Z', file: st!.file });
    const before = readFileSync(journal.file, 'utf8');
    const { log } = run(dir, null);
    expect(log).toEqual([]);
    expect(readFileSync(journal.file, 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'outbox'))).toHaveLength(1);
  });

  it('an intent that names no file (SMTP, or a journal older than the batches) is left uncertain for a person', async () => {
    const dir = tempDir();
    const journal = new SendJournal(join(dir, 'journal.jsonl'));
    journal.append({ type: 'intent', key: formatKey(letters[0]!.key), messageId: letters[0]!.messageId, hash: 'h', to: [SECRETARY], at: '2026-08-25T01:00:00.000Z' });
    const { courier, log } = run(dir, new OutboxSender(join(dir, 'outbox'), FROM));
    expect(log.some((l) => l.startsWith('上次运行在写出邮件时中断'))).toBe(false);
    expect(await courier.deliver(letters[0]!)).toBe(false);
    expect(courier.results.uncertain).toHaveLength(1);
  });

  it('each intent names its outbox file and the run’s day; the outcome follows it', async () => {
    const dir = tempDir();
    const sender = new OutboxSender(join(dir, 'outbox'), FROM);
    const { courier } = run(dir, sender);
    await courier.deliver({ ...letters[0]!, asOf: '2026-08-25' });
    const [intent, outcome] = readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(intent).toMatchObject({ type: 'intent', asOf: '2026-08-25', file: sender.fileFor(letters[0]!), to: [SECRETARY] });
    expect(outcome).toMatchObject({ type: 'outcome', status: 'sent', accepted: [SECRETARY] });
    expect(existsSync(intent.file)).toBe(true);
  });

  it('a stop asked for while a batch is staged removes the staged copies and journals nothing', async () => {
    const dir = tempDir();
    let asked = 0;
    const { courier } = run(dir, new OutboxSender(join(dir, 'outbox'), FROM), { stopping: () => asked++ > 0 });
    const handed = await courier.deliverMany(letters);
    expect(handed.every((h) => h.stopped)).toBe(true);
    expect(readdirSync(join(dir, 'outbox'))).toEqual([]);
    expect(existsSync(join(dir, 'journal.jsonl'))).toBe(false);
  });

  it.each([
    [3, '这批 3 封邮件没有发出。'],
    [1, '这封邮件没有发出。'],
  ])('a journal that cannot take the intents of %i message(s) stops the run, removes the staged copies and says so', async (n, said) => {
    const dir = tempDir();
    const journal = new SendJournal(dir); // a folder: every write fails
    const courier = new Courier(journal, { keys: new Map(), torn: [] }, new OutboxSender(join(dir, 'outbox'), FROM), { log: () => {} });
    const err = await courier.deliverMany(letters.slice(0, n)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(JournalError);
    expect((err as Error).message.endsWith(said)).toBe(true);
    expect(readdirSync(join(dir, 'outbox'))).toEqual([]);
  });

  it('an empty batch writes nothing to the journal', () => {
    const journal = new SendJournal(join(tempDir(), 'state', 'journal.jsonl'));
    journal.appendAll([], '');
    expect(existsSync(journal.file)).toBe(false);
  });
});

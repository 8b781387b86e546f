/**
 * Reading the college's 回执 mailbox from a real Dovecot (issue 14, seed 003:
 * members mail a photo of the stamped receipt with the subject 「姓名-学号-党组织关系回执」).
 * Each message is read once, matched, its attachments checked by content and
 * saved under stateDir/receipts/<学号>/, and marked on the server, never deleted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobConfigSchema, type JobConfigInput } from '../shared/config.js';
import type { LoadedConfig } from '../jobs/lib/config.js';
import { fetchReceipts, inboxJournal, readMailReceipts } from '../jobs/inbox/fetch.js';
import { PROCESSED_KEYWORD } from '../jobs/inbox/imap.js';
import { dovecotMissing, PASSWORD, startDovecot, USER, type Dovecot } from './dovecot.js';
import * as XLSX from 'xlsx';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { SAMPLE_MAILS, sampleMaildir } from '../jobs/demo/sampleMail.js';
import { cli, tempDir } from './helpers.js';
import { EXE, HEIC, JPEG, PDF, rawMail } from './mailMessages.js';

if (dovecotMissing) console.log(`跳过 Dovecot 测试：${dovecotMissing}`);

const ENV = { ZHUANJIE_IMAP_PASSWORD: PASSWORD };

function loaded(server: Dovecot, mailbox: Partial<NonNullable<JobConfigInput['mailbox']>> = {}): LoadedConfig & { stateDir: string } {
  const dir = tempDir('zhuanjie-mailbox-');
  const config = JobConfigSchema.parse({
    stateDir: 'state',
    mailbox: { host: server.host, port: server.port, secure: false, allowSelfSigned: true, user: USER, maxAttachmentBytes: 64 * 1024, timeoutMs: 5000, ...mailbox },
  });
  return { config, path: (p) => resolve(dir, p), file: null, stateDir: join(dir, 'state') };
}

/** Every file under a folder, relative to it. */
function files(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)])).sort();
}

/** The demo's data in a fresh folder, with the given mailbox section. */
function sampleSetup(mailbox: JobConfigInput['mailbox']) {
  const dir = tempDir('zhuanjie-mailrun-');
  sampleWorkbooks(join(dir, 'input'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ ...sampleConfig(), mailbox }));
  return { dir, file };
}

const sheetRows = (file: string, name: string) => XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(file)).Sheets[name]!, { header: 1 });

describe('the demo mailbox (a Maildir folder, same code after fetching)', () => {
  it('`receipts fetch` reads the sample messages once; `run` then counts them and lists the rest', async () => {
    const { dir, file } = sampleSetup({ maildir: 'input/回执邮箱' });
    sampleMaildir(join(dir, 'input', '回执邮箱'));
    const r = cli(['receipts', 'fetch', '--config', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`回执邮箱：新处理 ${SAMPLE_MAILS.length} 封，其中回执 4 封，未能识别 2 封，重复 0 封。`);
    expect(cli(['receipts', 'fetch', '--config', file]).stdout).toContain('新处理 0 封');
    const out = await runJob(loadConfig(file), { asOf: SAMPLE_AS_OF, dryRun: true });
    const byName = new Map(out.result.members.map((m) => [m.name, m]));
    expect(byName.get('王浩然')!.status).toBe('completed');
    expect(byName.get('冯晓雯')!.reasons).toEqual(['邮件回执 2026-08-10：回执照片（邮件），按设置计为已完成']);
    expect(byName.get('沈佳琪')!.reasons).toEqual(['邮件回执 2026-08-12：回执照片（邮件），按设置计为已完成（姓名取自正文，学号取自正文）']);
    expect(sheetRows(out.reportFile, '无法对应的回执邮件').map((row) => `${row[1]}｜${row[6]}`)).toEqual([
      '发件人｜原因',
      'unknown@example.net｜主题、正文和附件名中都没有学号；主题、正文和附件名中都没有姓名',
      '韩雪 <hanxue@example.com>｜邮件没有附件（应附回执照片）',
      // Read fine, but nobody registered 2021083117 (an earlier cohort).
      '周立 <zhouli2021@example.com>｜登记表中没有这个学号（照片已保存，登记表补上后即可对应）',
    ]);
    // Listed once (issue 18): not also among the receipts no registration matched.
    expect(sheetRows(out.reportFile, '无对应登记的回执').flat()).not.toContain('周立');
  });

  it('with photoCountsAsCompleted: false the same members wait for the original', async () => {
    const { dir, file } = sampleSetup({ maildir: 'input/回执邮箱', photoCountsAsCompleted: false });
    sampleMaildir(join(dir, 'input', '回执邮箱'));
    const out = await runJob(loadConfig(file), { asOf: SAMPLE_AS_OF });
    const photo = out.result.members.filter((m) => m.status === 'photo').map((m) => m.name);
    expect(photo).toEqual(['王浩然', '冯晓雯', '沈佳琪']);
  });
});

describe('acknowledgements (off by default)', () => {
  const mails = [
    rawMail({ from: '王浩然 <wanghr2022@example.com>', subject: '王浩然-2022083103-党组织关系回执', messageId: '<a1@x>', attachments: [{ filename: 'a.jpg', content: JPEG }] }),
    rawMail({ from: '王浩然 <wanghr2022@example.com>', subject: '自动回复：王浩然-2022083103-党组织关系回执', messageId: '<a2@x>', headers: { 'Auto-Submitted': 'auto-replied' }, attachments: [{ filename: 'a.jpg', content: JPEG }] }),
    rawMail({ from: '毕业生群 <class2022@lists.example.edu.cn>', subject: '冯晓雯-2022080202-党组织关系回执', messageId: '<a3@x>', headers: { 'List-Id': '<class2022.lists.example.edu.cn>' }, attachments: [{ filename: 'a.jpg', content: JPEG }] }),
    rawMail({ from: 'news@example.com', subject: '回执', messageId: '<a4@x>', headers: { Precedence: 'bulk' } }),
    rawMail({ from: '党委组织部 <zuzhibu@example.edu.cn>', subject: '回执', messageId: '<a5@x>' }),
    rawMail({ from: '韩雪 <hanxue@example.com>', subject: '韩雪-2022080204-党组织关系回执', messageId: '<a6@x>' }),
  ];
  const setup = (acknowledge?: boolean) => {
    const { dir, file } = sampleSetup({ maildir: 'mail', ...(acknowledge === undefined ? {} : { acknowledge }) });
    mkdirSync(join(dir, 'mail', 'cur'), { recursive: true });
    mails.forEach((m, i) => writeFileSync(join(dir, 'mail', 'cur', `17860000${i}.M${i}P1.test:2,S`), m));
    return { dir, file };
  };
  const outbox = (dir: string) => (existsSync(join(dir, 'outbox')) ? readdirSync(join(dir, 'outbox')).sort() : []);

  it('sends nothing unless configured', () => {
    const { dir, file } = setup();
    expect(cli(['receipts', 'fetch', '--config', file]).code).toBe(0);
    expect(outbox(dir)).toEqual([]);
  });

  it('answers each person once, never automatic mail, lists, bulk mail or our own address', () => {
    const { dir, file } = setup(true);
    const r = cli(['receipts', 'fetch', '--config', file]);
    expect(r.stdout).toContain('已给 2 位发件人发送回执确认邮件。');
    // Each file is named for its message: the subject, then the journal's handle for it.
    expect(outbox(dir)).toEqual([expect.stringMatching(/^已收到：王浩然-2022083103-党组织关系回执-[0-9a-f]{8}\.eml$/), expect.stringMatching(/^未能登记：韩雪-2022080204-党组织关系回执-[0-9a-f]{8}\.eml$/)]);
    const eml = readFileSync(join(dir, 'outbox', outbox(dir)[1]!), 'utf8');
    expect(eml).toMatch(/^To: hanxue@example\.com$/m);
    // A second fetch answers nobody again.
    expect(cli(['receipts', 'fetch', '--config', file]).stdout).not.toContain('回执确认邮件');
    expect(outbox(dir)).toHaveLength(2);
  });
});

describe.skipIf(dovecotMissing)('the 回执 mailbox on a real IMAP server (Dovecot)', () => {
  let server: Dovecot;
  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  describe('one fetch over the messages people send', () => {
    let cfg: ReturnType<typeof loaded>;
    let first: Awaited<ReturnType<typeof fetchReceipts>>;
    const big = Buffer.concat([JPEG, Buffer.alloc(100 * 1024, 9)]);
    beforeAll(async () => {
      const mails = [
        rawMail({ subject: '张明远-2022083101-党组织关系回执', messageId: '<m1@phone>', attachments: [{ filename: 'IMG_20260720.jpg', content: JPEG, type: 'image/jpeg' }] }),
        // Foxmail on Windows: GBK encoded-word subject, an iPhone photo.
        rawMail({ subject: '李思雨－2022083102－党组织关系回执', subjectCharset: 'GBK', from: 'lisiyu@example.com', messageId: '<m2@foxmail>', attachments: [{ filename: 'IMG_0423.HEIC', content: HEIC, type: 'image/heic' }] }),
        rawMail({ subject: '回复：王浩然_2022083103_组织关系回执', subjectCharset: 'GB2312', messageId: '<m3@old>', attachments: [{ filename: '回执扫描.pdf', content: PDF, type: 'application/pdf' }] }),
        rawMail({ subject: '𠮷祥 2022083104 党组织关系回执', subjectCharset: 'GB18030', messageId: '<m4@gb18030>', attachments: [{ filename: 'a.jpg', content: JPEG }] }),
        rawMail({ subject: '韩雪-2022080204-党组织关系回执', messageId: '<m5@noattach>' }),
        rawMail({ subject: '回执', from: 'stranger@example.net', text: '见附件', messageId: '<m6@stranger>', attachments: [{ filename: 'photo.jpg', content: JPEG }] }),
        // The same message again (a client that re-sent it): same Message-ID.
        rawMail({ subject: '张明远-2022083101-党组织关系回执', messageId: '<m1@phone>', attachments: [{ filename: 'IMG_20260720.jpg', content: JPEG, type: 'image/jpeg' }] }),
        // Sent again by the member, same photo, new Message-ID: a second receipt, the photo saved once.
        rawMail({ subject: 'Fw: 张明远-2022083101-党组织关系回执', messageId: '<m1b@phone>', attachments: [{ filename: 'IMG_20260720.jpg', content: JPEG }] }),
        rawMail({ subject: '郑宇航-2022080201-党组织关系回执', messageId: '<m9@hostile>', attachments: [{ filename: '../../etc/passwd', content: Buffer.from('root:x:0:0:root:/root:/bin/bash\n') }, { filename: 'a.jpg.exe', content: EXE, type: 'image/jpeg' }] }),
        rawMail({ subject: '冯晓雯-2022080202-党组织关系回执', messageId: '<m10@jpgexe>', attachments: [{ filename: 'a.jpg.exe', content: JPEG }] }),
        rawMail({ subject: '蒋天佑-2022080203-党组织关系回执', messageId: '<m11@big>', attachments: [{ filename: '原图.jpg', content: big }] }),
      ];
      for (const m of mails) await server.append(m);
      cfg = loaded(server);
      first = await fetchReceipts(cfg, { env: ENV });
    });

    it('reads every message once and says what each was', () => {
      expect(first).toEqual({ handled: 11, receipts: 6, unmatched: 4, duplicates: 1 });
    });

    it('turns recognised messages into receipts of source 邮件回执, GBK/GB2312/GB18030 subjects included', () => {
      const { receipts } = readMailReceipts(cfg.stateDir, cfg.config.mailbox);
      expect(receipts.map((r) => `${r.name} ${r.studentId} ${r.source} ${r.receiptDate}`)).toEqual([
        '张明远 2022083101 邮件回执 2026-07-20',
        '李思雨 2022083102 邮件回执 2026-07-20',
        '王浩然 2022083103 邮件回执 2026-07-20',
        '𠮷祥 2022083104 邮件回执 2026-07-20',
        '张明远 2022083101 邮件回执 2026-07-20',
        '冯晓雯 2022080202 邮件回执 2026-07-20',
      ]);
      expect(receipts[1]!.mail).toMatchObject({ from: 'lisiyu@example.com', attachments: ['IMG_0423.HEIC'], saved: [expect.stringMatching(/^receipts\/2022083102\/2026-07-20-[0-9a-f]{16}\.heic$/)] });
    });

    it('saves only checked photos and scans, under generated names in receipts/<学号>/', () => {
      const saved = files(cfg.stateDir).filter((f) => f.startsWith('receipts'));
      expect(saved.map((f) => f.replace(/-[0-9a-f]{16}\./, '-<hash>.'))).toEqual([
        'receipts/2022080202/2026-07-20-<hash>.jpg',
        'receipts/2022083101/2026-07-20-<hash>.jpg',
        'receipts/2022083102/2026-07-20-<hash>.heic',
        'receipts/2022083103/2026-07-20-<hash>.pdf',
        'receipts/2022083104/2026-07-20-<hash>.jpg',
      ]);
      expect(readFileSync(join(cfg.stateDir, saved[2]!))).toEqual(HEIC);
      // Nothing but the journal and the receipts folder.
      expect(files(cfg.stateDir).filter((f) => !f.startsWith('receipts'))).toEqual(['mailbox.jsonl']);
    });

    it('lists what could not be used, with sender, subject and why', () => {
      const { unmatched } = readMailReceipts(cfg.stateDir, cfg.config.mailbox);
      expect(unmatched.map((u) => [u.from, u.subject, u.reason])).toEqual([
        ['张明远 <zhangmy@example.com>', '韩雪-2022080204-党组织关系回执', '邮件没有附件（应附回执照片）'],
        ['stranger@example.net', '回执', '主题、正文和附件名中都没有学号；主题、正文和附件名中都没有姓名'],
        ['张明远 <zhangmy@example.com>', '郑宇航-2022080201-党组织关系回执', '没有可用的回执附件（图片或 PDF）；passwd：按文件内容判断不是图片（JPEG/PNG/HEIC）或 PDF，未保存；a.jpg.exe：按文件内容判断不是图片（JPEG/PNG/HEIC）或 PDF，未保存'],
        ['张明远 <zhangmy@example.com>', '蒋天佑-2022080203-党组织关系回执', '没有可用的回执附件（图片或 PDF）；原图.jpg：附件 100 KB，超过上限 64 KB，未保存'],
      ]);
    });

    it('marks each message with a keyword and deletes none', async () => {
      const flags = await server.flags();
      expect(flags.size).toBe(11);
      expect([...flags.values()].every((f) => f.includes(PROCESSED_KEYWORD))).toBe(true);
    });

    it('a second fetch finds nothing new and saves nothing again', async () => {
      const before = readFileSync(inboxJournal(cfg.stateDir).file, 'utf8');
      expect(await fetchReceipts(cfg, { env: ENV })).toEqual({ handled: 0, receipts: 0, unmatched: 0, duplicates: 0 });
      expect(readFileSync(inboxJournal(cfg.stateDir).file, 'utf8')).toBe(before);
    });
  });

  describe('faults', () => {
    it('a server restart mid-fetch loses nothing and duplicates nothing', async () => {
      const s = await startDovecot();
      try {
        const names = ['赵雅琪', '孙博文', '周欣然', '吴俊杰', '曹雨桐'];
        for (const [i, n] of names.entries()) await s.append(rawMail({ subject: `${n}-202208310${i + 5}-党组织关系回执`, messageId: `<r${i}@restart>`, attachments: [{ filename: 'x.jpg', content: JPEG }] }));
        const cfg = loaded(s);
        let handled = 0;
        await expect(
          fetchReceipts(cfg, {
            env: ENV,
            onHandled: async () => {
              if (++handled === 2) await s.stop(true);
            },
          }),
        ).rejects.toThrow(/连接中断|无法连接/);
        expect(inboxJournal(cfg.stateDir).read().entries).toHaveLength(2);
        await s.start();
        expect(await fetchReceipts(cfg, { env: ENV })).toMatchObject({ handled: 3, receipts: 3 });
        const entries = inboxJournal(cfg.stateDir).read().entries;
        expect(entries.map((e) => e.name)).toEqual(names);
        expect(new Set(entries.map((e) => e.messageId)).size).toBe(5);
        expect([...(await s.flags()).values()].every((f) => f.includes(PROCESSED_KEYWORD))).toBe(true);
      } finally {
        await s.dispose();
      }
    });

    it('a message far over the limit is not even downloaded, and is listed', async () => {
      await server.append(rawMail({ subject: '曹雨桐-2022080206-党组织关系回执', messageId: '<huge@x>', attachments: [{ filename: '原图.jpg', content: Buffer.concat([JPEG, Buffer.alloc(1200 * 1024, 5)]) }] }), '大附件');
      const cfg = loaded(server, { folder: '大附件', maxAttachmentBytes: 1024 });
      expect(await fetchReceipts(cfg, { env: ENV })).toMatchObject({ handled: 1, unmatched: 1 });
      const { unmatched } = readMailReceipts(cfg.stateDir, cfg.config.mailbox);
      expect(unmatched.map((u) => [u.subject, u.name, u.studentId, u.reason])).toEqual([['曹雨桐-2022080206-党组织关系回执', '曹雨桐', '2022080206', '邮件 1.6 MB，超过大小上限，未下载']]);
      expect(files(cfg.stateDir)).toEqual(['mailbox.jsonl']);
    });

    it('the same message under another UIDVALIDITY or folder (a person moved it) is not counted twice: Message-IDs are remembered', async () => {
      const mail = rawMail({ subject: '赵雅琪-2022083106-党组织关系回执', messageId: '<uv1@x>', attachments: [{ filename: 'x.jpg', content: JPEG }] });
      await server.append(mail, '六月');
      await server.append(mail, '归档');
      const cfg = loaded(server, { folder: '六月' });
      expect(await fetchReceipts(cfg, { env: ENV })).toMatchObject({ handled: 1, receipts: 1 });
      const moved = { ...cfg, config: { ...cfg.config, mailbox: { ...cfg.config.mailbox!, folder: '归档' } } };
      expect(await fetchReceipts(moved, { env: ENV })).toEqual({ handled: 1, receipts: 0, unmatched: 0, duplicates: 1 });
      expect(readMailReceipts(cfg.stateDir, cfg.config.mailbox).receipts).toHaveLength(1);
      // Marked in both folders, so neither is looked at again.
      expect([...(await server.flags('归档')).values()].every((f) => f.includes(PROCESSED_KEYWORD))).toBe(true);
    });

    it('a wrong password gives a clear Chinese error and changes nothing, in code and on the command line (exit 2)', async () => {
      // Its own server: Dovecot delays logins from an address after failed ones, which would slow the other tests.
      const s = await startDovecot();
      try {
        const cfg = loaded(s);
        await expect(fetchReceipts(cfg, { env: { ZHUANJIE_IMAP_PASSWORD: 'wrong' } })).rejects.toThrow(`回执邮箱登录失败：用户名或密码错误（账号 ${USER}，密码取自环境变量 ZHUANJIE_IMAP_PASSWORD）`);
        expect(existsSync(cfg.stateDir)).toBe(false);
        const { file } = sampleSetup({ host: s.host, port: s.port, secure: false, allowSelfSigned: true, user: USER });
        const r = cli(['receipts', 'fetch', '--config', file], { env: { ...process.env, ZHUANJIE_IMAP_PASSWORD: '错误的密码' } });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('回执邮箱登录失败：用户名或密码错误');
      } finally {
        await s.dispose();
      }
    });

    it('`run` reads the server before reconciling; a server that is down holds a send day\'s lists and tells the 组织部, and on the checkpoint day they go out with the gap stated (issue 18)', async () => {
      const s = await startDovecot();
      try {
        await s.append(rawMail({ subject: '王浩然-2022083103-党组织关系回执', date: 'Tue, 28 Jul 2026 21:04:11 +0800', attachments: [{ filename: 'IMG.jpg', content: JPEG }] }));
        const { file } = sampleSetup({ host: s.host, port: s.port, secure: false, allowSelfSigned: true, user: USER, passwordEnv: 'ZHUANJIE_TEST_IMAP' });
        process.env.ZHUANJIE_TEST_IMAP = PASSWORD;
        const lines: string[] = [];
        const first = await runJob(loadConfig(file), { asOf: SAMPLE_AS_OF, dryRun: false, log: (l) => lines.push(l) });
        expect(first.result.members.find((m) => m.name === '王浩然')!.status).toBe('completed');
        await s.stop(true);
        const second = await runJob(loadConfig(file), { asOf: '2026-08-31', log: (l) => lines.push(l) });
        expect(lines.some((l) => l.startsWith('警告：回执邮箱无法读取：回执邮箱：无法连接回执邮箱服务器'))).toBe(true);
        // Already journalled: still completed while the server is away.
        expect(second.result.members.find((m) => m.name === '王浩然')!.status).toBe('completed');
        // 08-31 sends lists: they are held, and the 组织部 alone is told at once which source failed.
        expect(second.gaps.map((g) => g.name)).toEqual(['回执邮箱']);
        expect(second.held.map((h) => h.college)).toEqual(['机械工程学院', '计算机学院', '经济管理学院']);
        expect(second.sent.map((m) => m.subject)).toEqual(['【组织关系转接】暂缓发送：回执来源无法使用，3 个学院的9月1日提醒未发出']);
        // Still down on the checkpoint day: the lists go out, the gap first in each.
        const third = await runJob(loadConfig(file), { asOf: '2026-09-01', log: (l) => lines.push(l) });
        expect(third.held).toEqual([]);
        expect(third.sent).toHaveLength(4);
        const outbox = join(dirname(file), 'outbox');
        const emls = readdirSync(outbox).filter((f) => f.includes('截至9月1日')).map((f) => readFileSync(join(outbox, f), 'utf8'));
        expect(emls).toHaveLength(4);
        // The gap is the first thing said, with the source and its last good read; every mail names its sources.
        for (const eml of emls) {
          const text = Buffer.from(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(eml)![1]!, 'base64').toString('utf8');
          expect(text.startsWith('注意：以下回执来源本次无法使用')).toBe(true);
          expect(text).toMatch(/回执邮箱（回执邮箱：无法连接回执邮箱服务器.*；最后可用：\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
          expect(text).toContain('回执来源：党员E先锋-转接记录导出.xlsx（');
        }
      } finally {
        delete process.env.ZHUANJIE_TEST_IMAP;
        await s.dispose();
      }
    });

    it('a folder that does not exist is named in the error', async () => {
      await expect(fetchReceipts(loaded(server, { folder: '回执2026' }), { env: ENV })).rejects.toThrow('服务器上没有文件夹「回执2026」');
    });

    it('no password in the environment: says which variable to set', async () => {
      await expect(fetchReceipts(loaded(server), { env: {} })).rejects.toThrow('没有设置环境变量 ZHUANJIE_IMAP_PASSWORD');
    });

    it('a self-signed certificate is refused unless allowSelfSigned is set', async () => {
      await expect(fetchReceipts(loaded(server, { port: server.tlsPort, secure: true, allowSelfSigned: false }), { env: ENV })).rejects.toThrow(/证书不受信任.*allowSelfSigned/);
      // STARTTLS on the plain port is held to the same rule.
      await expect(fetchReceipts(loaded(server, { allowSelfSigned: false }), { env: ENV })).rejects.toThrow(/证书不受信任.*allowSelfSigned/);
      await server.append(rawMail({ subject: '孙博文-2022083106-党组织关系回执', attachments: [{ filename: 'x.png', content: JPEG }] }), 'TLS');
      // Reading over TLS works once allowed.
      await expect(fetchReceipts(loaded(server, { port: server.tlsPort, secure: true, allowSelfSigned: true, folder: 'TLS' }), { env: ENV })).resolves.toMatchObject({ receipts: 1 });
    });

    it('moving processed mail to a folder keeps every message', async () => {
      const s = await startDovecot();
      try {
        await s.append(rawMail({ subject: '韩雪-2022080204-党组织关系回执', attachments: [{ filename: 'x.jpg', content: JPEG }] }));
        await s.append(rawMail({ subject: '回执' }));
        const cfg = loaded(s, { processed: { moveTo: '已处理回执' } });
        expect(await fetchReceipts(cfg, { env: ENV })).toMatchObject({ handled: 2, receipts: 1, unmatched: 1 });
        expect((await s.flags()).size).toBe(0);
        expect((await s.flags('已处理回执')).size).toBe(2);
        expect(await fetchReceipts(cfg, { env: ENV })).toMatchObject({ handled: 0 });
      } finally {
        await s.dispose();
      }
    });
  });
});

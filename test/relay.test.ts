/**
 * The relay as a 组织部 meets it (issue 24, item 1): a wrong password or an unreachable
 * server costs one login / one connection and one Chinese line, and the batch waits for
 * the next run; refusals are explained in Chinese with the server's text kept. Against
 * the real SMTP server of test/smtp.ts, counting what reached it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isUnresolved } from '../shared/statuses.js';
import { explainSmtpReply } from '../shared/smtpReplies.js';
import { runJob, type RunOutcome } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF } from '../jobs/demo/sample.js';
import { sampleJob, smtpPerTest } from './smtp.js';

const smtp = smtpPerTest();
afterEach(() => {
  delete process.env.ZHUANJIE_SMTP_PASSWORD;
});

async function run(loaded: ReturnType<typeof sampleJob>['loaded']) {
  const lines: string[] = [];
  const o = await runJob(loaded, { asOf: SAMPLE_AS_OF, log: (l) => lines.push(l) });
  return { o, lines };
}

/** Every unresolved member is in a delivered college mail or a reported failure. */
function expectNothingLost(o: RunOutcome) {
  const unresolved = o.result.members.filter((m) => isUnresolved(m.status)).length;
  const delivered = o.sent.filter((s) => s.key.audience === 'college').reduce((n, s) => n + s.members, 0);
  const failed = [...o.failures, ...o.uncertain].filter((f) => f.key.audience === 'college').reduce((n, f) => n + f.members, 0);
  expect(delivered + failed).toBe(unresolved);
}

const PASSWORD = 'shouquanma2026';

describe('a refused login (535) stops the batch after one login', () => {
  it('网易 account, web password instead of the 授权码: one login, one Chinese line naming the variable and the 授权码; the next run with the 授权码 sends all four', async () => {
    const server = await smtp({ auth: (_u, pass) => (pass === PASSWORD ? true : { code: 535, message: '5.7.8 Error: authentication failed' }) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.mail = { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 4, backoffMs: 20, timeoutMs: 5000, user: 'dangwei_zzb@163.com' };
    }, 4);
    process.env.ZHUANJIE_SMTP_PASSWORD = 'wangye-denglu-mima';
    const { o, lines } = await run(loaded);
    expect(server.logins).toBe(1);
    expect(server.connections).toBe(1);
    expect(server.messages).toHaveLength(0);
    const said = lines.filter((l) => l.includes('登录失败'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('ZHUANJIE_SMTP_PASSWORD');
    expect(said[0]).toContain('网易邮箱');
    expect(said[0]).toContain('授权码');
    expect(said[0]).toContain('5.7.8 Error: authentication failed');
    // Every college and the summary are reported, nothing journalled as tried.
    expect(o.failures).toHaveLength(4);
    expectNothingLost(o);

    process.env.ZHUANJIE_SMTP_PASSWORD = PASSWORD;
    const again = await run(loaded);
    expect(again.o.failures).toEqual([]);
    expect(server.messages).toHaveLength(4);
    expect(new Set(server.messages.map((m) => m.parsed.subject)).size).toBe(4);
  });

  it('a school relay (no provider in its name or account) gets the general hint, still naming the variable', async () => {
    const server = await smtp({ auth: () => ({ code: 535, message: 'Authentication credentials invalid' }) });
    const { loaded } = sampleJob(server.port, (c) => {
      c.mail = { transport: 'smtp', host: '127.0.0.1', port: server.port, secure: false, attempts: 3, backoffMs: 20, timeoutMs: 5000, user: 'zzb', passwordEnv: 'ZZB_MAIL_PASS' };
    });
    process.env.ZZB_MAIL_PASS = 'x';
    try {
      const { lines } = await run(loaded);
      expect(server.logins).toBe(1);
      const said = lines.filter((l) => l.includes('登录失败'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('环境变量 ZZB_MAIL_PASS');
      expect(said[0]).not.toContain('网易邮箱的');
    } finally {
      delete process.env.ZZB_MAIL_PASS;
    }
  });
});

describe('an unreachable relay stops the batch after one connection', () => {
  it('connections dropped before the greeting: one connection for the whole batch (not four per mail); the next run sends everything', async () => {
    let down = true;
    const server = await smtp({ connect: () => (down ? 'drop' : undefined) });
    const { loaded } = sampleJob(server.port, () => {}, 4);
    const { o, lines } = await run(loaded);
    expect(server.connections).toBe(1);
    expect(server.messages).toHaveLength(0);
    expect(lines.filter((l) => l.includes('本次不再尝试连接'))).toHaveLength(1);
    expect(o.failures).toHaveLength(4);
    expect(o.failures.every((f) => /下次运行时发送/.test(f.reason))).toBe(true);
    expectNothingLost(o);

    down = false;
    const again = await run(loaded);
    expect(again.o.failures).toEqual([]);
    expect(server.messages).toHaveLength(4);
  });

  it('a 421 greeting (relay busy): explained in Chinese, the server text kept, one connection', async () => {
    const server = await smtp({ connect: () => ({ code: 421, message: 'mx.example.edu.cn Too many connections, try later' }) });
    const { loaded } = sampleJob(server.port, () => {}, 4);
    const { o, lines } = await run(loaded);
    expect(server.connections).toBe(1);
    const said = lines.filter((l) => l.includes('本次不再尝试连接'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('暂时不提供服务');
    expect(said[0]).toContain('Too many connections, try later');
    expect(o.failures).toHaveLength(4);
  });
});

describe('refusals in Chinese with the server’s text kept', () => {
  it.each([
    [450, '4.2.1 Mailbox busy', '收件邮箱暂时不可用'],
    [451, '4.7.1 Rate limited, slow down', '处理出错'],
    [452, '4.3.1 Insufficient system storage', '存储空间不足'],
    [550, '5.1.1 Mailbox unavailable', '收件地址不存在'],
    [552, '5.3.4 Message size exceeds fixed limit', '邮件过大'],
    [554, '5.7.1 Message rejected as spam', '垃圾邮件'],
  ])('%i at DATA (%s) → the failure says 「%s」', async (code, text, chinese) => {
    const server = await smtp({ data: (n) => (n === 1 ? { code, message: text } : 'ok') });
    const { loaded } = sampleJob(server.port, () => {}, 1);
    const { o } = await run(loaded);
    expect(o.failures).toHaveLength(1);
    expect(o.failures[0]!.reason).toContain(chinese);
    expect(o.failures[0]!.reason).toContain(text);
    // One refused message is the message's problem: the batch goes on.
    expect(server.messages).toHaveLength(3);
  });

  it('a code outside the table is named by its class', () => {
    expect(explainSmtpReply(557, 'odd')).toBe('邮件服务器返回错误 557（原始信息：odd）');
    expect(explainSmtpReply(471, 'odd')).toContain('暂时无法处理（471）');
  });
});

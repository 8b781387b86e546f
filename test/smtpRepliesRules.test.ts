/**
 * SMTP replies in a secretary's words (shared/smtpReplies.ts): what each reply code means and
 * what to do, the server's own text kept on one line for the IT office, which replies are a
 * refused login, and the 授权码 hint for the providers whose SMTP needs one (网易, QQ, 企业邮箱).
 * Replies are the ones campus relays, QQ 邮箱 and 网易邮箱 really give.
 */
import { describe, expect, it } from 'vitest';
import { authCodeProvider, explainSmtpReply, isLoginRefused, loginRefusedText } from '../shared/smtpReplies.js';

describe('what a reply code means, with the server’s own words kept', () => {
  it.each([
    [550, '5.1.1 <zhangmy@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
      '收件地址不存在或被拒收，请核对配置中的邮箱地址（550）（原始信息：5.1.1 <zhangmy@example.com>: Recipient address rejected: User unknown in virtual mailbox table）'],
    [550, 'Mailbox not found or access denied', '收件地址不存在或被拒收，请核对配置中的邮箱地址（550）（原始信息：Mailbox not found or access denied）'],
    [452, '4.2.2 Mailbox full', '邮件服务器存储空间不足或本次收件人过多，会稍后重试（452）（原始信息：4.2.2 Mailbox full）'],
    [421, '4.7.0 Try again later, closing connection.', '邮件服务器暂时不提供服务（正在维护、连接过多或发信过于频繁），下次运行时会重试（421）（原始信息：4.7.0 Try again later, closing connection.）'],
    [450, '4.2.1 The user you are trying to contact is receiving mail too quickly', '收件邮箱暂时不可用（可能正忙或被暂时锁定），会稍后重试（450）（原始信息：4.2.1 The user you are trying to contact is receiving mail too quickly）'],
    [451, 'MI:SFQ 163 smtp14,EsCowAD3 Ratelimit', '邮件服务器处理出错（暂时性的，常见于反垃圾检查或发信频率限制），会稍后重试（451）（原始信息：MI:SFQ 163 smtp14,EsCowAD3 Ratelimit）'],
    [530, '5.7.0 Authentication required', '邮件服务器要求先登录：请在配置的 mail 中填写 user，并把密码放在环境变量中（530）（原始信息：5.7.0 Authentication required）'],
    [534, '5.7.9 Please log in with your web browser', '邮件服务器拒绝登录：需要更安全的登录方式或授权码（534）（原始信息：5.7.9 Please log in with your web browser）'],
    [535, 'Error: authentication failed', '邮件服务器拒绝登录：用户名或密码不对（535）（原始信息：Error: authentication failed）'],
    [551, 'User not local; please try <forward@example.com>', '收件地址不在这台服务器上，请核对配置中的邮箱地址（551）（原始信息：User not local; please try <forward@example.com>）'],
    [552, '5.3.4 Message size exceeds fixed limit', '邮件过大（多为附件超过服务器限制）或收件邮箱已满（552）（原始信息：5.3.4 Message size exceeds fixed limit）'],
    [553, '5.7.1 <zzb@qq.com>: Sender address rejected: not owned by user', '邮箱地址格式不被接受（发件人或收件人），请核对配置中的地址（553）（原始信息：5.7.1 <zzb@qq.com>: Sender address rejected: not owned by user）'],
    [554, 'DT:SPM 163 smtp3,G9xpCgDX, mail is rejected as spam', '邮件被服务器拒收（常见原因：被判为垃圾邮件，或发件人 from 与登录账号不一致）（554）（原始信息：DT:SPM 163 smtp3,G9xpCgDX, mail is rejected as spam）'],
  ])('%i %s', (code, text, expected) => expect(explainSmtpReply(code, text)).toBe(expected));

  it('a code not in the table: a 4xx is temporary (tried again), anything else an error, by its number', () => {
    expect(explainSmtpReply(441, '4.4.1 No answer from host')).toBe('邮件服务器暂时无法处理（441），会稍后重试（原始信息：4.4.1 No answer from host）');
    expect(explainSmtpReply(400)).toBe('邮件服务器暂时无法处理（400），会稍后重试');
    expect(explainSmtpReply(499)).toBe('邮件服务器暂时无法处理（499），会稍后重试');
    expect(explainSmtpReply(500, '5.5.2 Syntax error')).toBe('邮件服务器返回错误 500（原始信息：5.5.2 Syntax error）');
    expect(explainSmtpReply(571)).toBe('邮件服务器返回错误 571');
    expect(explainSmtpReply(399)).toBe('邮件服务器返回错误 399');
  });

  it('the server’s text on one line: line breaks and runs of spaces become one space; nothing said, nothing added', () => {
    expect(explainSmtpReply(550, '5.1.1 <x@example.com>:\r\n    Recipient address rejected:\tUser unknown  ')).toBe(
      '收件地址不存在或被拒收，请核对配置中的邮箱地址（550）（原始信息：5.1.1 <x@example.com>: Recipient address rejected: User unknown）');
    expect(explainSmtpReply(550, '')).toBe('收件地址不存在或被拒收，请核对配置中的邮箱地址（550）');
    expect(explainSmtpReply(550, ' \r\n ')).toBe('收件地址不存在或被拒收，请核对配置中的邮箱地址（550）');
    expect(explainSmtpReply(550)).toBe('收件地址不存在或被拒收，请核对配置中的邮箱地址（550）');
  });
});

describe('a refused login: every further login would fail the same way', () => {
  it.each([[535, true], [534, true], [530, true], [550, false], [421, false], [454, false], [undefined, false]])('%s → %s', (code, refused) => {
    expect(isLoginRefused(code)).toBe(refused);
  });
});

describe('providers whose SMTP wants an 授权码', () => {
  it.each([
    ['smtp.exmail.qq.com', '腾讯企业邮箱'],
    ['smtp.qq.com', 'QQ 邮箱'],
    ['qq.com', 'QQ 邮箱'],
    ['SMTP.QQ.COM', 'QQ 邮箱'],
    ['smtp.qiye.163.com', '网易企业邮箱'],
    ['smtp.ym.163.com', '网易企业邮箱'],
    ['smtp.163.com', '网易邮箱'],
    [' smtp.163.com ', '网易邮箱'],
    ['163.com', '网易邮箱'],
    ['smtp.126.com', '网易邮箱'],
    ['smtp.yeah.net', '网易邮箱'],
    ['smtp.qiye.aliyun.com', '阿里企业邮箱'],
    ['smtp.aliyun.com', '阿里企业邮箱'],
    ['mail.example.edu.cn', undefined],
    ['smtp.notqq.com', undefined],
    ['smtp.163.com.cn', undefined],
    ['', undefined],
  ])('%s: %s', (host, name) => expect(authCodeProvider(host)).toBe(name));
});

describe('the one line for a refused login', () => {
  it('网易 named by the host: use the 授权码, kept in the environment variable', () => {
    expect(loginRefusedText({ host: 'smtp.163.com', user: 'jsj_dangwei@163.com', passwordEnv: 'ZHUANJIE_SMTP_PASSWORD', code: 535, text: 'Error: authentication failed' })).toBe(
      'SMTP 登录失败（smtp.163.com，账号 jsj_dangwei@163.com，535）：网易邮箱的 SMTP 要用「授权码」（在邮箱网页的 设置 → POP3/SMTP/IMAP 中开启并生成），不是网页登录密码；请把授权码放在环境变量 ZHUANJIE_SMTP_PASSWORD 中。为免邮箱因多次登录失败被锁定，本次不再尝试，其余邮件下次运行时发送（原始信息：Error: authentication failed）。');
  });
  it('a campus relay name hides the provider, the QQ account names it', () => {
    expect(loginRefusedText({ host: 'smtp.example.edu.cn', user: 'zzb@qq.com', passwordEnv: 'SMTP_PASS', code: 535 })).toBe(
      'SMTP 登录失败（smtp.example.edu.cn，账号 zzb@qq.com，535）：QQ 邮箱的 SMTP 要用「授权码」（在邮箱网页的 设置 → POP3/SMTP/IMAP 中开启并生成），不是网页登录密码；请把授权码放在环境变量 SMTP_PASS 中。为免邮箱因多次登录失败被锁定，本次不再尝试，其余邮件下次运行时发送。');
  });
  it('a campus account on a campus relay, no code: check user and password', () => {
    expect(loginRefusedText({ host: 'smtp.example.edu.cn', user: 'zuzhibu', passwordEnv: 'SMTP_PASS' })).toBe(
      'SMTP 登录失败（smtp.example.edu.cn，账号 zuzhibu）：请核对配置中的 user 和环境变量 SMTP_PASS 中的密码（网易、QQ 和企业邮箱要用「授权码」，不是网页登录密码）。为免邮箱因多次登录失败被锁定，本次不再尝试，其余邮件下次运行时发送。');
  });
});

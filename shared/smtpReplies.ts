/**
 * SMTP replies (RFC 5321 / RFC 4954) in a secretary's words, with the server's own text
 * kept for the IT office. One table, read by the sender's log lines, the report's
 * 发送结果 and the terminal.
 */

/** What each reply code a campus relay or a public mailbox gives means, and what to do. */
const REPLIES: Record<number, string> = {
  421: '邮件服务器暂时不提供服务（正在维护、连接过多或发信过于频繁），下次运行时会重试',
  450: '收件邮箱暂时不可用（可能正忙或被暂时锁定），会稍后重试',
  451: '邮件服务器处理出错（暂时性的，常见于反垃圾检查或发信频率限制），会稍后重试',
  452: '邮件服务器存储空间不足或本次收件人过多，会稍后重试',
  530: '邮件服务器要求先登录：请在配置的 mail 中填写 user，并把密码放在环境变量中',
  534: '邮件服务器拒绝登录：需要更安全的登录方式或授权码',
  535: '邮件服务器拒绝登录：用户名或密码不对',
  550: '收件地址不存在或被拒收，请核对配置中的邮箱地址',
  551: '收件地址不在这台服务器上，请核对配置中的邮箱地址',
  552: '邮件过大（多为附件超过服务器限制）或收件邮箱已满',
  553: '邮箱地址格式不被接受（发件人或收件人），请核对配置中的地址',
  554: '邮件被服务器拒收（常见原因：被判为垃圾邮件，或发件人 from 与登录账号不一致）',
};

/** Providers whose SMTP wants an 授权码 (a separate client password), not the web-mail password. */
const AUTH_CODE_PROVIDERS: { test: RegExp; name: string }[] = [
  { test: /(^|\.)exmail\.qq\.com$/i, name: '腾讯企业邮箱' },
  { test: /(^|\.)qq\.com$/i, name: 'QQ 邮箱' },
  { test: /(^|\.)qiye\.163\.com$|(^|\.)ym\.163\.com$/i, name: '网易企业邮箱' },
  { test: /(^|\.)(163|126|yeah)\.(com|net)$/i, name: '网易邮箱' },
  { test: /(^|\.)(qiye\.)?aliyun\.com$/i, name: '阿里企业邮箱' },
];

/** The provider named by an SMTP host that needs an 授权码, or undefined. */
export function authCodeProvider(host: string): string | undefined {
  return AUTH_CODE_PROVIDERS.find((p) => p.test.test(host.trim()))?.name;
}

/** The server's own words, trimmed, for the IT office. */
const serverSaid = (text: string | undefined) => {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t ? `（原始信息：${t}）` : '';
};

/** Chinese for an SMTP reply code, the server's text kept; a code not in the table is named by its class. */
export function explainSmtpReply(code: number, text?: string): string {
  const known = REPLIES[code];
  const what = known ?? (code >= 400 && code < 500 ? `邮件服务器暂时无法处理（${code}），会稍后重试` : `邮件服务器返回错误 ${code}`);
  return `${what}${known ? `（${code}）` : ''}${serverSaid(text)}`;
}

/** Is this reply a refused login (wrong password, no 授权码)? Then every further login fails the same way. */
export const isLoginRefused = (code: number | undefined) => code === 535 || code === 534 || code === 530;

/**
 * The one line for a refused login: which account, which environment variable holds the
 * password, and for 网易/QQ/企业邮箱 that the 授权码 is needed instead of the web password.
 */
export function loginRefusedText(o: { host: string; user: string; passwordEnv: string; code?: number; text?: string }): string {
  // The host names the provider (smtp.163.com), and so does the account (zzb@qq.com) when a relay name hides it.
  const provider = authCodeProvider(o.host) ?? authCodeProvider(o.user.split('@')[1] ?? '');
  const hint = provider
    ? `${provider}的 SMTP 要用「授权码」（在邮箱网页的 设置 → POP3/SMTP/IMAP 中开启并生成），不是网页登录密码；请把授权码放在环境变量 ${o.passwordEnv} 中`
    : `请核对配置中的 user 和环境变量 ${o.passwordEnv} 中的密码（网易、QQ 和企业邮箱要用「授权码」，不是网页登录密码）`;
  return `SMTP 登录失败（${o.host}，账号 ${o.user}${o.code ? `，${o.code}` : ''}）：${hint}。为免邮箱因多次登录失败被锁定，本次不再尝试，其余邮件下次运行时发送${serverSaid(o.text)}。`;
}

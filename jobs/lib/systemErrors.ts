/**
 * System errors (network, mail server, file system) said as a cause a secretary can
 * act on, with the original message kept in parentheses for whoever runs the server.
 */

interface SystemErrorLike { code?: string; message?: string; responseCode?: number; response?: string; path?: string; syscall?: string; address?: string; port?: number }

const NETWORK: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝',
  ETIMEDOUT: '连接超时',
  ECONNRESET: '连接被对方断开',
  EPIPE: '连接已断开',
  EHOSTUNREACH: '网络不通',
  ENETUNREACH: '网络不通',
  ENOTFOUND: '域名无法解析',
  EAI_AGAIN: '域名暂时无法解析',
};

const FILES: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限',
  EPERM: '没有权限（或文件被其他程序占用）',
  EBUSY: '文件被其他程序占用（例如正在 Excel 中打开），请关闭后重试',
  ENOSPC: '磁盘空间不足',
  EROFS: '磁盘为只读',
  EISDIR: '这是文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
  EEXIST: '文件已存在',
  EMFILE: '同时打开的文件过多',
  ENAMETOOLONG: '路径过长',
};

/** SMTP reply classes (RFC 5321) in a secretary's words. */
function smtpReply(code: number): string {
  if (code === 535 || code === 534 || code === 530) return '邮件服务器拒绝登录（用户名或密码不对，或未开启 SMTP 授权）';
  if (code === 550 || code === 551 || code === 553) return '邮件服务器拒收（收件人地址不存在或被拒绝）';
  if (code === 552) return '邮件服务器拒收（邮件或附件过大）';
  if (code === 554) return '邮件服务器拒收（可能被判为垃圾邮件）';
  if (code >= 400 && code < 500) return `邮件服务器暂时无法处理（${code}，稍后会自动重试）`;
  return `邮件服务器返回错误 ${code}`;
}

/**
 * Chinese for a system error, or null when `err` is not one (a bug, shown as such).
 * `server` names the mail server ("host:port") when the error came from talking to it.
 */
export function explainSystemError(err: unknown, ctx: { server?: string } = {}): string | null {
  const e = (err ?? {}) as SystemErrorLike;
  const original = (e.response ?? e.message ?? '').trim();
  const withOriginal = (s: string) => (original ? `${s}（原始信息：${original}）` : s);
  if (typeof e.responseCode === 'number') return withOriginal(smtpReply(e.responseCode));
  if (e.code === 'EAUTH') return withOriginal('邮件服务器拒绝登录（用户名或密码不对，或未开启 SMTP 授权）');
  const where = ctx.server ?? (e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : /(\d{1,3}(?:\.\d{1,3}){3}:\d+)/.exec(original)?.[1] ?? '');
  if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(original) || /CERT/.test(e.code ?? '')) {
    return withOriginal(`邮件服务器 ${where} 的证书不受信任（内部中继可在配置中设 "allowSelfSigned": true）`);
  }
  // nodemailer wraps socket errors as ESOCKET/ECONNECTION/ETIMEDOUT; the errno is in the message.
  const net = Object.keys(NETWORK).find((k) => e.code === k || original.includes(k));
  if (net || e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS') {
    const why = net ? NETWORK[net] : e.code === 'EDNS' ? '域名无法解析' : '连接出错';
    const what = ctx.server || e.syscall === 'connect' || e.code === 'ECONNECTION' || e.code === 'EDNS' ? '无法连接邮件服务器' : '网络连接出错';
    return `${what}${where ? ` ${where}` : ''}（${why}）${original ? `（原始信息：${original}）` : ''}`;
  }
  const fileWhy = e.code ? FILES[e.code] : undefined;
  if (fileWhy) return withOriginal(`${e.path ? `${e.path}：` : ''}${fileWhy}`);
  return null;
}

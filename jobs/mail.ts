/**
 * Delivery through nodemailer: an outbox folder of .eml files (default, and the
 * demo) or SMTP. Temporary failures (4xx, connection) are retried with bounded
 * exponential backoff; partial recipient rejection is reported, not hidden.
 */
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { JobConfig } from '../shared/config.js';
import type { Outgoing } from './compose.js';
import { safeFilename } from './compose.js';
import { writeFileAtomic } from './files.js';
import { InputError } from './errors.js';
import { explainSystemError } from './systemErrors.js';

export interface Delivery {
  status: 'sent' | 'partial' | 'failed';
  accepted: string[];
  rejected: string[];
  error?: string;
}

export interface Sender {
  readonly describe: string;
  deliver(msg: Outgoing): Promise<Delivery>;
  close(): void;
}

function mailOptions(from: string, msg: Outgoing): SendMailOptions {
  return {
    from,
    to: msg.to,
    cc: msg.cc.length ? msg.cc : undefined,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    messageId: msg.messageId,
    attachments: msg.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    headers: { 'X-Zhuanjie-Key': msg.key },
  };
}

export class OutboxSender implements Sender {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private n = 0;
  constructor(private readonly dir: string, private readonly from: string) {}
  get describe() {
    return `outbox 文件夹 ${this.dir}`;
  }
  async deliver(msg: Outgoing): Promise<Delivery> {
    const info = await this.transport.sendMail(mailOptions(this.from, msg));
    this.n++;
    const name = safeFilename(`${String(this.n).padStart(2, '0')}-${msg.subject.replace(/^【[^】]*】/, '')}`);
    writeFileAtomic(join(this.dir, `${name}.eml`), info.message as Buffer);
    return { status: 'sent', accepted: [...msg.to, ...msg.cc], rejected: [] };
  }
  close() {}
}

type SmtpConfig = Extract<JobConfig['mail'], { transport: 'smtp' }>;

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EPROTOCOL']);

export function isTemporary(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  return Boolean(e.code && TEMPORARY_CODES.has(e.code));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SmtpSender implements Sender {
  private readonly transport: Transporter;
  constructor(private readonly cfg: SmtpConfig, private readonly from: string, env: NodeJS.ProcessEnv = process.env) {
    const pass = env[cfg.passwordEnv];
    if (cfg.user && !pass) throw new InputError('配置 mail', `已设置 SMTP 用户 ${cfg.user}，但环境变量 ${cfg.passwordEnv} 中没有密码。`);
    this.transport = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      requireTLS: cfg.requireTLS,
      auth: cfg.user ? { user: cfg.user, pass } : undefined,
      connectionTimeout: cfg.timeoutMs,
      greetingTimeout: cfg.timeoutMs,
      socketTimeout: cfg.timeoutMs,
      tls: { rejectUnauthorized: !cfg.allowSelfSigned },
    });
  }
  get describe() {
    return `SMTP ${this.cfg.host}:${this.cfg.port}`;
  }
  async deliver(msg: Outgoing): Promise<Delivery> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.cfg.attempts; attempt++) {
      try {
        const info = await this.transport.sendMail(mailOptions(this.from, msg));
        const accepted = (info.accepted ?? []).map(String);
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length) {
          const why = (info as { rejectedErrors?: { response?: string }[] }).rejectedErrors?.map((e) => e.response).filter(Boolean).join('; ');
          return { status: accepted.length ? 'partial' : 'failed', accepted, rejected, error: why || '部分收件人被拒收' };
        }
        return { status: 'sent', accepted, rejected };
      } catch (err) {
        const e = err as Error & { response?: string; rejected?: string[] };
        lastError = explainSystemError(err, { server: `${this.cfg.host}:${this.cfg.port}` }) ?? e.response ?? e.message;
        if (!isTemporary(err) || attempt === this.cfg.attempts) {
          return { status: 'failed', accepted: [], rejected: e.rejected?.map(String) ?? [...msg.to, ...msg.cc], error: lastError };
        }
        await sleep(this.cfg.backoffMs * 2 ** (attempt - 1));
      }
    }
    return { status: 'failed', accepted: [], rejected: [...msg.to, ...msg.cc], error: lastError };
  }
  close() {
    this.transport.close();
  }
}

export function createSender(config: JobConfig, resolvePath: (p: string) => string): Sender {
  return config.mail.transport === 'outbox'
    ? new OutboxSender(resolvePath(config.mail.dir), config.from)
    : new SmtpSender(config.mail, config.from);
}

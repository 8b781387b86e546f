/**
 * Delivery: an outbox folder of .eml files (default, and the demo) or SMTP.
 *
 * SMTP is spoken one transaction at a time through nodemailer's SMTPConnection so that
 * we know how far each attempt got (RFC 1047): a failure before the message data was
 * handed over (connection refused, 4xx at MAIL/RCPT/DATA) never delivered anything and
 * is retried with bounded backoff; once the whole message including its final dot has
 * been handed over, a timeout or a dropped connection means the server may well have
 * delivered it — that is "uncertain", reported and never repeated automatically. A 4xx
 * for one recipient (cc too) is retried for that recipient alone; a 5xx is final.
 * Every message has a total time budget, and slow attempts say so as they go.
 */
import { Readable } from 'node:stream';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { JobConfig } from '../../../shared/config.js';
import { formatKey } from '../../../shared/messageKey.js';
import { formatAddress, safeFilename, type Outgoing } from './message.js';
import { writeFileAtomic } from '../files.js';
import { InputError } from '../errors.js';
import { explainSystemError } from '../systemErrors.js';

export interface Delivery {
  status: 'sent' | 'partial' | 'failed' | 'uncertain';
  accepted: string[];
  /** Refused for good (5xx, or every attempt failed). */
  rejected: string[];
  /** Refused for now (4xx) after the last attempt: the next run tries them again. */
  deferred: string[];
  /** Handed over without an answer: may or may not have arrived. */
  unknown: string[];
  error?: string;
}

export interface Sender {
  readonly describe: string;
  /** Deliver `msg` to `recipients` (a subset of its To and Cc when some already have it). */
  deliver(msg: Outgoing, recipients: string[], progress?: (line: string) => void): Promise<Delivery>;
  close(): void;
}

function mailOptions(from: string, msg: Outgoing): SendMailOptions {
  return {
    from,
    to: msg.to.map((a) => formatAddress(a, msg.names?.[a])),
    cc: msg.cc.length ? msg.cc : undefined,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    messageId: msg.messageId,
    attachments: msg.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    headers: { 'X-Zhuanjie-Key': formatKey(msg.key) },
  };
}

export class OutboxSender implements Sender {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private n = 0;
  constructor(private readonly dir: string, private readonly from: string) {}
  get describe() {
    return `outbox 文件夹 ${this.dir}`;
  }
  async deliver(msg: Outgoing, recipients: string[]): Promise<Delivery> {
    const info = await this.transport.sendMail(mailOptions(this.from, msg));
    this.n++;
    const name = safeFilename(`${String(this.n).padStart(2, '0')}-${msg.subject.replace(/^【[^】]*】/, '')}`);
    // The .eml holds names, 学号 and phones: owner-only, like the report.
    writeFileAtomic(join(this.dir, `${name}.eml`), info.message as Buffer, { private: true });
    return { status: 'sent', accepted: recipients, rejected: [], deferred: [], unknown: [] };
  }
  close() {}
}

type SmtpConfig = Extract<JobConfig['mail'], { transport: 'smtp' }>;

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EPROTOCOL']);

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; recipient?: string; rejected?: string[]; rejectedErrors?: SmtpError[] };

export function isTemporary(err: unknown): boolean {
  const e = err as SmtpError;
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  return Boolean(e.code && TEMPORARY_CODES.has(e.code));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one SMTP transaction came to. */
type Transaction =
  | { kind: 'answered'; accepted: string[]; refused: { address: string; code: number; why: string }[] }
  | { kind: 'error'; err: SmtpError; handedOver: boolean };

/** A Chinese line for an SMTP failure. */
function describeError(err: SmtpError, server: string): string {
  if (err.response) return err.response;
  const explained = explainSystemError(err, { server });
  if (explained) return explained;
  if (err.code === 'ETIMEDOUT') return `服务器无应答（超时）`;
  if (err.code === 'ECONNECTION' || err.code === 'ECONNRESET') return `连接中断（${err.message}）`;
  return err.message;
}

export class SmtpSender implements Sender {
  private readonly pass: string | undefined;
  constructor(private readonly cfg: SmtpConfig, private readonly from: string, env: NodeJS.ProcessEnv = process.env) {
    this.pass = env[cfg.passwordEnv];
    if (cfg.user && !this.pass) throw new InputError('配置 mail', `已设置 SMTP 用户 ${cfg.user}，但环境变量 ${cfg.passwordEnv} 中没有密码。`);
  }
  get describe() {
    return `SMTP ${this.cfg.host}:${this.cfg.port}`;
  }

  /** The most one message may take, every attempt and pause included. */
  get budgetMs() {
    return 2 * this.cfg.timeoutMs + this.cfg.backoffMs * (2 ** Math.max(0, this.cfg.attempts - 1) - 1);
  }

  async deliver(msg: Outgoing, recipients: string[], progress: (line: string) => void = () => {}): Promise<Delivery> {
    const node = new MailComposer(mailOptions(this.from, msg)).compile();
    const envelopeFrom = node.getEnvelope().from;
    const raw = await new Promise<Buffer>((res, rej) => node.build((err, b) => (err ? rej(err) : res(b))));
    const accepted: string[] = [];
    const refused = new Map<string, string>();
    let pending = [...recipients];
    let lastError = '';
    const deadline = Date.now() + this.budgetMs;
    for (let attempt = 1; attempt <= this.cfg.attempts && pending.length; attempt++) {
      const t = await this.transaction(raw, envelopeFrom, pending, deadline, (s) => progress(`${msg.subject}：${s}`));
      if (t.kind === 'error') {
        lastError = describeError(t.err, `${this.cfg.host}:${this.cfg.port}`);
        // Handed over and no answer (RFC 1047): the server may have delivered it. Never repeat it.
        if (t.handedOver && !t.err.responseCode) {
          return { status: 'uncertain', accepted, rejected: [...refused.keys()], deferred: [], unknown: pending, error: lastError };
        }
        if (!isTemporary(t.err)) {
          for (const a of t.err.rejected ?? pending) refused.set(a, lastError);
          pending = pending.filter((a) => !refused.has(a));
          if (!(t.err.rejected?.length)) pending = [];
        }
      } else {
        accepted.push(...t.accepted);
        for (const r of t.refused) if (r.code >= 500) refused.set(r.address, r.why);
        const later = t.refused.filter((r) => r.code < 500);
        pending = later.map((r) => r.address);
        if (later.length) lastError = later.map((r) => `${r.address}：${r.why}`).join('；');
      }
      if (!pending.length || attempt === this.cfg.attempts) break;
      const wait = this.cfg.backoffMs * 2 ** (attempt - 1);
      if (Date.now() + wait >= deadline) break;
      progress(`${msg.subject}：第 ${attempt} 次未能送达（${lastError}），${Math.ceil(wait / 1000)} 秒后重试…`);
      await sleep(wait);
    }
    const rejected = [...refused.keys()];
    const why = rejected.map((a) => `${a}：${refused.get(a)}`).join('；');
    const error = [why, pending.length ? `未送达，下次运行时重试：${pending.join(', ')}（${lastError}）` : ''].filter(Boolean).join('；') || undefined;
    const status = !rejected.length && !pending.length ? 'sent' : accepted.length ? 'partial' : 'failed';
    return { status, accepted, rejected, deferred: pending, unknown: [], error: status === 'sent' ? undefined : error };
  }

  /** One connection, one message to `to`. Whether the data was handed over decides what a failure means. */
  private transaction(raw: Buffer, from: string | false, to: string[], deadline: number, progress: (s: string) => void): Promise<Transaction> {
    const { cfg } = this;
    return new Promise<Transaction>((resolve) => {
      const conn = new SMTPConnection({
        host: cfg.host, port: cfg.port, secure: cfg.secure, requireTLS: cfg.requireTLS,
        connectionTimeout: cfg.timeoutMs, greetingTimeout: cfg.timeoutMs, socketTimeout: cfg.timeoutMs,
        tls: { rejectUnauthorized: !cfg.allowSelfSigned },
      });
      let handedOver = false;
      const started = Date.now();
      let settled = false;
      const finish = (t: Transaction) => {
        if (settled) return;
        settled = true;
        clearTimeout(budget);
        clearInterval(ticker);
        if (t.kind === 'answered') conn.quit();
        else conn.close();
        resolve(t);
      };
      const budget = setTimeout(() => finish({ kind: 'error', err: Object.assign(new Error('超过单封邮件的发送时限'), { code: 'ETIMEDOUT' }), handedOver }), Math.max(0, deadline - Date.now()));
      const ticker = setInterval(() => progress(`${handedOver ? '已交给服务器，等待确认' : '等待服务器应答'}（已 ${Math.round((Date.now() - started) / 1000)} 秒）…`), 15_000);
      ticker.unref();
      conn.on('error', (err: SmtpError) => finish({ kind: 'error', err, handedOver }));
      conn.connect((err?: SmtpError) => {
        if (err) return finish({ kind: 'error', err, handedOver });
        const send = () => {
          const body = Readable.from([raw]);
          // The composed message ends only after nodemailer has read all of it; its final dot follows at once.
          body.on('end', () => (handedOver = true));
          conn.send({ from, to }, body, (err, info) => {
            if (!err) {
              const refused = (info.rejectedErrors ?? []).map((e) => refusal(e as SmtpError));
              return finish({ kind: 'answered', accepted: info.accepted.map(String), refused });
            }
            const e = err as SmtpError;
            // Every recipient refused at RCPT: an answer, not an error.
            if (e.code === 'EENVELOPE' && e.rejectedErrors?.length) return finish({ kind: 'answered', accepted: [], refused: e.rejectedErrors.map(refusal) });
            finish({ kind: 'error', err: e, handedOver });
          });
        };
        if (cfg.user) conn.login({ user: cfg.user, pass: this.pass! }, (err) => (err ? finish({ kind: 'error', err: err as SmtpError, handedOver }) : send()));
        else send();
      });
    });
  }
  close() {}
}

const refusal = (e: SmtpError) => ({ address: e.recipient ?? '', code: e.responseCode ?? 550, why: e.response ?? e.message });

export function createSender(config: JobConfig, resolvePath: (p: string) => string): Sender {
  return config.mail.transport === 'outbox'
    ? new OutboxSender(resolvePath(config.mail.dir), config.from)
    : new SmtpSender(config.mail, config.from);
}

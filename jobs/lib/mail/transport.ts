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
 *
 * Two failures say nothing about the message and everything about the relay: a refused
 * login (535: wrong password or no 授权码) and a server that cannot be reached. Neither is
 * retried — providers lock an account after repeated failed logins, and every further
 * attempt only adds minutes — and the delivery carries `halt`, on which the courier
 * stops the batch and leaves the rest for the next run.
 */
import { Readable } from 'node:stream';
import fs, { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { JobConfig } from '../../../shared/config.js';
import { formatKey } from '../../../shared/messageKey.js';
import { formatAddress, safeFilename, type Outgoing } from './message.js';
import { ioReason, mkdirPrivate } from '../files.js';
import { entryId } from './journal.js';
import { InputError } from '../errors.js';
import { explainSystemError } from '../systemErrors.js';
import { explainSmtpReply, isLoginRefused, loginRefusedText } from '../../../shared/smtpReplies.js';

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
  /** The relay itself is unusable (login refused, server unreachable): send nothing more this run; why, in one line. */
  halt?: string;
}

export interface Sender {
  readonly describe: string;
  /** Deliver `msg` to `recipients` (a subset of its To and Cc when some already have it). */
  deliver(msg: Outgoing, recipients: string[], progress?: (line: string) => void): Promise<Delivery>;
  close(): void;
}

/** A message written where nobody reads it yet, durably, waiting to be published under `file`. */
export interface Staged { msg: Outgoing; recipients: string[]; file: string }

/**
 * A sender that delivers in two steps, so that the courier can journal a whole batch with
 * one fsync on each side (a group commit): `stage` writes every message durably where no
 * one reads it yet, then the courier journals the intents, then `publish` makes them
 * visible at once, then the courier journals the outcomes. Delivery is a local rename, so
 * what an interrupted batch came to can be read back from the files (`settleStaged`).
 */
export interface BatchSender extends Sender {
  /** The most messages one batch carries. */
  readonly batchSize: number;
  stage(items: { msg: Outgoing; recipients: string[] }[]): Promise<Staged[]>;
  publish(staged: Staged[]): Delivery[];
  /** Removes staged messages that will not be published (the intents could not be journalled). */
  discard(staged: Staged[]): void;
}

export const isBatchSender = (s: Sender | null): s is BatchSender => s !== null && 'stage' in s;

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

/** Where a message waits, staged, before it is published as `file` (hidden, so that no one takes it too early). */
const stagedName = (file: string) => join(dirname(file), `.${basename(file)}.tmp`);

/**
 * What an outbox delivery interrupted between its intent and its outcome came to, read
 * from the files. The staged copy is written and made durable (file and folder) before the
 * intent is journalled, and becomes the published file only by a rename, so exactly one of
 * three holds: the published file is there (delivered); the staged copy is still there
 * (never published: nobody can have seen it, safe to deliver again); neither is (it was
 * published and someone has since taken it from the outbox: delivered).
 */
export function settleStaged(file: string): 'delivered' | 'not published' {
  if (existsSync(file)) return 'delivered';
  return existsSync(stagedName(file)) ? 'not published' : 'delivered';
}

/** Removes the staged copy of a message settled as not published. */
export function dropStaged(file: string): void {
  rmSync(stagedName(file), { force: true });
}

/**
 * The message as RFC 5322 bytes and its envelope sender: one composition for both
 * transports (MailComposer directly: nodemailer's transport layer around it costs as much
 * again per message, for plugins and stream plumbing the outbox does not use).
 */
async function compose(from: string, msg: Outgoing): Promise<{ raw: Buffer; envelopeFrom: string | false }> {
  const node = new MailComposer(mailOptions(from, msg)).compile();
  const raw = await new Promise<Buffer>((res, rej) => node.build((err, b) => (err ? rej(err) : res(b))));
  return { raw, envelopeFrom: node.getEnvelope().from };
}

/** Line ends as files on disk have them (the .eml files were always written so); the composed message is 7-bit. */
const unixLines = (raw: Buffer) => Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

/**
 * An outbox folder of .eml files. Each file is named for its message (subject, then the
 * journal's handle for its key), so that the same message delivered again replaces its own
 * file and a later run never overwrites an earlier run's different message.
 */
export class OutboxSender implements BatchSender {
  /** Enough that the journal's two fsyncs vanish per message, few enough to keep a batch's file handles open and its messages in memory. */
  readonly batchSize = 128;
  constructor(private readonly dir: string, private readonly from: string) {}
  get describe() {
    return `outbox 文件夹 ${this.dir}`;
  }

  /** The file `msg` is published as. */
  fileFor(msg: Outgoing): string {
    // 60 characters: a Chinese subject is 3 bytes a character, and names end at 255 bytes.
    const name = safeFilename(msg.subject.replace(/^【[^】]*】/, '')).slice(0, 60);
    return join(this.dir, `${name}-${entryId(formatKey(msg.key))}.eml`);
  }

  async deliver(msg: Outgoing, recipients: string[]): Promise<Delivery> {
    const staged = await this.stage([{ msg, recipients }]);
    return this.publish(staged)[0]!;
  }

  async stage(items: { msg: Outgoing; recipients: string[] }[]): Promise<Staged[]> {
    mkdirPrivate(this.dir);
    const staged: Staged[] = [];
    // Each file is written and fsync'd on the thread pool while the next message is composed:
    // creating files and waiting for the disk overlap with the composing.
    const writes: Promise<void>[] = [];
    let failure: unknown;
    try {
      for (const { msg, recipients } of items) {
        const { raw } = await compose(this.from, msg);
        const file = this.fileFor(msg);
        staged.push({ msg, recipients, file });
        writes.push(writeDurably(stagedName(file), unixLines(raw)));
      }
    } catch (err) {
      failure = err;
    }
    // Every write settled before anything is removed or the batch goes on.
    const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure || failed) {
      this.discard(staged);
      if (failure) throw failure;
      throw new InputError(this.dir, `无法写入 outbox（${ioReason(failed!.reason)}），已停止发送，这批邮件没有发出。`);
    }
    try {
      // The staged copies' names durable before the intents are journalled (settleStaged relies on it).
      syncFolder(this.dir);
    } catch (err) {
      this.discard(staged);
      throw new InputError(this.dir, `无法写入 outbox（${ioReason(err)}），已停止发送，这批邮件没有发出。`);
    }
    return staged;
  }

  /**
   * Renames each staged copy to its file. A rename that fails stops the run: the messages
   * published so far and those still staged are settled from the files by the next run.
   */
  publish(staged: Staged[]): Delivery[] {
    for (const s of staged) {
      try {
        renameSync(stagedName(s.file), s.file);
      } catch (err) {
        throw new InputError(s.file, `无法写入 outbox（${ioReason(err)}），已停止发送；下次运行时按 outbox 中的文件核对这批邮件。`);
      }
    }
    // The renames durable before the outcomes say "sent".
    syncFolder(this.dir);
    return staged.map((s) => ({ status: 'sent', accepted: s.recipients, rejected: [], deferred: [], unknown: [] }));
  }

  discard(staged: Staged[]): void {
    for (const s of staged) rmSync(stagedName(s.file), { force: true });
  }
  close() {}
}

/**
 * Writes `buf` as `file` (owner-only: the .eml holds names, 学号 and phones) and fsyncs it,
 * on the thread pool (plain callbacks: FileHandle's promise machinery costs more than the write).
 */
function writeDurably(file: string, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'w', 0o600, (err, fd) => {
      if (err) return reject(err);
      const done = (e: Error | null) => fs.close(fd, (c) => (e || c ? reject(e ?? c) : resolve()));
      fs.fchmod(fd, 0o600, (e) => {
        if (e) return done(e);
        const write = (off: number) => fs.write(fd, buf, off, buf.length - off, null, (e, n) => {
          if (e) return done(e);
          if (off + n < buf.length) return write(off + n);
          fs.fsync(fd, done);
        });
        write(0);
      });
    });
  });
}

/** Makes a folder's entries (new and renamed files) durable. Windows cannot open a folder for fsync; NTFS journals names itself. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (err) {
    if (process.platform === 'win32') return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
  | { kind: 'error'; err: SmtpError; handedOver: boolean; phase: Phase };

/** How far a transaction got: connecting (up to the greeting), logging in, or sending. */
type Phase = 'connect' | 'login' | 'send';

/** A Chinese line for an SMTP failure. */
function describeError(err: SmtpError, server: string): string {
  if (typeof err.responseCode === 'number') return explainSmtpReply(err.responseCode, err.response ?? err.message);
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
    const { raw, envelopeFrom } = await compose(this.from, msg);
    const accepted: string[] = [];
    const refused = new Map<string, string>();
    let pending = [...recipients];
    let lastError = '';
    let halt: string | undefined;
    const deadline = Date.now() + this.budgetMs;
    for (let attempt = 1; attempt <= this.cfg.attempts && pending.length; attempt++) {
      const t = await this.transaction(raw, envelopeFrom, pending, deadline, (s) => progress(`${msg.subject}：${s}`));
      if (t.kind === 'error') {
        lastError = describeError(t.err, `${this.cfg.host}:${this.cfg.port}`);
        halt = this.haltFor(t, lastError);
        if (halt) {
          lastError = halt;
          break;
        }
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
    const error = halt ?? ([why, pending.length ? `未送达，下次运行时重试：${pending.join(', ')}（${lastError}）` : ''].filter(Boolean).join('；') || undefined);
    const status = !rejected.length && !pending.length ? 'sent' : accepted.length ? 'partial' : 'failed';
    return { status, accepted, rejected, deferred: pending, unknown: [], error: status === 'sent' ? undefined : error, halt };
  }

  /** The line that stops the batch when the relay, not the message, failed; undefined otherwise. */
  private haltFor(t: Extract<Transaction, { kind: 'error' }>, explained: string): string | undefined {
    const { cfg } = this;
    if (t.phase === 'login' && (isLoginRefused(t.err.responseCode) || (t.err.code === 'EAUTH' && !t.err.responseCode))) {
      return loginRefusedText({ host: cfg.host, user: cfg.user ?? '', passwordEnv: cfg.passwordEnv, code: t.err.responseCode, text: t.err.response ?? t.err.message });
    }
    if (t.phase === 'connect') return `${explained}。本次不再尝试连接，其余邮件下次运行时发送。`;
    return undefined;
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
      let phase: Phase = 'connect';
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
      const budget = setTimeout(() => finish({ kind: 'error', err: Object.assign(new Error('超过单封邮件的发送时限'), { code: 'ETIMEDOUT' }), handedOver, phase }), Math.max(0, deadline - Date.now()));
      const ticker = setInterval(() => progress(`${handedOver ? '已交给服务器，等待确认' : '等待服务器应答'}（已 ${Math.round((Date.now() - started) / 1000)} 秒）…`), 15_000);
      ticker.unref();
      conn.on('error', (err: SmtpError) => finish({ kind: 'error', err, handedOver, phase }));
      conn.connect((err?: SmtpError) => {
        if (err) return finish({ kind: 'error', err, handedOver, phase });
        const send = () => {
          phase = 'send';
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
            finish({ kind: 'error', err: e, handedOver, phase });
          });
        };
        phase = 'login';
        if (cfg.user) conn.login({ user: cfg.user, pass: this.pass! }, (err) => (err ? finish({ kind: 'error', err: err as SmtpError, handedOver, phase }) : send()));
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

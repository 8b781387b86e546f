/**
 * A real SMTP server on 127.0.0.1 (smtp-server) for the mail tests, with knobs
 * for the faults a campus relay produces. Messages are parsed with mailparser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobConfigInput } from '../shared/config.js';
import { loadConfig } from '../jobs/lib/config.js';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { afterEach } from 'vitest';
import { tempDir } from './helpers.js';
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received { from: string; to: string[]; raw: Buffer; parsed: ParsedMail }

export interface Faults {
  /**
   * Offer AUTH and decide each login: true accepts; a reply refuses it (535 for a wrong
   * password). Without it the server offers no AUTH, like a campus relay that trusts its network.
   */
  auth?: (user: string, pass: string) => true | { code: number; message: string };
  /** Connection n (1-based): 'drop' it before the greeting, or greet with this reply instead of 220. */
  connect?: (n: number) => 'drop' | { code: number; message: string } | undefined;
  /** Reject this recipient with the given reply, or 'drop' the connection before any message data (safe to retry). */
  rcpt?: (address: string) => { code: number; message: string } | 'drop' | undefined;
  /**
   * Message n (1-based, counting every DATA): 'ok'; a reply error; 'drop' the connection
   * once its data arrives; 'hang' — take all of it and never answer (RFC 1047); or
   * accept after a delay. 'drop' and 'hang' leave the client unable to tell whether
   * the message was delivered.
   */
  data?: (n: number) => 'ok' | 'drop' | 'hang' | { code: number; message: string } | { delayMs: number };
  /** Called once a message has been accepted. */
  onMessage?: (m: Received) => void;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtp(faults: Faults = {}) {
  let closing: Promise<void> | undefined;
  const messages: Received[] = [];
  const sockets = new Set<Socket>();
  let dataCount = 0;
  let connections = 0;
  let logins = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: faults.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onConnect(_s: SMTPServerSession, cb: (err?: Error | null) => void) {
      const n = ++connections;
      const fault = faults.connect?.(n);
      if (fault === 'drop') {
        for (const s of sockets) s.destroy();
        return;
      }
      cb(fault ? smtpError(fault.code, fault.message) : null);
    },
    onAuth(auth, _s, cb) {
      logins++;
      const verdict = faults.auth?.(auth.username ?? '', auth.password ?? '') ?? true;
      if (verdict === true) return cb(null, { user: auth.username });
      cb(smtpError(verdict.code, verdict.message));
    },
    onRcptTo(address: SMTPServerAddress, _s: SMTPServerSession, cb: (err?: Error | null) => void) {
      const bad = faults.rcpt?.(address.address);
      if (bad === 'drop') {
        for (const s of sockets) s.destroy();
        return;
      }
      cb(bad ? smtpError(bad.code, bad.message) : null);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null) => void) {
      const n = ++dataCount;
      const verdict = faults.data?.(n) ?? 'ok';
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        if (verdict === 'drop') for (const s of sockets) s.destroy();
      });
      stream.on('end', async () => {
        if (verdict === 'hang' || verdict === 'drop') return;
        if (typeof verdict === 'object' && 'code' in verdict) return cb(smtpError(verdict.code, verdict.message));
        if (typeof verdict === 'object') await new Promise((r) => setTimeout(r, verdict.delayMs));
        const raw = Buffer.concat(chunks);
        const m: Received = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        };
        messages.push(m);
        faults.onMessage?.(m);
        cb(null);
      });
    },
  });
  server.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    /** DATA transactions begun (whether or not accepted). */
    get dataCount() {
      return dataCount;
    },
    /** TCP connections accepted, and AUTH attempts made. */
    get connections() {
      return connections;
    },
    get logins() {
      return logins;
    },
    /** Closes once; a second call (a test that closed it early, then the after-each) waits for the same. */
    close: () => {
      for (const s of sockets) s.destroy();
      return (closing ??= new Promise<void>((r) => server.close(() => r())));
    },
  };
}

/** The bundled sample (3 colleges, 20 members) in a temp folder, mail going to 127.0.0.1:port. */
export function sampleJob(port: number, patch: (c: JobConfigInput) => void = () => {}, attempts = 3) {
  const dir = tempDir();
  mkdirSync(join(dir, 'input'));
  sampleWorkbooks(join(dir, 'input'));
  const config: JobConfigInput = { ...sampleConfig(), mail: { transport: 'smtp', host: '127.0.0.1', port, secure: false, attempts, backoffMs: 20, timeoutMs: 5000 } };
  patch(config);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, file, loaded: loadConfig(file) };
}

/**
 * Servers started by a test file's tests, each closed after its test: call once at the
 * top of the file and start servers with the function it returns.
 */
export function smtpPerTest(): (faults?: Faults) => ReturnType<typeof startSmtp> {
  let servers: Awaited<ReturnType<typeof startSmtp>>[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (faults: Faults = {}) => {
    const s = await startSmtp(faults);
    servers.push(s);
    return s;
  };
}

/**
 * A real Dovecot IMAP server for the tests: its own config in a temp folder, a
 * passwd-file user, a Maildir, loopback ports picked free. Dovecot runs as an
 * unprivileged user (nobody when the tests run as root). Messages go in with
 * IMAP APPEND like a real mail client's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { tempDir } from './helpers.js';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? null;

/** Why the Dovecot tests cannot run here, or null. */
export const dovecotMissing: string | null = DOVECOT ? null : 'Dovecot 未安装（apt-get install dovecot-imapd；.ci/run 会安装）';

export const USER = 'huizhi';
export const PASSWORD = '回执-2026-Secret';

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

function runAs(): { uid?: number; gid?: number; user: string; group: string } {
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'nobody']).toString().trim());
    const group = execFileSync('id', ['-gn', 'nobody']).toString().trim();
    return { uid, gid, user: 'nobody', group };
  }
  return { user: userInfo().username, group: execFileSync('id', ['-gn']).toString().trim() };
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

export interface Dovecot {
  host: string;
  port: number;
  /** Implicit-TLS port with a self-signed certificate. */
  tlsPort: number;
  dir: string;
  append(raw: string | Buffer, folder?: string): Promise<void>;
  /** Flags/keywords of each message in a folder, by UID. */
  flags(folder?: string): Promise<Map<number, string[]>>;
  stop(crash?: boolean): Promise<void>;
  start(): Promise<void>;
  /** Stop for good and remove the server's folder. */
  dispose(): Promise<void>;
}

export async function startDovecot(): Promise<Dovecot> {
  if (!DOVECOT) throw new Error(dovecotMissing!);
  const dir = tempDir('zhuanjie-dovecot-');
  const who = runAs();
  for (const d of ['run', 'state', 'home']) mkdirSync(join(dir, d));
  const [port, tlsPort] = [await freePort(), await freePort()];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'passwd'), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
  const uidSpec = who.uid ?? process.getuid!();
  const gidSpec = who.gid ?? process.getgid!();
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${who.user}
default_internal_group = ${who.group}
default_login_user = ${who.user}
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uidSpec} gid=${gidSpec} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
`,
  );
  chmodSync(dir, 0o755);
  if (who.uid !== undefined) chownTree(dir, who.uid, who.gid!);

  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(DOVECOT, ['-c', join(dir, 'dovecot.conf'), '-F'], { stdio: 'ignore', uid: who.uid, gid: who.gid, detached: true });
    // Ready when the port answers with a greeting.
    for (let i = 0; i < 100; i++) {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, tls: { rejectUnauthorized: false } });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.logout();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await stop();
    throw new Error(`Dovecot 未能启动，见 ${dir}/dovecot.log`);
  };
  /** Stop the server; crash: kill it and every session process at once, as a power cut would. */
  const stop = async (crash = false) => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null || !c.pid) return;
    const exited = new Promise((r) => c.once('exit', r));
    // Its own process group (detached), so that the imap session processes go too.
    process.kill(-c.pid, crash ? 'SIGKILL' : 'SIGTERM');
    await exited;
    child = null;
  };
  const session = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, tls: { rejectUnauthorized: false } });
    client.on('error', () => {});
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  };
  await start();
  return {
    host: '127.0.0.1', port, tlsPort, dir, start, stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    append: (raw, folder = 'INBOX') =>
      session(async (c) => {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => {});
        await c.append(folder, raw);
      }),
    flags: (folder = 'INBOX') =>
      session(async (c) => {
        const lock = await c.getMailboxLock(folder);
        try {
          const out = new Map<number, string[]>();
          if (!c.mailbox || !c.mailbox.exists) return out;
          for (const m of await c.fetchAll('1:*', { uid: true, flags: true })) out.set(m.uid, [...(m.flags ?? [])]);
          return out;
        } finally {
          lock.release();
        }
      }),
  };
}

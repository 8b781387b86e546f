/**
 * The job's configuration file (JSON). Strict: a misspelt key is an error, so a
 * typo never silently falls back to a default. SMTP passwords come only from an
 * environment variable named here, never from the file.
 */
import { z } from './zod.js';
import { RuleSettingsSchema, formatZodIssues, readablePath } from './settingsSchema.js';
import { MemberMailsSchema, OnlineTransferSchema, WorkdaysSchema } from './memberSettingsSchema.js';
import { deadlinesOf } from './deadlines.js';

const email = z.email('不是有效的电子邮箱地址');

export const CollegeSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  secretary: z.strictObject({ name: z.string().optional(), email }),
  cc: z.array(email).default([]),
  /** Other addresses the college submits its 登记表 from; the secretary and cc count too. */
  senders: z.array(email).default([]),
});

const OutboxSchema = z.strictObject({
  transport: z.literal('outbox'),
  dir: z.string().default('out/outbox'),
});

export const SmtpSchema = z.strictObject({
  transport: z.literal('smtp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(465),
  /** true: TLS from the start (465); false: STARTTLS when offered (587/25). */
  secure: z.boolean().default(true),
  requireTLS: z.boolean().default(false),
  user: z.string().optional(),
  passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, '应为环境变量名，例如 ZHUANJIE_SMTP_PASSWORD').default('ZHUANJIE_SMTP_PASSWORD'),
  /** Attempts for a temporary (4xx / connection) failure, with exponential backoff. */
  attempts: z.number().int().min(1).max(10).default(4),
  backoffMs: z.number().int().min(0).max(600_000).default(2000),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  /** Accept a self-signed certificate (an internal relay); off by default. */
  allowSelfSigned: z.boolean().default(false),
});

/** 「表头」: 「字段」 — a header as the file writes it, and the field it means (key or standard header, or 「忽略」). */
const ColumnMapSchema = z.record(z.string().min(1), z.string().min(1)).default({});

/** A file or folder, with what the job should know about it. */
const sourceEntry = <K extends z.ZodTypeAny>(extra: K) =>
  z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), columns: ColumnMapSchema, kind: extra })]);

/**
 * The college's 回执 mailbox (seed 003: receipts are photographed and e-mailed).
 * Either an IMAP server (host, user; the password from an environment variable)
 * or a local Maildir folder (the demo, or mail synced by another program).
 */
export const MailboxSchema = z
  .strictObject({
    host: z.string().min(1).optional(),
    /** 993 with TLS from the start; 143 with secure: false (STARTTLS when offered). */
    port: z.number().int().min(1).max(65535).optional(),
    secure: z.boolean().default(true),
    user: z.string().min(1).optional(),
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, '应为环境变量名，例如 ZHUANJIE_IMAP_PASSWORD').default('ZHUANJIE_IMAP_PASSWORD'),
    folder: z.string().min(1).default('INBOX'),
    /** Local Maildir folder instead of a server (relative to the config file). */
    maildir: z.string().min(1).optional(),
    /** What marks a processed message on the server; mail is never deleted. */
    processed: z
      .union([z.literal('flag'), z.literal('keyword'), z.strictObject({ moveTo: z.string().min(1) })])
      .default('keyword'),
    /** Accept a self-signed certificate (a campus server); off by default. */
    allowSelfSigned: z.boolean().default(false),
    /** Largest attachment saved, in bytes; larger ones are listed, not saved. */
    maxAttachmentBytes: z.number().int().min(1024).max(200 * 1024 * 1024).default(20 * 1024 * 1024),
    /** Seed 003 enters a photographed receipt as done; seed 000 wants the stamped original back. */
    photoCountsAsCompleted: z.boolean().default(true),
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /** Reply "received" to each new receipt e-mail through `mail` (never to automatic mail or lists); off by default. */
    acknowledge: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    if (!m.host === !m.maildir) ctx.addIssue({ code: 'custom', message: '应填写 host（IMAP 服务器）或 maildir（本地文件夹）二者之一', path: ['host'] });
    if (m.host && !m.user) ctx.addIssue({ code: 'custom', message: '使用 IMAP 服务器时必须填写 user（邮箱账号）', path: ['user'] });
  });

export type MailboxConfig = z.output<typeof MailboxSchema>;

/**
 * The 6月10日 审核 (seed 001: 登记表 due 6月10日, letters from 6月12日 「登记表审核无误后」).
 * With this block, `run` and `schedule` also audit on the reminder days and the deadline,
 * and the reconciliation reads the submissions the audit stored.
 */
export const AuditSchema = z.strictObject({
  /** MM-DD of the graduation year. */
  deadline: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD，例如 06-10').default(deadlinesOf('audit')[0]!.id),
  /** Days before the deadline on which colleges without a clean submission are reminded. */
  leadDays: z.array(z.number().int().min(1).max(60)).default([7, 3, 1]),
});

export type AuditConfig = z.output<typeof AuditSchema>;

export const JobConfigSchema = z.strictObject({
  /** Graduation year; by default the year of the run date (the previous one before June). */
  cohort: z.number().int().min(2000).max(2100).optional(),
  /** Files or folders, relative to the config file. */
  registrations: z.array(sourceEntry(z.undefined().optional())).default([]),
  /**
   * Receipt files. `kind: "paperRegister"` says a list without a status column holds
   * receipts that came back; without it, such a list counts as a register only when none
   * of its columns looks like a status.
   */
  receipts: z.array(sourceEntry(z.enum(['export', 'paperRegister']).optional())).default([]),
  /** Corrections to header recognition for every file. */
  columns: ColumnMapSchema,
  colleges: z.array(CollegeSchema).default([]),
  orgDept: z
    .strictObject({ name: z.string().default('党委组织部'), email, phone: z.string().optional() })
    .optional(),
  from: z.string().min(3).default('党委组织部 <zuzhibu@example.edu.cn>'),
  reminders: z
    .strictObject({
      leadDays: z.array(z.number().int().min(0).max(120)).min(1).default([14, 7, 1, 0]),
      sendTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM，例如 08:30').default('08:30'),
    })
    .prefault({}),
  mail: z.discriminatedUnion('transport', [OutboxSchema, SmtpSchema]).default({ transport: 'outbox', dir: 'out/outbox' }),
  /** The 6月10日 submission audit (optional; `zhuanjie audit` uses the defaults without it). */
  audit: AuditSchema.optional(),
  /** Read e-mailed receipts from this mailbox before reconciling (optional). */
  mailbox: MailboxSchema.optional(),
  /** Journal and lock live here. */
  stateDir: z.string().default('out/state'),
  reportDir: z.string().default('out/reports'),
  /** Show full ID numbers in attachments (sensitive personal information: off by default). */
  fullIdNumbers: z.boolean().default(false),
  rules: RuleSettingsSchema.prefault({}),
  /** 工作日: extra days and hand-entered notices (shared/workdays.ts). */
  workdays: WorkdaysSchema,
  /** Limits for online transfers in 工作日 (seed 004). */
  onlineTransfer: OnlineTransferSchema,
  /** Mails to the members themselves. */
  memberMails: MemberMailsSchema,
});

export type JobConfigInput = z.input<typeof JobConfigSchema>;
export type JobConfig = z.output<typeof JobConfigSchema>;
export type College = z.output<typeof CollegeSchema>;
export type SourceEntry = JobConfig['receipts'][number];

/** A config source as one shape: path, column corrections, kind. */
export const sourceOf = (e: SourceEntry): { path: string; columns: Record<string, string>; kind?: 'export' | 'paperRegister' } =>
  typeof e === 'string' ? { path: e, columns: {} } : e;

export type ConfigParse = { ok: true; config: JobConfig } | { ok: false; message: string };

export function parseJobConfig(data: unknown, source: string): ConfigParse {
  const r = JobConfigSchema.safeParse(data);
  if (r.success) return { ok: true, config: r.data };
  const unknown = r.error.issues.filter((i) => i.code === 'unrecognized_keys');
  const rest = r.error.issues.filter((i) => i.code !== 'unrecognized_keys');
  const lines = unknown.flatMap((i) => (i as { keys: string[] }).keys.map((k) => unknownKeyLine(source, i.path, k)));
  if (rest.length) lines.push(formatZodIssues(new z.ZodError(rest), source));
  return { ok: false, message: lines.join('\n') };
}

/** The password never goes in the file: point to the environment variable instead. */
const SECRET_KEYS = ['password', 'pass', 'passwd', 'pwd', '密码'];

function unknownKeyLine(source: string, path: readonly PropertyKey[], key: string): string {
  const where = `${source}：${readablePath([...path, key])}`;
  // The word itself in any case, or misspelt (pasword): a password in the file all the same.
  if (nearest(key, SECRET_KEYS)) {
    return `${where}：密码不能写在配置文件里。请删除此项，把密码放在环境变量 ZHUANJIE_SMTP_PASSWORD 中（或用 mail.passwordEnv 指定别的变量名）。`;
  }
  const near = nearest(key, keysAt(JobConfigSchema, path));
  return `${where}：没有这个设置项${near ? `，是否想写「${near}」？` : '。'}`;
}

/** Keys a strict object accepts at `path` (array indices and wrappers looked through). */
function keysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  const def = (schema as { _zod?: { def: Record<string, unknown> } })._zod?.def;
  if (!def) return [];
  if (def.innerType) return keysAt(def.innerType, path);
  if (def.type === 'union') return [...new Set((def.options as unknown[]).flatMap((o) => keysAt(o, path)))];
  if (def.type === 'array') return keysAt(def.element, typeof path[0] === 'number' ? path.slice(1) : path);
  if (def.type === 'object') {
    const shape = def.shape as Record<string, unknown>;
    return path.length ? keysAt(shape[String(path[0])], path.slice(1)) : Object.keys(shape);
  }
  return [];
}

/** The closest known key by edit distance (a swap of neighbours counts one), if close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)) ? best : null;
}

/** Edits between two strings (a swap of neighbours counts one). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

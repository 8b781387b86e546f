/**
 * The job's configuration file (JSON). Strict: a misspelt key is an error, so a
 * typo never silently falls back to a default. SMTP passwords come only from an
 * environment variable named here, never from the file.
 */
import { z } from './zod.js';
import { RuleSettingsSchema, formatZodIssues } from './settings.js';

const email = z.email('不是有效的电子邮箱地址');

export const CollegeSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  secretary: z.strictObject({ name: z.string().optional(), email }),
  cc: z.array(email).default([]),
});

const OutboxSchema = z.strictObject({
  transport: z.literal('outbox'),
  dir: z.string().default('out/outbox'),
});

const SmtpSchema = z.strictObject({
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

export const JobConfigSchema = z.strictObject({
  /** Graduation year; by default the year of the run date (the previous one before June). */
  cohort: z.number().int().min(2000).max(2100).optional(),
  /** Files or folders, relative to the config file. */
  registrations: z.array(z.string().min(1)).default([]),
  receipts: z.array(z.string().min(1)).default([]),
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
  /** Read e-mailed receipts from this mailbox before reconciling (optional). */
  mailbox: MailboxSchema.optional(),
  /** Journal and lock live here. */
  stateDir: z.string().default('out/state'),
  reportDir: z.string().default('out/reports'),
  /** Show full ID numbers in attachments (sensitive personal information: off by default). */
  fullIdNumbers: z.boolean().default(false),
  rules: RuleSettingsSchema.prefault({}),
});

export type JobConfigInput = z.input<typeof JobConfigSchema>;
export type JobConfig = z.output<typeof JobConfigSchema>;
export type College = z.output<typeof CollegeSchema>;

export type ConfigParse = { ok: true; config: JobConfig } | { ok: false; message: string };

export function parseJobConfig(data: unknown, source: string): ConfigParse {
  const r = JobConfigSchema.safeParse(data);
  return r.success ? { ok: true, config: r.data } : { ok: false, message: formatZodIssues(r.error, source) };
}

/**
 * The job's configuration file (JSON). Strict: a misspelt key is an error, so a
 * typo never silently falls back to a default. SMTP passwords come only from an
 * environment variable named here, never from the file.
 */
import { z } from './zod.js';
import { RuleSettingsSchema, formatZodIssues } from './settingsSchema.js';

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

/** 「表头」: 「字段」 — a header as the file writes it, and the field it means (key or standard header, or 「忽略」). */
const ColumnMapSchema = z.record(z.string().min(1), z.string().min(1)).default({});

/** A file or folder, with what the job should know about it. */
const sourceEntry = <K extends z.ZodTypeAny>(extra: K) =>
  z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), columns: ColumnMapSchema, kind: extra })]);

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
export type SourceEntry = JobConfig['receipts'][number];

/** A config source as one shape: path, column corrections, kind. */
export const sourceOf = (e: SourceEntry): { path: string; columns: Record<string, string>; kind?: 'export' | 'paperRegister' } =>
  typeof e === 'string' ? { path: e, columns: {} } : e;

export type ConfigParse = { ok: true; config: JobConfig } | { ok: false; message: string };

export function parseJobConfig(data: unknown, source: string): ConfigParse {
  const r = JobConfigSchema.safeParse(data);
  return r.success ? { ok: true, config: r.data } : { ok: false, message: formatZodIssues(r.error, source) };
}

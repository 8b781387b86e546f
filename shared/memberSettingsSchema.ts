/**
 * Config sections: the working-day calendar, seed 004's limit for online
 * transfers, and the mails to members themselves. Kept beside config.ts so that the
 * job's schema gains three keys and nothing else.
 */
import { z } from './zod.js';
import { DEFAULT_WORKDAY_SETTINGS } from './workdays.js';
import type { MemberMailSettings } from './memberMail.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式，例如 2026-10-08');

export const WorkdaysSchema = z
  .strictObject({
    extraHolidays: z.array(isoDate).default([]),
    extraWorkdays: z.array(isoDate).default([]),
    /** 「2027」: the year's State Council notice, entered by hand until the data package holds it. */
    notices: z
      .record(z.string().regex(/^\d{4}$/, '应为四位年份，例如 2027'), z.strictObject({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) }))
      .default({}),
  })
  .prefault({ ...DEFAULT_WORKDAY_SETTINGS });

/**
 * Seed 004 (湘组办〔2018〕14号 第九条): the receiving 基层党委 accepts within 15 个工作日. Hunan's
 * rule; a school elsewhere sets its own.
 */
export const DEFAULT_ONLINE_LIMIT_WORKDAYS = 15;

export const OnlineTransferSchema = z
  .strictObject({ limitWorkdays: z.number().int().min(1).max(120).default(DEFAULT_ONLINE_LIMIT_WORKDAYS) })
  .prefault({});

/** Mails to members themselves: off unless turned on, per kind. */
export const MemberMailsSchema = z
  .strictObject({
    /** After the letter's 开具日期: where, how, by when, how to return the receipt. */
    letter: z.boolean().default(false),
    /** Before a paper letter expires without a receipt. */
    expiry: z.boolean().default(false),
    /** Before 9月1日 (the college reminders' lead days) while not completed. */
    checkpoint: z.boolean().default(false),
    /** On the first day the member is 超期未落实. */
    overdue: z.boolean().default(false),
    /** Days before a paper letter's last valid day. */
    expiryLeadDays: z.array(z.number().int().min(0).max(90)).min(1).default([14, 3]),
    /** University SMTP servers limit senders: at most this many member mails a day (Beijing time); the rest wait. */
    dailyCap: z.number().int().min(1).max(100_000).default(200),
    /** Where members send the receipt photo (seed 003); by default the 回执 mailbox's account when it is an address. */
    receiptAddress: z.email('不是有效的电子邮箱地址').optional(),
  })
  .prefault({}) satisfies z.ZodType<MemberMailSettings & { receiptAddress?: string }, unknown>;

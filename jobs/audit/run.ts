/**
 * One audit round: intake (the mailbox, then the registrations folders), the audit of
 * each college's newest submission, and the mail — a reply to each new submission, a
 * reminder to each college without a clean one on a reminder day (unless it had a reply
 * that day), and from the deadline on the 组织部's summary. Every message goes through
 * the courier and the send journal: a re-run sends only what was not sent, nothing
 * twice, and an uncertain delivery is never repeated.
 */
import { AuditSchema } from '../../shared/config.js';
import { cohortFor } from '../../shared/calendar.js';
import { CATCH_UP_DAYS } from '../../shared/deadlines.js';
import { formatKey, parseKey, type MessageKey } from '../../shared/messageKey.js';
import { addDays } from '../../shared/normalize.js';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { placesOf } from '../lib/places.js';
import { acquireLock, type Lock } from '../lib/lock.js';
import { SendJournal, type TornLine } from '../lib/mail/journal.js';
import { messageIdFor } from '../lib/mail/message.js';
import { Courier, journalVerdict, tornLineText, type SendResults } from '../lib/mail/courier.js';
import { createSender, type Sender } from '../lib/mail/transport.js';
import { listWorkbook } from '../lib/excel.js';
import { fetchReceipts, inboxJournal } from '../inbox/fetch.js';
import { printable } from '../lib/terminal.js';
import { annotatedWorkbook } from './annotate.js';
import { auditColleges, type CollegeAudit } from './audit.js';
import { intakeFolders, type Unassigned } from './intake.js';
import { submissionClassifier } from './mailIntake.js';
import { collegeMailKey, composeAuditSummary, composeCollegeAuditMail, REPLY, replyId, SUMMARY_COLUMNS, summaryRow, type AuditMailContext, type CollegeMailKind } from './mail.js';
import { SubmissionStore } from './store.js';
import { AUDIT_DEADLINE } from './deadline.js';

export type AuditMode =
  /** `zhuanjie audit`: replies, and reminders whatever the day; the summary from the deadline on. */
  | 'command'
  /** `run` / `schedule`: only on the reminder days and the deadline (the summary caught up for a week). */
  | 'scheduled'
  /** `run --checkpoint 06-10`: reminders and the summary today. */
  | 'forced';

export interface AuditRunOptions {
  asOf: string;
  mode: AuditMode;
  dryRun?: boolean;
  log?: (line: string) => void;
  sender?: Sender;
  lock?: Lock;
  stopping?: () => boolean;
  /** Read the mailbox first (`run` has already read it). */
  fetch?: boolean;
}

export interface AuditOutcome extends Omit<SendResults, 'rows'> {
  asOf: string;
  deadline: string;
  audits: CollegeAudit[];
  unassigned: Unassigned[];
  torn: TornLine[];
  /** False when `scheduled` found nothing to do today. */
  ran: boolean;
}

/** Sheets listed for a person from the mailbox journal (every fetch so far). */
function mailUnassigned(stateDir: string): Unassigned[] {
  return inboxJournal(stateDir).read().entries.flatMap((e) =>
    (e.unassigned ?? []).map((u) => ({ file: u.name, source: 'mail' as const, reason: u.reason, from: e.from, subject: e.subject, date: e.date })),
  );
}

/** Whether a scheduled run audits today: a reminder day, the deadline, or the week after it (the summary's catch-up). */
export function auditDue(asOf: string, deadline: string, leadDays: readonly number[]): 'remind' | 'summary' | null {
  if (leadDays.some((d) => addDays(deadline, -d) === asOf)) return 'remind';
  if (asOf >= deadline && asOf <= addDays(deadline, CATCH_UP_DAYS)) return 'summary';
  return null;
}

export async function runAudit(loaded: LoadedConfig, opts: AuditRunOptions): Promise<AuditOutcome> {
  const { config } = loaded;
  const log = opts.log ?? (() => {});
  const settings = config.audit ?? AuditSchema.parse({});
  const cohort = config.cohort ?? cohortFor(opts.asOf);
  const deadline = `${cohort}-${settings.deadline}`;
  const empty: AuditOutcome = { asOf: opts.asOf, deadline, audits: [], unassigned: [], torn: [], ran: false, sent: [], failures: [], uncertain: [], alreadySent: [], stopped: 0, unsent: [] };
  const due = opts.mode === 'scheduled' ? auditDue(opts.asOf, deadline, settings.leadDays) : 'remind';
  if (!due) return empty;
  if (!config.colleges.length) throw new InputError(loaded.file ?? '配置', '没有配置学院（colleges）：登记表审核需要知道有哪些学院和各学院负责人的邮箱。');
  const places = placesOf(loaded);
  const { stateDir } = places;
  const lock = opts.lock ?? (opts.dryRun ? null : await acquireLock(stateDir));
  try {
    // Intake: the mailbox first (a failure is reported, the folders and earlier mail still count).
    if (config.mailbox && opts.fetch !== false && !opts.dryRun) {
      try {
        await fetchReceipts(loaded, { log, classify: submissionClassifier(loaded) });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        log(`警告：${err.message} 本次按此前已收到的登记表审核。`);
      }
    }
    const store = new SubmissionStore(stateDir);
    const intake = intakeFolders(loaded, store, { write: !opts.dryRun, today: opts.asOf });
    const unassigned = [...intake.unassigned, ...mailUnassigned(stateDir)];
    const audits = auditColleges(loaded, store, intake.all, { today: opts.asOf });
    const outcome: AuditOutcome = { ...empty, audits, unassigned, ran: true };

    const journal = new SendJournal(places.sendJournal);
    const state = journal.read();
    for (const t of state.torn) log(tornLineText(journal.file, t));
    const sender = opts.dryRun ? null : opts.sender ?? createSender(config, (p) => places.output(p, 'mail.dir'));
    const courier = new Courier(journal, state, sender, { log, stopping: opts.stopping, assertHeld: () => lock?.assertHeld() });
    const ctx: AuditMailContext = { from: config.from, cohort, deadline, asOf: opts.asOf, contact: config.orgDept?.phone ? `${config.orgDept.name} ${config.orgDept.phone}` : undefined };
    // Replies journalled before, by the sheet they answer; one that went today counts as the day's reminder.
    const replies = new Map<string, MessageKey>();
    const repliedToday = new Set<string>();
    for (const text of state.keys.keys()) {
      const key = parseKey(text);
      if (key?.kind !== AUDIT_DEADLINE || key.cohort !== cohort || key.audience !== 'college' || !key.id?.includes(`/${REPLY}`)) continue;
      replies.set(key.id, key);
      if (key.date === opts.asOf) repliedToday.add(key.id.slice(0, key.id.lastIndexOf('/')));
    }
    const annotated = (a: CollegeAudit) =>
      a.validation && a.workbook
        ? annotatedWorkbook({
            workbook: a.workbook, sheet: a.validation.sheet, headerRow: a.validation.headerRow, findings: a.findings,
            title: `${a.college}「${a.submission!.name}」`, maskIdColumn: config.fullIdNumbers ? undefined : a.validation.columns.idNumber,
          })
        : Promise.resolve(undefined);
    const send = async (a: CollegeAudit, kind: CollegeMailKind) => {
      const c = config.colleges.find((x) => x.name === a.college)!;
      // Composing means annotating: only for a message the journal has not settled.
      const key = (kind === 'reply' && replies.get(replyId(a))) || collegeMailKey(a, kind, ctx);
      const p = journalVerdict(state.keys.get(formatKey(key)), [c.secretary.email, ...c.cc]);
      if (p.kind === 'sent before') return;
      const msg = { ...composeCollegeAuditMail({ audit: a, secretary: c.secretary, cc: c.cc, kind, annotated: await annotated(a) }, ctx), key, messageId: messageIdFor(key, config.from) };
      await courier.deliver(msg);
      if (kind === 'reply') repliedToday.add(a.college);
    };

    let finished = false;
    try {
      for (const a of audits) if (a.submission) await send(a, 'reply');
      if (due === 'remind' || opts.mode !== 'scheduled') {
        for (const a of audits) if (a.status !== 'clean' && !repliedToday.has(a.college)) await send(a, 'reminder');
      }
      const summaryDue = opts.mode === 'forced' || (opts.asOf >= deadline && opts.asOf <= addDays(deadline, CATCH_UP_DAYS)) || (opts.mode === 'command' && opts.asOf >= deadline);
      if (summaryDue && config.orgDept) {
        const undelivered = [...courier.results.failures, ...courier.results.uncertain].filter((f) => f.key.kind === AUDIT_DEADLINE).map((f) => ({ college: f.label, reason: f.reason }));
        const table = await listWorkbook([
          { name: '各学院审核结果', title: `登记表审核汇总（截至 ${opts.asOf}）`, columns: SUMMARY_COLUMNS.map((h) => ({ header: h, width: h === '学院' ? 18 : 14 })), rows: audits.map(summaryRow) },
          { name: '未使用的表格', columns: [{ header: '文件', width: 30 }, { header: '来源', width: 8 }, { header: '发件人', width: 30 }, { header: '主题', width: 30 }, { header: '原因', width: 70 }], rows: unassigned.map((u) => [u.file, u.source === 'mail' ? '邮件' : '文件夹', u.from ?? '', u.subject ?? '', u.reason]) },
        ]);
        const date = opts.mode === 'forced' ? opts.asOf : deadline;
        await courier.deliver(composeAuditSummary({ audits, unassigned, to: [config.orgDept.email], table, undelivered, date, label: config.orgDept.name }, ctx));
      } else if (summaryDue) log('配置中没有组织部（orgDept）邮箱：未发送审核汇总。');
      finished = true;
    } finally {
      if (!opts.sender) sender?.close();
      if (!finished) log('审核邮件发送中断：已发出的记在发送日志中，下次运行只发没发出的。');
    }
    const { sent, failures, uncertain, alreadySent, stopped } = courier.results;
    return { ...outcome, sent, failures, uncertain, alreadySent, stopped, torn: state.torn };
  } finally {
    if (lock && !opts.lock) await lock.release();
  }
}

/** The terminal's account of an audit round. */
export function auditText(o: AuditOutcome): string {
  const lines = [`登记表审核（截至 ${o.asOf}，报送截止 ${o.deadline}）：`];
  for (const a of o.audits) {
    const what = a.status === 'missing' ? '未报送' : a.status === 'unreadable' ? `无法读取：${a.reason}` : a.status === 'clean' ? `审核通过（提醒 ${a.warnings} 处）` : `需修改：错误 ${a.errors} 处，提醒 ${a.warnings} 处`;
    lines.push(`  ${printable(a.college)}：${printable(what)}${a.submission ? `（${printable(a.submission.name)}，第 ${a.submissions} 次报送）` : ''}`);
  }
  for (const u of o.unassigned) lines.push(`  未使用的表格：${printable(u.file)}${u.from ? `（${printable(u.from)}）` : ''}：${printable(u.reason)}`);
  lines.push(`邮件：已发送 ${o.sent.length} 封，失败 ${o.failures.length} 项，状态不确定 ${o.uncertain.length} 封。`);
  return lines.join('\n');
}

/** The `--json` document: the issue's contract, and a few more fields. */
export function auditJson(o: AuditOutcome) {
  return {
    asOf: o.asOf,
    deadline: o.deadline,
    colleges: o.audits.map((a) => ({
      college: a.college, status: a.status, errors: a.errors, warnings: a.warnings,
      file: a.submission?.name ?? null, submittedAt: a.submission?.receivedAt ?? null, submissions: a.submissions,
      firstSubmittedAt: a.firstAt ?? null, members: a.members, ready: a.ready, blocked: a.blocked, ...(a.reason ? { reason: a.reason } : {}),
    })),
    unassigned: o.unassigned.map((u) => ({ file: u.file, source: u.source, reason: u.reason, ...(u.from ? { from: u.from, subject: u.subject, date: u.date } : {}) })),
    mail: { sent: o.sent.length, failures: o.failures.map((f) => ({ college: f.label, reason: f.reason })), uncertain: o.uncertain.map((u) => ({ college: u.label, reason: u.reason, id: u.id })) },
  };
}

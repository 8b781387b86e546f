/**
 * `zhuanjie run`: reconcile, write the report, and on a reminder day send each
 * college its unresolved members and the 组织部 a summary. This file decides what
 * goes and in what order; the courier (lib/mail/courier.ts) sends each message through the
 * journal, so that a re-run sends only what was not sent and nothing twice.
 */
import { basename, join, resolve } from 'node:path';
import { cohortFor } from '../../shared/calendar.js';
import { dueReminders, forcedReminder, type CheckpointId, type Reminder } from '../../shared/deadlines.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import type { LoadedConfig } from '../lib/config.js';
import { planCollegeMails, planSummaryMail, unresolvedByCollege } from './plan.js';
import { Courier, tornLineText, type CourierOptions, type SendResults } from '../lib/mail/courier.js';
import { InputError } from '../lib/errors.js';
import { writeFileAtomic } from '../lib/files.js';
import { placesOf } from '../lib/places.js';
import { SendJournal, type TornLine } from '../lib/mail/journal.js';
import { acquireLock, BusyError, type Lock } from '../lib/lock.js';
import { loadAndReconcile, pipelineInput } from '../reconcile/pipeline.js';
import type { Unreadable } from '../lib/read/unreadable.js';
import { createSender, type Sender } from '../lib/mail/transport.js';
import { buildReport } from '../reconcile/report.js';
import { reconcileText } from '../reconcile/text.js';
import { mailboxReceipts } from '../inbox/fetch.js';
import { printable, skippedLine } from '../lib/terminal.js';
import { memberMailLine, memberMailsOn, notesFor, sendMemberMails, stallsOf, type MemberMailOutcome } from '../members/send.js';
import { unmatchedMailLine, unmatchedMails } from '../inbox/unmatched.js';
import { gapNotice, gapsOf, sendDecision, sourcesLine, type ReceiptSource } from '../../shared/receiptSources.js';
import { receiptSources } from './sources.js';
import { composeHeldMail } from './heldMail.js';
import { IncompleteSummaries } from './incomplete.js';
import { recordUnsent } from '../lib/mail/unsent.js';
import { occasionOf } from '../../shared/messageKey.js';
import { SubmissionStore } from '../audit/store.js';
import { storedRegistrations } from '../audit/intake.js';
import { auditText, runAudit } from '../audit/run.js';
import { submissionClassifier } from '../audit/mailIntake.js';

export { BusyError };

export interface RunOptions extends Pick<CourierOptions, 'stopping'> {
  asOf: string;
  checkpoint?: CheckpointId;
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Tests inject a sender; otherwise the config decides. */
  sender?: Sender;
  /** Only reminders dated before this day (a scheduler started before today's send time). */
  remindersBefore?: string;
  /** A lock the caller holds for longer than this run (schedule holds it for its life). */
  lock?: Lock;
  /** The wall clock: the journal's stamps and the member mails' daily cap (tests pass another day). */
  now?: Date;
}

/** What the run came to; what its messages came to is the courier's account (lib/mail/courier.ts), less the report rows. */
export interface RunOutcome extends Omit<SendResults, 'rows'> {
  result: ReconcileResult;
  reportFile: string;
  reminders: Reminder[];
  /** SendJournal lines torn by a crash. */
  torn: TornLine[];
  /** Registrations that could not be read (reported; the rest were used). */
  unreadable: Unreadable[];
  /** What the mails to members themselves came to, when any kind is on. */
  memberMails?: MemberMailOutcome;
  /** Receipt sources that could not be used this time: unreadable, or matching almost nobody. */
  gaps: ReceiptSource[];
  /** College lists held back on a send day because of a gap (sent by a later run). */
  held: { reminder: Reminder; college: string; members: number }[];
}

export async function runJob(loaded: LoadedConfig, opts: RunOptions): Promise<RunOutcome> {
  const { config } = loaded;
  const log = opts.log ?? (() => {});
  const places = placesOf(loaded);
  const { stateDir, reportDir } = places;
  const lock = opts.lock ?? (opts.dryRun ? null : await acquireLock(stateDir));
  try {
    // One store, one flow: the sheets the audit took in are the ones reconciled.
    const store = new SubmissionStore(stateDir);
    if (!config.registrations.length && !store.read().length) throw new InputError(loaded.file ?? '配置', '没有配置登记表（registrations）。');
    const cohort = config.cohort ?? cohortFor(opts.asOf);
    // E-mailed receipts: fetch new mail first, then count everything the mailbox journal holds.
    // A dry run previews the mailbox read-only (EXAMINE), so that it counts what a real run would.
    const mail = await mailboxReceipts(loaded, { fetch: !opts.dryRun, preview: opts.dryRun, log, classify: submissionClassifier(loaded) });
    // The 6月10日 审核 on its reminder days and the deadline; a scheduler before today's send time waits.
    const audit = config.audit && opts.remindersBefore !== opts.asOf
      ? await runAudit(loaded, { asOf: opts.asOf, mode: 'scheduled', dryRun: opts.dryRun, log, lock: lock ?? undefined, stopping: opts.stopping, sender: opts.sender, fetch: false })
      : null;
    if (audit?.ran) log(auditText(audit));
    // A registration that cannot be read is reported and set aside; every other college still gets its list.
    const input = pipelineInput(loaded, opts.asOf, cohort);
    if (config.audit || store.read().length) input.registrations = storedRegistrations(loaded, store, { write: !opts.dryRun, today: opts.asOf });
    const { result, unreadable, skipped, collegeNotes, receiptFiles, unreadableReceipts } = loadAndReconcile({ ...input, extraReceipts: mail.receipts, isolate: true });
    // Every receipt source, what it is as of, and what keeps it from counting (one rule for every kind).
    const sources = receiptSources(receiptFiles.map((r) => r.path), unreadableReceipts, result.unfitReceiptFiles, mail.source);
    const gaps = gapsOf(sources);
    const sourcesText = sourcesLine(sources);
    const fullIds = config.fullIdNumbers;
    const unreadableRows = unreadable.map((u) => ({ file: basename(u.file), college: u.college, reason: u.reason }));
    // A dry run never overwrites the day's real report (its 发送结果 sheet is the record of what was sent).
    const reportFile = join(reportDir, `组织关系转接对账-${opts.asOf}${opts.dryRun ? '-试运行' : ''}.xlsx`);
    // Written before any mail (a report that cannot be written stops the run), and again
    // after sending with what each message came to.
    // The lists say what each member was told and how long a transfer has waited.
    const journal = new SendJournal(places.sendJournal);
    const state = journal.read();
    const stalled = stallsOf(config, result);
    const unmatchedMail = unmatchedMails(mail.unmatched, result);
    const reportExtras = { fullIds, unreadable: unreadableRows, unmatchedMail, sources: sourcesText, notes: notesFor(stalled, state, result, cohort) };
    writeFileAtomic(reportFile, await buildReport(result, reportExtras), { private: true });
    log(reconcileText(result));
    for (const line of [...skipped.map(skippedLine), ...collegeNotes]) log(line);
    if (unmatchedMail.length) log(unmatchedMailLine(unmatchedMail.length));
    for (const u of unreadable) log(`无法读取的登记表：${printable(u.file)}${u.college ? `（${u.college}）` : ''}：${printable(u.reason)} 其中的党员未计入本次对账，其余登记表照常处理。`);
    log(sourcesText);
    for (const g of gaps) log(`警告：回执来源「${printable(g.name)}」本次无法使用：${printable(g.problem ?? '')}（最后可用：${g.asOf ?? '无'}）。提醒日的学院名单将暂缓发送（节点当天照常发送并注明）。`);
    log(`对账报告：${resolve(reportFile)}`);
    // A year without a holiday notice is counted Monday–Friday: said here and in the summary, never silently.
    for (const w of stalled.warnings) log(w);

    const reminders = opts.checkpoint
      ? [forcedReminder(opts.asOf, cohort, opts.checkpoint)]
      : dueReminders(opts.asOf, cohort, config.reminders.leadDays).filter((r) => !opts.remindersBefore || r.date < opts.remindersBefore);
    const outcome: RunOutcome = { result, reportFile, reminders, sent: [], failures: [...(audit?.failures ?? [])], uncertain: [...(audit?.uncertain ?? [])], alreadySent: [], stopped: 0, unsent: [], torn: [], unreadable, gaps, held: [] };
    if (!reminders.length && !memberMailsOn(config)) {
      log(`${opts.asOf} 不是提醒日，未发送邮件。`);
      return outcome;
    }

    for (const t of state.torn) log(tornLineText(journal.file, t));
    const sender = opts.dryRun ? null : opts.sender ?? createSender(config, (p) => places.output(p, 'mail.dir'));
    const courier = new Courier(journal, state, sender, { log, stopping: opts.stopping, assertHeld: () => lock?.assertHeld(), ...(opts.now ? { now: () => opts.now! } : {}) });
    const { rows: deliveries } = courier.results;
    let finished = false;
    try {
      // Members first, so that today's college lists and summary say who was told.
      const memberMail = await sendMemberMails({ config, stalled, result, cohort, courier, state, sender, log, stopping: opts.stopping, now: opts.now });
      outcome.memberMails = memberMail;
      reportExtras.notes = notesFor(memberMail, sender ? journal.read() : state, result, cohort);
      const lines = [...(memberMail.enabled ? [memberMailLine(memberMail)] : []), ...memberMail.warnings];
      if (!reminders.length) log(`${opts.asOf} 不是提醒日，未给学院发送邮件。`);
      const byCollege = unresolvedByCollege(result);
      // A summary sent without some colleges is corrected once, by the first later run of the same reminder that reads them.
      const incomplete = new IncompleteSummaries(stateDir);
      const missingNow = [...new Set(unreadableRows.map((u) => u.college ?? u.file))];
      const correctSummary = async (reminder: Reminder, sentBefore: boolean, send: (correction: string) => Promise<boolean>) => {
        const occasion = occasionOf({ cohort, kind: reminder.checkpoint, date: reminder.date });
        if (!sentBefore) return incomplete.set(occasion, missingNow);
        const fixed = incomplete.missing(occasion).filter((c) => !missingNow.includes(c));
        if (!fixed.length) return;
        const correction = `更正：${reminder.date} 发出的汇总缺少 ${fixed.join('、')}（登记表当时无法读取），现已读取；以下为更正后的全校数字。`;
        if (await send(correction)) incomplete.set(occasion, missingNow);
      };
      for (const reminder of reminders) {
        const decision = sendDecision(gaps, reminder, opts.asOf, cohort);
        if (decision === 'hold') {
          // A list computed without a receipt source would tell a college to chase members who are done.
          const held = byCollege.map(([college, ms]) => ({ reminder, college, members: ms.length }));
          outcome.held.push(...held);
          log(`暂缓发送 ${held.length} 个学院的提醒（${reminder.date}）：回执来源无法使用，下次运行时再试。`);
          if (config.orgDept) await courier.deliver(composeHeldMail({ cohort, asOf: opts.asOf, reminder, gaps, held, orgDept: config.orgDept, from: config.from, sources: sourcesText }));
          continue;
        }
        const ctx = { config, result, asOf: opts.asOf, cohort, fullIds, notes: reportExtras.notes, sources: sourcesText, gap: decision === 'sendWithGap' ? gapNotice(gaps) : undefined };
        for (const msg of await planCollegeMails(ctx, reminder, byCollege)) await courier.deliver(msg);
        // The summary carries the report as it stands: with every college's delivery so far.
        const report = await buildReport(result, { ...reportExtras, deliveries });
        const summary = planSummaryMail(ctx, reminder, courier.results, { report, unreadable: unreadableRows, unmatchedMail: unmatchedMail.length, lines });
        if (!summary) log('配置中没有组织部（orgDept）邮箱：未发送汇总。');
        else {
          const before = courier.results.alreadySent.length;
          if (!(await courier.deliver(summary))) log(`组织部汇总邮件未能确认送达：各学院的发送结果见对账报告「发送结果」工作表（${resolve(reportFile)}）。`);
          else if (sender) await correctSummary(reminder, courier.results.alreadySent.length > before, async (correction) => {
            const fixed = planSummaryMail(ctx, reminder, courier.results, { report, unreadable: unreadableRows, unmatchedMail: unmatchedMail.length, lines, correction });
            return fixed ? courier.deliver(fixed) : false;
          });
        }
      }
      finished = true;
    } finally {
      sender?.close();
      // The whole truth: what each message came to, in the report, atomically — also when
      // sending stopped on an error (then a failure to write it must not hide that error).
      if (sender) {
        try {
          writeFileAtomic(reportFile, await buildReport(result, { ...reportExtras, deliveries }), { private: true });
        } catch (err) {
          if (finished) throw err;
          log(`对账报告未能更新发送结果：${printable(err instanceof Error ? err.message : String(err))}`);
        }
      }
    }
    const { sent, failures, uncertain, alreadySent, stopped, unsent } = courier.results;
    if (sender) recordUnsent(stateDir, unsent, [...sent.map((x) => x.key), ...alreadySent]);
    // Interrupted: what did not go is named here, and the exit code says so (the next run sends it).
    for (const u of unsent) log(`未发送（运行被中断，下次运行时发送）：${printable(u.label)}${u.members ? `（${u.members} 人）` : ''}`);
    const where = sender ? sender.describe : '（试运行，未发送）';
    log(`邮件：已发送 ${sent.length} 封，失败 ${failures.length} 项，此前已发送 ${alreadySent.length} 封，状态不确定 ${uncertain.length} 封；${where}`);
    return { ...outcome, sent, failures: [...outcome.failures, ...failures], uncertain: [...outcome.uncertain, ...uncertain], alreadySent, stopped, unsent, torn: state.torn };
  } finally {
    if (lock && !opts.lock) await lock.release();
  }
}

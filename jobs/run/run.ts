/**
 * `zhuanjie run`: reconcile, write the report, and on a reminder day send each
 * college its unresolved members and the 组织部 a summary, journalled so that a
 * re-run sends only what was not sent and nothing twice.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { cohortFor, dueReminders, forcedReminder, type CheckpointId, type Reminder } from '../../shared/calendar.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import { isUnresolved } from '../../shared/statuses.js';
import { pipelineInput, type LoadedConfig } from './config.js';
import { composeCollegeMail, composeSummaryMail, contentHash, reminderKey, type Outgoing } from '../mail/compose.js';
import { InputError } from '../errors.js';
import { confinedOutput, writeFileAtomic } from '../files.js';
import { entryId, Journal, type TornLine } from '../mail/journal.js';
import { acquireLock, BusyError, type Lock } from './lock.js';
import { loadAndReconcile } from './pipeline.js';
import type { Unreadable } from '../read/unreadable.js';
import { createSender, type Sender } from '../mail/transport.js';
import { buildCollegeAttachment, buildReport, type DeliveryRow } from '../write/report.js';
import { reconcileText } from '../cli/output.js';
import { mailboxReceipts } from '../mailbox/index.js';
import { printable } from '../cli/terminal.js';

export { BusyError };

export interface RunOptions {
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
  /** True once the process is asked to stop: no new message is started. */
  stopping?: () => boolean;
}

export interface Failure { college: string; key: string; reason: string; members: number }
/** A message that may or may not have arrived: reported, never re-sent until a person settles it. */
export interface Uncertain extends Failure { id: string }

export interface RunOutcome {
  result: ReconcileResult;
  reportFile: string;
  reminders: Reminder[];
  sent: { key: string; to: string[]; subject: string; members: number }[];
  failures: Failure[];
  /** Handed over without an answer, or journalled as intended with no outcome (crash mid-send): reported, not re-sent. */
  uncertain: Uncertain[];
  /** Journal lines torn by a crash. */
  torn: TornLine[];
  /** Registrations that could not be read (reported; the rest were used). */
  unreadable: Unreadable[];
  alreadySent: string[];
  /** Messages not started because the process was asked to stop (sent by the next run). */
  stopped: number;
}

export async function runJob(loaded: LoadedConfig, opts: RunOptions): Promise<RunOutcome> {
  const { config } = loaded;
  const log = opts.log ?? (() => {});
  // Outputs stay in the config's folder unless written as absolute paths.
  const base = loaded.file ? dirname(resolve(loaded.file)) : process.cwd();
  const stateDir = confinedOutput(base, config.stateDir, 'stateDir');
  const reportDir = confinedOutput(base, config.reportDir, 'reportDir');
  const lock = opts.lock ?? (opts.dryRun ? null : await acquireLock(stateDir));
  try {
    if (!config.registrations.length) throw new InputError(loaded.file ?? '配置', '没有配置登记表（registrations）。');
    const cohort = config.cohort ?? cohortFor(opts.asOf);
    // E-mailed receipts (issue 14): fetch new mail first, then count everything the mailbox journal holds.
    const mail = await mailboxReceipts(loaded, { fetch: !opts.dryRun, log });
    // A registration that cannot be read is reported and set aside; every other college still gets its list.
    const { result, unreadable } = loadAndReconcile({ ...pipelineInput(loaded, opts.asOf, cohort), extraReceipts: mail.receipts, isolate: true });
    const fullIds = config.fullIdNumbers;
    const unreadableRows = unreadable.map((u) => ({ file: basename(u.file), college: u.college, reason: u.reason }));
    const reportFile = join(reportDir, `组织关系转接对账-${opts.asOf}.xlsx`);
    // Written before any mail (a report that cannot be written stops the run), and again
    // after sending with what each message came to.
    const reportExtras = { fullIds, unreadable: unreadableRows, unmatchedMail: mail.unmatched };
    writeFileAtomic(reportFile, await buildReport(result, reportExtras), { private: true });
    log(reconcileText(result));
    for (const u of unreadable) log(`无法读取的登记表：${printable(u.file)}${u.college ? `（${u.college}）` : ''}：${printable(u.reason)} 其中的党员未计入本次对账，其余登记表照常处理。`);
    log(`对账报告：${resolve(reportFile)}`);

    const reminders = opts.checkpoint
      ? [forcedReminder(opts.asOf, cohort, opts.checkpoint)]
      : dueReminders(opts.asOf, cohort, config.reminders.leadDays).filter((r) => !opts.remindersBefore || r.date < opts.remindersBefore);
    const outcome: RunOutcome = { result, reportFile, reminders, sent: [], failures: [], uncertain: [], alreadySent: [], stopped: 0, torn: [], unreadable };
    if (!reminders.length) {
      log(`${opts.asOf} 不是提醒日，未发送邮件。`);
      return outcome;
    }

    const journal = new Journal(join(stateDir, 'journal.jsonl'));
    const state = journal.read();
    for (const t of state.torn) {
      outcome.torn.push(t);
      log(`发送日志 ${journal.file} 第 ${t.line} 行不完整（写入时中断）${t.key ? `，该邮件（${printable(t.key)}）按“状态不确定”处理` : '，无法看出是哪封邮件；请检查该行'}。`);
    }
    const sender = opts.dryRun ? null : opts.sender ?? createSender(config, (p) => confinedOutput(base, p, 'mail.dir'));
    const deliveries: DeliveryRow[] = [];
    let finished = false;
    const row = (college: string, recipients: string[], result: string, detail = '') => deliveries.push({ at: new Date().toISOString(), college, recipients, result, detail });
    try {
      for (const reminder of reminders) {
        const rKey = reminderKey(cohort, reminder);
        const unresolved = result.members.filter((m) => isUnresolved(m.status));
        const byCollege = new Map<string, typeof unresolved>();
        for (const m of unresolved) byCollege.set(m.college, [...(byCollege.get(m.college) ?? []), m]);
        const undelivered: Failure[] = [];

        const attempt = async (msg: Outgoing, college: string): Promise<boolean> => {
          const key = `${rKey}/${msg.key}`;
          const id = entryId(key);
          const prior = state.keys.get(key);
          const everyone = [...msg.to, ...msg.cc];
          if (prior?.uncertain) {
            outcome.uncertain.push({ college, key, id, reason: prior.uncertain, members: msg.members.length });
            row(college, prior.lastIntent?.to ?? everyone, '状态不确定', `${prior.uncertain}；未重发，核实后用 zhuanjie journal resolve ${id} 处理`);
            log(`状态不确定：${printable(college)}：${prior.uncertain}。本次不重发；请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
            return false;
          }
          // A message that reached some recipients goes again only to those refused for now (4xx);
          // one that reached nobody goes again to everyone.
          const todo = prior?.delivered.size ? everyone.filter((a) => !prior.delivered.has(a) && !prior.refused.has(a)) : everyone;
          if (prior?.resolvedSent || !todo.length) {
            outcome.alreadySent.push(key);
            row(college, everyone, '此前已发送', prior?.lastOutcome?.at ? `上次发送：${prior.lastOutcome.at}` : '');
            return true;
          }
          if (!sender) {
            log(`（试运行）将发送：${printable(msg.subject)} → ${todo.join(', ')}`);
            return true;
          }
          if (opts.stopping?.()) {
            if (!outcome.stopped++) log('已收到停止信号：其余邮件下次运行时发送。');
            row(college, todo, '未发送', '进程收到停止信号，下次运行时发送');
            return true;
          }
          lock?.assertHeld();
          if (todo.length < everyone.length) log(`补发：${printable(college)} 的邮件只发给上次暂时被拒的收件人：${todo.join(', ')}`);
          journal.append({ type: 'intent', key, messageId: msg.messageId, hash: contentHash(msg), to: todo, college, at: new Date().toISOString() });
          const d = await sender.deliver(msg, todo, (line) => log(printable(line)));
          journal.append({ type: 'outcome', key, messageId: msg.messageId, status: d.status, accepted: d.accepted, rejected: d.rejected, deferred: d.deferred, error: d.error, at: new Date().toISOString() });
          const error = printable(d.error ?? '未知原因');
          if (d.status === 'uncertain') {
            const reason = `邮件已交给服务器但没有收到确认（${d.error ?? '无应答'}），可能已送达`;
            outcome.uncertain.push({ college, key, id, reason, members: msg.members.length });
            row(college, todo, '状态不确定', `${reason}；不会自动重发，核实后用 zhuanjie journal resolve ${id} 处理`);
            log(`状态不确定：${printable(college)}：${printable(reason)}，不会自动重发。请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
            return false;
          }
          if (d.status === 'failed') {
            const f = { college, key, reason: `发送失败：${d.error ?? '未知原因'}`, members: msg.members.length };
            outcome.failures.push(f);
            undelivered.push(f);
            row(college, todo, '发送失败', d.error ?? '');
            log(`失败：${printable(college)}：${error}`);
            return false;
          }
          outcome.sent.push({ key, to: d.accepted, subject: msg.subject, members: msg.members.length });
          row(college, todo, d.status === 'partial' ? '部分送达' : '已发送', d.status === 'partial' ? `已送达：${d.accepted.join(', ')}；${d.error ?? ''}` : '');
          if (d.status === 'partial') {
            outcome.failures.push({ college, key, reason: `部分收件人未送达：${d.error ?? ''}`, members: 0 });
            log(`部分送达：${printable(college)}：${error}`);
          } else log(`已发送：${printable(msg.subject)}`);
          return true;
        };

        for (const [college, members] of [...byCollege].sort(([a], [b]) => a.localeCompare(b, 'zh'))) {
          const c = config.colleges.find((x) => x.name === college);
          if (!c) {
            const f = { college, key: `${rKey}/college/${college}`, reason: '配置中没有该学院的联系人邮箱', members: members.length };
            outcome.failures.push(f);
            undelivered.push(f);
            row(college, [], '未发送', '配置中没有该学院的联系人邮箱');
            log(`未发送：${printable(college)}：配置中没有该学院的联系人邮箱。`);
            continue;
          }
          const attachment = await buildCollegeAttachment(college, members, opts.asOf, { fullIds });
          await attempt(
            composeCollegeMail({ college, secretary: c.secretary, cc: c.cc, from: config.from, cohort, asOf: opts.asOf, reminder, members, attachment, contact: config.orgDept?.phone ? `${config.orgDept.name} ${config.orgDept.phone}` : undefined }),
            college,
          );
        }
        if (config.orgDept) {
          const uncertain = outcome.uncertain.filter((u) => u.key.startsWith(`${rKey}/college/`));
          // The summary carries the report as it stands: with every college's delivery so far.
          const report = await buildReport(result, { ...reportExtras, deliveries });
          const unmatchedMail = mail.unmatched.length + result.orphans.filter((r) => r.mail).length;
          const ok = await attempt(composeSummaryMail({ result, to: [config.orgDept.email], from: config.from, reminder, report, undelivered, uncertain, unreadable: unreadableRows, unmatchedMail }), config.orgDept.name);
          if (!ok) log(`组织部汇总邮件未能确认送达：各学院的发送结果见对账报告「发送结果」工作表（${resolve(reportFile)}）。`);
        } else log('配置中没有组织部（orgDept）邮箱：未发送汇总。');
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
    const where = sender ? sender.describe : '（试运行，未发送）';
    log(`邮件：已发送 ${outcome.sent.length} 封，失败 ${outcome.failures.length} 项，此前已发送 ${outcome.alreadySent.length} 封，状态不确定 ${outcome.uncertain.length} 封；${where}`);
    return outcome;
  } finally {
    if (lock && !opts.lock) await lock.release();
  }
}

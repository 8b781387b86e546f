/**
 * `zhuanjie run`: reconcile, write the report, and on a reminder day send each
 * college its unresolved members and the 组织部 a summary, journalled so that a
 * re-run sends only what was not sent and nothing twice.
 */
import { join, resolve } from 'node:path';
import { cohortFor, dueReminders, forcedReminder, type CheckpointId, type Reminder } from '../shared/calendar.js';
import { reconcile, type ReconcileResult } from '../shared/reconcile.js';
import { isUnresolved } from '../shared/statuses.js';
import type { LoadedConfig } from './config.js';
import { composeCollegeMail, composeSummaryMail, contentHash, reminderKey, type Outgoing } from './compose.js';
import { InputError } from './errors.js';
import { expandInputs, writeFileAtomic } from './files.js';
import { entryId, Journal, type TornLine } from './journal.js';
import { acquireLock, BusyError, type Lock } from './lock.js';
import { membersOf, readReceipts, validateFile } from './load.js';
import { createSender, type Sender } from './mail.js';
import { buildCollegeAttachment, buildReport } from './report.js';
import { reconcileText } from './output.js';
import { printable } from './terminal.js';

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
  alreadySent: string[];
  /** Messages not started because the process was asked to stop (sent by the next run). */
  stopped: number;
}

export async function runJob(loaded: LoadedConfig, opts: RunOptions): Promise<RunOutcome> {
  const { config, path } = loaded;
  const log = opts.log ?? (() => {});
  const stateDir = path(config.stateDir);
  const lock = opts.lock ?? (opts.dryRun ? null : await acquireLock(stateDir));
  try {
    if (!config.registrations.length) throw new InputError(loaded.file ?? '配置', '没有配置登记表（registrations）。');
    const cohort = config.cohort ?? cohortFor(opts.asOf);
    const validations = expandInputs(config.registrations.map(path)).map((f) => validateFile(f, { settings: config.rules, today: opts.asOf }));
    const receipts = expandInputs(config.receipts.map(path)).flatMap(readReceipts);
    const result = reconcile({ members: membersOf(validations, config.colleges), receipts, asOf: opts.asOf, cohort, settings: config.rules });
    const fullIds = config.fullIdNumbers;
    const report = await buildReport(result, { fullIds });
    const reportFile = join(path(config.reportDir), `组织关系转接对账-${opts.asOf}.xlsx`);
    writeFileAtomic(reportFile, report);
    log(reconcileText(result));
    log(`对账报告：${resolve(reportFile)}`);

    const reminders = opts.checkpoint
      ? [forcedReminder(opts.asOf, cohort, opts.checkpoint)]
      : dueReminders(opts.asOf, cohort, config.reminders.leadDays).filter((r) => !opts.remindersBefore || r.date < opts.remindersBefore);
    const outcome: RunOutcome = { result, reportFile, reminders, sent: [], failures: [], uncertain: [], alreadySent: [], stopped: 0, torn: [] };
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
    const sender = opts.dryRun ? null : opts.sender ?? createSender(config, path);
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
            log(`状态不确定：${printable(college)}：${prior.uncertain}。本次不重发；请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
            return false;
          }
          // A message that reached some recipients goes again only to those refused for now (4xx);
          // one that reached nobody goes again to everyone.
          const todo = prior?.delivered.size ? everyone.filter((a) => !prior.delivered.has(a) && !prior.refused.has(a)) : everyone;
          if (prior?.resolvedSent || !todo.length) {
            outcome.alreadySent.push(key);
            return true;
          }
          if (!sender) {
            log(`（试运行）将发送：${printable(msg.subject)} → ${todo.join(', ')}`);
            return true;
          }
          if (opts.stopping?.()) {
            if (!outcome.stopped++) log('已收到停止信号：其余邮件下次运行时发送。');
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
            log(`状态不确定：${printable(college)}：${printable(reason)}，不会自动重发。请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
            return false;
          }
          if (d.status === 'failed') {
            const f = { college, key, reason: `发送失败：${d.error ?? '未知原因'}`, members: msg.members.length };
            outcome.failures.push(f);
            undelivered.push(f);
            log(`失败：${printable(college)}：${error}`);
            return false;
          }
          outcome.sent.push({ key, to: d.accepted, subject: msg.subject, members: msg.members.length });
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
            log(`未发送：${college}：配置中没有该学院的联系人邮箱。`);
            continue;
          }
          const attachment = await buildCollegeAttachment(college, members, opts.asOf, { fullIds });
          await attempt(
            composeCollegeMail({ college, to: [c.secretary.email], cc: c.cc, from: config.from, cohort, asOf: opts.asOf, reminder, members, attachment, contact: config.orgDept?.phone ? `${config.orgDept.name} ${config.orgDept.phone}` : undefined }),
            college,
          );
        }
        if (config.orgDept) {
          const uncertain = outcome.uncertain.filter((u) => u.key.startsWith(`${rKey}/college/`));
          const ok = await attempt(composeSummaryMail({ result, to: [config.orgDept.email], from: config.from, reminder, report, undelivered, uncertain }), config.orgDept.name);
          if (!ok) log('组织部汇总邮件发送失败：未送达的学院名单见对账报告。');
        } else log('配置中没有组织部（orgDept）邮箱：未发送汇总。');
      }
    } finally {
      sender?.close();
    }
    const where = sender ? sender.describe : '（试运行，未发送）';
    log(`邮件：已发送 ${outcome.sent.length} 封，失败 ${outcome.failures.length} 项，此前已发送 ${outcome.alreadySent.length} 封，状态不确定 ${outcome.uncertain.length} 封；${where}`);
    return outcome;
  } finally {
    if (lock && !opts.lock) await lock.release();
  }
}

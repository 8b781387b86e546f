/**
 * Sending through the send journal, so that a re-run sends only what was not sent and
 * nothing twice. The journal's record of a message decides first: one whose delivery is
 * uncertain is never re-sent until a person settles it (`zhuanjie journal resolve`); one
 * that reached everyone is not sent again; one that reached some goes only to those
 * refused for now. Otherwise an intent line is written before the message is handed to
 * the sender and an outcome line after, so that a crash in between leaves it uncertain,
 * not forgotten (for the outbox, read back from its files by the next run: see Courier).
 * A stop request leaves the remaining messages for the next run. Every
 * message leaves a row for the report's 发送结果 sheet. When the sender says the relay itself
 * is unusable (a refused login, a server that cannot be reached), nothing more is tried this
 * run: every later message is reported as not sent and left, unjournalled, for the next run.
 *
 * Retries within one message are the sender's (transport.ts); this module decides
 * whether and to whom a message goes, and records what it came to.
 */
import { formatKey, type MessageKey } from '../../../shared/messageKey.js';
import { beijingTime } from '../../../shared/calendar.js';
import { contentHash, type Outgoing, type Planned } from './message.js';
import { applyEntry, entryId, settledFromOutbox, type IntentEntry, type OutcomeEntry, type SendJournal, type JournalState, type KeyState, type TornLine } from './journal.js';
import { dropStaged, isBatchSender, settleStaged, type Delivery, type Sender } from './transport.js';
import { printable } from '../terminal.js';

/** One message of a run, as the report's 发送结果 sheet lists it. */
export interface DeliveryRow {
  /** Beijing time as people read it (shared/calendar.ts). */
  at: string; label: string; recipients: string[]; result: string; detail: string }

/** `label` is who the message was for (a label, the 组织部), as the log and the report name them. */
export interface Failure { label: string; key: MessageKey; reason: string; members: number }
/** A message that may or may not have arrived: reported, never re-sent until a person settles it. */
export interface Uncertain extends Failure { id: string }
export interface Sent { key: MessageKey; to: string[]; subject: string; members: number }

/** What one run's messages came to. */
export interface SendResults {
  sent: Sent[];
  /** Failed, not composed (no address), or delivered to some recipients only (then `members` is 0: the list arrived). */
  failures: Failure[];
  /** Handed over without an answer, or journalled as intended with no outcome (crash mid-send): reported, not re-sent. */
  uncertain: Uncertain[];
  /** Messages delivered (or settled as delivered) by an earlier run. */
  alreadySent: MessageKey[];
  /** Messages not started because the process was asked to stop (sent by the next run). */
  stopped: number;
  /** Those messages, named: an interrupted run lists what it did not send (issue 18, item 10). */
  unsent: Failure[];
  /** One row per message, in sending order, for the report's 发送结果 sheet. */
  rows: DeliveryRow[];
}

export interface CourierOptions {
  log: (line: string) => void;
  /** True once the process is asked to stop: no new message is started. */
  stopping?: () => boolean;
  /** Throws unless this process still holds the state folder; checked before each intent is journalled. */
  assertHeld?: () => void;
  /** The clock the journal's lines and the report's rows are stamped with (the member mails' daily cap counts by it); the real one unless a run is given its time. */
  now?: () => Date;
}

/** What the journal's record of a message says to do with it in this run. */
export type JournalVerdict =
  | { kind: 'uncertain'; reason: string; recipients: string[] }
  | { kind: 'sent before'; at?: string }
  | { kind: 'send'; to: string[] };

export function journalVerdict(prior: KeyState | undefined, everyone: string[]): JournalVerdict {
  if (prior?.uncertain) return { kind: 'uncertain', reason: prior.uncertain, recipients: prior.lastIntent?.to ?? everyone };
  // A message that reached some recipients goes again only to those refused for now (4xx);
  // one that reached nobody goes again to everyone.
  const to = prior?.delivered.size ? everyone.filter((a) => !prior.delivered.has(a) && !prior.refused.has(a)) : everyone;
  if (prior?.resolvedSent || !to.length) return { kind: 'sent before', at: prior?.lastOutcome?.at };
  return { kind: 'send', to };
}

/** The log line for a journal line torn by a crash. */
export const tornLineText = (file: string, t: TornLine) =>
  `发送日志 ${file} 第 ${t.line} 行不完整（写入时中断）${t.key ? `，该邮件（${printable(t.key)}）按“状态不确定”处理` : '，无法看出是哪封邮件；请检查该行'}。`;

/** What became of one message handed to `deliverMany`. */
export interface Handed {
  /** False when it failed or may not have arrived; true when it went, went before, or waits for the next run. */
  ok: boolean;
  /** The sender's answer when this run handed the message over; null when it did not (sent before, uncertain, stopped, dry run). */
  delivery: Delivery | null;
  /** Not started because the process was asked to stop: listed as unsent, sent by the next run. */
  stopped?: true;
}

/** A message the journal says to send, waiting for its batch. */
interface Pending { i: number; msg: Outgoing; key: string; typed: MessageKey; id: string; label: string; todo: string[]; everyone: string[] }

/**
 * One run's messages through one journal. `state` is the journal as read before the
 * first message; `sender` null is a dry run: it logs what would go, sends and journals nothing.
 *
 * Senders that deliver in two steps (the outbox, `BatchSender`) get a group commit: up to
 * `batchSize` messages are staged durably, their intents written with one fsync, published,
 * and their outcomes written with one fsync. The guarantees are the per-message ones: an
 * intent is durable before its message can be seen, an outcome only once it can. A crash
 * in between leaves a batch of intents without outcome; the next run settles each from the
 * outbox's files (`settleStaged`) before anything is planned, so none is sent twice and
 * none needs a person. SMTP goes one message at a time: the network dominates there, and
 * the journal's per-message uncertainty is what a lost answer needs.
 */
export class Courier {
  readonly results: SendResults = { sent: [], failures: [], uncertain: [], alreadySent: [], stopped: 0, unsent: [], rows: [] };
  /** Why sending stopped for this run (login refused, relay unreachable); set by the first such delivery. */
  private halted: string | undefined;

  private readonly now: () => Date;
  constructor(
    private readonly journal: SendJournal,
    private readonly state: JournalState,
    private readonly sender: Sender | null,
    private readonly opts: CourierOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    if (sender) this.settleInterrupted();
  }

  /** How many messages the sender takes in one group commit (1: one at a time). */
  get batchSize(): number {
    return isBatchSender(this.sender) ? this.sender.batchSize : 1;
  }

  /**
   * Sends `msg` unless the journal says not to. False when it failed or may not have
   * arrived; true when it went, went before, or waits for the next run.
   */
  async deliver(msg: Planned): Promise<boolean> {
    return (await this.deliverMany([msg]))[0]!.ok;
  }

  /** Sends each of `msgs` unless the journal says not to, in batches of `batchSize`; what each came to, in order. */
  async deliverMany(msgs: Planned[]): Promise<Handed[]> {
    const out: Handed[] = [];
    let batch: Pending[] = [];
    for (const [i, msg] of msgs.entries()) {
      const p = this.decide(msg, i);
      if ('ok' in p) out[i] = p;
      else if (batch.push(p) >= this.batchSize) {
        await this.commit(batch, out);
        batch = [];
      }
    }
    if (batch.length) await this.commit(batch, out);
    return out;
  }

  /** What the journal (and a dry run) decide for `msg` before any sending: an answer, or a message to send. */
  private decide(msg: Planned, i: number): Handed | Pending {
    if ('unsendable' in msg) {
      this.notSent(msg.label, msg.key, msg.members, msg.reason);
      return { ok: false, delivery: null };
    }
    const { log } = this.opts;
    const { key: typed, label } = msg;
    const key = formatKey(typed);
    const id = entryId(key);
    const everyone = [...msg.to, ...msg.cc];
    const p = journalVerdict(this.state.keys.get(key), everyone);
    if (p.kind === 'uncertain') {
      this.results.uncertain.push({ label, key: typed, id, reason: p.reason, members: msg.members });
      this.row(label, p.recipients, '状态不确定', `${p.reason}；未重发，核实后用 zhuanjie journal resolve ${id} 处理`);
      log(`状态不确定：${printable(label)}：${p.reason}。本次不重发；请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
      return { ok: false, delivery: null };
    }
    if (p.kind === 'sent before') {
      this.results.alreadySent.push(typed);
      this.row(label, everyone, '此前已发送', p.at ? `上次发送：${beijingTime(p.at)}` : '');
      return { ok: true, delivery: null };
    }
    if (!this.sender) {
      log(`（试运行）将发送：${printable(msg.subject)} → ${p.to.join(', ')}`);
      return { ok: true, delivery: null };
    }
    return { i, msg, key, typed, id, label, todo: p.to, everyone };
  }

  /**
   * One batch: the stop signal, a halted relay and the lock are checked before its intents
   * are journalled (a stop leaves whole messages for the next run, listed as unsent).
   */
  private async commit(batch: Pending[], out: Handed[]): Promise<void> {
    const { log } = this.opts;
    if (this.opts.stopping?.()) return this.stop(batch, out);
    if (this.halted) {
      for (const p of batch) {
        this.results.failures.push({ label: p.label, key: p.typed, reason: `未发送：${this.halted}`, members: p.msg.members });
        this.row(p.label, p.todo, '未发送', '邮件服务器不可用，本次未尝试，下次运行时发送');
        out[p.i] = { ok: false, delivery: null };
      }
      return;
    }
    this.opts.assertHeld?.();
    for (const p of batch) if (p.todo.length < p.everyone.length) log(`补发：${printable(p.label)} 的邮件只发给上次暂时被拒的收件人：${p.todo.join(', ')}`);
    const sender = this.sender!;
    let ds: Delivery[];
    if (isBatchSender(sender)) {
      const staged = await sender.stage(batch.map((p) => ({ msg: p.msg, recipients: p.todo })));
      // Staging takes a moment: a stop asked for meanwhile still leaves the whole batch for the next run.
      if (this.opts.stopping?.()) {
        sender.discard(staged);
        return this.stop(batch, out);
      }
      try {
        this.opts.assertHeld?.();
        this.journal.appendAll(batch.map((p, n) => intentOf(p, this.now(), staged[n]!.file)), batch.length > 1 ? `这批 ${batch.length} 封邮件没有发出。` : '这封邮件没有发出。');
      } catch (err) {
        sender.discard(staged);
        throw err;
      }
      ds = sender.publish(staged);
      this.journal.appendAll(batch.map((p, n) => outcomeOf(p, ds[n]!, this.now())), `${batch.length} 封邮件已写入 outbox 但结果未能记录；下次运行时按 outbox 中的文件自动核对，不会重复写出。`);
    } else {
      // One at a time (batchSize 1): intent, hand-over, outcome.
      ds = [];
      for (const p of batch) {
        this.journal.append(intentOf(p, this.now()));
        const d = await sender.deliver(p.msg, p.todo, (line) => log(printable(line)));
        this.journal.append(outcomeOf(p, d, this.now()));
        ds.push(d);
      }
    }
    batch.forEach((p, n) => (out[p.i] = { ok: this.record(ds[n]!, p), delivery: ds[n]! }));
  }

  /** A batch not started because the process was asked to stop: each message listed as unsent. */
  private stop(batch: Pending[], out: Handed[]): void {
    for (const p of batch) {
      if (!this.results.stopped++) this.opts.log('已收到停止信号：其余邮件下次运行时发送。');
      this.results.unsent.push({ label: p.label, key: p.typed, reason: '进程收到停止信号，未发送', members: p.msg.members });
      this.row(p.label, p.todo, '未发送', '进程收到停止信号，下次运行时发送');
      out[p.i] = { ok: true, delivery: null, stopped: true };
    }
  }

  /**
   * Outbox deliveries a crashed or killed run left between intent and outcome, settled from
   * the files before anything is planned (settleStaged): published ones are recorded as
   * sent, never-published ones as not delivered (sent again by this run if still due).
   * Intents without a file (SMTP, or journals older than the group commit) stay uncertain.
   */
  private settleInterrupted(): void {
    const open = [...this.state.keys.values()].filter(settledFromOutbox);
    if (!open.length) return;
    this.opts.assertHeld?.();
    const at = this.now().toISOString();
    const lines = open.map((s): OutcomeEntry => {
      const { messageId, to, file } = s.lastIntent;
      return settleStaged(file) === 'delivered'
        ? { type: 'outcome', key: s.key, messageId, status: 'sent', accepted: to, rejected: [], deferred: [], at }
        : { type: 'outcome', key: s.key, messageId, status: 'failed', accepted: [], rejected: [], deferred: to, error: '上次运行中断，邮件未写入 outbox', at };
    });
    this.journal.appendAll(lines, '未能记录上次中断的发送的核对结果，本次未发送任何邮件。');
    for (const [n, e] of lines.entries()) {
      applyEntry(this.state.keys, e);
      if (e.status === 'failed') dropStaged(open[n]!.lastIntent.file);
    }
    const published = lines.filter((e) => e.status === 'sent').length;
    this.opts.log(`上次运行在写出邮件时中断：按 outbox 中的文件核对 ${lines.length} 封，${published} 封已写出（记为已发送），${lines.length - published} 封未写出（本次重新发送）。`);
  }

  /** A message that could not be composed (no address): a failure and a row; nothing journalled. */
  private notSent(label: string, key: MessageKey, members: number, reason: string): void {
    this.results.failures.push({ label, key, reason, members });
    this.row(label, [], '未发送', reason);
    this.opts.log(`未发送：${printable(label)}：${reason}。`);
  }

  /** What the sender's answer comes to: an entry in the results, a row and a log line. */
  private record(d: Delivery, m: Pending): boolean {
    const { log } = this.opts;
    const { typed: key, id, label, msg, todo } = m;
    const error = printable(d.error ?? '未知原因');
    // The line for the failure says why and that the rest waits; later messages are counted silently.
    if (d.halt) this.halted = d.halt;
    if (d.status === 'uncertain') {
      const reason = `邮件已交给服务器但没有收到确认（${d.error ?? '无应答'}），可能已送达`;
      this.results.uncertain.push({ label, key, id, reason, members: msg.members });
      this.row(label, todo, '状态不确定', `${reason}；不会自动重发，核实后用 zhuanjie journal resolve ${id} 处理`);
      log(`状态不确定：${printable(label)}：${printable(reason)}，不会自动重发。请核实后运行 zhuanjie journal resolve ${id} --sent（已收到）或 --resend（重发）。`);
      return false;
    }
    if (d.status === 'failed') {
      this.results.failures.push({ label, key, reason: `发送失败：${d.error ?? '未知原因'}`, members: msg.members });
      this.row(label, todo, '发送失败', d.error ?? '');
      log(`失败：${printable(label)}：${error}`);
      return false;
    }
    this.results.sent.push({ key, to: d.accepted, subject: msg.subject, members: msg.members });
    if (d.status === 'partial') {
      this.row(label, todo, '部分送达', `已送达：${d.accepted.join(', ')}；${d.error ?? ''}`);
      // The list arrived: no member counts as undelivered, but the recipients who missed it are reported.
      this.results.failures.push({ label, key, reason: `部分收件人未送达：${d.error ?? ''}`, members: 0 });
      log(`部分送达：${printable(label)}：${error}`);
    } else {
      this.row(label, todo, '已发送', '');
      log(`已发送：${printable(msg.subject)}`);
    }
    return true;
  }

  private row(label: string, recipients: string[], result: string, detail = '') {
    this.results.rows.push({ at: beijingTime(this.now()), label, recipients, result, detail });
  }
}

const intentOf = (p: Pending, now: Date, file?: string): IntentEntry => ({
  type: 'intent', key: p.key, messageId: p.msg.messageId, hash: contentHash(p.msg), to: p.todo, college: p.label, at: now.toISOString(),
  ...(p.msg.asOf ? { asOf: p.msg.asOf } : {}), ...(file ? { file } : {}),
});

const outcomeOf = (p: Pending, d: Delivery, now: Date): OutcomeEntry => ({
  type: 'outcome', key: p.key, messageId: p.msg.messageId, status: d.status, accepted: d.accepted, rejected: d.rejected, deferred: d.deferred, error: d.error, at: now.toISOString(),
});

/**
 * The check action: 校验当前工作表 and every re-check. A full check reads the sheet,
 * validates it with the shared rules and builds the pane's model of it; a change the
 * sheet reports re-checks only the rows it touched (changes.ts, model.ts), unless it can
 * have moved rows, columns or the header, or the model no longer fits the sheet — then
 * a full check runs, on purpose, and the status line says why. Both draw only the
 * marks that differ from those on the sheet (ledger.ts), except after cells may have
 * moved under our marks, when they are cleared and drawn afresh.
 */
import { overrideMap } from '../shared/headers.js';
import { HEADER_SEARCH_TEXT } from '../shared/table.js';
import { countBySeverity, HeaderNotFoundError, validateSheet, type ValidationResult } from '../shared/validate.js';
import { marksFor } from '../shared/marks.js';
import { areasOf, planFor } from './changes.js';
import type { Cell } from '../shared/normalize.js';
import type { PaneContext } from './context.js';
import { MarkLedger } from './ledger.js';
import { applyRows, buildModel, extentOf, holdsRows, type SheetModel } from './model.js';
import type { RowsRead, SheetChange, SheetRead } from './office.js';

export interface CheckAction {
  /** Check the sheet the user is on; it becomes the pane's sheet. */
  checkActive(): Promise<void>;
  /** checkActive for a job already on the queue (queueing it there would wait on that very job). */
  checkActiveNow(): Promise<void>;
  /** Check the pane's sheet again in full, for the reason given; nothing before a first check. */
  recheck(why: string): Promise<void>;
  /** recheck for a job already on the queue. */
  recheckNow(why: string): Promise<void>;
  /** Re-check after the sheet reported `changes` (called inside a queued job). */
  applyChanges(changes: readonly SheetChange[]): Promise<void>;
}

/** Why a full check ran instead of the user asking: shown in the status line. `moved`: our marks may have moved with cells. */
interface Reason { why: string; moved: boolean }

/** The model no longer fits the sheet: the incremental path stops and a full check runs. */
class Refit extends Error {
  constructor(readonly reason: Reason) {
    super(reason.why);
  }
}

export function checkAction({ port, state, display, settings, today, queue }: PaneContext): CheckAction {
  const summary = (r: ValidationResult) => {
    const c = countBySeverity(r.findings);
    return `${r.rowCount} 行，错误 ${c.error} 处，提醒 ${c.warning} 处。`;
  };

  async function full(snap: SheetRead, reason: Reason | null) {
    const name = snap.name;
    state.mapping = snap.mapping;
    const day = today();
    let next: ValidationResult;
    try {
      next = validateSheet(snap, { settings, today: day, overrides: overrideMap(state.mapping) });
    } catch (err) {
      if (err instanceof HeaderNotFoundError) {
        state.result = null;
        state.model = null;
        display.render();
        display.status(`工作表「${name}」的${HEADER_SEARCH_TEXT}中没有找到登记表表头。可点击「插入标准模板」新建一张。`, 'error');
        return;
      }
      throw err;
    }
    // The marks on the sheet are known only while every change was watched and no cell moved. A check the
    // user asks for draws them afresh anyway: it also puts right marks deleted or copied by hand.
    const prior = state.model;
    const known = reason && !reason.moved && prior && prior.watched && prior.sheetId === snap.sheetId;
    let ledger = known ? prior.ledger : new MarkLedger();
    if (!known) await port.clearMarks(name);
    try {
      await draw(name, ledger, marksFor(next.findings));
    } catch (err) {
      // A format of ours is gone (deleted by hand): clear ours and draw them all afresh.
      if (!known) throw err;
      await port.clearMarks(name);
      ledger = new MarkLedger();
      await draw(name, ledger, marksFor(next.findings));
    }
    const model = buildModel(snap, next, day, ledger);
    // Still watched if it was (live on): from here on the marks drawn are known again.
    model.watched = Boolean(prior?.watched && prior.sheetId === snap.sheetId);
    state.model = model;
    state.result = next;
    state.sheet = name;
    display.render();
    display.status(reason ? `已整表重新校验「${name}」（${reason.why}）：${summary(next)}` : `已校验「${name}」：${summary(next)}`);
  }

  /** Add and delete only the formats that differ; the ledger learns the ids Excel gave. */
  async function draw(name: string, ledger: MarkLedger, want: ReturnType<typeof marksFor>, rows?: ReadonlySet<number>) {
    const plan = ledger.plan(want, rows);
    if (plan.remove.length || plan.add.length) ledger.commit(plan, await port.updateMarks(name, plan.remove, plan.add));
  }

  const checkActiveNow = async () => full(await port.readActive(), null);
  // By the name it was checked under, so a re-check stays on that sheet whichever one the user is on.
  const fullAgain = async (reason: Reason) => {
    if (state.sheet) await full(await port.readSheet(state.sheet), reason);
  };

  async function applyChanges(changes: readonly SheetChange[]) {
    const m = state.model;
    if (!m || m.sheet !== state.sheet) return fullAgain({ why: '没有上次校验的记录', moved: true });
    const plan = planFor(changes, m.header.row, m.width);
    if (plan.full) return fullAgain(plan);
    let redo: Set<number>;
    try {
      redo = changes.length && changes.every((c) => c.value !== undefined) ? await typed(m, changes, plan.spans) : await readThenMark(m, plan.spans);
    } catch (err) {
      if (!(err instanceof Refit)) throw err;
      return fullAgain(err.reason);
    }
    state.result = m.result;
    display.render();
    const n = [...plan.spans].reduce((s, x) => s + x.to - x.from + 1, 0);
    const where = plan.spans.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`)).join('、');
    display.status(`已增量校验「${m.sheet}」第 ${where} 行（只重查改动的 ${n} 行${redo.size > n ? `和与其学号、身份证号相同的 ${redo.size - n} 行` : ''}）：${summary(m.result)}`);
  }

  /**
   * Cells typed one by one: Excel sent each new value, so the marks are worked out at
   * once and written in the same sync that reads the rows back to confirm them (one
   * round trip). Values that differ from what was read mean the model was wrong: a full check.
   */
  async function typed(m: SheetModel, changes: readonly SheetChange[], spans: { from: number; to: number }[]) {
    const rows = new Map<number, Cell[]>();
    for (const c of changes) {
      const { r1, c1 } = areasOf(c.address)![0]!;
      const cells = rows.get(r1) ?? Array.from({ length: m.width }, (_, j) => m.rows[r1 - 1]?.[j] ?? null);
      cells[c1 - 1] = c.value!;
      rows.set(r1, cells);
    }
    const redo = applyRows(m, rows, settings);
    const plan = m.ledger.plan(marksFor([...redo].flatMap((r) => m.byRow.get(r) ?? [])), redo);
    const { groups, read } = await guarded(() => port.markAndRead(m.sheet, plan.remove, plan.add, spans, m.width));
    m.ledger.commit(plan, groups);
    check(m, read);
    if (!holdsRows(m, read.rows)) throw new Refit({ why: '单元格的值与 Excel 的改动通知不符', moved: false });
    return redo;
  }

  /** Cells pasted or filled: read the rows (one sync), then write the marks that changed (one more). */
  async function readThenMark(m: SheetModel, spans: { from: number; to: number }[]) {
    const read = await port.readRows(m.sheet, spans, m.width);
    const redo = applyRows(m, read.rows, settings);
    check(m, read);
    await guarded(() => draw(m.sheet, m.ledger, marksFor([...redo].flatMap((r) => m.byRow.get(r) ?? [])), redo));
    return redo;
  }

  /** The model against what the sheet said in the same sync. */
  function check(m: SheetModel, read: RowsRead) {
    const stale = staleReason(m, read.sheetId, JSON.stringify(read.mapping), read.merged);
    if (stale) throw new Refit(stale);
    const ext = extentOf(m);
    // A change the pane never heard of (rows moved while it was busy or off) leaves the sheet's used range elsewhere.
    if (ext.rows !== read.extent.rows || ext.cols !== read.extent.cols) throw new Refit({ why: '工作表有未收到的改动', moved: true });
  }

  /** A write that fails means a format of ours is gone (deleted by hand, or by another copy of the pane). */
  async function guarded<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch {
      throw new Refit({ why: '工作表上的校验标记已被改动', moved: true });
    }
  }

  function staleReason(m: SheetModel, sheetId: string, mapping: string, merged: string): Reason | null {
    if (sheetId !== m.sheetId) return { why: '工作表已被重命名或替换', moved: true };
    if (mapping !== JSON.stringify(m.mapping)) return { why: '列对应设置已改变', moved: false };
    if (merged !== m.merged) return { why: '合并单元格有变化', moved: false };
    if (today() !== m.today) return { why: '日期已变', moved: false };
    return null;
  }

  return {
    checkActive: () => queue.run(checkActiveNow),
    checkActiveNow,
    recheck: (why) => queue.run(() => fullAgain({ why, moved: false })),
    recheckNow: (why) => fullAgain({ why, moved: false }),
    applyChanges,
  };
}

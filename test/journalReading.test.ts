/**
 * What the send journal's lines mean for the next run, read in this process (mutation
 * testing sees only code the test process runs; the CLI tests read journals through a
 * child process): a message intended but never answered is uncertain, recipients
 * delivered add up over runs, a person's `resolve` settles it, and a line torn by a crash
 * names its line and, when it can, its message.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryId, JournalError, SendJournal, type JournalEntry } from '../jobs/lib/mail/journal.js';
import { tempDir } from './helpers.js';

const KEY = '2026|reminder|09-01|college|计算机学院';
const AT = '2026-08-25T01:00:00.000Z';
const intent = (to: string[], over: object = {}): JournalEntry => ({ type: 'intent', key: KEY, messageId: '<m1@zhuanjie>', hash: 'h', to, college: '计算机学院', at: AT, ...over });
const outcome = (status: 'sent' | 'partial' | 'failed' | 'uncertain', accepted: string[], rejected: string[] = [], over: object = {}): JournalEntry => ({ type: 'outcome', key: KEY, messageId: '<m1@zhuanjie>', status, accepted, rejected, at: AT, ...over });

/** A journal holding `lines` as written (strings as they are, entries as JSON). */
function journalOf(lines: (JournalEntry | string)[]): SendJournal {
  const file = join(tempDir(), 'state', 'journal.jsonl');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return new SendJournal(file);
}
const stateOf = (lines: (JournalEntry | string)[]) => journalOf(lines).read().keys.get(KEY);

describe('reading the journal', () => {
  it('no journal yet: nothing was sent', () => {
    const { keys, torn } = new SendJournal(join(tempDir(), 'state', 'journal.jsonl')).read();
    expect([keys.size, torn]).toEqual([0, []]);
  });
  it('a journal that cannot be read stops the run, naming the file', () => {
    const dir = tempDir();
    const err = (() => {
      try {
        new SendJournal(dir).read();
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(JournalError);
    expect(err!.message).toContain(dir);
    expect(err!.message).toContain('无法读取发送日志');
    expect(err!.message).toContain('未发送任何邮件');
  });
  it('an intent with no outcome is uncertain (a crash mid-send) and keeps its college', () => {
    const s = stateOf([intent(['jsj@example.edu.cn'])])!;
    expect(s.uncertain).toBe('上次发送时中断，没有记录结果，无法确认是否送达');
    expect(s.college).toBe('计算机学院');
    expect(s.lastIntent?.to).toEqual(['jsj@example.edu.cn']);
  });
  it('an intent without a college keeps the college an earlier line named', () => {
    const s = stateOf([intent(['a@example.edu.cn']), outcome('failed', [], ['a@example.edu.cn']), intent(['a@example.edu.cn'], { college: undefined })])!;
    expect(s.college).toBe('计算机学院');
  });
  it('recipients delivered add up over runs; refused and deferred are the last outcome’s', () => {
    const s = stateOf([
      intent(['a@example.edu.cn', 'b@example.edu.cn', 'c@example.edu.cn']),
      outcome('partial', ['a@example.edu.cn'], ['c@example.edu.cn'], { deferred: ['b@example.edu.cn'] }),
      intent(['b@example.edu.cn']),
      outcome('sent', ['b@example.edu.cn']),
    ])!;
    expect([...s.delivered]).toEqual(['a@example.edu.cn', 'b@example.edu.cn']);
    expect([...s.refused]).toEqual([]);
    expect(s.deferred).toEqual([]);
    expect(s.uncertain).toBeNull();
  });
  it('deferred recipients are remembered until the next outcome', () => {
    const s = stateOf([intent(['a@example.edu.cn']), outcome('failed', [], [], { deferred: ['a@example.edu.cn'], error: '451 稍后再试' })])!;
    expect(s.deferred).toEqual(['a@example.edu.cn']);
    expect(s.uncertain).toBeNull();
  });
  it('a handed-over message the server never confirmed is uncertain, with the server’s words or 无应答', () => {
    expect(stateOf([intent(['a@example.edu.cn']), outcome('uncertain', [], [], { error: '连接在 DATA 之后断开' })])!.uncertain)
      .toBe('邮件已交给服务器但没有收到确认（连接在 DATA 之后断开），无法确认是否送达');
    expect(stateOf([intent(['a@example.edu.cn']), outcome('uncertain', [])])!.uncertain).toBe('邮件已交给服务器但没有收到确认（无应答），无法确认是否送达');
  });
  it('a person settles an uncertain message as received: its recipients count as delivered', () => {
    const s = stateOf([intent(['a@example.edu.cn', 'b@example.edu.cn']), { type: 'resolve', key: KEY, as: 'sent', at: AT }])!;
    expect(s.uncertain).toBeNull();
    expect(s.resolvedSent).toBe(true);
    expect([...s.delivered]).toEqual(['a@example.edu.cn', 'b@example.edu.cn']);
  });
  it('… or to be sent again: no longer uncertain, and nobody counts as delivered', () => {
    const s = stateOf([intent(['a@example.edu.cn']), { type: 'resolve', key: KEY, as: 'resend', at: AT }])!;
    expect(s.uncertain).toBeNull();
    expect(s.resolvedSent).toBe(false);
    expect(s.delivered.size).toBe(0);
  });
  it('a line torn by a crash is reported by its line number (blank lines counted), and its message is uncertain', () => {
    const torn = JSON.stringify(intent(['a@example.edu.cn'])).slice(0, 60);
    const { keys, torn: lines } = journalOf(['', JSON.stringify(outcome('sent', ['x@example.edu.cn'], [], { key: 'other' })), '', torn]).read();
    expect(lines).toEqual([{ line: 4, key: KEY }]);
    expect(keys.get(KEY)!.uncertain).toBe('发送日志第 4 行不完整（写入时中断），无法确认是否送达');
    expect(keys.get('other')!.uncertain).toBeNull();
  });
  it('a torn line whose key has an escaped quote still names its message', () => {
    const key = '2026|reminder|09-01|college|"计算机"学院';
    const { torn } = journalOf([`{"type":"intent","key":${JSON.stringify(key)},"to":["a@ex`]).read();
    expect(torn).toEqual([{ line: 1, key }]);
  });
  it('a torn line without a key, or a line that is JSON but no entry, is reported without a message', () => {
    const { keys, torn } = journalOf(['{"type":"inte', '{"type":"intent","to":[]}', 'null']).read();
    expect(torn).toEqual([{ line: 1, key: undefined }, { line: 2, key: undefined }, { line: 3, key: undefined }]);
    expect(keys.size).toBe(0);
  });
  it('a line of spaces is no torn line, and a line of a kind this version does not know changes nothing', () => {
    const { keys, torn } = journalOf([intent(['a@example.edu.cn']), '   ', JSON.stringify({ type: 'note', key: KEY, at: AT })]).read();
    expect(torn).toEqual([]);
    expect(keys.get(KEY)!.uncertain).toBe('上次发送时中断，没有记录结果，无法确认是否送达');
    expect(keys.get(KEY)!.resolvedSent).toBe(false);
  });
  it('a message’s handle is stable across versions: the one printed in yesterday’s report still resolves it', () => {
    expect(entryId(KEY)).toMatch(/^[0-9a-f]{8}$/);
    expect(entryId(KEY)).not.toBe(entryId(`${KEY} `));
    expect(entryId('2026|reminder|09-01|college|计算机学院')).toBe('6523c01a'); // sha256 of the key (printf … | sha256sum), first 8 hex digits
  });
});

describe('writing the journal', () => {
  it('a line is appended whole, readable by its owner only', () => {
    const j = journalOf([]);
    j.append(intent(['a@example.edu.cn']));
    j.append(outcome('sent', ['a@example.edu.cn']));
    expect(readFileSync(j.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(statSync(j.file).mode & 0o777).toBe(0o600);
    expect(j.read().keys.get(KEY)!.uncertain).toBeNull();
  });
  it('a write that fails names the file and says what it means for the message', () => {
    const dir = tempDir();
    const j = new SendJournal(dir);
    expect(() => j.append(intent(['a@example.edu.cn']))).toThrow(new RegExp(`无法写入发送日志.*已停止发送。这封邮件没有发出。`));
    expect(() => j.append(outcome('sent', ['a@example.edu.cn']))).toThrow(/上一封邮件已交给服务器但结果未能记录，下次运行时会列为“状态不确定”。/);
    expect(() => j.append(intent([]))).toThrow(JournalError);
  });
});

// The rules every finding's text obeys (shared/messages.ts), checked over all codes rather
// than by copying each text here (the texts live in one place): a Chinese sentence that ends
// as a sentence, saying each argument it was given. Beside them: where a finding stands
// (「联系电话（V列）」), the one name of a message (shared/messageKey.ts) and text into HTML.
import { describe, expect, it } from 'vitest';
import { MESSAGES, SEVERITY_LABEL, findingPlace, message, renderMessage, type FindingCode } from '../shared/messages.js';
import { fieldLabel } from '../shared/fields.js';
import { formatKey, occasionOf, parseKey, recipientOf, sameOccasion, type MessageKey } from '../shared/messageKey.js';
import { escapeHtml } from '../shared/html.js';

/** A realistic, distinctive value for every argument any message reads. */
const ARGS: Record<string, string | number> = {
  label: '联系电话',
  header: '备注（辅导员填写）',
  value: '#REF!',
  first: 7,
  choices: '学号或身份证号',
  mark: '无',
  why: '开具纸质介绍信时必须填写此项。',
  firstRow: 12,
  where: '计算机学院报送的登记表第 4 行',
  length: 17,
  birth: '2002-02-30',
  code: '99',
  age: 18,
  expected: 'X',
  date: '2026-06-12',
  joinDate: '2021-06-30',
  actual: '2026-05',
  max: 90,
  written: '26-6-12',
  lengths: '20 或 24',
  fixed: '0110108000123',
  inRegion: '北京市内',
  type: '北京市内',
};

/** Renders a code with ARGS, noting which arguments its text read. */
function rendered(code: FindingCode): { text: string; read: string[] } {
  const read: string[] = [];
  const args = new Proxy({} as Record<string, string | number>, {
    get(_, key: string) {
      if (!(key in ARGS)) throw new Error(`${code} reads an argument this test has no value for: ${key}`);
      read.push(key);
      return ARGS[key];
    },
  });
  return { text: renderMessage(code, args).message, read };
}

const CODES = Object.keys(MESSAGES) as FindingCode[];

describe('every finding’s text is a Chinese sentence that says its arguments', () => {
  it.each(CODES)('%s', (code) => {
    const { text, read } = rendered(code);
    expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
    expect(text).toMatch(/[。？）]$/);
    expect(text).not.toMatch(/undefined|\[object|NaN/);
    for (const key of read) expect(text).toContain(String(ARGS[key]));
    expect(['error', 'warning', 'info']).toContain(MESSAGES[code].severity);
  });

  it('a text without arguments is the same however it is asked for', () => {
    expect(message('REQUIRED')).toEqual(renderMessage('REQUIRED', {}));
    expect(message('REQUIRED').message.length).toBeGreaterThan(4);
  });

  it('the duplicate student number names the earlier row, as the pane shows it', () => {
    expect(message('STUDENT_ID_DUPLICATE', { firstRow: 13 })).toEqual({ severity: 'error', message: '学号与第 13 行重复，请核对。' });
    expect(message('STUDENT_ID_REPEATED_ELSEWHERE', { where: '计算机学院报送的登记表第 4 行' }).message).toBe('学号与计算机学院报送的登记表第 4 行重复（同一人登记了两次），请核对。');
  });

  it('each severity has its Chinese label', () => {
    expect(Object.values(SEVERITY_LABEL).every((l) => /^[\u4e00-\u9fff]{2}$/.test(l))).toBe(true);
    expect(new Set(Object.values(SEVERITY_LABEL)).size).toBe(3);
  });
});

describe('where a finding stands: the field with its column, the column alone, or nothing for the whole row', () => {
  it.each<[string, { field: string | null; column: string | null }, string]>([
    ['a field in a known column', { field: 'phone', column: 'V' }, '联系电话（V列）'],
    ['a field whose column is not known', { field: 'phone', column: null }, '联系电话'],
    ['a column without a known field', { field: null, column: 'AB' }, 'AB列'],
    ['the whole row', { field: null, column: null }, ''],
  ])('%s', (_, f, place) => {
    expect(findingPlace(f, fieldLabel)).toBe(place);
  });
});

describe('the one name of a message: cohort/occasion/day/audience[/who]', () => {
  const college: MessageKey = { cohort: 2026, kind: '09-01', date: '2026-08-25', audience: 'college', id: '计算机学院' };
  const summary: MessageKey = { cohort: 2026, kind: '09-01', date: '2026-08-25', audience: 'summary' };

  it('a college’s reminder names the college; the 组织部’s summary names no one', () => {
    expect(formatKey(college)).toBe('2026/09-01/2026-08-25/college/计算机学院');
    expect(formatKey(summary)).toBe('2026/09-01/2026-08-25/summary');
    expect(recipientOf(summary)).toBe('summary');
    expect(recipientOf({ audience: 'member', id: '2022083101' })).toBe('member/2022083101');
    expect(occasionOf(college)).toBe('2026/09-01/2026-08-25');
  });

  it('a journal line’s key reads back as written; a hand-edited line is no key', () => {
    expect(parseKey(formatKey(college))).toEqual(college);
    expect(parseKey(formatKey(summary))).toEqual(summary);
    expect(parseKey('2026/ack/2026-06-15/sender/lixiaowen@example.edu.cn')).toEqual({ cohort: 2026, kind: 'ack', date: '2026-06-15', audience: 'sender', id: 'lixiaowen@example.edu.cn' });
    expect(parseKey('2026/09-01/2026-08-25/teacher/张明远')).toBeNull();
    expect(parseKey('计算机学院 2026-08-25')).toBeNull();
  });

  it.each<[string, Pick<MessageKey, 'cohort' | 'kind' | 'date'>, boolean]>([
    ['the same reminder day of the same deadline', { cohort: 2026, kind: '09-01', date: '2026-08-25' }, true],
    ['another cohort', { cohort: 2025, kind: '09-01', date: '2026-08-25' }, false],
    ['another deadline', { cohort: 2026, kind: '06-10', date: '2026-08-25' }, false],
    ['another reminder day', { cohort: 2026, kind: '09-01', date: '2026-08-31' }, false],
    ['nothing in common', { cohort: 2025, kind: '06-10', date: '2026-06-03' }, false],
  ])('same occasion: %s → %s', (_, other, same) => {
    expect(sameOccasion(college, other)).toBe(same);
  });
});

describe('text into HTML escapes the five characters that matter and nothing else', () => {
  it('an address with angle brackets, an ampersand and quotes', () => {
    expect(escapeHtml(`张明远 <zhangmingyuan@example.edu.cn> & "党支部" '北京'`)).toBe(
      '张明远 &lt;zhangmingyuan@example.edu.cn&gt; &amp; &quot;党支部&quot; &#39;北京&#39;',
    );
  });

  it('plain Chinese text is left as it is', () => {
    expect(escapeHtml('中共北京市海淀区某某街道第一党支部')).toBe('中共北京市海淀区某某街道第一党支部');
  });
});

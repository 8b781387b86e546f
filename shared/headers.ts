/**
 * Header recognition by meaning. A header cell is normalised (NFKC, white space,
 * bracketed hints such as （必填）（文本格式）（10位）, filler such as a trailing 名称 or
 * 情况), then scored against every field's wordings: the same text as written beats
 * the same text after normalisation, which beats a wording contained in the header
 * (at its end first — Chinese noun phrases end in their head: 接收党支部编码 is a 编码),
 * longest wording first. Two fields scoring alike are reported, never guessed. Every
 * decision carries its reason, so `zhuanjie columns` and the pane can show it.
 */
import { IGNORED_HEADERS, MAPPABLE_FIELDS, fieldLabel, type AnyFieldKey, type FieldDef } from './fields.js';
import type { Cell } from './normalize.js';
import { toSimplified } from './simplified.js';

/** Brackets whose content is a hint for the person filling in the sheet, not the column's name. */
const HINT = /[(\[【〔{<〈][^)\]】〕}>〉]*[)\]】〕}>〉]/g;
const FILLER = /(?:名称|情况|信息|号码)$/;

/** A header as compared: NFKC, lower case, no white space, hints, numbering, marks or filler. */
export function normalizeHeader(v: Cell, dropFiller = true): string {
  let s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  // Simplified once here: 黨員類別 and 轉接類型 are the same headers as 党员类别 and 转接类型.
  s = toSimplified(s.normalize('NFKC')).toLowerCase().replace(/[\s\u200b\ufeff]+/g, '');
  s = s.replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.)](?=\D)/, '');
  s = s.replace(HINT, '').replace(/[《》「」“”"'*※:：、，,。.]/g, '');
  if (dropFiller && FILLER.test(s) && s.length > 3) s = s.replace(FILLER, '');
  return s;
}

export type MatchReason = 'exact' | 'normalised' | 'suffix' | 'contains' | 'fallback' | 'user' | 'group' | 'values';

export interface HeaderGuess {
  field: AnyFieldKey;
  reason: MatchReason;
  /** The wording that matched. */
  term: string;
  score: number;
}

interface Term { field: AnyFieldKey; raw: string; key: string; fallback: boolean; whole: boolean }

const RANK = { exact: 4, normalised: 3, suffix: 2, contains: 1 } as const;

const termCache = new WeakMap<readonly FieldDef[], Term[]>();

function termsOf(fields: readonly FieldDef[]): Term[] {
  let terms = termCache.get(fields);
  if (!terms) {
    terms = [];
    for (const f of fields) {
      // A wording that loses filler (回执情况 → 回执) is too generic to look for inside other headers.
      const add = (raw: string, fallback: boolean, whole: boolean) => {
        const key = normalizeHeader(raw);
        terms!.push({ field: f.key as AnyFieldKey, raw, key, fallback, whole: whole || key !== normalizeHeader(raw, false) });
      };
      for (const raw of [f.header, ...f.synonyms]) add(raw, false, false);
      for (const raw of f.fallbacks ?? []) add(raw, true, false);
      for (const raw of f.wholeOnly ?? []) add(raw, false, true);
    }
    termCache.set(fields, terms);
  }
  return terms;
}

const IGNORED = new Set(IGNORED_HEADERS.map((h) => normalizeHeader(h)));
export const isIgnoredHeader = (v: Cell): boolean => IGNORED.has(normalizeHeader(v));

/**
 * The best field for one header text and any field that scores the same (a tie).
 * Fallback wordings (政治面貌) score below every other match of their field's rivals.
 */
export function guessField(fields: readonly FieldDef[], text: string): { best: HeaderGuess | null; ties: AnyFieldKey[] } {
  const trimmed = text.replace(/\s+/g, '');
  const key = normalizeHeader(text);
  if (!key) return { best: null, ties: [] };
  const byField = new Map<AnyFieldKey, HeaderGuess>();
  for (const t of termsOf(fields)) {
    if (!t.key) continue;
    let reason: keyof typeof RANK | null = null;
    if (t.raw === trimmed) reason = 'exact';
    else if (t.key === key) reason = 'normalised';
    else if (t.whole) continue;
    else if (t.key.length >= 2 && key.endsWith(t.key)) reason = 'suffix';
    else if (t.key.length >= 2 && key.includes(t.key)) reason = 'contains';
    if (!reason) continue;
    const score = RANK[reason] * 100 + t.key.length - (t.fallback ? 250 : 0);
    const prior = byField.get(t.field);
    if (!prior || score > prior.score) byField.set(t.field, { field: t.field, reason: t.fallback ? 'fallback' : reason, term: t.raw, score });
  }
  const ranked = [...byField.values()].sort((a, b) => b.score - a.score);
  const best = ranked[0] ?? null;
  if (!best) return { best: null, ties: [] };
  const ties = ranked.filter((g) => g.score === best.score).map((g) => g.field);
  return ties.length > 1 ? { best: null, ties } : { best, ties: [] };
}

/** What was decided about one header cell. */
export interface ColumnDecision {
  /** 0-based index into the snapshot's row. */
  col: number;
  /** The sheet column as Excel names it (filled in by findHeader, which knows the origin). */
  letter?: string;
  /** For 'duplicate': the letter of the column used instead (filled in by findHeader too). */
  usedLetter?: string;
  /** The header as written (both rows of a two-row header joined by 「/」). */
  header: string;
  field: AnyFieldKey | null;
  reason: MatchReason | 'ignored' | 'ambiguous' | 'unknown' | 'duplicate' | 'userIgnored';
  term?: string;
  /** For 'ambiguous': the fields that scored alike; for 'duplicate': the field already taken. */
  candidates?: AnyFieldKey[];
  /** For 'duplicate': the column that supplies the field instead. */
  usedCol?: number;
  /** For 'values', and a tie found by values: what the column's values were (shared/valueEvidence.ts). */
  evidence?: string;
  score: number;
}

/** A user's correction: header as written (compared after normalisation) → field, or null to ignore it. */
export type ColumnOverrides = ReadonlyMap<string, AnyFieldKey | null>;

/** Stored corrections (header → field key, standard header or 「忽略」) → overrides; names that mean nothing are dropped. */
export function overrideMap(entries: Record<string, string | null>, fields: readonly FieldDef[] = MAPPABLE_FIELDS): Map<string, AnyFieldKey | null> {
  const out = new Map<string, AnyFieldKey | null>();
  for (const [h, f] of Object.entries(entries)) {
    const field = f === null ? null : resolveFieldName(fields, f);
    if (field !== undefined && normalizeHeader(h)) out.set(normalizeHeader(h), field);
  }
  return out;
}

/**
 * Decide every column of a header. `top` is an optional row above (`bottom` the
 * header row itself): a group cell over sub-headers such as 「介绍信信息」 above 抬头 /
 * 编号, while other headers are merged down across both rows (or left blank above).
 */
export function decideColumns(fields: readonly FieldDef[], bottom: readonly Cell[], top: readonly Cell[] | null, overrides?: ColumnOverrides): ColumnDecision[] {
  const decisions: ColumnDecision[] = [];
  const width = Math.max(bottom.length, top?.length ?? 0);
  for (let col = 0; col < width; col++) {
    const b = cellString(bottom[col]);
    const above = top ? cellString(top[col]) : '';
    // 「填报单位：计算机学院党委  联系人：王老师」 merged above the header is a line of the form, never a group title.
    const t = isFormLine(above) ? '' : above;
    const own = b || t;
    if (!own) continue;
    const grouped = Boolean(b && t && t !== b);
    const header = grouped ? `${t}/${b}` : own;
    const userKey = [normalizeHeader(own), grouped ? normalizeHeader(header) : ''].find((k) => k && overrides?.has(k));
    const user = userKey ? overrides!.get(userKey) : undefined;
    if (user !== undefined) {
      decisions.push(user ? { col, header, field: user, reason: 'user', score: 1000 } : { col, header, field: null, reason: 'userIgnored', score: 0 });
      continue;
    }
    if (isIgnoredHeader(own)) {
      decisions.push({ col, header, field: null, reason: 'ignored', score: 0 });
      continue;
    }
    let { best, ties } = guessField(fields, own);
    if (grouped) {
      // 「介绍信信息」 over 「编号」 reads as 介绍信编号.
      const joined = guessField(fields, normalizeHeader(t) + own);
      if (joined.best && (!best || joined.best.score > best.score)) {
        best = { ...joined.best, reason: 'group' };
        ties = [];
      }
    }
    if (best) decisions.push({ col, header, field: best.field, reason: best.reason, term: best.term, score: best.score });
    else if (ties.length) decisions.push({ col, header, field: null, reason: 'ambiguous', candidates: ties, score: 0 });
    else decisions.push({ col, header, field: null, reason: 'unknown', score: 0 });
  }
  // One column per field: the best-scoring one (the first on a tie); the others are duplicates.
  const taken = new Map<AnyFieldKey, ColumnDecision>();
  for (const d of decisions) {
    if (!d.field) continue;
    const prior = taken.get(d.field);
    if (!prior || d.score > prior.score) taken.set(d.field, d);
  }
  for (const d of decisions) {
    if (d.field && taken.get(d.field) !== d) {
      const used = taken.get(d.field)!;
      Object.assign(d, { reason: 'duplicate', candidates: [d.field], usedCol: used.col, field: null, term: undefined });
    }
  }
  return decisions;
}

/** A 「名目：内容」 line (填报单位：…, 联系人：…, 联系电话：…), or such a label on its own. */
const FORM_LINE = /^(?:填报|填表|报送|制表|上报)?(?:单位|部门|联系人|联系电话|电话|填报人|填表人|日期|学院|党委)\s*[:：]|[:：]\s*\S/;
export const isFormLine = (t: string): boolean => t !== '' && FORM_LINE.test(toSimplified(t));

function cellString(v: Cell): string {
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  return String(v).replace(/\s+/g, ' ').trim();
}

/** One line of Chinese saying why a column was read as it was. */
export function explainDecision(d: ColumnDecision, letter: (col: number) => string = (c) => d.usedLetter ?? String(c + 1)): string {
  const f = d.field ? `「${fieldLabel(d.field)}」` : '';
  switch (d.reason) {
    case 'exact': return `${f}（与「${d.term}」完全一致）`;
    case 'normalised': return `${f}（去掉空白、括号注释后为「${d.term}」）`;
    case 'suffix':
    case 'contains': return `${f}（表头中含「${d.term}」）`;
    case 'group': return `${f}（上一行的分组标题与本列合起来含「${d.term}」）`;
    case 'fallback': return `${f}（没有更合适的列时，「${d.term}」也表示${fieldLabel(d.field!)}）`;
    case 'values': return `${f}（按取值识别：${d.evidence}）`;
    case 'user': return `${f}（按用户设置）`;
    case 'userIgnored': return '忽略（按用户设置）';
    case 'ignored': return '忽略（序号等无需校验的列）';
    case 'ambiguous':
      if (d.evidence) return `无法确定（按取值：${d.evidence}）${d.candidates!.length > 1 ? `，同样像${d.candidates!.map((k) => `「${fieldLabel(k)}」`).join('和')}` : ''}，请指定`;
      return `无法确定：同样像${d.candidates!.map((k) => `「${fieldLabel(k)}」`).join('和')}，请指定`;
    case 'duplicate': return `未使用：「${fieldLabel(d.candidates![0]!)}」已由 ${letter(d.usedCol!)} 列提供`;
    case 'unknown': return d.evidence ? `未识别（${d.evidence}），校验时忽略，请指定` : '未识别，校验时忽略';
  }
}

// ---------------------------------------------------------------- the user's corrections

const IGNORE_WORDS = new Set(['ignore', '忽略', '不校验']);

/**
 * A field named by the user — its key (receivingOrg) or its standard header (接收党组织)
 * — or 「忽略」; undefined when it names nothing known.
 */
export function resolveFieldName(fields: readonly FieldDef[], name: string): AnyFieldKey | null | undefined {
  const s = name.trim();
  if (IGNORE_WORDS.has(s.toLowerCase())) return null;
  const f = fields.find((d) => d.key === s || d.header === s) ?? fields.find((d) => normalizeHeader(d.header) === normalizeHeader(s));
  return f ? (f.key as AnyFieldKey) : undefined;
}

/** 「表头=字段」 pairs (the CLI's --map) or a config object → overrides, or the Chinese reasons they are wrong. */
export function parseColumnMap(fields: readonly FieldDef[], entries: Record<string, string>): { ok: true; overrides: Map<string, AnyFieldKey | null> } | { ok: false; errors: string[] } {
  const overrides = new Map<string, AnyFieldKey | null>();
  const errors: string[] = [];
  for (const [header, name] of Object.entries(entries)) {
    const field = resolveFieldName(fields, name);
    if (field === undefined) errors.push(`「${header}」对应的「${name}」不是已知字段。可用：${fields.map((f) => `${f.header}（${f.key}）`).join('、')}，或「忽略」。`);
    else if (!normalizeHeader(header)) errors.push(`表头「${header}」是空的。`);
    else overrides.set(normalizeHeader(header), field);
  }
  return errors.length ? { ok: false, errors } : { ok: true, overrides };
}

/** Overrides that name a header the sheet does not have: a typo the user must hear about. */
export function unusedOverrides(overrides: ColumnOverrides, decisions: readonly ColumnDecision[]): string[] {
  // A grouped header is 「title/column」, and either may hold a slash of its own (学院/系): every tail may be the column's own.
  const seen = new Set(decisions.flatMap((d) => d.header.split('/').map((_, i, parts) => normalizeHeader(parts.slice(i).join('/')))));
  return [...overrides.keys()].filter((k) => !seen.has(k));
}

/**
 * Enumerated values as people type them, mapped to stable codes. The wordings live
 * beside their fields in fields.ts; this module only folds and looks them up.
 */
import {
  AUTONOMOUS_REGIONS, MUNICIPALITIES, DESTINATION_WORDS, GENDER_WORDS, MEMBER_TYPE_WORDS, METHOD_WORDS, NOT_APPLICABLE_MARKS, TRANSFER_TYPE_WORDS,
  UNDECIDED_ORG_WORDS, YES_NO_WORDS,
} from './fields.js';
import { cellText, type Cell } from './normalize.js';
import type { RuleSettings } from './settings.js';
import { toSimplified } from './simplified.js';

export type MemberType = keyof typeof MEMBER_TYPE_WORDS;
export type TransferType = keyof typeof TRANSFER_TYPE_WORDS;
export type Method = keyof typeof METHOD_WORDS;
export type Destination = keyof typeof DESTINATION_WORDS | 'other';

/** A value as compared: NFKC (full-width forms, 【】 stay), simplified characters, lower case, no white space. */
export const foldValue = (s: string): string => toSimplified(s.normalize('NFKC')).toLowerCase().replace(/[\s\u200b\ufeff]+/g, '');

const BRACKETED = /[(\[【〔][^)\]】〕]*[)\]】〕]/g;

/** Words → code. A value is tried as written, then without a bracketed note (线上（党员E先锋）). */
function lookup<T extends string>(table: { readonly [K in T]: readonly string[] }): (v: Cell) => T | null {
  const map = new Map<string, T>();
  for (const code of Object.keys(table) as T[]) for (const w of table[code]) map.set(foldValue(w), code);
  return (v: Cell): T | null => {
    if (typeof v === 'string') {
      const hit = map.get(v);
      if (hit) return hit;
    }
    const k = foldValue(cellText(v));
    if (!k) return null;
    return map.get(k) ?? map.get(k.replace(BRACKETED, '')) ?? map.get(k.replace(/[()\[\]【】〔〕]/g, '')) ?? null;
  };
}

export const parseMemberType = lookup(MEMBER_TYPE_WORDS);
export const parseMethod = lookup(METHOD_WORDS);
export const parseYesNo = lookup(YES_NO_WORDS);
export const parseGender = lookup(GENDER_WORDS);
export const parseDestination = lookup(DESTINATION_WORDS);

const NA = new Set(NOT_APPLICABLE_MARKS.map(foldValue));
// The first character of every mark, either case: most cells are ruled out by it alone.
const NA_FIRST = new Set([...NA].flatMap((w) => [w.charCodeAt(0), w.toUpperCase().charCodeAt(0)]));
/**
 * 「/」「—」「无」「不适用」…: the writer says the field does not apply. Takes cell text
 * (already half-width and trimmed by cellText), so only case is left to fold; it runs on
 * most cells of every row, hence the cheap tests first.
 */
/** Whether cell text could be a mark at all (cheap: length and first character). */
export const mayBeNotApplicable = (text: string): boolean => text.length !== 0 && text.length <= 4 && NA_FIRST.has(text.charCodeAt(0));

export const isNotApplicable = (text: string): boolean => mayBeNotApplicable(text) && (NA.has(text) || NA.has(text.toLowerCase()));

const UNDECIDED = new Set(UNDECIDED_ORG_WORDS.map(foldValue));
/** 「待开学后确定」「入学后再定」「尚未分配」…: the words above as people extend them. */
const UNDECIDED_FORM = /^(?:待|尚未|暂未|未|暂不)?(?:开学|入学|报到|录取|分配)?后?(?:再)?(?:确定|明确|分配|定)$/;
/** No receiving branch yet: blank, a not-applicable mark, or 待定/不详/… (seed 001: 升学尚无支部者可在9月份接转). */
export const isUndecidedOrg = (text: string): boolean => {
  if (text === '' || isNotApplicable(text)) return true;
  const k = foldValue(text);
  return UNDECIDED.has(k) || (k.length <= 10 && UNDECIDED_FORM.test(k));
};

/** The region's words filled into TRANSFER_TYPE_WORDS' {internal} {in} {out} {name} {short}. */
export function transferTypeWords(settings: RuleSettings): Record<TransferType, string[]> {
  const r = settings.region;
  const name = r.name.replace(/(?:市|省|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
  const unit = MUNICIPALITIES.includes(name) ? '市' : AUTONOMOUS_REGIONS.includes(name) ? '区' : '省';
  const fill = (w: string) => w
    .replace('{internal}', r.internal).replace('{in}', r.inRegion).replace('{out}', r.outOfRegion)
    .replace('{name}', name).replace('{unit}', unit).replace('{short}', r.inRegion.replace(/内$/, ''));
  const out = {} as Record<TransferType, string[]>;
  for (const t of Object.keys(TRANSFER_TYPE_WORDS) as TransferType[]) out[t] = [...new Set(TRANSFER_TYPE_WORDS[t].map(fill))];
  return out;
}

const parserCache = new WeakMap<RuleSettings['region'], (v: Cell) => TransferType | null>();

/** Transfer-type labels follow the region setting (院内 / 京内 / 京外 by default). */
export function transferTypeParser(settings: RuleSettings): (v: Cell) => TransferType | null {
  let p = parserCache.get(settings.region);
  if (!p) parserCache.set(settings.region, (p = lookup(transferTypeWords(settings))));
  return p;
}

export const transferTypeLabels = (s: RuleSettings): string[] => [s.region.internal, s.region.inRegion, s.region.outOfRegion];

/** The template's label for a destination code (出国(境) for abroad). */
export const destinationLabel = (d: Destination): string => (d === 'other' ? '' : DESTINATION_WORDS[d][0]);

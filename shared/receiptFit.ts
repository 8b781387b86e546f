/**
 * A receipts file that matches none or almost none of the registrations (issue 18,
 * item 6): next year's cohort, another school's export, the wrong file. Its rows would
 * otherwise be ignored or orphaned without a word while every college gets a 0 % list.
 * Judged by identity (ID number or 学号 of any registration), not by date: a receipt
 * dated after the as-of day is still someone's receipt.
 */
import type { ReceiptRecord } from './receipts.js';

/** Fewer rows than this say nothing about a file (a paper register with two strays is normal). */
const MIN_ROWS = 3;
/** At most this share of rows matching anyone is "almost none". */
const ALMOST_NONE = 0.1;

export interface ReceiptFileFit {
  file: string;
  rows: number;
  /** Rows whose ID number or 学号 is a registration's. */
  matching: number;
  /** The likely cause, in words for the 组织部. */
  cause: string;
}

interface Identity { idNumber: string | null; studentId: string }

/** The most common value, with its count. */
function mostCommon(values: readonly string[]): [string, number] | null {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? null;
}

/** A 学号's entry year when it starts like one (2022…): schools number students by it. */
const yearOf = (sid: string) => (/^(19|20)\d\d/.test(sid) && sid.length >= 8 ? sid.slice(0, 4) : null);

export function receiptFileFit(i: { receipts: readonly ReceiptRecord[]; members: readonly Identity[]; cohort: number }): ReceiptFileFit[] {
  if (!i.members.length) return [];
  const ids = new Set(i.members.map((m) => m.idNumber).filter(Boolean));
  const sids = new Set(i.members.map((m) => m.studentId).filter(Boolean));
  const byFile = new Map<string, ReceiptRecord[]>();
  // The mailbox is one source of single mails, judged mail by mail (unmatched mails are listed).
  for (const r of i.receipts) {
    if (r.mail) continue;
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  const out: ReceiptFileFit[] = [];
  for (const [file, rows] of byFile) {
    if (rows.length < MIN_ROWS) continue;
    const matching = rows.filter((r) => (r.idNumber && ids.has(r.idNumber)) || (r.studentId && sids.has(r.studentId))).length;
    if (matching > rows.length * ALMOST_NONE) continue;
    out.push({ file, rows: rows.length, matching, cause: likelyCause(rows, i.members, i.cohort) });
  }
  return out;
}

function likelyCause(rows: readonly ReceiptRecord[], members: readonly Identity[], cohort: number): string {
  const theirYear = mostCommon(rows.map((r) => yearOf(r.studentId)).filter((y): y is string => y !== null));
  const ourYear = mostCommon(members.map((m) => yearOf(m.studentId)).filter((y): y is string => y !== null));
  if (theirYear && ourYear && theirYear[0] !== ourYear[0] && theirYear[1] * 2 > rows.length) {
    return `回执的学号多以「${theirYear[0]}」开头，登记表多以「${ourYear[0]}」开头：可能是其他届别的回执`;
  }
  // A season runs from June of the cohort year to May of the next.
  const seasonYear = (d: string) => (Number(d.slice(5, 7)) < 6 ? Number(d.slice(0, 4)) - 1 : Number(d.slice(0, 4)));
  const dated = rows.map((r) => r.receiptDate).filter((d): d is string => d !== null);
  const other = dated.filter((d) => seasonYear(d) !== cohort);
  if (dated.length && other.length * 2 > dated.length) {
    const year = mostCommon(other.map((d) => String(seasonYear(d))))![0];
    return `回执日期多在 ${year} 届的转接期内（本次为 ${cohort} 届）：可能是其他届别的导出`;
  }
  return '身份证号、学号都与登记表对不上：可能是其他学校或单位的导出，或放错了文件';
}

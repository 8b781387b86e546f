/**
 * The audit of every college's newest submission: the same rules and findings as
 * `zhuanjie validate`, plus what only the 组织部 sees — 学号 or ID numbers in two colleges'
 * sheets, rows naming another college, a sheet with no members. A submission that cannot
 * be read is that college's finding (with the reason), never a failed run.
 */
import type { WorkBook } from 'xlsx';
import { auditFinding, auditStatus, countSeverities, type AuditFinding, type AuditStatus } from '../../shared/audit.js';
import { markRepeatsAcross } from '../../shared/repeats.js';
import type { Finding } from '../../shared/validate.js';
import type { JobConfig } from '../../shared/config.js';
import type { LoadedConfig } from '../lib/config.js';
import { InputError } from '../lib/errors.js';
import { collegeKey, collegeResolver, type FileValidation } from '../lib/read/load.js';
import { columnOverrides } from '../reconcile/pipeline.js';
import { readSubmission } from './read.js';
import type { Submission, SubmissionStore } from './store.js';

export interface CollegeAudit {
  college: string;
  status: AuditStatus;
  findings: AuditFinding[];
  errors: number;
  warnings: number;
  /** The submission that counts (the newest). */
  submission?: Submission;
  /** How many different sheets the college has submitted. */
  submissions: number;
  firstAt?: string;
  latestAt?: string;
  /** Why the newest submission could not be read. */
  reason?: string;
  /** Members in the sheet; those without any 错误 may get their letters (seed 001: 「审核无误后」). */
  members: number;
  ready: number;
  blocked: number;
  /** Kept for the annotated copy. */
  validation?: FileValidation;
  workbook?: WorkBook;
}

/** Rows whose 学院 names another configured college: that college must submit them. */
function otherCollegeRows(v: FileValidation, own: string, config: JobConfig): AuditFinding[] {
  const resolve = collegeResolver(config.colleges);
  const known = new Set(config.colleges.map((c) => c.name));
  const out: AuditFinding[] = [];
  for (const r of v.records) {
    if (!r.college) continue;
    const named = resolve(r.college, v.file);
    if (known.has(named) && collegeKey(named) !== collegeKey(own)) {
      out.push(auditFinding(r.row, v.columns.college ?? null, 'college', 'OTHER_COLLEGE', { written: r.college, college: named, own }));
    }
  }
  return out;
}

function readyCounts(v: FileValidation, findings: readonly AuditFinding[]): { ready: number; blocked: number } {
  const rows = new Set(v.records.map((r) => r.row));
  const blockedRows = new Set<number>();
  let wholeSheet = false;
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    if (rows.has(f.row)) blockedRows.add(f.row);
    else wholeSheet = true; // a missing required column stops every row
  }
  const blocked = wholeSheet ? rows.size : blockedRows.size;
  return { ready: rows.size - blocked, blocked };
}

export function auditColleges(loaded: LoadedConfig, store: SubmissionStore, all: readonly Submission[], opts: { today: string }): CollegeAudit[] {
  const { config } = loaded;
  const byCollege = store.byCollege(all);
  const global = columnOverrides(config.columns, loaded.file ?? '配置');
  const audits: CollegeAudit[] = [];
  for (const c of config.colleges) {
    const subs = byCollege.get(c.name);
    if (!subs) {
      audits.push({ college: c.name, status: 'missing', findings: [], errors: 0, warnings: 0, submissions: 0, members: 0, ready: 0, blocked: 0 });
      continue;
    }
    const base = { college: c.name, submission: subs.newest, submissions: subs.all.length, firstAt: subs.all[0]!.receivedAt, latestAt: subs.newest.receivedAt };
    try {
      const overrides = new Map([...global, ...columnOverrides(subs.newest.columns ?? {}, `${loaded.file ?? '配置'}（${subs.newest.origin}）`)]);
      const { validation, workbook } = readSubmission(store.path(subs.newest), { settings: config.rules, today: opts.today, overrides });
      const findings: AuditFinding[] = [...validation.findings, ...otherCollegeRows(validation, c.name, config)];
      if (!validation.records.length) findings.push(auditFinding(validation.headerRow, null, null, 'NO_MEMBERS'));
      audits.push({ ...base, status: 'clean', findings, errors: 0, warnings: 0, members: validation.records.length, ready: 0, blocked: 0, validation, workbook });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const findings = [auditFinding(1, null, null, 'UNREADABLE', { reason: err.reason })];
      audits.push({ ...base, status: 'unreadable', reason: err.reason, findings, errors: 1, warnings: 0, members: 0, ready: 0, blocked: 0 });
    }
  }
  // 学号 and ID numbers across colleges, found as repeats across sheets are (shared/repeats.ts):
  // the later college's row names the earlier college and row.
  const readable = audits.filter((a) => a.validation);
  const across = new Map(readable.map((a) => [a.college, [] as Finding[]]));
  markRepeatsAcross(readable.map((a) => ({
    group: a.college, findings: across.get(a.college)!, columns: a.validation!.columns, where: (row: number) => `${a.college}报送的登记表第 ${row} 行`,
    get records() {
      return a.validation!.records;
    },
  })));
  for (const a of readable) {
    const extra = across.get(a.college)!;
    // Stable by row: the 组织部's findings after the rules' in their row.
    a.findings = [...a.findings, ...extra].map((f, i) => ({ f, i })).sort((x, y) => x.f.row - y.f.row || x.i - y.i).map((x) => x.f);
    Object.assign(a, countSeverities(a.findings), readyCounts(a.validation!, a.findings));
    a.status = auditStatus(true, true, a.findings);
  }
  return audits;
}

/** Report workbooks: the full reconciliation report and each college's attachment. */
import { fieldDef, type AnyFieldKey } from '../../shared/fields.js';
import { maskIdNumber } from '../../shared/idNumber.js';
import { COMPLETION_RATE_RULE, STATUS_INFO, STATUSES, completionRate, isUnresolved } from '../../shared/statuses.js';
import type { MemberStatus, ReconcileResult } from '../../shared/reconcile.js';
import { RECEIPT_RULE_TEXT } from '../../shared/receipts.js';
import { reconcileAlerts } from '../../shared/reconcileFindings.js';
import { listWorkbook, type SheetSpec } from '../lib/excel.js';
import type { UnmatchedMail } from '../../shared/mailReceipt.js';
import type { DeliveryRow } from '../lib/mail/courier.js';
import type { Unreadable } from '../lib/read/unreadable.js';
import { collegeRows, sortForAction } from '../../shared/lists.js';
import { MEMBER_NOTE_COLUMNS, type MemberNotes } from '../../shared/memberLists.js';

/** A registration field's column as the catalogue defines it: one header, one width, text or not. */
export const fieldColumn = (key: AnyFieldKey) => {
  const f = fieldDef(key);
  return { header: f.header, width: f.width ?? 12, text: f.textFormat };
};

const MEMBER_COLUMNS = [
  fieldColumn('college'),
  fieldColumn('branch'),
  fieldColumn('name'),
  fieldColumn('studentId'),
  fieldColumn('idNumber'),
  { header: '状态', width: 11 },
  { header: '原因', width: 44 },
  { header: '下一步', width: 44 },
  fieldColumn('transferType'),
  fieldColumn('method'),
  fieldColumn('receivingOrg'),
  fieldColumn('phone'),
  { header: '来源文件', width: 22 },
  { header: '行号', width: 6 },
];
/** What the run knows beside each member: deadlines, 工作日, what the member was told. */
export type NotesOf = (m: MemberStatus) => MemberNotes;
/** The note columns follow 下一步 when the run gives notes. */
const columnsFor = (notes?: NotesOf) => (notes ? [...MEMBER_COLUMNS.slice(0, 8), ...MEMBER_NOTE_COLUMNS, ...MEMBER_COLUMNS.slice(8)] : MEMBER_COLUMNS);
const memberRow = (m: MemberStatus, fullIds: boolean, notes?: NotesOf) => {
  const n = notes?.(m);
  return [
    m.college,
    m.member.branch,
    m.name,
    m.studentId,
    m.member.idText ? (fullIds ? m.member.idText : maskIdNumber(m.member.idText)) : '',
    STATUS_INFO[m.status].label,
    [...m.reasons, ...(n?.reasons ?? [])].join('；'),
    STATUS_INFO[m.status].next,
    ...(n?.cells ?? []),
    m.member.transferTypeText,
    m.member.methodText,
    m.member.receivingOrg,
    m.member.phone,
    m.file,
    m.row,
  ];
};




export interface ReportExtras {
  /** Registrations that could not be read (their members are missing from every count). */
  unreadable?: Unreadable[];
  /** What this run's mail came to: written into the report after sending. */
  deliveries?: DeliveryRow[];
  /** Deadlines, 工作日 and what each member was told (run only). */
  notes?: NotesOf;
  /** The receipt sources used and as of when. */
  sources?: string;
}

export async function buildReport(result: ReconcileResult, opts: { fullIds: boolean; unmatchedMail?: readonly UnmatchedMail[] } & ReportExtras): Promise<Buffer> {
  // A person registered twice is one row here (the 重复登记 sheet lists both places).
  const counted = result.members.filter((m) => m.counted !== false);
  const unresolved = sortForAction(counted.filter((m) => isUnresolved(m.status)));
  const sheets: SheetSpec[] = [];
  sheets.push({
    name: '未完成名单',
    title: `截至 ${result.asOf} 组织关系转接未完成的毕业生党员（${result.cohort} 届）`,
    columns: columnsFor(opts.notes),
    rows: unresolved.map((m) => memberRow(m, opts.fullIds, opts.notes)),
  });
  sheets.push({
    name: STATUS_INFO.mismatch.label,
    columns: columnsFor(opts.notes),
    rows: sortForAction(counted.filter((m) => m.status === 'mismatch')).map((m) => memberRow(m, opts.fullIds, opts.notes)),
  });
  if (result.repeats.length) {
    sheets.push({
      name: '重复登记',
      title: '以下党员在两处登记，每人只计一次（计入前一处）',
      columns: [fieldColumn('name'), { header: '依据', width: 12 }, { header: '计入的学院', width: 22 }, { header: '计入的文件', width: 22 }, { header: '行号', width: 6 }, { header: '重复的学院', width: 22 }, { header: '重复的文件', width: 22 }, { header: '行号', width: 6 }],
      rows: result.repeats.map((p) => [p.first.name, `${p.by}相同`, p.first.college, p.first.file, p.first.row, p.repeat.college, p.repeat.file, p.repeat.row]),
    });
  }
  const alerts = reconcileAlerts(result);
  if (alerts.length) {
    sheets.push({
      name: '需核对的问题',
      columns: [{ header: '问题', width: 60 }, { header: '内容', width: 90 }],
      rows: alerts.flatMap((a) => a.items.map((i) => [a.head, i])),
    });
  }
  sheets.push({
    name: '无对应登记的回执',
    columns: [
      fieldColumn('name'), fieldColumn('studentId'), fieldColumn('idNumber'),
      fieldColumn('receivingOrg'), fieldColumn('receiptDate'), fieldColumn('source'),
      { header: '状态', width: 10 }, { header: '来源文件', width: 22 }, { header: '行号', width: 6 },
    ],
    // E-mailed receipts without a registration are listed once, with the mails (无法对应的回执邮件).
    rows: result.orphans.filter((r) => !r.mail).map((r) => [
      r.name, r.studentId, r.idText ? (opts.fullIds ? r.idText : maskIdNumber(r.idText)) : '', r.receivingOrg,
      r.receiptDate ?? '', r.source, r.statusText, r.file, r.row,
    ]),
  });
  if (result.receiptFiles.length) {
    // Which rule made a row a receipt, per file: the fail-closed reading, explained.
    sheets.push({
      name: '回执文件',
      columns: [{ header: '来源文件', width: 26 }, { header: '工作表', width: 12 }, { header: '表头行', width: 8 }, { header: '回执行数', width: 9 }, { header: '判断依据', width: 60 }, { header: '跳过的行', width: 40 }],
      rows: result.receiptFiles.map((f) => [f.file, f.sheet, f.headerRow, f.rows, RECEIPT_RULE_TEXT[f.rule], f.skippedRows.map((r) => `第${r.row}行${r.reason}`).join('；')]),
    });
  }
  if (opts.unmatchedMail?.length) sheets.push(unmatchedMailSheet(opts.unmatchedMail));
  if (result.unusable.length) {
    sheets.push({
      name: '身份不可用',
      columns: [{ header: '学院', width: 22 }, { header: '姓名', width: 10 }, { header: '原因', width: 40 }, { header: '来源文件', width: 22 }, { header: '行号', width: 6 }],
      rows: result.unusable.map((u) => [u.college, u.name, u.reason, u.file, u.row]),
    });
  }
  if (opts.unreadable?.length) {
    sheets.push({
      name: '无法读取的文件',
      title: '以下登记表无法读取，其中的党员未计入本报告',
      columns: [{ header: '文件', width: 40 }, { header: '学院', width: 22 }, { header: '原因', width: 60 }],
      rows: opts.unreadable.map((u) => [u.file, u.college ?? '', u.reason]),
    });
  }
  if (result.skippedSheets.length) {
    sheets.push({
      name: '未读取的工作表',
      title: '以下工作表像是登记表但没有读取，其中若有党员，未计入本报告',
      columns: [{ header: '文件', width: 40 }, { header: '工作表', width: 22 }, { header: '原因', width: 60 }],
      rows: result.skippedSheets.map((k) => [k.file, k.sheet, k.reason]),
    });
  }
  if (opts.deliveries) {
    sheets.push({
      name: '发送结果',
      columns: [{ header: '时间（北京时间）', width: 20 }, { header: '学院', width: 22 }, { header: '收件人', width: 40 }, { header: '结果', width: 12 }, { header: '说明', width: 60 }],
      rows: opts.deliveries.map((d) => [d.at, d.label, d.recipients.join(', '), d.result, d.detail]),
    });
  }
  const s = result.summary;
  sheets.push({
    name: '汇总',
    columns: [{ header: '学院', width: 24 }, { header: '登记人数', width: 10 }, ...STATUSES.map((k) => ({ header: STATUS_INFO[k].label, width: 11 })), { header: '完成率', width: 9 }],
    rows: [
      ...collegeRows(s).map(([college, c]) => [college, c.total, ...STATUSES.map((k) => c[k]), completionRate(c).text]),
      ['合计', s.total, ...STATUSES.map((k) => s.byStatus[k]), completionRate({ ...s.byStatus, total: s.total }).text],
      [],
      [COMPLETION_RATE_RULE],
      ...(opts.sources ? [[opts.sources]] : []),
    ],
  });
  return listWorkbook(sheets);
}


/** One college's unresolved members, attached to its reminder. */
export async function buildCollegeAttachment(college: string, members: readonly MemberStatus[], asOf: string, opts: { fullIds: boolean; notes?: NotesOf }): Promise<Buffer> {
  return listWorkbook([{
    name: '未完成名单',
    title: `${college}：截至 ${asOf} 组织关系转接未完成的毕业生党员`,
    columns: columnsFor(opts.notes),
    rows: sortForAction(members).map((m) => memberRow(m, opts.fullIds, opts.notes)),
  }]);
}

/** 回执 e-mails nobody could be matched to (jobs/inbox/unmatched.ts: one list, one definition). */
function unmatchedMailSheet(unmatched: readonly UnmatchedMail[]): SheetSpec {
  return {
    name: '无法对应的回执邮件',
    columns: [
      { header: '邮件日期', width: 12 }, { header: '发件人', width: 30 }, { header: '主题', width: 36 }, { header: '姓名', width: 10 },
      fieldColumn('studentId'), { header: '附件', width: 24 }, { header: '原因', width: 50 },
    ],
    rows: unmatched.map((u) => [u.date, u.from, u.subject, u.name, u.studentId, u.attachments, u.reason]),
  };
}

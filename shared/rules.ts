/**
 * The registration-table rules, one small named function each, with the source it
 * comes from. Each reads the normalised member (shared/member.ts) and reports through
 * `push`; `failed` holds the fields that already have a finding in this row, so no
 * rule reads back what another wrote. validate.ts runs them all in one pass, then each
 * rule's `finish` for what needs every row (repeated 学号 and ID numbers).
 */
import { FIELD_KEYS, type FieldKey } from './fields.js';
import type { ArgsParam, CodeWithArgs, FindingCode } from './messages.js';
import { addDays, codePoints, isEmail, latestDayOf } from './normalize.js';
import { isUndecidedOrg, transferTypeLabels } from './enums.js';
import { FIELD_INDEX, fieldBit, type MemberRecord, type RowRead } from './member.js';
import type { RuleSettings } from './settings.js';

/** Reports a finding in this row; the arguments are those the code's message reads (messages.ts). */
export type Push = <C extends FindingCode>(field: FieldKey | null, code: C, ...args: ArgsParam<C>) => void;

/** One row as the rules see it: the reader's findings about the row, and what the rules add. */
export interface RowCheck extends Pick<RowRead, 'id' | 'phoneOk' | 'filled' | 'errored' | 'cells'> {
  m: MemberRecord;
  /** Fields that already carry a finding in this row (a bit mask, like `filled`). */
  failed: number;
  push: Push;
}

/** What holds for the whole sheet: settings, today, the columns present, rows seen so far. */
export interface SheetState {
  settings: RuleSettings;
  today: string;
  /** The fields the sheet has a column for. */
  present: readonly FieldKey[];
  requiredPresent: readonly FieldKey[];
  /** The bits of requiredPresent, in its order. */
  requiredBits: readonly number[];
  codeLengths: ReadonlySet<number>;
  typeLabels: string;
  /** Values checked for repeats once every row has been seen. */
  studentIds: Repeats;
  idNumbers: Repeats;
  /** Verdicts on one cell's text, each decided once per distinct text in the sheet. */
  headerVerdict: VerdictPerText<HeaderProblem | null>;
  orgIsCommittee: VerdictPerText<boolean>;
}

export function sheetState(settings: RuleSettings, today: string, present: ReadonlySet<FieldKey>, required: readonly FieldKey[]): SheetState {
  const requiredPresent = required.filter((k) => present.has(k));
  return {
    settings, today,
    present: FIELD_KEYS.filter((k) => present.has(k)),
    requiredPresent,
    requiredBits: requiredPresent.map(fieldBit),
    codeLengths: new Set(settings.orgCodeLengths),
    typeLabels: transferTypeLabels(settings).join('」「'),
    studentIds: new Repeats(),
    idNumbers: new Repeats(),
    headerVerdict: new VerdictPerText(),
    orgIsCommittee: new VerdictPerText(),
  };
}

/** Rows a sheet can have (Excel: 1,048,576) fit below this: a value's index shares a double with its hash. */
const INDEX_SPAN = 2 ** 21;

/**
 * Values of one column (学号, ID numbers), checked for repeats after the pass. During the
 * pass a row only appends its value's hash to a typed array; afterwards the array is
 * sorted and equal hashes are compared by value. A map of 100,000 strings probed in
 * every row costs a cache miss per row on this hardware (bench: rules at 100,000 rows).
 */
export class Repeats {
  /** hash × INDEX_SPAN + index: sorting orders by hash, then by row. */
  private keys = new Float64Array(1024);
  private readonly values: string[] = [];
  private readonly rows: number[] = [];

  add(value: string, row: number): void {
    const i = this.values.length;
    if (i === this.keys.length) {
      const grown = new Float64Array(i * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[i] = (fnv1a(value) >>> 0) * INDEX_SPAN + (i % INDEX_SPAN);
    this.values.push(value);
    this.rows.push(row);
  }

  /** Every row whose value was seen before, with the value's first row, in row order. */
  repeats(): { row: number; first: number }[] {
    const n = this.values.length;
    const out: { row: number; first: number }[] = [];
    if (n > INDEX_SPAN) {
      // More rows than any sheet holds: a plain map, slower but exact.
      const first = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const f = first.get(this.values[i]!);
        if (f === undefined) first.set(this.values[i]!, this.rows[i]!);
        else out.push({ row: this.rows[i]!, first: f });
      }
      return out;
    }
    const keys = this.keys.subarray(0, n).sort();
    for (let a = 0; a < n; ) {
      const hash = Math.floor(keys[a]! / INDEX_SPAN);
      let b = a + 1;
      while (b < n && Math.floor(keys[b]! / INDEX_SPAN) === hash) b++;
      if (b - a > 1) {
        // Equal hashes, in row order: equal values among them are repeats of the first.
        const first = new Map<string, number>();
        for (let k = a; k < b; k++) {
          const i = keys[k]! % INDEX_SPAN;
          const f = first.get(this.values[i]!);
          if (f === undefined) first.set(this.values[i]!, this.rows[i]!);
          else out.push({ row: this.rows[i]!, first: f });
        }
      }
      a = b;
    }
    return out.sort((x, y) => x.row - y.row);
  }
}

/** FNV-1a over UTF-16 units: a well-spread 32-bit hash of a short string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Verdicts about one cell's text, kept per text: a sheet writes the same few letter headers
 * and organisations in hundreds of rows (bench: rules). Stops keeping at a bound, so a
 * column of all-different values costs a lookup, never unbounded memory.
 */
export class VerdictPerText<T> {
  private readonly kept = new Map<string, T>();
  get(text: string, s: SheetState, decide: (text: string, s: SheetState) => T): T {
    let v = this.kept.get(text);
    if (v === undefined) {
      v = decide(text, s);
      if (this.kept.size < 4096) this.kept.set(text, v);
    }
    return v;
  }
}

/** A finding about a row, reported once every row has been seen. */
export type RowPush = <C extends FindingCode>(row: number, field: FieldKey, code: C, ...args: ArgsParam<C>) => void;

export interface Rule {
  name: string;
  /** Where the rule comes from, in a few words. */
  source: string;
  /**
   * Rules whose findings this one reads (through `failed`): it must run after them.
   * ROW_RULES is checked against this when the module loads.
   */
  after?: readonly Rule[];
  check(r: RowCheck, s: SheetState): void;
  /** After the last row: findings that need every row (repeats). Listed in the row, at the rule's place. */
  finish?(s: SheetState, push: RowPush): void;
}

/** Words that make a receiving unit a 党委 or 党总支 rather than a 党支部 (seed 001: 京内转接“不能是党委或党总支”). */
const NOT_BRANCH_SUFFIX = /(?:党委|党总支|总支部委员会|总支|党工委|工作委员会)$/;
const COMMITTEE_SUFFIX = /委员会$/;
const BRANCH_SUFFIX = /(?:党支部|支部委员会|支部)$/;
/** A 党支部 or 党总支 can never be the letter header (seed 004 第八条). */
const HEADER_BRANCH = /(?:党支部|党总支|支部委员会|总支部委员会|党小组)$/;
const NAME_CHARS = /^[\p{Script=Han}A-Za-z·. ]+$/u;
const PAPER_FIELDS = ['letterHeader', 'letterNo', 'issueDate', 'validDays'] as const;
const PAPER_BITS = PAPER_FIELDS.map(fieldBit);

// The bits the rules test, named once.
const B = {
  name: fieldBit('name'), gender: fieldBit('gender'), memberType: fieldBit('memberType'), transferType: fieldBit('transferType'),
  method: fieldBit('method'), probationForm: fieldBit('probationForm'), email: fieldBit('email'), joinDate: fieldBit('joinDate'),
  issueDate: fieldBit('issueDate'), duesPaidThrough: fieldBit('duesPaidThrough'), validDays: fieldBit('validDays'), orgCode: fieldBit('orgCode'),
} as const;

const includesAny = (s: string, words: readonly string[]) => words.some((w) => s.includes(w));

/**
 * Before the rules: a formula error (#N/A from a VLOOKUP, #REF!) says nothing about the
 * member. It is reported once, on its cell, and the cell is checked no further (the
 * rules skip fields in `errored`).
 */
export const cellErrorValues: Rule = {
  name: 'cellErrorValues',
  source: 'Excel 公式错误值不是党员信息：单独报出，不再按“必填”等规则检查',
  check({ errored, cells, push }, s) {
    if (!errored) return;
    for (const k of s.present) if (errored & fieldBit(k)) push(k, 'CELL_ERROR_VALUE', { value: cells[FIELD_INDEX[k]]!.written });
  },
};

/** The findings that say a cell must be filled in: on a cell marked 「/」「无」… the mark is the problem. */
const MUST_FILL = new Set<FindingCode>(['REQUIRED', 'REQUIRED_FOR_PAPER', 'ORG_CODE_REQUIRED']);

/**
 * Beside the rules, on every finding: a must-fill finding on a cell the secretary marked
 * not applicable becomes MARKED_NOT_APPLICABLE, which quotes the mark and the reason the
 * cell is needed. Null when the finding stands as it is.
 */
export function markedNotApplicable(code: FindingCode, why: string, mark: string): CodeWithArgs<'MARKED_NOT_APPLICABLE'> | null {
  return MUST_FILL.has(code) ? { code: 'MARKED_NOT_APPLICABLE', args: { mark, why } } : null;
}

export const requiredCells: Rule = {
  name: 'requiredCells',
  source: '登记表必填列；升学待定（seed 001）和出国（境）保留在校者可不填接收党组织',
  check({ m, filled, errored, push }, s) {
    const bits = s.requiredBits;
    for (let j = 0; j < bits.length; j++) {
      if ((filled | errored) & bits[j]!) continue;
      const k = s.requiredPresent[j]!;
      if (k === 'receivingOrg' && (m.undecidedStudy || m.staysAtSchool)) continue;
      push(k, 'REQUIRED');
    }
  },
};

export const nameFormat: Rule = {
  name: 'nameFormat',
  source: '姓名为 2–30 个汉字或字母，少数民族姓名可含间隔号',
  check({ m, filled, push }) {
    if (!(filled & B.name)) return;
    const len = codePoints(m.name);
    if (len < 2 || len > 30 || !NAME_CHARS.test(m.name)) push('name', 'NAME_FORMAT');
  },
};

export const studentIdOnce: Rule = {
  name: 'studentIdOnce',
  source: '同一学号只能登记一次',
  check({ m }, s) {
    if (m.studentId) s.studentIds.add(m.studentId, m.row);
  },
  finish(s, push) {
    for (const { row, first } of s.studentIds.repeats()) push(row, 'studentId', 'STUDENT_ID_DUPLICATE', { firstRow: first });
  },
};

export const idNumberValid: Rule = {
  name: 'idNumberValid',
  source: 'GB 11643-1999 公民身份号码；同一号码只能登记一次',
  check({ m, id, push }, s) {
    if (!id) return;
    if (!id.ok) {
      // The check typed code and arguments together; the generic push cannot see that.
      (push as (field: FieldKey, code: FindingCode, args?: object) => void)('idNumber', id.code, id.args);
      return;
    }
    s.idNumbers.add(id.value, m.row);
  },
  finish(s, push) {
    for (const { row, first } of s.idNumbers.repeats()) push(row, 'idNumber', 'ID_DUPLICATE', { firstRow: first });
  },
};

export const genderMatchesId: Rule = {
  name: 'genderMatchesId',
  source: 'GB 11643：顺序码奇数为男、偶数为女（15 位旧号码看最后一位）',
  check({ m, id, filled, push }) {
    if (!(filled & B.gender)) return;
    if (!m.gender) push('gender', 'GENDER_INVALID');
    else if (id?.gender && m.gender !== id.gender) push('gender', 'GENDER_MISMATCH', { expected: id.gender });
  },
};

export const enumeratedValues: Rule = {
  name: 'enumeratedValues',
  source: '党员类别、转接类型（seed 001：院内/京内/京外）、办理方式、考察表的取值',
  check({ m, filled, push }, s) {
    if (filled & B.memberType && !m.memberType) push('memberType', 'MEMBER_TYPE_INVALID');
    if (filled & B.transferType && !m.transferType) push('transferType', 'TRANSFER_TYPE_INVALID', { choices: s.typeLabels });
    if (filled & B.method && !m.method) push('method', 'METHOD_INVALID');
    if (filled & B.probationForm && !m.probationForm) push('probationForm', 'PROBATION_FORM_INVALID');
  },
};

export const contacts: Rule = {
  name: 'contacts',
  source: '手机 11 位或固定电话区号-号码；电子邮箱格式',
  check({ m, phoneOk, filled, push }) {
    if (!phoneOk) push('phone', 'PHONE_INVALID');
    if (filled & B.email && !isEmail(m.email)) push('email', 'EMAIL_INVALID');
  },
};

export const dates: Rule = {
  name: 'dates',
  source: '入党时间不晚于今天；介绍信不早于入党',
  check({ m, filled, push }, s) {
    if (filled & B.joinDate && !m.joinDate) push('joinDate', 'DATE_INVALID');
    if (m.joinDate && m.joinDate > s.today) push('joinDate', 'JOIN_DATE_FUTURE', { date: m.joinDate });
    if (filled & B.issueDate && !m.issueDate) push('issueDate', 'DATE_INVALID');
    if (m.joinDate && m.issueDate && m.issueDate < m.joinDate && m.joinDate <= s.today) push('issueDate', 'ISSUE_BEFORE_JOIN', { joinDate: m.joinDate });
  },
};

export const duesAndValidity: Rule = {
  name: 'duesAndValidity',
  source: '党费交至为月份；有效期为天数，最长见设置（seed 003：一般 90 天）',
  check({ m, filled, push }, s) {
    if (filled & B.duesPaidThrough && !m.duesMonth) push('duesPaidThrough', 'MONTH_INVALID');
    const max = s.settings.maxValidDays;
    if (filled & B.validDays && (m.validDays === null || m.validDays < 1 || m.validDays > max)) push('validDays', 'VALID_DAYS_INVALID', { max });
  },
};

export const orgCodeFormat: Rule = {
  name: 'orgCodeFormat',
  source: '组织编码为 10 位（seed 000：支部编码）或 12 位（seed 002：党员E先锋）数字；Excel 丢掉的前导 0（只在单元格是数字时才这样推断）',
  check({ m, push }, s) {
    if (m.orgCode === '') return;
    // 升学 with no branch yet: 「待定」 in the code column says the same as in the organisation's.
    if (m.undecidedStudy && isUndecidedOrg(m.orgCode)) return;
    const digits = codeDigits(m.orgCode);
    // A text code one digit short was typed short: no fix is invented for it.
    if (m.orgCodeWasNumber && digits > 0 && !s.codeLengths.has(digits) && s.codeLengths.has(digits + 1)) push('orgCode', 'ORG_CODE_LOST_ZERO', { fixed: `0${m.orgCode.replace(/[\s-]/g, '')}` });
    else if (!s.codeLengths.has(digits)) push('orgCode', 'ORG_CODE_FORMAT', { lengths: s.settings.orgCodeLengths.join(' 或 ') });
  },
};

/**
 * The number of digits in a code written with any spaces and hyphens, or -1 when
 * anything else is in it. A loop, not a regex and a copy: codes are in most rows (bench: rules).
 */
function codeDigits(code: string): number {
  let n = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if (c !== 45 && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0x3000) return -1;
  }
  return n;
}

/** The full name of a 党总支 ends like a branch's (…总支部委员会): it is checked first. */
const GENERAL_BRANCH = /(?:总支部委员会|总支部|党总支)$/;

/** A 党委 or 党总支 (…委员会 that is no 支部委员会, …总支部委员会), not a 党支部. */
const isCommittee = (org: string): boolean =>
  GENERAL_BRANCH.test(org) || (!BRANCH_SUFFIX.test(org) && (NOT_BRANCH_SUFFIX.test(org) || COMMITTEE_SUFFIX.test(org)));

export const inRegionNeedsBranch: Rule = {
  name: 'inRegionNeedsBranch',
  source: 'seed 001：京内转接“不能是党委或党总支，建议输入党支部编码”',
  check({ m, filled, push }, s) {
    if (m.transferType !== 'inRegion' || m.undecidedStudy) return;
    const org = m.receivingOrg;
    const inRegion = s.settings.region.inRegion;
    if (org && s.orgIsCommittee.get(org, s, isCommittee)) push('receivingOrg', 'IN_REGION_NOT_BRANCH', { inRegion });
    if (!(filled & B.orgCode)) push('orgCode', 'ORG_CODE_REQUIRED', { inRegion });
  },
};

export const paperLetterFields: Rule = {
  name: 'paperLetterFields',
  source: 'seed 000/001：院内、京内一律线上；纸质介绍信只用于未接入全国系统的京外单位，且各联信息齐全',
  check({ m, filled, push }, s) {
    if (m.method !== 'paper') return;
    if (m.transferType === 'internal' || m.transferType === 'inRegion') {
      push('method', 'PAPER_NOT_ALLOWED', { type: m.transferTypeText });
      return;
    }
    for (let j = 0; j < PAPER_FIELDS.length; j++) if (!(filled & PAPER_BITS[j]!)) push(PAPER_FIELDS[j]!, 'REQUIRED_FOR_PAPER');
    const names = `${m.receivingOrg} ${m.letterHeader} ${m.destinationUnit}`;
    if (m.transferType === 'outOfRegion' && !includesAny(names, s.settings.offNetworkKeywords)) push('method', 'PAPER_ON_NETWORK');
  },
};

export const letterHeaderAuthority: Rule = {
  name: 'letterHeaderAuthority',
  source: 'seed 000/003/004：抬头须为有接转权限的党委、组织部（处）或工委，不能是党支部、党总支',
  check({ m, push }, s) {
    if (m.letterHeader === '') return;
    const code = s.headerVerdict.get(m.letterHeader, s, headerProblem);
    if (code) push('letterHeader', code);
  },
};

type HeaderProblem = 'HEADER_IS_BRANCH' | 'HEADER_UNRECOGNISED';

function headerProblem(h: string, s: SheetState): HeaderProblem | null {
  if (HEADER_BRANCH.test(h)) return 'HEADER_IS_BRANCH';
  return includesAny(h, s.settings.letterHeaderKeywords) ? null : 'HEADER_UNRECOGNISED';
}

export const probationaryMember: Rule = {
  name: 'probationaryMember',
  // An unreadable 考察表 answer is already an error: no second finding that it is missing.
  after: [enumeratedValues],
  source: 'seed 002：预备党员须提供盖章的《预备党员考察表》；预备期满一年应先讨论转正',
  check({ m, failed, push }) {
    if (m.memberType !== 'probationary') return;
    if (m.probationForm !== 'yes' && !(failed & B.probationForm)) push('probationForm', 'PROBATION_FORM_MISSING');
    if (m.joinDate && m.issueDate) {
      // A join month counts from its last day: never call a probation over on a guess.
      const due = addDays(latestDayOf(m.joinDate), 365);
      if (due <= m.issueDate) push('memberType', 'PROBATION_OVER', { date: due });
    }
  },
};

export const duesMonthOfIssue: Rule = {
  name: 'duesMonthOfIssue',
  source: 'seed 000：党费交至开具介绍信当月（或学校统一的月份）',
  check({ m, push }, s) {
    if (!m.duesMonth) return;
    const fixed = s.settings.fixedDuesMonth;
    // YYYY-MM against YYYY-MM-DD by prefix: no string cut per row.
    if (fixed !== null ? m.duesMonth !== fixed : m.issueDate !== null && !m.issueDate.startsWith(m.duesMonth)) {
      push('duesPaidThrough', 'DUES_MONTH_MISMATCH', { expected: fixed ?? m.issueDate!.slice(0, 7), actual: m.duesMonth });
    }
  },
};

export const destinations: Rule = {
  name: 'destinations',
  source: 'seed 001：未落实去向者转到人才交流中心、街道社区等；升学尚无支部者可 9 月办理',
  check({ m, push }, s) {
    if (m.destination === 'unplaced' && m.receivingOrg !== '' && !includesAny(m.receivingOrg, s.settings.unplacedOrgKeywords)) push('receivingOrg', 'UNPLACED_ORG');
    if (m.undecidedStudy) push('receivingOrg', 'FURTHER_STUDY_UNDECIDED');
  },
};

/** Throws when a rule is listed before a rule it reads: the order is a contract, not an accident. */
function inDependencyOrder(rules: readonly Rule[]): readonly Rule[] {
  rules.forEach((rule, i) => {
    for (const dep of rule.after ?? []) {
      const at = rules.indexOf(dep);
      if (at < 0 || at > i) throw new Error(`Rule ${rule.name} reads ${dep.name}, which must run before it.`);
    }
  });
  return rules;
}

/** Every row rule, in the order their findings are listed. */
export const ROW_RULES: readonly Rule[] = inDependencyOrder([
  cellErrorValues, requiredCells, nameFormat, studentIdOnce, idNumberValid, genderMatchesId, enumeratedValues, contacts, dates,
  duesAndValidity, orgCodeFormat, inRegionNeedsBranch, paperLetterFields, letterHeaderAuthority, probationaryMember,
  duesMonthOfIssue, destinations,
]);

export { inDependencyOrder };

/**
 * The field catalogue: one place for every column the project understands, its
 * canonical Chinese header and the header synonyms seen in real registration
 * tables and receipt exports (seeds 000–003, ../shared/fixtures).
 */

export type FieldKind =
  | 'text'
  | 'name'
  | 'id'
  | 'date'
  | 'month'
  | 'int'
  | 'code'
  | 'phone'
  | 'email'
  | 'enum';

export interface FieldDef {
  readonly key: string;
  readonly header: string;
  readonly synonyms: readonly string[];
  readonly kind: FieldKind;
  /** Cells Excel must keep as text (long digit strings lose digits or zeros). */
  readonly textFormat?: boolean;
  /** Choices offered as a dropdown in the template. */
  readonly choices?: readonly string[];
  readonly width?: number;
}

const def = <K extends string>(key: K, header: string, kind: FieldKind, synonyms: string[] = [], extra: Partial<FieldDef> = {}) =>
  ({ key, header, kind, synonyms, ...extra }) as FieldDef & { key: K };

/** Registration-table fields, in the order of the standard template. */
export const REGISTRATION_FIELDS = [
  def('college', '学院', 'text', ['学院党委', '所在党委', '分党委', '所在学院', '院系', '二级党委', '党委'], { width: 22 }),
  def('branch', '所在党支部', 'text', ['党支部', '支部', '所在支部', '支部名称'], { width: 28 }),
  def('name', '姓名', 'name', ['党员姓名'], { width: 10 }),
  def('gender', '性别', 'enum', [], { choices: ['男', '女'], width: 6 }),
  def('ethnicity', '民族', 'text', [], { width: 8 }),
  def('studentId', '学号', 'code', ['学生证号'], { textFormat: true, width: 14 }),
  def('idNumber', '身份证号', 'id', ['公民身份号码', '身份证号码', '身份证', '证件号码', '公民身份证号'], { textFormat: true, width: 21 }),
  def('memberType', '党员类别', 'enum', ['党员类型', '党员身份'], { choices: ['正式党员', '预备党员'], width: 10 }),
  def('joinDate', '入党时间', 'date', ['入党日期', '入党年月'], { width: 12 }),
  def('transferType', '转接类型', 'enum', ['转移类别', '转出类型', '转接类别', '转移类型', '转出类别'], { width: 10 }),
  def('method', '办理方式', 'enum', ['转接方式', '介绍信类型', '开具方式'], { choices: ['线上', '纸质介绍信'], width: 12 }),
  def('letterHeader', '介绍信抬头', 'text', ['抬头'], { width: 26 }),
  def('receivingOrg', '接收党组织', 'text', ['接收党支部', '去处', '所往基层党委', '转入党组织', '接收单位党组织', '转往党组织'], { width: 32 }),
  def('orgCode', '组织编码', 'code', ['支部编码', '党组织编码', '组织代码', '组织ID', '党组织代码'], { textFormat: true, width: 15 }),
  def('destination', '毕业去向', 'enum', ['去向', '毕业去向类别'], { choices: ['就业', '升学', '未落实', '出国(境)', '参军'], width: 10 }),
  def('destinationUnit', '去向单位', 'text', ['就业单位', '工作单位', '升学学校', '去向单位名称'], { width: 24 }),
  def('letterNo', '介绍信编号', 'text', ['编号'], { width: 12 }),
  def('issueDate', '开具日期', 'date', ['介绍信开具日期', '开具时间', '开信日期'], { width: 12 }),
  def('validDays', '有效期', 'int', ['有效天数', '有效期天数'], { width: 8 }),
  def('duesPaidThrough', '党费交至', 'month', ['党费交到', '党费交纳至', '党费缴纳至', '党费已交到'], { width: 11 }),
  def('probationForm', '预备党员考察表', 'enum', ['考察表', '预备党员考察表情况'], { choices: ['已提供', '未提供'], width: 14 }),
  def('phone', '联系电话', 'phone', ['手机号', '手机号码', '电话', '手机', '联系方式'], { textFormat: true, width: 15 }),
  def('email', '电子邮箱', 'email', ['邮箱', 'email', 'e-mail', '电子邮件'], { width: 22 }),
  def('remarks', '备注', 'text', [], { width: 20 }),
] as const;

/** Receipt-export fields beyond the identity fields shared with registrations. */
export const RECEIPT_ONLY_FIELDS = [
  def('receiptDate', '回执日期', 'date', ['报到日期', '接收日期', '报到时间', '回执时间', '接收时间']),
  def('source', '来源', 'text', ['回执来源', '数据来源']),
  def('status', '状态', 'text', ['转接状态', '办理状态', '回执状态']),
] as const;

export type FieldKey = (typeof REGISTRATION_FIELDS)[number]['key'];
export type ReceiptOnlyKey = (typeof RECEIPT_ONLY_FIELDS)[number]['key'];
export type AnyFieldKey = FieldKey | ReceiptOnlyKey;

export const FIELD_KEYS = REGISTRATION_FIELDS.map((f) => f.key) as FieldKey[];
const ALL = [...REGISTRATION_FIELDS, ...RECEIPT_ONLY_FIELDS] as FieldDef[];
const BY_KEY = new Map<string, FieldDef>(ALL.map((f) => [f.key, f]));

export function fieldDef(key: AnyFieldKey): FieldDef {
  return BY_KEY.get(key)!;
}

export function fieldLabel(key: string): string {
  return BY_KEY.get(key)?.header ?? key;
}

/** Columns that every registration table must have (rule 1 of the core issue). */
export const REQUIRED_FIELDS: readonly FieldKey[] = [
  'college', 'branch', 'name', 'studentId', 'idNumber', 'memberType', 'transferType',
  'method', 'receivingOrg', 'destination', 'duesPaidThrough', 'phone',
];

/** Receipt tables need a name and at least one identity key. */
export const RECEIPT_FIELDS: readonly AnyFieldKey[] = ['name', 'idNumber', 'studentId', 'receivingOrg', 'receiptDate', 'source', 'status'];

/** Headers that are common in real tables and carry nothing to check. */
export const IGNORED_HEADERS: readonly string[] = ['序号', '编号序号', 'no', '#'];

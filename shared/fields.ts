/**
 * The field catalogue: one place for every column the project understands — its
 * canonical Chinese header, the header wordings people write for it, and for the
 * enumerated columns the value wordings they type. The seeds' own forms use several
 * wordings for one column (seed 003: 「转入单位党组织」 is the letter header, 「具体接收的
 * 党支部名称」 the receiving branch; seed 000: 「支部编码（10位数字）」); headers are
 * recognised by meaning in shared/headers.ts, values in shared/enums.ts.
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
  /** Other headers for this column, compared after normalisation (shared/headers.ts). */
  readonly synonyms: readonly string[];
  /**
   * Headers that mean this field only when no other column does: 政治面貌 (中共党员 /
   * 中共预备党员) gives the member type where there is no 党员类别 column.
   */
  readonly fallbacks?: readonly string[];
  /**
   * Generic words that name this field only as the whole header: 「编号」 is the letter's
   * number, but 学生编号 or 团员编号 (seed 002) is not.
   */
  readonly wholeOnly?: readonly string[];
  readonly kind: FieldKind;
  /** Cells Excel must keep as text (long digit strings lose digits or zeros). */
  readonly textFormat?: boolean;
  /** Choices offered as a dropdown in the template. */
  readonly choices?: readonly string[];
  readonly width?: number;
  /** The unit a number in this column is in, shown in the template's header cell (read back as the same field). */
  readonly unit?: string;
}

const def = <K extends string>(key: K, header: string, kind: FieldKind, synonyms: string[] = [], extra: Partial<FieldDef> = {}) =>
  ({ key, header, kind, synonyms, ...extra }) as FieldDef & { key: K };

/** Registration-table fields, in the order of the standard template. */
export const REGISTRATION_FIELDS = [
  def('college', '学院', 'text', ['学院党委', '所在党委', '分党委', '所在学院', '院系', '所在院系', '二级党委', '党委', '基层党委', '所属党委', '所属学院', '学院(系)'], { width: 22 }),
  def('branch', '所在党支部', 'text', ['党支部', '支部', '所在支部', '支部名称', '所属党支部', '所属支部', '原党支部', '转出党支部', '转出党组织', '转出组织', '原所在党支部'], { width: 28 }),
  def('name', '姓名', 'name', ['党员姓名', '学生姓名', '毕业生姓名', '名字'], { width: 10 }),
  def('gender', '性别', 'enum', [], { choices: ['男', '女'], width: 6 }),
  def('ethnicity', '民族', 'text', [], { width: 8 }),
  def('studentId', '学号', 'code', ['学生证号', '学籍号', '学工号', '学生编号'], { textFormat: true, width: 14 }),
  def('idNumber', '身份证号', 'id', ['公民身份号码', '身份证号码', '身份证', '证件号码', '公民身份证号', '身份证件号', '身份证件号码', '证件号'], { textFormat: true, width: 21 }),
  def('memberType', '党员类别', 'enum', ['党员类型', '党员身份', '党员性质', '正式/预备', '正式或预备', '正式党员/预备党员'], {
    // 「转正情况」 answered 已转正 / 未转正; whole headers only, so 转正时间 (a date) is not taken for it.
    wholeOnly: ['转正情况', '转正'], fallbacks: ['政治面貌'], choices: ['正式党员', '预备党员'], width: 10 }),
  def('joinDate', '入党时间', 'date', ['入党日期', '入党年月', '入党时间(年月日)', '加入党组织时间'], { width: 12 }),
  def('transferType', '转接类型', 'enum', ['转移类别', '转出类型', '转接类别', '转移类型', '转出类别', '转接范围', '转移范围', '转出范围', '组织关系转接类型', '院内/京内/京外', '京内/京外'], { width: 10 }),
  def('method', '办理方式', 'enum', ['转接方式', '介绍信类型', '开具方式', '转移方式', '转接办理方式', '介绍信形式', '线上/纸质'], { choices: ['线上', '纸质介绍信'], width: 12 }),
  def('letterHeader', '介绍信抬头', 'text', ['抬头', '组织关系介绍信抬头', '党组织关系介绍信抬头', '转入单位党组织', '抬头单位', '介绍信抬头单位'], { width: 26 }),
  def('receivingOrg', '接收党组织', 'text', [
    // Headers that ask (「组织关系转往何处」).
    '转往何处', '转到何处', '转至何处', '关系转往何处', '组织关系转往何处', '组织关系转到哪里', '转往哪个党组织',
    '接收党支部', '去处', '所往基层党委', '所往党组织', '转往基层党委', '接收基层党委', '转入党组织', '接收单位党组织', '转往党组织', '具体接收的党支部', '具体接收党支部', '接收的党支部',
    '转入党支部', '接收支部', '转入组织', '目标党组织', '目标组织', '接收组织', '转往党支部', '转至党组织', '转入单位', '接收单位',
  ], { width: 32 }),
  def('orgCode', '组织编码', 'code', ['支部编码', '党支部编码', '党组织编码', '组织代码', '组织ID', '党组织代码', '接收党支部编码', '接收党组织编码'], { wholeOnly: ['编码'], textFormat: true, width: 15 }),
  def('destination', '毕业去向', 'enum', ['去向', '毕业去向类别', '去向类别', '就业去向', '去向类型'], { choices: ['就业', '升学', '未落实', '出国(境)', '参军'], width: 10 }),
  def('destinationUnit', '去向单位', 'text', ['就业单位', '工作单位', '升学学校', '签约单位', '录取学校', '升学院校', '就业/升学单位'], { width: 24 }),
  def('letterNo', '介绍信编号', 'text', ['介绍信号', '介绍信编码'], { wholeOnly: ['编号'], width: 12 }),
  def('issueDate', '开具日期', 'date', ['介绍信开具日期', '开具时间', '开信日期', '开介绍信日期', '开具介绍信时间', '开具介绍信日期'], { width: 12 }),
  def('validDays', '有效期', 'int', ['有效天数', '有效期天数', '介绍信有效期'], { width: 10, unit: '天' }),
  def('duesPaidThrough', '党费交至', 'month', ['党费交到', '党费交纳至', '党费缴纳至', '党费已交到', '党费缴至', '党费交纳到', '党费缴纳到'], { width: 11 }),
  def('probationForm', '预备党员考察表', 'enum', ['考察表', '是否提供考察表', '是否有考察表', '预备党员考察材料', '有无考察表', '有无预备党员考察表', '考察表是否提交', '是否提交考察表'], { choices: ['已提供', '未提供'], width: 14 }),
  def('phone', '联系电话', 'phone', ['手机号', '手机号码', '电话', '手机', '联系方式', '本人电话', '本人手机', '本人联系电话', '移动电话'], { textFormat: true, width: 15 }),
  def('email', '电子邮箱', 'email', ['邮箱', 'email', 'e-mail', '电子邮件', '邮箱地址'], { width: 22 }),
  def('remarks', '备注', 'text', ['说明'], { width: 20 }),
] as const;

/** Receipt-export fields beyond the identity fields shared with registrations. */
export const RECEIPT_ONLY_FIELDS = [
  // The day the receipt was confirmed or came back (seed 001: 确认报到; seed 003: 回执).
  def('receiptDate', '回执日期', 'date', [
    '报到日期', '接收日期', '报到时间', '回执时间', '接收时间', '确认时间', '确认报到时间', '办结时间', '办结日期', '完成时间',
    '收回日期', '回执收回日期', '收到日期', '回执收到日期', '转接完成时间', '报到确认时间',
  ]),
  // Exports also carry the day a transfer was asked for: recognised so it is never taken for the receipt date.
  def('requestDate', '申请时间', 'date', ['申请日期', '发起时间', '发起日期', '提交时间', '提交日期', '创建时间', '转出时间', '开始时间', '申请转出时间']),
  def('source', '来源', 'text', ['回执来源', '数据来源', '回执方式']),
  def('status', '状态', 'text', [
    '转接状态', '办理状态', '回执状态', '审批状态', '当前状态', '报到状态', '处理状态', '流程状态', '办理结果', '转接结果',
    '是否收回', '是否收到回执', '回执情况', '收回情况', '回执收回情况', '是否报到', '是否收回回执',
  ]),
] as const;

export type FieldKey = (typeof REGISTRATION_FIELDS)[number]['key'];
export type ReceiptOnlyKey = (typeof RECEIPT_ONLY_FIELDS)[number]['key'];
export type AnyFieldKey = FieldKey | ReceiptOnlyKey;

export const FIELD_KEYS = REGISTRATION_FIELDS.map((f) => f.key) as FieldKey[];
/** Every field a column may be mapped to by a person (列对应, --map, config `columns`). */
export const MAPPABLE_FIELDS: readonly FieldDef[] = [...REGISTRATION_FIELDS, ...RECEIPT_ONLY_FIELDS];
const ALL = MAPPABLE_FIELDS;
const BY_KEY = new Map<string, FieldDef>(ALL.map((f) => [f.key, f]));

export const isFieldKey = (key: string): key is AnyFieldKey => BY_KEY.has(key);

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
export const RECEIPT_FIELDS: readonly AnyFieldKey[] = ['name', 'idNumber', 'studentId', 'receivingOrg', 'receiptDate', 'requestDate', 'source', 'status'];

/** Headers that are common in real tables and carry nothing to check. */
export const IGNORED_HEADERS: readonly string[] = ['序号', '编号序号', 'no', '#', '序', '操作', '行号'];

// ---------------------------------------------------------------- value vocabularies

/**
 * Marks people write where a field does not apply (抬头 on a 院内 row). They read as
 * blank; where the field is required they get their own finding, not 「为空」.
 */
export const NOT_APPLICABLE_MARKS: readonly string[] = ['/', '\\', '-', '--', '—', '——', '–', '－', '无', '不适用', '略', 'n/a', 'na', '空', '暂无'];

/** Words for a receiving branch that is not known yet (seed 001: 升学 may transfer in September). */
export const UNDECIDED_ORG_WORDS: readonly string[] = ['待定', '未定', '暂无', '未知', '不详', '待确定', '待分配', '未确定', '开学后确定', '待开学后确定', '入学后确定', '待入学后确定'];

export const MEMBER_TYPE_WORDS = {
  // A 转正情况 column answers the same question (已转正 is a full member).
  full: ['正式', '正式党员', '中共党员', '已转正', '已按期转正', '按期转正', '已转为正式党员'],
  probationary: ['预备', '预备党员', '中共预备党员', '未转正', '尚未转正', '预备期', '预备期内'],
} as const;

/**
 * Online and paper. Seed 001: 院内/京内 through 党员E先锋, 京外 through its national
 * interface; paper letters only where the other side is not on the national system.
 */
export const METHOD_WORDS = {
  online: [
    '线上', '网上', '在线', '线上转接', '网上转接', '线上办理', '网上办理', '系统转接', '系统内转接', 'e先锋', '党员e先锋',
    'e先锋线上转接', '党员e先锋线上转接', '全国系统', '全国组织关系转接系统', '全国党员管理信息系统', '全国线上转接', '电子介绍信',
  ],
  paper: ['纸质', '纸质介绍信', '纸质版', '纸质版介绍信', '开具纸质介绍信', '线下', '线下办理', '介绍信', '开介绍信', '开具介绍信', '纸介绍信'],
} as const;

/** Yes/no as typed or ticked. */
export const YES_NO_WORDS = {
  yes: ['是', '有', '已提供', '提供', '已附', '附', '已交', '已上交', '已收', '已提交', '提交', '已上传', '已报送', 'y', 'yes', 'true', '√', '✓', '✔', '☑', '○'],
  no: ['否', '无', '未提供', '没有', '未交', '未附', '未提交', '未上传', '未报送', '缺', 'n', 'no', 'false', '×', '✗', '✘', '☒', 'x'],
} as const;

export const GENDER_WORDS = { 男: ['男', '男性', 'm', 'male'], 女: ['女', '女性', 'f', 'female'] } as const;

export const DESTINATION_WORDS = {
  employed: ['就业', '签约就业', '灵活就业', '工作', '已就业', '签约', '协议就业', '合同就业', '考公', '选调', '选调生', '公务员'],
  furtherStudy: ['升学', '读研', '读博', '读硕士', '读博士', '考研', '保研', '继续深造', '境内升学', '国内升学', '攻读硕士', '攻读博士', '推免'],
  unplaced: ['未落实', '未就业', '待就业', '暂不就业', '未落实去向', '待业', '求职中'],
  abroad: ['出国(境)', '出国', '出境', '出国境', '出国留学', '出国(境)留学', '出国(境)深造', '出国深造', '境外升学', '国外升学', '留学'],
  military: ['参军', '入伍', '参军入伍', '应征入伍'],
} as const;

/**
 * Transfer types (seed 001). The labels and their common forms follow the region
 * setting: `{internal}` `{in}` `{out}` are its labels (院内 / 京内 / 京外), `{name}` its name
 * (北京), `{unit}` 市 for a municipality, 区 for an autonomous region, else 省 — so a
 * Beijing sheet accepts 市内 / 北京市外 but not 省外, and a 湖南 one the reverse.
 * 内部调动 is 院内 and 市内转接 is 京内 (seed 001's 党员E先锋 menu paths). 「校内」 is left
 * out on purpose: another college of the same school is 京内 (seed 001), so it is ambiguous.
 */
export const TRANSFER_TYPE_WORDS = {
  internal: ['{internal}', '{internal}转接', '本院', '院内转接', '院内调动', '内部调动', '学院内', '本院内', '本学院', '院内转移'],
  inRegion: ['{in}', '{in}转接', '{in}转移', '{unit}内', '{unit}内转接', '{name}{unit}内', '{name}内', '{name}{unit}内转接'],
  outOfRegion: ['{out}', '{out}转接', '{out}转移', '{unit}外', '转出{unit}外', '{name}{unit}外', '{name}外', '外省市', '出{short}', '全国线上转接'],
} as const;

/** Province-level units that are municipalities or autonomous regions (for `{unit}` above). */
export const MUNICIPALITIES: readonly string[] = ['北京', '上海', '天津', '重庆'];
export const AUTONOMOUS_REGIONS: readonly string[] = ['内蒙古', '广西', '西藏', '宁夏', '新疆'];

/**
 * Receipt statuses. Only these words count as landed (fail closed): 党员E先锋's 「党员转出成功」
 * and 「确认报到」 (seed 001), the national system's 已报到 / 已接收, a register's 已收回. 「已转出」
 * is not landed: the letter left, the member has not reported yet.
 */
export const RECEIPT_STATUS_WORDS = {
  landed: [
    '已报到', '报到', '已接收', '接收', '报到成功', '接收成功', '已完成', '完成', '党员转出成功', '转出成功', '确认报到', '已确认报到',
    '已确认', '已回执', '已收回', '收回', '已收到', '收到', '已转入', '转入成功', '已办结', '办结', '转接成功', '已落实',
    '回执已收回', '已收到回执', '回执已收到', '已收回回执', '已接收报到', '已报到确认',
    // The systems' other forms of the same completion (党员E先锋, the national system, university platforms).
    '报到完成', '接收完成', '转接完成', '转入完成', '已完成报到', '完成报到', '报到已完成', '已确认接收', '接收确认', '已报道', '报道成功',
    '转接已完成', '已办理完成', '办理完成', '组织关系已转入', '已转接', '转移成功', '已转移', '关系转接成功', '已归档',
  ],
  failed: [
    '退回', '已退回', '被退回', '审批不通过', '不通过', '未通过', '审核不通过', '党员转出失败', '转出失败', '转接失败', '失败', '驳回',
    '已驳回', '拒绝', '拒收', '不予接收', '撤销', '已撤销', '作废', '已作废',
    '被驳回', '已拒绝', '拒绝接收', '接收失败', '报到失败', '已退回重办', '审核未通过', '审批未通过', '退回修改',
  ],
  open: [
    '待审批', '审批中', '待审核', '审核中', '待接收', '待报到', '未报到', '尚未报到', '未收回', '未收到', '待确认', '办理中', '在途',
    '已转出', '已发起', '已申请', '未回执', '未完成', '待办', '未办结', '即将办理', '转出中', '待收回',
    '待转入', '转入中', '接收中', '审批通过待接收', '已提交', '已审批', '审批通过', '待党委审批', '流转中', '已开具', '已开介绍信',
  ],
} as const;

/**
 * Every finding's code, severity and Chinese text, in one place. A message says
 * what is wrong and how to fix it; the field's label is added by whoever shows it.
 */

export type Severity = 'error' | 'warning' | 'info';

type Args = Record<string, string | number>;
type NoArgs = Record<never, never>;
interface MessageDef<A extends Args = Args> { severity: Severity; text: (a: A) => string }

/** A message and the arguments its text reads: a misspelt or missing argument is a compile error. */
const m = <A extends Args = NoArgs>(severity: Severity, text: (a: A) => string): MessageDef<A> => ({ severity, text });

export const MESSAGES = {
  REQUIRED: m('error', () => '必填项为空，请填写。'),
  REQUIRED_FOR_PAPER: m('error', () => '开具纸质介绍信时必须填写此项。'),
  COLUMN_MISSING: m<{ label: string | number }>('error', (a) => `表中缺少必填列「${a.label}」，请在表头行添加该列。`),
  COLUMN_UNKNOWN: m<{ header: string | number }>('info', (a) => `未识别的列「${a.header}」，校验时忽略。`),
  CELL_ERROR_VALUE: m<{ value: string | number }>('error', (a) => `单元格是公式错误值「${a.value}」，请修正公式或直接填写内容。`),
  COLUMN_DUPLICATE: m<{ first: string | number; label: string | number }>('warning', (a) => `「${a.label}」列出现多次，只校验第 ${a.first} 列。`),
  COLUMN_AMBIGUOUS: m<{ choices: string | number; header: string | number }>('warning', (a) => `无法确定「${a.header}」列是${a.choices}，校验时忽略。请在列对应中指定（命令行：--map 表头=字段）。`),
  MARKED_NOT_APPLICABLE: m<{ mark: string | number; why: string | number }>('error', (a) => `填了「${a.mark}」表示不适用，但此项应当填写：${a.why}`),

  NAME_FORMAT: m('error', () => '姓名应为 2–30 个汉字或字母，可含间隔号「·」，不能含数字或其他符号。'),

  STUDENT_ID_DUPLICATE: m<{ firstRow: string | number }>('error', (a) => `学号与第 ${a.firstRow} 行重复，请核对。`),
  STUDENT_ID_REPEATED_ELSEWHERE: m<{ where: string | number }>('error', (a) => `学号与${a.where}重复（同一人登记了两次），请核对。`),

  ID_STORED_AS_NUMBER: m('error', () => '身份证号被 Excel 当作数字保存，末尾几位已经丢失。请把该列设为「文本」格式后重新录入完整号码。'),
  ID_LENGTH: m<{ length: string | number }>('error', (a) => `身份证号应为 18 位（当前 ${a.length} 位），请核对。`),
  ID_CHARS: m('error', () => '身份证号只能是 17 位数字加 1 位数字或 X。'),
  ID_BIRTH: m<{ birth: string | number }>('error', (a) => `身份证号中的出生日期「${a.birth}」不存在，请核对。`),
  ID_PROVINCE: m<{ code: string | number }>('error', (a) => `身份证号前两位「${a.code}」不是省级行政区划代码（GB/T 2260），请核对。`),
  ID_BIRTH_EARLY: m<{ birth: string | number }>('error', (a) => `身份证号中的出生日期 ${a.birth} 早于 1900 年，不在毕业生的合理范围内，请核对号码。`),
  ID_BIRTH_FUTURE: m<{ birth: string | number }>('error', (a) => `身份证号中的出生日期 ${a.birth} 晚于今天，请核对号码。`),
  ID_BIRTH_UNDERAGE: m<{ age: string | number; birth: string | number }>('error', (a) => `身份证号中的出生日期 ${a.birth} 表明至今未满 ${a.age} 周岁，与党员身份不符（党章规定年满十八岁），请核对号码。`),
  ID_CHECK: m<{ expected: string | number }>('error', (a) => `校验码错误：按前 17 位计算应为「${a.expected}」，请核对号码是否录错。`),
  ID_CHECK_ZEROS: m<{ expected: string | number }>('error', (a) => `校验码错误（应为「${a.expected}」）。号码以 000 结尾，可能曾被 Excel 当作数字保存而丢失末位，请在「文本」格式单元格中重新录入。`),
  ID_LEGACY_15: m('warning', () => '这是 15 位旧身份证号，请换成 18 位号码。'),
  ID_DUPLICATE: m<{ firstRow: string | number }>('error', (a) => `身份证号与第 ${a.firstRow} 行重复，请核对。`),
  GENDER_MISMATCH: m<{ expected: string | number }>('warning', (a) => `性别与身份证号不符（按身份证号应为「${a.expected}」），请核对。`),
  ID_REPEATED_ELSEWHERE: m<{ where: string | number }>('error', (a) => `身份证号与${a.where}重复（同一人登记了两次），请核对。`),
  GENDER_INVALID: m('error', () => '性别应填「男」或「女」。'),

  MEMBER_TYPE_INVALID: m('error', () => '党员类别应为「正式党员」或「预备党员」。'),
  TRANSFER_TYPE_INVALID: m<{ choices: string | number }>('error', (a) => `转接类型应为「${a.choices}」之一。`),
  METHOD_INVALID: m('error', () => '办理方式应为「线上」（党员E先锋/全国系统）或「纸质介绍信」。'),
  PROBATION_FORM_INVALID: m('error', () => '预备党员考察表应填「已提供」或「未提供」。'),

  PHONE_INVALID: m('error', () => '不是有效的手机号（11 位，1 开头）或固定电话（区号-号码），请核对。'),
  EMAIL_INVALID: m('error', () => '电子邮箱格式不正确，例如 zhangsan@example.edu.cn。'),

  DATE_INVALID: m('error', () => '无法识别的日期，请写成 2026-06-12 或设为日期格式。'),
  JOIN_DATE_FUTURE: m<{ date: string | number }>('error', (a) => `入党时间 ${a.date} 晚于今天，请核对。`),
  ISSUE_BEFORE_JOIN: m<{ joinDate: string | number }>('error', (a) => `开具日期早于入党时间（${a.joinDate}），请核对。`),

  MONTH_INVALID: m('error', () => '应为月份，例如 2026-06 或 2026年6月。'),
  DUES_MONTH_MISMATCH: m<{ actual: string | number; expected: string | number }>('warning', (a) => `党费一般交至开具介绍信当月（${a.expected}），当前为 ${a.actual}，请核对。`),
  VALID_DAYS_INVALID: m<{ max: string | number }>('error', (a) => `有效期应为 1–${a.max} 之间的整数天数（按本校设置，最长 ${a.max} 天）。`),
  TWO_DIGIT_YEAR: m<{ written: string | number }>('error', (a) => `「${a.written}」的年份只写了两位，无法确定是哪个世纪的年份，不作猜测。请写四位年份，例如 2026-06-12 或 2026年6月。`),

  ORG_CODE_FORMAT: m<{ lengths: string | number }>('error', (a) => `组织编码应为 ${a.lengths} 位数字，请在党员E先锋中核对接收党支部的编码。`),
  ORG_CODE_LOST_ZERO: m<{ fixed: string | number }>('error', (a) => `组织编码开头的 0 已丢失（Excel 当作数字保存），应为「${a.fixed}」。请把该列设为「文本」格式后重新录入。`),
  ORG_CODE_REQUIRED: m<{ inRegion: string | number }>('error', (a) => `${a.inRegion}转接必须填写接收党支部的组织编码。`),

  IN_REGION_NOT_BRANCH: m<{ inRegion: string | number }>('error', (a) => `${a.inRegion}转接的接收党组织必须是党支部，不能是党委或党总支，请填写具体党支部名称。`),
  PAPER_NOT_ALLOWED: m<{ type: string | number }>('error', (a) => `${a.type}转接一律通过党员E先锋线上办理，不接受纸质介绍信。`),
  PAPER_ON_NETWORK: m('warning', () => '接收单位看不出属于未接入全国系统的单位（部队、中央部委、银行等）；已接入全国组织关系转接系统的地区必须线上办理。请与接收单位核实。'),

  HEADER_IS_BRANCH: m('error', () => '介绍信抬头不能是党支部或党总支，应为有接转权限的党委、组织部（组织处）或工委。'),
  HEADER_UNRECOGNISED: m('warning', () => '介绍信抬头看不出是有接转权限的党委、组织部（组织处）、工委或政治部，请向接收单位确认。'),

  PROBATION_FORM_MISSING: m('error', () => '预备党员转出须提供《预备党员考察表》（加盖公章），请填写「已提供」。'),
  PROBATION_OVER: m<{ date: string | number }>('warning', (a) => `预备期已于 ${a.date} 满一年，应先由原党组织讨论转正，再转出组织关系。`),

  UNPLACED_ORG: m('warning', () => '未落实去向的党员，组织关系应转到户籍地人才交流中心、街道社区或村委会等党组织，不宜留在学校。'),
  FURTHER_STUDY_UNDECIDED: m('warning', () => '升学党员尚未明确接收党支部，可在 9 月份开学后办理（尽快完成）。'),
} satisfies Record<string, { severity: Severity }>;

export type FindingCode = keyof typeof MESSAGES;

/** The arguments a code's message reads. */
export type MessageArgs<C extends FindingCode> = (typeof MESSAGES)[C] extends MessageDef<infer A> ? A : never;

/** A code's arguments as a rest parameter: optional when its message reads none. */
export type ArgsParam<C extends FindingCode> = keyof MessageArgs<C> extends never ? [args?: MessageArgs<C>] : [args: MessageArgs<C>];

/** A code with its arguments, typed together (a finding prepared before it is reported). */
export type CodeWithArgs<C extends FindingCode = FindingCode> = { [K in C]: { code: K; args: MessageArgs<K> } }[C];

export function message<C extends FindingCode>(code: C, ...[args]: ArgsParam<C>): { severity: Severity; message: string } {
  return renderMessage(code, args ?? {});
}

/**
 * The same, for code whose arguments were typed where the finding was made (the rules'
 * push, a prepared ID finding): the one place the per-code types are set aside.
 */
export function renderMessage(code: FindingCode, args: Args): { severity: Severity; message: string } {
  const def = MESSAGES[code] as MessageDef<Args>;
  return { severity: def.severity, message: def.text(args) };
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提醒', info: '提示' };

/**
 * Where a finding is, as the CLI line and the pane list both say it: 「联系电话（V列）」,
 * 「V列」 without a known field, '' for a whole-row finding.
 */
export function findingPlace(f: { field: string | null; column: string | null }, label: (key: string) => string): string {
  if (f.field) return `${label(f.field)}${f.column ? `（${f.column}列）` : ''}`;
  return f.column ? `${f.column}列` : '';
}

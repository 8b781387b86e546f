/**
 * Rule settings: every value on which the seeds or local practice disagree, with
 * the defaults from ../shared/domain.md. One zod schema; the type is inferred.
 */
import { z } from './zod.js';

const keywords = (defaults: string[]) => z.array(z.string().min(1)).default(defaults);

export const RuleSettingsSchema = z.strictObject({
  /** Labels of the transfer types; 北京 by default (seed 001: 院内 / 京内 / 京外). */
  region: z
    .strictObject({
      name: z.string().default('北京'),
      internal: z.string().default('院内'),
      inRegion: z.string().default('京内'),
      outOfRegion: z.string().default('京外'),
    })
    .prefault({}),
  /** 党组织编码 lengths: seed 000 says 10 digits, 党员E先锋 codes have 12 (seed 002). */
  orgCodeLengths: z.array(z.number().int().min(4).max(30)).min(1).default([10, 12]),
  /** Longest letter validity in days (seed 003: commonly 90; never over 3 months). */
  maxValidDays: z.number().int().min(1).max(366).default(90),
  /** Fix 党费交至 to one month for everybody (YYYY-MM) instead of the month of issue (seed 000). */
  fixedDuesMonth: z.string().regex(/^\d{4}-\d{2}$/, '应为 YYYY-MM 格式').nullable().default(null),
  /**
   * Words in a receiving unit's name that show a system outside the national
   * transfer network, where a paper letter is still right (seed 000).
   */
  offNetworkKeywords: keywords([
    '解放军', '部队', '军队', '武警', '军区', '战区', '中央', '国务院', '部委', '银行', '证监', '银保监',
    '金融监管', '民航', '铁路', '铁道', '国资委', '兵团', '涉密', '海关总署',
  ]),
  /** Bodies with authority to receive a transfer, for the letter header (seeds 000, 003, 004). */
  letterHeaderKeywords: keywords(['党委', '组织部', '组织处', '工委', '工作委员会', '政治部', '政治工作部', '党组', '委员会']),
  /** Receiving organisations for members without a job (seed 001). */
  unplacedOrgKeywords: keywords(['人才交流', '人才服务', '人才中心', '人才市场', '公共就业', '人力资源', '街道', '社区', '居委会', '村委会', '乡镇', '镇委', '乡委']),
  /** Destinations whose relationship legitimately stays at the school (domain: 出国(境)). */
  exemptDestinations: keywords(['出国(境)', '出国', '出境', '出国境']),
});

export type RuleSettingsInput = z.input<typeof RuleSettingsSchema>;
export type RuleSettings = z.output<typeof RuleSettingsSchema>;

export const defaultRuleSettings = (): RuleSettings => RuleSettingsSchema.parse({});

/** zod issues as Chinese lines naming the path, for config files written by hand. */
export function formatZodIssues(error: z.ZodError, source: string): string {
  return error.issues
    .map((i) => `${source}：${i.path.length ? i.path.join('.') : '(根)'}：${i.message}`)
    .join('\n');
}

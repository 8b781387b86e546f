/**
 * Rule settings: every value on which the seeds or local practice disagree, with
 * the defaults from the domain notes. A plain typed object, so that the task pane
 * needs no schema library; config files are checked against settingsSchema.ts.
 */

export interface RuleSettings {
  /** Labels of the transfer types; 北京 by default (seed 001: 院内 / 京内 / 京外). */
  region: { name: string; internal: string; inRegion: string; outOfRegion: string };
  /** 党组织编码 lengths: seed 000 says 10 digits (支部编码), 党员E先锋 codes have 12 (seed 002). */
  orgCodeLengths: number[];
  /** Longest letter validity in days (seed 003: 有效期一般是90天; never over 3 months). */
  maxValidDays: number;
  /** Fix 党费交至 to one month for everybody (YYYY-MM) instead of the month of issue (seed 000: 党费交至开具介绍信当月). */
  fixedDuesMonth: string | null;
  /**
   * Words in a receiving unit's name that show a system outside the national transfer
   * network, where a paper letter is still right (seed 000: 中央各部委直属机构、解放军、银行…).
   */
  offNetworkKeywords: string[];
  /** Bodies with authority to receive a transfer, for the letter header (seeds 000, 003, 004). */
  letterHeaderKeywords: string[];
  /** Receiving organisations for members without a job (seed 001: 人才交流中心、街道居委会或村委会). */
  unplacedOrgKeywords: string[];
  /** Destinations whose relationship legitimately stays at the school (domain: 出国(境)); [] exempts nobody. */
  exemptDestinations: string[];
}

export const DEFAULT_RULE_SETTINGS: Readonly<RuleSettings> = Object.freeze({
  region: { name: '北京', internal: '院内', inRegion: '京内', outOfRegion: '京外' },
  orgCodeLengths: [10, 12],
  maxValidDays: 90,
  fixedDuesMonth: null,
  offNetworkKeywords: [
    '解放军', '部队', '军队', '武警', '军区', '战区', '中央', '国务院', '部委', '银行', '证监', '银保监',
    '金融监管', '民航', '铁路', '铁道', '国资委', '兵团', '涉密', '海关总署',
  ],
  letterHeaderKeywords: ['党委', '组织部', '组织处', '工委', '工作委员会', '政治部', '政治工作部', '党组', '委员会'],
  unplacedOrgKeywords: ['人才交流', '人才服务', '人才中心', '人才市场', '公共就业', '人力资源', '街道', '社区', '居委会', '村委会', '乡镇', '镇委', '乡委'],
  exemptDestinations: ['出国(境)', '出国', '出境', '出国境'],
});

/** A fresh copy of the defaults: callers may not change the shared one. */
export const defaultRuleSettings = (): RuleSettings => structuredClone(DEFAULT_RULE_SETTINGS) as RuleSettings;

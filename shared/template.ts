/** The standard registration template: the same spec for `zhuanjie template` and the add-in. */
import { REGISTRATION_FIELDS, REQUIRED_FIELDS, type FieldKey } from './fields.js';
import { transferTypeLabels } from './enums.js';
import type { RuleSettings } from './settings.js';

export interface TemplateColumn {
  key: FieldKey;
  header: string;
  required: boolean;
  /** Dropdown choices, when the column is an enumeration. */
  choices: string[] | null;
  textFormat: boolean;
  width: number;
}

export const TEMPLATE_TITLE = '毕业生党员组织关系介绍信登记表';
export const TEMPLATE_SHEET = '登记表';
/** Rows pre-formatted (dropdowns, Text format) below the header. */
export const TEMPLATE_ROWS = 500;

export function templateColumns(settings: RuleSettings): TemplateColumn[] {
  return REGISTRATION_FIELDS.map((f) => ({
    key: f.key,
    header: f.header,
    required: REQUIRED_FIELDS.includes(f.key),
    choices: f.key === 'transferType' ? transferTypeLabels(settings) : f.choices ? [...f.choices] : null,
    textFormat: Boolean(f.textFormat),
    width: f.width ?? 12,
  }));
}

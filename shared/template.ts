/**
 * The standard registration template: one layout, drawn by both `zhuanjie template`
 * (jobs/template/template.ts, ExcelJS) and the pane's 插入标准模板 (addin/office.ts).
 */
import { REGISTRATION_FIELDS, REQUIRED_FIELDS, type FieldKey } from './fields.js';
import { transferTypeLabels } from './enums.js';
import type { RuleSettings } from './settings.js';
import { columnLetter } from './table.js';

export interface TemplateColumn {
  key: FieldKey;
  /** The field's standard header, as the rules recognise it. */
  header: string;
  /** What the header cell shows: required columns say so in the cell itself. */
  label: string;
  required: boolean;
  /** Header fill, #RRGGBB. */
  fill: string;
  /** Dropdown choices, when the column is an enumeration. */
  choices: string[] | null;
  textFormat: boolean;
  /** Width in characters. */
  width: number;
  /** The column below the header, to the sheet's last row: where formats and dropdowns go, once. */
  body: string;
}

export interface TemplateLayout {
  sheet: string;
  title: string;
  titleFontSize: number;
  /** 1-based; data starts on the next row. */
  headerRow: number;
  columns: TemplateColumn[];
}

export const TEMPLATE_TITLE = '毕业生党员组织关系介绍信登记表';
export const TEMPLATE_SHEET = '登记表';
export const REQUIRED_MARK = '（必填）';
/** Excel's last row (2^20): formats and dropdowns cover the whole column, not a guess at its length. */
export const SHEET_LAST_ROW = 1_048_576;
const FILL = { required: '#FCE4D6', optional: '#DDEBF7' };
const HEADER_ROW = 2;

export function templateLayout(settings: RuleSettings): TemplateLayout {
  return {
    sheet: TEMPLATE_SHEET,
    title: TEMPLATE_TITLE,
    titleFontSize: 14,
    headerRow: HEADER_ROW,
    columns: REGISTRATION_FIELDS.map((f, i) => {
      const required = REQUIRED_FIELDS.includes(f.key);
      const letter = columnLetter(i + 1);
      return {
        key: f.key,
        header: f.header,
        label: required ? `${f.header}${REQUIRED_MARK}` : f.header,
        required,
        fill: required ? FILL.required : FILL.optional,
        choices: f.key === 'transferType' ? transferTypeLabels(settings) : f.choices ? [...f.choices] : null,
        textFormat: Boolean(f.textFormat),
        width: f.width ?? 12,
        body: `${letter}${HEADER_ROW + 1}:${letter}${SHEET_LAST_ROW}`,
      };
    }),
  };
}

/** The message a dropdown shows when something else is typed. */
export const dropdownError = (choices: readonly string[]) => `请从下拉列表中选择：${choices.join('、')}`;

/** How a receipt export is read: which column is the status, and what its words and dates mean. */
import { describe, expect, it } from 'vitest';
import { readReceiptRows, RECEIPT_TABLE_FIELDS } from '../shared/receipts.js';
import { findHeader, type SheetSnapshot } from '../shared/table.js';

const snap = (header: string[], rows: (string | number | null)[][], date1904?: boolean): SheetSnapshot =>
  ({ name: '回执', rows: [['党员E先锋导出'], header, ...rows], ...(date1904 === undefined ? {} : { date1904 }) });
const read = (s: SheetSnapshot) => readReceiptRows('回执.xlsx', s, findHeader(s, RECEIPT_TABLE_FIELDS, 2)!);

describe('a 是否… status column is a question: 是 / 否 answer it (seed 001: 是否收回)', () => {
  it('是 is landed and 否 is open under 是否收回', () => {
    const r = read(snap(['姓名', '身份证号', '是否收回'], [['张明远', '110108200403151232', '是'], ['李华', '11010519491231002X', '否']]));
    expect(r.records.map((x) => x.state)).toEqual(['landed', 'open']);
  });
  it('是 under a plain 办理状态 column answers no question: not landed', () => {
    const r = read(snap(['姓名', '身份证号', '办理状态'], [['张明远', '110108200403151232', '是']]));
    expect(r.records.map((x) => x.state)).toEqual(['unknown']);
  });
});

describe('receipt dates follow the workbook date system', () => {
  it('serial 45000 is 2027-03-15 in a 1904 workbook and 2023-03-15 in a 1900 one', () => {
    const rows = [['张明远', '110108200403151232', '已报到', 45000]];
    const h = ['姓名', '身份证号', '办理状态', '报到时间'];
    expect([read(snap(h, rows, true)).records[0]!.receiptDate, read(snap(h, rows)).records[0]!.receiptDate, read(snap(h, rows, false)).records[0]!.receiptDate])
      .toEqual(['2027-03-16', '2023-03-15', '2023-03-15']);
    expect(read(snap(h, rows)).records[0]!.receiptDateText).toBe('');
  });
  it('an unreadable date keeps its text so the report can show it', () => {
    const r = read(snap(['姓名', '身份证号', '办理状态', '报到时间'], [['张明远', '110108200403151232', '已报到', '七月初']]));
    expect([r.records[0]!.receiptDate, r.records[0]!.receiptDateText]).toEqual([null, '七月初']);
  });
});

/**
 * Decisions that must fail closed or pick the right column, each with the realistic
 * data that would go wrong if the decision were weakened: a status column headed
 * 「接转情况」, a refusal worded 「对方拒绝接收」, a landed receipt without a name, the
 * row-by-row reset of what failed, the 升学-待定 exemption, 政治面貌 beside 党员类别,
 * the first of two 学号 columns, phone area codes, the generic HEIF brand, and a
 * receipt mail delivered twice into a Maildir.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECEIPT_TABLE_FIELDS, readReceiptRows, receiptState, type ReceiptRecord } from '../shared/receipts.js';
import { findHeader } from '../shared/table.js';
import { parsePhone } from '../shared/phone.js';
import { reconcile, type RegisteredMember } from '../shared/reconcile.js';
import { defaultRuleSettings } from '../shared/settings.js';
import { validateSheet } from '../shared/validate.js';
import { sniffReceiptFile } from '../jobs/inbox/content.js';
import { fetchMaildir } from '../jobs/inbox/maildir.js';
import { InboxJournal } from '../jobs/inbox/journal.js';
import { CLEAN, HEADER, codes, sheet, tempDir } from './helpers.js';
import { JPEG, rawMail } from './mailMessages.js';

const settings = defaultRuleSettings();

function receiptsOf(rows: unknown[][]): { records: ReceiptRecord[]; rule: string } {
  const snapshot = { name: '回执', rows: rows as never };
  const header = findHeader(snapshot, RECEIPT_TABLE_FIELDS, 2)!;
  const { records, info } = readReceiptRows('回执.xlsx', snapshot, header);
  return { records, rule: info.rule };
}

describe('a status column nobody mapped still keeps a list from counting as a paper register', () => {
  it('「接转情况」 with 未报到 and 已报到 is a status it cannot read: nobody lands', () => {
    const { records, rule } = receiptsOf([
      ['姓名', '学号', '接转情况'],
      ['张明远', '2022083101', '未报到'],
      ['李思雨', '2022083102', '已报到'],
    ]);
    expect(rule).toBe('unreadableStatus');
    expect(records.map((r) => r.state)).toEqual(['unknown', 'unknown']);
  });
  it('a list of names and 学号 alone is a register of receipts returned', () => {
    const { records, rule } = receiptsOf([['姓名', '学号', '备注'], ['张明远', '2022083101', '']]);
    expect(rule).toBe('inferredRegister');
    expect(records.map((r) => r.state)).toEqual(['landed']);
  });
});

describe('refusals are failed transfers, whatever their wording', () => {
  it.each(['对方拒绝接收', '接收方拒收', '审批被驳回'])('「%s」', (text) => expect(receiptState(text)).toBe('failed'));
});

describe('a landed receipt that carries no name', () => {
  const reg = validateSheet(sheet({ ...CLEAN }), { today: '2026-06-10' }).records.map((m) => ({ ...m, file: '计算机学院.xlsx', college: '计算机学院' })) as RegisteredMember[];
  const landed = (o: Partial<ReceiptRecord>): ReceiptRecord => ({
    file: '党员E先锋导出.xlsx', row: 2, name: '', idNumber: null, idText: '', studentId: '', receivingOrg: '', receiptDate: '2026-07-02',
    receiptDateText: '', source: '党员E先锋', statusText: '已接收', state: 'landed', ...o,
  });
  const run = (r: ReceiptRecord) => reconcile({ members: reg, receipts: [r], asOf: '2026-08-25', cohort: 2026, settings }).members[0]!;
  it('matched by a valid ID number alone completes the member: the check digit makes the person certain', () => {
    const m = run(landed({ idNumber: '110108200403151232', idText: '110108200403151232' }));
    expect(m.status).toBe('completed');
    expect(m.reasons.join('；')).toContain('回执没有姓名，按身份证号核对');
  });
  it('matched by 学号 alone is for a person to check (信息不符): a 学号 is too easily mistyped into another member’s', () => {
    const m = run(landed({ studentId: '2022083101' }));
    expect(m.status).toBe('mismatch');
    expect(m.reasons.join('；')).toContain('缺少姓名');
  });
});

describe('findings of one row never carry into the next', () => {
  it('after a 考察表 answer that cannot be read, the next 预备党员 without one still needs it', () => {
    const probationer = { ...CLEAN, 党员类别: '预备党员', 入党时间: '2025-12-02' };
    const r = validateSheet(sheet({ ...probationer, 预备党员考察表: '也许' }, { ...probationer, 学号: '2022083109', 身份证号: '11010519491231002X', 性别: '女', 预备党员考察表: '' }), { today: '2026-06-10' });
    expect(r.findings.map((f) => [f.row, f.code])).toEqual([[3, 'PROBATION_FORM_INVALID'], [4, 'PROBATION_FORM_MISSING']]);
  });
});

describe('a 京内 升学 member whose branch is 待定 (seed 001: 可在9月份进行接转)', () => {
  it('needs no organisation code yet: a warning that the transfer waits, no error', () => {
    const f = validateSheet(sheet({ ...CLEAN, 转接类型: '京内', 毕业去向: '升学', 接收党组织: '待定', 组织编码: '' }), { today: '2026-06-10' }).findings;
    expect(codes(f)).toEqual(['receivingOrg:FURTHER_STUDY_UNDECIDED']);
  });
});

describe('政治面貌 is the member type only when no column says 党员类别', () => {
  it('with both, 「党员类别（必填）」 is read and 政治面貌 is not', () => {
    const header = [...HEADER.map((h) => (h === '党员类别' ? '党员类别（必填）' : h)), '政治面貌'];
    const row = [...HEADER.map((h) => (h === '党员类别' ? '预备党员' : CLEAN[h] ?? null)), '中共党员'];
    const r = validateSheet({ name: '登记表', rows: [header, row] }, { today: '2026-06-10' });
    expect(r.columns.memberType).toBe('G');
    expect(r.records[0]!.memberType).toBe('probationary');
  });
});

describe('two columns with the same header', () => {
  it('the first is read; the second is named as a repeat of it', () => {
    const header = [...HEADER, '学号'];
    const row = [...HEADER.map((h) => CLEAN[h] ?? null), '2022089999'];
    const r = validateSheet({ name: '登记表', rows: [header, row] }, { today: '2026-06-10' });
    expect(r.records[0]!.studentId).toBe('2022083101');
    expect(r.findings.map((f) => [f.code, f.column])).toEqual([['COLUMN_DUPLICATE', 'W']]);
  });
});

describe('area codes beginning 01', () => {
  it('010 is Beijing', () => expect(parsePhone('010-62751234')).not.toBeNull());
  it.each(['011-62751234', '013-62751234', '019-62751234'])('%s is no area code', (p) => expect(parsePhone(p)).toBeNull());
});

describe('photos of the receipt by content', () => {
  it('an image whose major brand is the generic HEIF brand mif1 (some Android phones) is a HEIC photo', () => {
    const mif1 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmif1'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1miaf'), Buffer.alloc(64, 1)]);
    expect(sniffReceiptFile(mif1)).toBe('heic');
  });
});

describe('a receipt mail delivered twice into the Maildir (a resend, a copy in another folder)', () => {
  it('is one receipt: the second copy is recognised by its Message-ID', async () => {
    const dir = tempDir();
    const mail = join(dir, 'mail');
    mkdirSync(join(mail, 'cur'), { recursive: true });
    const msg = rawMail({ from: '张明远 <zhangmy@example.com>', subject: '张明远-2022083101-党组织关系回执', messageId: '<resent@phone>', attachments: [{ filename: 'a.jpg', content: JPEG }] });
    writeFileSync(join(mail, 'cur', '1786000001.M1P1.host:2,S'), msg);
    writeFileSync(join(mail, 'cur', '1786000002.M2P1.host:2,S'), msg);
    const journal = new InboxJournal(join(dir, 'state', 'mailbox.jsonl'));
    const s = await fetchMaildir(mail, { stateDir: join(dir, 'state'), maxAttachmentBytes: 1 << 20, journal });
    expect([s.receipts, s.duplicates]).toEqual([1, 1]);
    expect(journal.read().entries.map((e) => e.outcome)).toEqual(['receipt', 'duplicate']);
  });
});

describe('a 入党时间 typed as the year alone', () => {
  it('is a date that cannot be read, not serial 2024 (a day in 1905, before the Party was founded)', () => {
    const f = validateSheet(sheet({ ...CLEAN, 入党时间: 2024 }), { today: '2026-06-10' }).findings;
    expect(codes(f)).toEqual(['joinDate:DATE_INVALID']);
  });
});

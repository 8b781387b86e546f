/**
 * The small decisions around the lists and notes people read: how a finding splits into
 * 问题 and 怎样改 (the audit's reply), the order members and colleges are listed in, which
 * cell carries which mark, why a file in an input folder is skipped, a paper letter's last
 * valid day, the season's deadlines and the days reminders go out, and the notes about
 * college names that match no configured college.
 */
import { describe, expect, it } from 'vitest';
import { adviceOf } from '../shared/audit.js';
import { collegeKey, collegeNotes, nearestColleges } from '../shared/collegeNames.js';
import type { College } from '../shared/config.js';
import { dueReminders, isCheckpointId, isDeadlineId, reminderSchedule } from '../shared/deadlines.js';
import { skipReason } from '../shared/formats.js';
import { lastValidDay } from '../shared/letter.js';
import { collegeRows, sortForAction } from '../shared/lists.js';
import { marksFor } from '../shared/marks.js';
import type { MemberStatus, ReconcileResult } from '../shared/reconcile.js';

describe('a finding as 问题 and 怎样改 (the audit reply)', () => {
  it.each([
    ['身份证号与第 3 行重复，请核对。', '身份证号与第 3 行重复。', '请核对。'],
    ['号码以 000 结尾。  请把该列设为「文本」格式后重新录入。', '号码以 000 结尾。', '请把该列设为「文本」格式后重新录入。'], // spaces after the full stop
    ['开具日期早于入党时间（2024-05-20），请核对。 ', '开具日期早于入党时间（2024-05-20）。', '请核对。'], // a trailing space is not part of the fix
    ['请填写接收党组织。', '请填写接收党组织。', '按上述要求改正后重新报送。'], // all fix, no problem before it: the rule stands as written
    ['党员类别应为「正式党员」或「预备党员」。', '党员类别应为「正式党员」或「预备党员」。', '按上述要求改正后重新报送。'],
    ['，请核对。', '，请核对。', '按上述要求改正后重新报送。'], // nothing before the fix: no empty problem
  ])('%s', (message, problem, fix) => expect(adviceOf(message)).toEqual({ problem, fix }));
});

describe('the order of the lists: the most urgent status first, then college (Chinese order), then 学号', () => {
  const m = (status: string, college: string, studentId: string, name = '张明远') => ({ status, college, studentId, name }) as unknown as MemberStatus;
  it('sorts a copy and leaves the list it was given as it was', () => {
    const given = [
      m('pending', '计算机学院', '2022083101'),
      m('lost', '外国语学院', '2022010102'),
      m('mismatch', '计算机学院', '2022083102'),
      m('overdue', '外国语学院', '2022010101', '王芳'),
      m('overdue', '材料学院', '2022050101'),
      m('lost', '外国语学院', '2022010101'),
      m('overdue', '外国语学院', '2022010101', '李思雨'), // the same 学号 twice (a repeat): kept in the order given
    ];
    const before = [...given];
    const sorted = sortForAction(given).map((x) => `${x.status} ${x.college} ${x.studentId}`);
    expect(given).toEqual(before);
    expect(sortForAction(given).filter((x) => x.status === 'overdue' && x.college === '外国语学院').map((x) => x.name)).toEqual(['王芳', '李思雨']);
    expect(sorted).toEqual([
      'mismatch 计算机学院 2022083102', // 信息不符 first: the school must correct it
      'lost 外国语学院 2022010101',
      'lost 外国语学院 2022010102',
      'overdue 材料学院 2022050101',
      'overdue 外国语学院 2022010101',
      'overdue 外国语学院 2022010101',
      'pending 计算机学院 2022083101',
    ]);
  });

  it('colleges in Chinese order (材料 cái, 计算机 jì, 外国语 wài), whatever order they were met in', () => {
    const summary = { byCollege: { 外国语学院: { total: 1 }, 计算机学院: { total: 2 }, 材料学院: { total: 3 } } } as unknown as ReconcileResult['summary'];
    expect(collegeRows(summary).map(([c]) => c)).toEqual(['材料学院', '计算机学院', '外国语学院']);
  });
});

describe('one mark per cell, the worst winning; whole-row findings and 提示 mark nothing', () => {
  it('a warning then an error on C3, an error then a warning on D4', () => {
    const marks = marksFor([
      { row: 3, column: 'C', severity: 'warning' },
      { row: 3, column: 'C', severity: 'error' },
      { row: 4, column: 'D', severity: 'error' },
      { row: 4, column: 'D', severity: 'warning' },
      { row: 5, column: 'E', severity: 'warning' },
      { row: 5, column: 'E', severity: 'warning' },
      { row: 6, column: '', severity: 'error' },
      { row: 7, column: 'F', severity: 'info' },
    ] as never);
    expect(marks).toEqual([
      { row: 3, col: 3, kind: 'error' },
      { row: 4, col: 4, kind: 'error' },
      { row: 5, col: 5, kind: 'warning' },
    ]);
  });
});

describe('why a file in an input folder is not read', () => {
  it.each([
    ['计算机学院登记表.xlsx', null],
    ['外国语学院.XLS', null], // extensions in capitals
    ['回执导出.csv', null],
    ['~$计算机学院登记表.xlsx', 'Excel 的临时锁文件：有人正在 Excel 中打开「计算机学院登记表.xlsx」（该表照常读取；关闭 Excel 后此文件会自动消失）'],
    ['.DS_Store', '隐藏文件（系统或同步软件生成）'],
    ['登记表说明.docx', 'Word 文档不是表格：登记表请用 Excel 另存为 .xlsx'],
    ['登记表（盖章）.pdf', 'PDF 文档不是表格：登记表请用 Excel 另存为 .xlsx'],
    ['张明远回执.jpg', '图片不是表格（回执照片请发到回执邮箱）'],
    ['全院登记表.zip', '压缩包不会自动解压：请解压后把表格放进文件夹'],
    ['登记表', '不是可读取的表格格式（可读取：.xlsx .xlsm .xls .ods .csv .txt）'], // no extension
    ['登记表.numbers', '不是可读取的表格格式（可读取：.xlsx .xlsm .xls .ods .csv .txt）'],
  ])('%s', (name, reason) => expect(skipReason(name)).toBe(reason));
});

describe("a paper letter's last valid day (seed 003: 务必在有效期内报到)", () => {
  it.each([
    [{ method: 'paper', issueDate: '2026-06-12', validDays: 30 }, '2026-07-12'],
    [{ method: 'online', issueDate: '2026-06-12', validDays: 30 }, null], // an online transfer has no letter to expire
    [{ method: 'paper', issueDate: null, validDays: 30 }, null],
    [{ method: 'paper', issueDate: '2026-06-12', validDays: null }, null],
  ])('%j → %s', (m, day) => expect(lastValidDay(m)).toBe(day));
});

describe("the season's deadlines (seed 001) and the days reminders go out", () => {
  it.each([
    ['06-10', true, false], // the audit's deadline, not a reminder checkpoint
    ['09-01', true, true],
    ['12-10', true, true],
    ['9-1', false, false],
    ['06-12', false, false],
  ])('%s: deadline %s, reminder checkpoint %s', (id, deadline, checkpoint) => {
    expect(isDeadlineId(id)).toBe(deadline);
    expect(isCheckpointId(id)).toBe(checkpoint);
  });

  it('lead days as configured (repeats and any order): each once, the earliest reminder first', () => {
    expect(reminderSchedule(2026, [0, 7, 3, 7]).filter((r) => r.checkpoint === '09-01').map((r) => `${r.lead}:${r.date}`)).toEqual([
      '7:2026-08-25', '3:2026-08-29', '0:2026-09-01',
    ]);
  });

  it('the reminder of a lead day goes out on that very day', () => {
    expect(dueReminders('2026-08-25', 2026, [7, 0]).map((r) => `${r.checkpoint}:${r.lead}`)).toEqual(['09-01:7']);
    expect(dueReminders('2026-08-24', 2026, [7, 0])).toEqual([]);
  });
});

describe('college names as written against the configured colleges', () => {
  const college = (name: string, aliases: string[] = []): College => ({ name, aliases, secretary: { name: '李老师', email: 'a@example.edu.cn' }, cc: [] }) as unknown as College;

  it.each([
    ['中共计算机学院委员会', '计算机学院'],
    ['计算机学院 党委', '计算机学院'],
    ['外国语学院分党委', '外国语学院'],
    ['经济管理学院党总支', '经济管理学院'],
    ['党委宣传部', '党委宣传部'], // 党委 at the start is part of the name
    ['马克思主义学院中共党史教研室', '马克思主义学院中共党史教研室'], // 中共 inside the name stays
  ])('%s is compared as %s', (text, key) => expect(collegeKey(text)).toBe(key));

  it('the nearest two at most, the nearest first, an alias counting as the name', () => {
    const colleges = [college('信息工程学院'), college('信息科学与技术学院', ['信息学院']), college('信息学院二分院'), college('信息管理学院')];
    expect(nearestColleges('信息学院', colleges).map((c) => c.name)).toEqual(['信息科学与技术学院', '信息工程学院']);
  });

  it('each unknown college in one line, with the files, the count and the aliases line; a sheet without 学院 is not one', () => {
    const colleges = [college('计算机学院'), college('外国语学院')];
    const members = [
      { college: '计算机科学与技术学院', file: '计算机-登记表.xlsx' },
      { college: '计算机科学与技术学院', file: '计算机-补报.xlsx' },
      { college: '马克思主义学院', file: '马院.xlsx' },
      { college: '（未填学院：无名.xlsx）', file: '无名.xlsx' },
      { college: '外国语学院', file: '外院.xlsx' },
    ];
    expect(collegeNotes(members, colleges)).toEqual([
      '登记表 计算机-登记表.xlsx、计算机-补报.xlsx 中的学院「计算机科学与技术学院」（2 人）不是配置中的学院，这些党员不会收到学院提醒。最接近的是「计算机学院」；如是同一学院，请在配置中「计算机学院」下写："aliases": ["计算机科学与技术学院"]',
      '登记表 马院.xlsx 中的学院「马克思主义学院」（1 人）不是配置中的学院，这些党员不会收到学院提醒。请在配置的 colleges 中添加该学院，或在对应学院下用 aliases 写上这个名称。',
      '配置中的学院「计算机学院」在登记表中没有党员：请核对是否缺少该学院的登记表，或登记表中的学院名称写法不同。',
    ]);
  });
});

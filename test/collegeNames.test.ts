/**
 * College names (issue 24, item 4): a sheet whose 学院 matches no configured college is
 * named with the nearest configured colleges and the `aliases` line to add; a configured
 * college with no members is warned about. Run on the demo's data with one sheet renamed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { College } from '../shared/config.js';
import { collegeNotes, nearestColleges } from '../shared/collegeNames.js';
import { loadConfig } from '../jobs/lib/config.js';
import { runJob } from '../jobs/reminders/run.js';
import { SAMPLE_AS_OF, sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { tempDir } from './helpers.js';

const college = (name: string, aliases: string[] = []): College => ({ name, aliases, secretary: { name: '李老师', email: 'a@example.edu.cn' }, cc: [] } as unknown as College);
const COLLEGES = [college('计算机学院', ['计算机学院党委']), college('机械工程学院'), college('经济管理学院'), college('外国语学院')];

describe('college names', () => {
  it.each([
    ['计算机科学与技术学院', ['计算机学院']],
    ['经管学院', ['经济管理学院']],
    ['机械学院', ['机械工程学院']],
    ['马克思主义学院', []],
  ])('「%s」 → nearest %j', (text, near) => expect(nearestColleges(text, COLLEGES).map((c) => c.name)).toEqual(near));

  it('an unknown 学院 gets the nearest college and the aliases line (keeping the aliases it has); a college with no members is warned about', () => {
    const members = [
      ...Array.from({ length: 3 }, () => ({ college: '计算机科学与技术学院', file: '计算机-登记表.xlsx' })),
      { college: '机械工程学院', file: '机械工程学院-登记表.xlsx' },
      { college: '经济管理学院', file: '经管-登记表.xlsx' },
    ];
    expect(collegeNotes(members, COLLEGES)).toEqual([
      '登记表 计算机-登记表.xlsx 中的学院「计算机科学与技术学院」（3 人）不是配置中的学院，这些党员不会收到学院提醒。最接近的是「计算机学院」；如是同一学院，请在配置中「计算机学院」下写："aliases": ["计算机学院党委","计算机科学与技术学院"]',
      '配置中的学院「计算机学院」在登记表中没有党员：请核对是否缺少该学院的登记表，或登记表中的学院名称写法不同。',
      '配置中的学院「外国语学院」在登记表中没有党员：请核对是否缺少该学院的登记表，或登记表中的学院名称写法不同。',
    ]);
  });

  it('without configured colleges there is nothing to compare with: no notes', () => {
    expect(collegeNotes([{ college: '计算机学院', file: 'a.xlsx' }], [])).toEqual([]);
  });

  it('the job logs them: the demo with 计算机学院 written as 计算机科学与技术学院 in its sheet', async () => {
    const dir = tempDir('zhuanjie-college-');
    const { registrations } = sampleWorkbooks(join(dir, 'input'));
    const file = registrations.find((f) => f.includes('计算机学院'))!;
    const wb = XLSX.read(readFileSync(file));
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    for (const addr of Object.keys(ws)) if (ws[addr]?.v === '计算机学院党委') ws[addr] = { t: 's', v: '计算机科学与技术学院' };
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const config = sampleConfig();
    config.colleges = config.colleges!.map((c) => ({ ...c, aliases: [] }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, mail: { transport: 'outbox', dir: 'outbox' } }));
    const lines: string[] = [];
    await runJob(loadConfig(join(dir, 'config.json')), { asOf: SAMPLE_AS_OF, dryRun: true, log: (l) => lines.push(l) });
    const note = lines.find((l) => l.includes('「计算机科学与技术学院」'));
    expect(note).toContain('最接近的是「计算机学院」');
    expect(note).toContain('"aliases": ["计算机科学与技术学院"]');
    expect(lines).toContain('配置中的学院「计算机学院」在登记表中没有党员：请核对是否缺少该学院的登记表，或登记表中的学院名称写法不同。');
  });
});

// The config file's own checks (shared/config.ts), in-process: an unknown key is named with
// its place and the nearest known key (edit distance, a swap of neighbours counting one),
// a password in the file is refused with the environment variable to use instead, and the
// mailbox needs either a server with its account or a local folder.
import { describe, expect, it } from 'vitest';
import { editDistance, nearest, parseJobConfig } from '../shared/config.js';

const FILE = 'D:\\组织部\\zhuanjie.config.json';
const said = (data: unknown): string => {
  const r = parseJobConfig(data, FILE);
  if (r.ok) throw new Error('the config was accepted');
  return r.message;
};
const SMTP = { transport: 'smtp', host: 'smtp.example.edu.cn', port: 465, user: 'zuzhibu@example.edu.cn' };
const COLLEGE = { name: '计算机学院', secretary: { name: '李晓雯', email: 'lixiaowen@example.edu.cn' } };
const REFUSAL = '密码不能写在配置文件里。请删除此项，把密码放在环境变量 ZHUANJIE_SMTP_PASSWORD 中（或用 mail.passwordEnv 指定别的变量名）。';

describe('an unknown key is named where it stands, with the key it was probably meant to be', () => {
  it.each<[string, unknown, string]>([
    ['a swapped pair of letters at the top level (mial → mail)', { mial: SMTP }, 'mial：没有这个设置项，是否想写「mail」？'],
    ['a letter left out of a long key counts less than in a short one (cort → cohort: two edits in six letters)', { cort: 2026 }, 'cort：没有这个设置项，是否想写「cohort」？'],
    ['two letters left out of a long key (fulIdNumber → fullIdNumbers)', { fulIdNumber: true }, 'fulIdNumber：没有这个设置项，是否想写「fullIdNumbers」？'],
    ['the wrong case is only a typo (StateDir → stateDir)', { StateDir: 'out/state' }, 'StateDir：没有这个设置项，是否想写「stateDir」？'],
    ['a key nothing resembles gets no guess', { 备注: '2026届毕业生' }, '备注：没有这个设置项。'],
    ['smtp belongs in mail.transport, so at the top it resembles nothing', { smpt: SMTP }, 'smpt：没有这个设置项。'],
    ['inside mail, the keys of the SMTP transport (prot → port)', { mail: { ...SMTP, prot: 587 } }, 'mail.prot：没有这个设置项，是否想写「port」？'],
    ['inside a college (alias → aliases)', { colleges: [{ ...COLLEGE, alias: ['计院'] }] }, '第 1 个学院的 alias：没有这个设置项，是否想写「aliases」？'],
    ['inside the second college’s secretary (emial → email)', { colleges: [COLLEGE, { name: '机械工程学院', secretary: { email: 'wangfang@example.edu.cn', emial: 'x' } }] }, '第 2 个学院的 secretary.emial：没有这个设置项，是否想写「email」？'],
    ['inside a registration given as an object, one of two shapes a source may take (colums → columns)', { registrations: ['计算机学院.xlsx', { path: '机械工程学院.xlsx', colums: { 手机: '联系电话' } }] }, '第 2 个登记表的 colums：没有这个设置项，是否想写「columns」？'],
    ['inside the reminders (sendtiem → sendTime)', { reminders: { sendtiem: '08:30' } }, 'reminders.sendtiem：没有这个设置项，是否想写「sendTime」？'],
    ['on a tie the key the schema lists first wins (hort: host and port are both one letter away)', { mailbox: { host: 'imap.example.edu.cn', user: 'zuzhibu@example.edu.cn', hort: 993 } }, 'mailbox.hort：没有这个设置项，是否想写「host」？'],
  ])('%s', (_, data, line) => {
    expect(said(data)).toBe(`${FILE}：${line}`);
  });
});

describe('a password written in the file is refused, pointing to the environment variable', () => {
  it.each(['password', 'Password', 'PASSWD', 'pass', 'pwd', '密码'])('mail.%s', (key) => {
    const message = said({ mail: { ...SMTP, [key]: 'Zzb@2026!' } });
    expect(message).toBe(`${FILE}：mail.${key}：${REFUSAL}`);
    expect(message).not.toContain('Zzb@2026!');
  });

  it('at the top of the file too', () => {
    expect(said({ cohort: 2026, password: 'Zzb@2026!' })).toBe(`${FILE}：password：${REFUSAL}`);
  });

  it('a misspelt password key (pasword) is refused the same way', () => {
    expect(said({ mail: { ...SMTP, pasword: 'Zzb@2026!' } })).toBe(`${FILE}：mail.pasword：${REFUSAL}`);
  });
});

describe('all the mistakes of one file are listed together, unknown keys first, one per line', () => {
  it('an unknown key and a value out of range', () => {
    expect(said({ StateDir: 'out/state', cohort: 1999 })).toBe(
      `${FILE}：StateDir：没有这个设置项，是否想写「stateDir」？\n${FILE}：cohort：数值过小：期望 number >=2000`,
    );
  });

  it('two unknown keys in one object, and nothing else', () => {
    expect(said({ mail: { ...SMTP, prot: 587, password: 'Zzb@2026!' } })).toBe(`${FILE}：mail.prot：没有这个设置项，是否想写「port」？\n${FILE}：mail.password：${REFUSAL}`);
  });

  it('a valid file is accepted', () => {
    const r = parseJobConfig({ cohort: 2026, mail: SMTP, colleges: [COLLEGE], registrations: ['计算机学院.xlsx'] }, FILE);
    expect(r.ok).toBe(true);
  });
});

describe('the receipt mailbox is an IMAP server with its account, or a local Maildir folder (seed 003)', () => {
  it.each<[string, unknown, string | null]>([
    ['neither a server nor a folder', {}, 'mailbox.host：应填写 host（IMAP 服务器）或 maildir（本地文件夹）二者之一'],
    ['both a server and a folder', { host: 'imap.example.edu.cn', user: 'zuzhibu@example.edu.cn', maildir: 'mail/回执' }, 'mailbox.host：应填写 host（IMAP 服务器）或 maildir（本地文件夹）二者之一'],
    ['a server without its account', { host: 'imap.example.edu.cn' }, 'mailbox.user：使用 IMAP 服务器时必须填写 user（邮箱账号）'],
    ['a server with its account', { host: 'imap.example.edu.cn', user: 'zuzhibu@example.edu.cn' }, null],
    ['a local folder', { maildir: 'mail/回执' }, null],
  ])('%s', (_, mailbox, line) => {
    const r = parseJobConfig({ mailbox }, FILE);
    expect(r.ok ? null : r.message).toBe(line === null ? null : `${FILE}：${line}`);
  });
});

describe('the nearest known key', () => {
  const ROOT = ['cohort', 'registrations', 'receipts', 'columns', 'colleges', 'from', 'mail', 'stateDir', 'reportDir'];
  it.each<[string, readonly string[], string | null]>([
    ['reciepts', ROOT, 'receipts'],
    ['COLLEGES', ROOT, 'colleges'],
    ['Receipts', ['receipts'], 'receipts'],
    ['mail', ['MAIL'], 'MAIL'],
    ['cort', ROOT, 'cohort'],
    ['crt', ['cohort'], null],
    ['ml', ['mail'], null],
    ['c', ['cc', 'from'], 'cc'],
    ['xy', ['from'], null],
    ['备注', ROOT, null],
    ['hort', ['host', 'port'], 'host'],
    ['hort', ['port', 'host'], 'port'],
    ['anything', [], null],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(nearest(word, candidates)).toBe(expected);
  });
});

describe('edit distance counts a swap of neighbours as one edit', () => {
  it.each<[string, string, number]>([
    ['smtp', 'smtp', 0],
    ['smpt', 'smtp', 1],
    ['ab', 'ba', 1],
    ['mial', 'mail', 1],
    ['reciepts', 'receipts', 1],
    ['sendtiem', 'sendtime', 1],
    ['hsot', 'host', 1],
    ['oprt', 'port', 1],
    ['abcd', 'badc', 2],
    ['', 'mail', 4],
    ['mail', '', 4],
    ['kitten', 'sitting', 3],
    ['cort', 'cohort', 2],
    ['ca', 'abc', 3],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

/** A user never meets English or a raw system error: commander's texts, config mistakes, system errors, wrong files. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, translateCommanderError, wrapText } from '../jobs/cli/cliText.js';
import { explainSystemError } from '../jobs/lib/systemErrors.js';
import { notAWorkbook } from '../jobs/lib/read/sniff.js';
import { locateJsonError } from '../shared/jsonError.js';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { cli, tempDir } from './helpers.js';

const ENGLISH = /Usage|Options|Commands|Arguments|default:|\[options\]|\[command\]|error:|required option|unknown|Did you mean/;

describe('commander speaks Chinese', () => {
  it.each([[[] as string[]], [['reconcile']], [['run']], [['template']], [['validate']]])('zhuanjie %j --help has no English of its own', (cmd) => {
    const r = cli([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ENGLISH);
    expect(r.stdout).toMatch(/^用法：/);
  });

  it('required options are marked, --as-of shows its format, defaults are said in Chinese', () => {
    const reconcile = cli(['reconcile', '--help']).stdout;
    expect(reconcile).toMatch(/--registrations <路径\.\.\.>\s+登记表文件或文件夹（必填）/);
    expect(reconcile).toContain('--as-of <YYYY-MM-DD>');
    expect(cli(['template', '--help']).stdout).toContain('（默认：毕业生党员组织关系介绍信登记表.xlsx）');
  });

  it('the command list lines up in terminal cells, Chinese counted double', () => {
    const lines = cli(['--help']).stdout.split('\n');
    const start = lines.indexOf('命令：');
    const items = lines.slice(start + 1).filter((l) => /^ {2}\S/.test(l));
    expect(items.length).toBeGreaterThanOrEqual(7);
    const columns = items.map((l) => displayWidth(/^( {2}\S.*?\s{2,})\S/.exec(l)![1]!));
    expect(new Set(columns).size).toBe(1);
    // Continuation lines start at the same column, and no line overflows 80 cells by more than a closing mark.
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(82);
  });

  it('a missing required option and a typo are told in Chinese, with a suggestion', () => {
    const missing = cli(['reconcile', '--receipts', 'x.xlsx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('错误：缺少必填选项 --registrations <路径...>');
    const typo = cli(['validate', '--sheeet', '登记表', 'a.xlsx']);
    expect(typo.stderr).toContain('错误：没有选项 --sheeet\n（是否想用 --sheet？）');
    expect(cli(['valdate']).stderr).toContain('错误：没有命令 valdate');
    for (const r of [missing, typo]) expect(r.stderr).not.toMatch(ENGLISH);
  });

  it('translates each commander message it knows', () => {
    expect(translateCommanderError("error: option '--receipts <path...>' argument missing")).toBe('错误：选项 --receipts <路径...> 后面缺少值');
    expect(translateCommanderError("error: too many arguments for 'template'. Expected 0 arguments but got 1.")).toBe('错误：命令 template 参数过多：应为 0 个，实际 1 个');
  });

  it('wraps Chinese between characters, never inside an option name', () => {
    expect(wrapText('在提醒日给各学院发送未完成名单，使用 --checkpoint 强制', 20).split('\n')).toEqual(['在提醒日给各学院发送', '未完成名单，使用', '--checkpoint 强制']);
  });
});

describe('config mistakes', () => {
  const write = (text: string) => {
    const f = join(tempDir(), '配置.json');
    writeFileSync(f, text);
    return f;
  };

  it('a JSON syntax error names the line and column and never echoes the file', () => {
    const f = write('{\n  "cohort": 2026,\n  "from": "组织部 <secret-relay@example.edu.cn>",\n}\n');
    const r = cli(['run', '--config', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 4 行第 1 列');
    expect(r.stderr).toContain('最后一项后面多了逗号');
    expect(r.stderr).not.toContain('secret-relay');
  });

  it.each([
    ['{"a": 1 "b": 2}', 1, 9, '缺少逗号'],
    ["{'cohort': 2026}", 1, 2, '单引号'],
    ['{"cohort"：2026}', 1, 10, '中文标点'],
    ['{"registrations": ["a.xlsx"', 1, 28, '意外结束'],
    ['{"x": 1} // 说明', 1, 10, '多余'],
  ])('%s → line %i column %i (%s)', (text, line, column, problem) => {
    const at = locateJsonError(text)!;
    expect([at.line, at.column]).toEqual([line, column]);
    expect(at.problem).toContain(problem);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('valid JSON has no error', () => expect(locateJsonError(JSON.stringify(sampleConfig(), null, 2))).toBeNull());

  it('an unknown key suggests the nearest known one (reciepts → receipts)', () => {
    const r = cli(['run', '--config', write(JSON.stringify({ registrations: ['a.xlsx'], reciepts: ['b.xlsx'] }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reciepts：没有这个设置项，是否想写「receipts」？');
  });

  it('a password in the file points to ZHUANJIE_SMTP_PASSWORD', () => {
    const r = cli(['run', '--config', write(JSON.stringify({ mail: { transport: 'smtp', host: 'smtp.example.edu.cn', user: 'zuzhibu@example.edu.cn', password: 'hunter2' } }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mail.password：密码不能写在配置文件里');
    expect(r.stderr).toContain('ZHUANJIE_SMTP_PASSWORD');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a missing SMTP password is reported at start, before any workbook is read', () => {
    const f = write(JSON.stringify({ registrations: ['不存在的登记表.xlsx'], mail: { transport: 'smtp', host: 'smtp.example.edu.cn', user: 'zuzhibu@example.edu.cn' } }));
    const r = cli(['run', '--config', f, '--as-of', '2026-08-25'], { env: { ZHUANJIE_SMTP_PASSWORD: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('环境变量 ZHUANJIE_SMTP_PASSWORD 中没有密码');
    expect(r.stderr).not.toContain('不存在的登记表');
    expect(r.stdout).toBe('');
  });
});

describe('system errors in a secretary’s words', () => {
  it('connection refused: 「无法连接邮件服务器 127.0.0.1:1（连接被拒绝）」 with the original in parentheses', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'input'));
    sampleWorkbooks(join(dir, 'input'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...sampleConfig(), mail: { transport: 'smtp', host: '127.0.0.1', port: 1, secure: false, attempts: 1 } }));
    const r = cli(['run', '--config', join(dir, 'config.json'), '--as-of', '2026-08-25']);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.startsWith('失败：计算机学院：'));
    expect(line).toContain('无法连接邮件服务器 127.0.0.1:1（连接被拒绝）（原始信息：connect ECONNREFUSED 127.0.0.1:1）');
  });

  it.each([
    [{ code: 'EBUSY', path: 'D:\\转接\\报告.xlsx', message: "EBUSY: resource busy or locked, open 'D:\\转接\\报告.xlsx'" }, '文件被其他程序占用'],
    [{ code: 'ENOSPC', message: 'ENOSPC: no space left on device, write' }, '磁盘空间不足'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 Error: authentication failed' }, '拒绝登录'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.example.edu.cn' }, '域名无法解析'],
  ])('%j → %s', (err, said) => {
    const text = explainSystemError(err)!;
    expect(text).toContain(said);
    const e = err as { message?: string; response?: string };
    expect(text).toContain(`（原始信息：${e.response ?? e.message}）`);
  });

  it('a programming error is not dressed up as a system error', () => expect(explainSystemError(new TypeError('x is undefined'))).toBeNull());
});

describe('a file that is not a workbook says what it is', () => {
  const docx = () => {
    const dir = tempDir();
    const f = join(dir, '登记表.xlsx');
    // A real zip with a Word document's parts, as Word or WPS writes them.
    execFileSync('/usr/bin/python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml','<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('word/document.xml','<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>毕业生党员登记表</w:t></w:r></w:p></w:body></w:document>')
z.close()`, f]);
    return f;
  };

  it('a Word document named .xlsx: 「这是 Word 文档，不是工作簿」', () => {
    const r = cli(['validate', docx()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('登记表.xlsx：这是 Word 文档，不是工作簿');
  });

  it('a PDF given as receipts', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '回执.xls'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1'));
    const r = cli(['reconcile', '--registrations', sampleWorkbooks(tempDir()).registrations[0]!, '--receipts', join(dir, '回执.xls')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('回执.xls：这是 PDF 文件，不是工作簿');
  });

  it('recognises a Word 97 .doc and a photo by their first bytes, but not an encrypted workbook (also OLE)', () => {
    const ole = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);
    expect(notAWorkbook(ole('WordDocument'))).toContain('这是 Word 文档（.doc），不是工作簿');
    expect(notAWorkbook(ole('EncryptedPackage'))).toBeNull();
    expect(notAWorkbook(Buffer.from('ffd8ffe000104a464946', 'hex'))).toContain('这是图片');
  });

  it('a real workbook is not mistaken for one', () => {
    const { registrations, receipts } = sampleWorkbooks(tempDir());
    for (const f of [...registrations, ...receipts]) expect(notAWorkbook(readFileSync(f))).toBeNull();
  });
});

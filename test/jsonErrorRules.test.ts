// Where a broken zhuanjie.config.json first breaks the JSON grammar, and what the secretary
// is told (shared/jsonError.ts): the line and column as Notepad counts them, and a Chinese
// explanation of the usual slips — 中文标点, smart or single quotes, a comma too many or too
// few, a brace never closed, text after the end. In-process, so each rule is seen directly.
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../shared/jsonError.js';

const MISSING_COMMA_OBJECT = '应为逗号 , 或 }（上一项后面缺少逗号？）；';
const MISSING_COMMA_LIST = '应为逗号 , 或 ]（上一项后面缺少逗号？）；';
const KEY_QUOTES = '应为用双引号括起的键名；';
const VALUE = '应为一个值（字符串要加双引号）；';
const CHINESE = (c: string) => `此处是中文标点「${c}」，应为英文标点`;
const NOT_HERE = (c: string) => `此处不应出现「${c}」`;
const ENDED = '文件在此处意外结束（缺少 } 或 ]？）';
const TRAILING = '最后一项后面多了逗号';

describe('a config file broken the way a secretary breaks it in Notepad is located by line and column', () => {
  it.each<[string, string, number, number, string]>([
    ['「，」 typed with the Chinese keyboard between two settings', '{\n  "cohort": 2026，\n  "stateDir": "out/state"\n}', 2, 17, MISSING_COMMA_OBJECT + CHINESE('，')],
    ['「：」 after a key', '{"cohort"：2026}', 1, 10, `键名后应为冒号 :；${CHINESE('：')}`],
    ['a key in “smart quotes”', '{\n  “cohort”: 2026\n}', 2, 3, KEY_QUOTES + CHINESE('“')],
    ['a value opened with a closing smart quote ”', '{\n  "cohort": 2026,\n  "from": ”组织部”\n}', 3, 11, VALUE + CHINESE('”')],
    ["a key in 'single quotes'", "{\n  'cohort': 2026\n}", 2, 3, `${KEY_QUOTES}字符串要用英文双引号 " 括起，不能用单引号`],
    ['a comma after the last setting', '{\n  "cohort": 2026,\n  "stateDir": "out/state",\n}', 4, 1, TRAILING],
    ['a comma after the last file of a list', '{\n  "registrations": ["计算机学院.xlsx", "机械工程学院.xlsx",]\n}', 2, 49, TRAILING],
    ['no comma between two lines (CRLF line ends, as Notepad saves)', '{\r\n  "cohort": 2026\r\n  "stateDir": "out/state"\r\n}\r\n', 3, 3, MISSING_COMMA_OBJECT + NOT_HERE('"')],
    ['no comma between two files of a list', '{\n  "registrations": ["计算机学院.xlsx" "机械工程学院.xlsx"]\n}', 2, 34, MISSING_COMMA_LIST + NOT_HERE('"')],
    ['no comma between two numbers', '{"leadDays": [7 3]}', 1, 17, MISSING_COMMA_LIST + NOT_HERE('3')],
    ['the last brace never closed', '{\n  "cohort": 2026,\n  "reminders": { "sendTime": "08:30" }\n', 4, 1, MISSING_COMMA_OBJECT + ENDED],
    ['a list closed with } instead of ]', '{\n  "registrations": ["计算机学院.xlsx"\n}', 3, 1, MISSING_COMMA_LIST + NOT_HERE('}')],
    ['one brace too many at the end', '{\n  "cohort": 2026\n}\n}', 4, 1, `内容结束后还有多余的字符；${NOT_HERE('}')}`],
    ['a second object pasted after the first', '{"cohort": 2026} {"stateDir": "out/state"}', 1, 18, `内容结束后还有多余的字符；${NOT_HERE('{')}`],
    ['a // comment', '{\n  // 届别\n  "cohort": 2026\n}', 2, 3, `${KEY_QUOTES}JSON 中不能写注释`],
    ['a comment after the end', '{"cohort": 2026} // 2026届', 1, 18, '内容结束后还有多余的字符；JSON 中不能写注释'],
    ['a key without quotes', '{\n  cohort: 2026\n}', 2, 3, KEY_QUOTES + NOT_HERE('c')],
    ['a key without its colon', '{\n  "cohort" 2026\n}', 2, 12, `键名后应为冒号 :；${NOT_HERE('2')}`],
    ['Chinese text without quotes', '{\n  "from": 党委组织部\n}', 2, 11, VALUE + NOT_HERE('党')],
    ['a string whose closing quote is forgotten before the line ends', '{\n  "from": "党委组织部\n}', 2, 17, '字符串中间换行了（缺少右引号 "？）'],
    ['a string whose closing quote is forgotten at the end of the file', '{\n  "from": "党委组织部', 2, 17, '字符串缺少右引号 "'],
    ['a string ending in a backslash at the end of the file', '{\n  "reportDir": "D:/报表\\', 2, 23, '字符串缺少右引号 "'],
    ['a value that is almost true', '{"fullIdNumbers": tru}', 1, 19, VALUE + NOT_HERE('t')],
    ['a value with a letter before the number', '{"cohort": x2026}', 1, 12, VALUE + NOT_HERE('x')],
    ['a date written as a bare number', '{"deadline": 06-10}', 1, 15, MISSING_COMMA_OBJECT + NOT_HERE('6')],
    ['a number with two decimal points', '{"backoffMs": 1.2.3}', 1, 18, MISSING_COMMA_OBJECT + NOT_HERE('.')],
    ['an empty file', '', 1, 1, VALUE + ENDED],
    ['a file of spaces and a line end', '  \r\n ', 2, 2, VALUE + ENDED],
    ['a bare CR line end before the missing brace', '{"cohort":\r2026', 2, 5, MISSING_COMMA_OBJECT + ENDED],
  ])('%s', (_, text, line, column, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ line, column, problem });
  });

  it('the password someone typed unquoted is not echoed back: only the one character where the grammar broke', () => {
    const at = locateJsonError('{"mail": {"transport": "smtp", "user": "zuzhibu@example.edu.cn", "passwordEnv": hunter2}}')!;
    expect(at.problem).toBe(VALUE + NOT_HERE('h'));
    expect(at.problem).not.toContain('hunter2');
  });
});

// A Windows path typed with single backslashes ("D:\报表") is not valid JSON (\报 is no escape):
// the secretary is shown the backslash and how to write it.
it('a Windows path with single backslashes is located at its backslash', () => {
  const text = '{\n  "reportDir": "D:\\报表"\n}';
  expect(() => JSON.parse(text)).toThrow();
  expect(locateJsonError(text)).toEqual({ line: 2, column: 19, problem: '反斜杠 \\ 在 JSON 字符串中要写成两个（\\\\），路径也可以用 / 分隔，如 "D:/报表"' });
  expect(locateJsonError('{"reportDir": "D:\\\\报表", "note": "\\u62a5\\n\\/"}')).toBeNull(); // doubled, and real escapes
});

describe('valid JSON has no error, whatever its spacing, strings and numbers', () => {
  it.each([
    ['an empty object', '{}'],
    ['an empty object with a space', '{ }'],
    ['an empty list', '[]'],
    ['an empty list with a space', '[ ]'],
    ['nested lists and objects', '[{"colleges": {}}, [[]], {"a": [ ]}]'],
    ['tabs, CRLF and spaces everywhere', '\t{\r\n\t"cohort" : 2026 ,\r\n\t"registrations" : [ "计算机学院.xlsx" , "机械工程学院.xlsx" ]\r\n}\r\n'],
    ['a trailing line end', '{"cohort": 2026}\n'],
    ['true, false and null', '{"fullIdNumbers": true, "secure": false, "user": null}'],
    ['whole numbers', '{"cohort": 2026, "leadDays": [14, 7, 1, 0], "offset": -1, "x": -0}'],
    ['decimals and exponents', '{"a": [1.25, 0.125, -0.5e-3, 1e10, 2E+3, 5e-7, 3.75E12]}'],
    ['escaped quotes and backslashes in strings', '{"from": "党委组织部 \\"组织处\\" <zuzhibu@example.edu.cn>", "reportDir": "C:\\\\Users\\\\张明远\\\\报表", "odd": "abc"}'],
    ['a string with spaces and Chinese text', '{"name": "中共北京市海淀区某某街道第一党支部 2026 届"}'],
    ['a bare string', '"计算机学院"'],
  ])('%s', (_, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonError(text)).toBeNull();
  });
});

/**
 * Where a JSON text first breaks the grammar, as line and column, with what was
 * expected there. JSON.parse's own message echoes the text (it could hold a
 * password) and, on Node 20, no position: this scanner says neither more nor less.
 */
export interface JsonSyntaxError { line: number; column: number; problem: string }

export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (problem: string): never => {
    throw Object.assign(new Error(problem), { at: i });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = () => {
    const c = text[i];
    if (c === undefined) return '文件在此处意外结束（缺少 } 或 ]？）';
    if (c === "'") return '字符串要用英文双引号 " 括起，不能用单引号';
    if (c === '“' || c === '”' || c === '，' || c === '：') return `此处是中文标点「${c}」，应为英文标点`;
    if (c === '/') return 'JSON 中不能写注释';
    return `此处不应出现「${c}」`;
  };
  const string = () => {
    if (text[i] !== '"') fail(describe());
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        // D:\报表 typed as a Windows path: \报 is no escape, and JSON.parse refuses the file.
        const e = text.slice(i + 1, i + 6);
        if (e && !/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(e)) fail('反斜杠 \\ 在 JSON 字符串中要写成两个（\\\\），路径也可以用 / 分隔，如 "D:/报表"');
        i++;
      } else if (text.charCodeAt(i) < 0x20) fail('字符串中间换行了（缺少右引号 "？）');
      i++;
    }
    if (i >= text.length) fail('字符串缺少右引号 "');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] === '}') fail('最后一项后面多了逗号');
        if (text[i] !== '"') fail(`应为用双引号括起的键名；${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`键名后应为冒号 :；${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail(`应为逗号 , 或 }（上一项后面缺少逗号？）；${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']') fail('最后一项后面多了逗号');
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail(`应为逗号 , 或 ]（上一项后面缺少逗号？）；${describe()}`);
      }
    }
    if (c === '"') return string();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (lit) return void (i += lit[0].length);
    fail(`应为一个值（字符串要加双引号）；${describe()}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`内容结束后还有多余的字符；${describe()}`);
    return null;
  } catch (err) {
    const at = (err as { at: number }).at;
    const before = text.slice(0, at).split(/\r\n|\r|\n/);
    return { line: before.length, column: before.at(-1)!.length + 1, problem: (err as Error).message };
  }
}

/**
 * Commander's own words in Chinese: help headings, option notes, usage terms and
 * its error messages, and a column layout that counts a Chinese character as two
 * terminal cells so that the command and option lists line up.
 */
import { Help, type Command, type HelpConfiguration, type Option, type OutputConfiguration } from 'commander';

/** Terminal cells a string takes: East Asian wide and fullwidth characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const usageWords = (s: string) => s.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]').replace(/<path\.\.\.>/g, '<路径...>');

/**
 * Wrap to `width` terminal cells. Chinese has no spaces to break at: break between
 * any two Chinese characters, never inside an ASCII word or option name.
 */
export function wrapText(text: string, width: number): string {
  if (width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      const tokens = line.match(/[\x21-\x7e\u00a0-\u024f]+|\s+|./gsu) ?? [];
      const out: string[] = [];
      let cur = '';
      for (const t of tokens) {
        // Closing punctuation never starts a line (it may overhang by one character).
        if (cur && displayWidth(cur + t) > width && !/^[，。）、：；」』！？》]$/u.test(t)) {
          out.push(cur.trimEnd());
          cur = /^\s+$/.test(t) ? '' : t;
        } else cur += t;
      }
      out.push(cur.trimEnd());
      return out.join('\n');
    })
    .join('\n');
}

export const helpConfiguration: HelpConfiguration = {
  styleTitle: (s: string) => TITLES[s] ?? s,
  displayWidth,
  boxWrap: (s: string, width: number) => wrapText(s, width),
  commandUsage(this: Help, cmd: Command) {
    return usageWords(Help.prototype.commandUsage.call(this, cmd));
  },
  optionTerm: (option: Option) => usageWords(option.flags),
  subcommandTerm(this: Help, cmd: Command) {
    return usageWords(Help.prototype.subcommandTerm.call(this, cmd));
  },
  /** 「（必填）」 for required options, 「（默认：…）」 for defaults the user may want to know. */
  optionDescription(option: Option) {
    const notes: string[] = [];
    if (option.mandatory) notes.push('必填');
    // A repeatable option starts from an empty list: that is no default worth a 「（默认：）」.
    const empty = Array.isArray(option.defaultValue) && !option.defaultValue.length;
    if (option.defaultValue !== undefined && !empty && (option.required || option.optional)) {
      notes.push(`默认：${option.defaultValueDescription ?? String(option.defaultValue)}`);
    }
    return notes.length ? `${option.description}（${notes.join('；')}）` : option.description;
  },
};

/** Commander's English error lines, in the order its messages can appear. */
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: missing required argument '(.+)'$/, (a) => `缺少参数 ${a}`],
  [/^error: option '(.+)' argument missing$/, (o) => `选项 ${o} 后面缺少值`],
  [/^error: required option '(.+)' not specified$/, (o) => `缺少必填选项 ${o}`],
  [/^error: unknown option '(.+)'$/, (o) => `没有选项 ${o}`],
  [/^error: unknown command '(.+)'$/, (c) => `没有命令 ${c}`],
  [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `${c ? `命令 ${c} ` : ''}参数过多：应为 ${e} 个，实际 ${g} 个`],
  [/^error: option '(.+)' argument '(.*)' is invalid\.$/, (o, v) => `选项 ${o} 的值「${v}」无效`],
  [/^error: (.+) cannot be used with (.+)$/, (a, b) => `${a} 不能与 ${b} 同时使用`],
];

/** One commander error text (maybe with its "(Did you mean …?)" line) in Chinese. */
export function translateCommanderError(text: string): string {
  return usageWords(text)
    .split('\n')
    .map((line) => {
      for (const [re, say] of ERRORS) {
        const m = re.exec(line);
        if (m) return `错误：${say(...m.slice(1).map((x) => x ?? ''))}`;
      }
      const did = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(line);
      if (did) return `（是否想用 ${did[1]}？）`;
      return line.replace(/^error: /, '错误：');
    })
    .join('\n');
}

export const outputConfiguration: OutputConfiguration = {
  outputError: (text, write) => write(translateCommanderError(text)),
};

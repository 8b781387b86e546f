/**
 * College names as written in the sheets against the colleges of the config. A sheet
 * whose 学院 matches none would leave its members without a college mail: it is named with
 * the nearest configured colleges and the `aliases` line that makes it match. A configured
 * college with no members usually means a missing sheet or a name written differently.
 */
import type { College } from './config.js';
import { editDistance } from './config.js';

/** A college's name as compared: no spaces, no 中共 prefix, no 党委/党总支/委员会 suffix. */
export const collegeKey = (s: string) => s.replace(/\s/g, '').replace(/(?:分党委|党委|党总支|委员会)$/, '').replace(/^中共/, '');

/** The configured colleges closest to `text`, best first (at most two), or none when nothing is close. */
export function nearestColleges(text: string, colleges: readonly College[]): College[] {
  const key = collegeKey(text);
  return colleges
    .map((c) => ({ c, d: Math.min(...[c.name, ...c.aliases].map((n) => editDistance(key, collegeKey(n)))) }))
    // Close: fewer edits than 60 % of the longer name (计算机科学与技术学院 → 计算机学院; not 外国语学院 → 计算机学院).
    .filter(({ c, d }) => d < 0.6 * Math.max(key.length, collegeKey(c.name).length))
    .sort((a, b) => a.d - b.d)
    .slice(0, 2)
    .map(({ c }) => c);
}

/** The `aliases` line that makes `text` match `college`, keeping the aliases it has. */
export const aliasesLine = (college: College, text: string) => `"aliases": ${JSON.stringify([...college.aliases, text])}`;

/**
 * What to tell the user about college names, one line each: sheets' colleges that match no
 * configured college, and configured colleges with no members (except those whose sheet
 * could not be read: that is reported already). Nothing without configured colleges.
 */
export function collegeNotes(
  members: readonly { college: string; file: string }[],
  colleges: readonly College[],
  opts: { unreadableColleges?: readonly string[] } = {},
): string[] {
  if (!colleges.length) return [];
  const configured = new Set(colleges.map((c) => c.name));
  const unknown = new Map<string, { n: number; files: Set<string> }>();
  for (const m of members) {
    if (configured.has(m.college) || m.college.startsWith('（未填学院')) continue;
    const u = unknown.get(m.college) ?? { n: 0, files: new Set<string>() };
    u.n++;
    u.files.add(m.file);
    unknown.set(m.college, u);
  }
  const lines: string[] = [];
  for (const [text, u] of unknown) {
    const near = nearestColleges(text, colleges);
    const head = `登记表 ${[...u.files].join('、')} 中的学院「${text}」（${u.n} 人）不是配置中的学院，这些党员不会收到学院提醒。`;
    lines.push(near.length
      ? `${head}最接近的是${near.map((c) => `「${c.name}」`).join('或')}；如是同一学院，请在配置中「${near[0]!.name}」下写：${aliasesLine(near[0]!, text)}`
      : `${head}请在配置的 colleges 中添加该学院，或在对应学院下用 aliases 写上这个名称。`);
  }
  const present = new Set(members.map((m) => m.college));
  const skip = new Set(opts.unreadableColleges ?? []);
  for (const c of colleges) {
    if (!present.has(c.name) && !skip.has(c.name)) lines.push(`配置中的学院「${c.name}」在登记表中没有党员：请核对是否缺少该学院的登记表，或登记表中的学院名称写法不同。`);
  }
  return lines;
}

/**
 * The config file's `rules` section, checked with zod (Chinese messages). Only the
 * Node side parses config files; the task pane uses the plain defaults in settings.ts.
 */
import { z } from './zod.js';
import { DEFAULT_RULE_SETTINGS as D, type RuleSettings } from './settings.js';

const keywords = (defaults: readonly string[]) => z.array(z.string().min(1)).default([...defaults]);

export const RuleSettingsSchema = z.strictObject({
  region: z
    .strictObject({
      name: z.string().default(D.region.name),
      internal: z.string().default(D.region.internal),
      inRegion: z.string().default(D.region.inRegion),
      outOfRegion: z.string().default(D.region.outOfRegion),
    })
    .prefault({}),
  orgCodeLengths: z.array(z.number().int().min(4).max(30)).min(1).default([...D.orgCodeLengths]),
  maxValidDays: z.number().int().min(1).max(366).default(D.maxValidDays),
  fixedDuesMonth: z.string().regex(/^\d{4}-\d{2}$/, '应为 YYYY-MM 格式').nullable().default(D.fixedDuesMonth),
  offNetworkKeywords: keywords(D.offNetworkKeywords),
  letterHeaderKeywords: keywords(D.letterHeaderKeywords),
  unplacedOrgKeywords: keywords(D.unplacedOrgKeywords),
  exemptDestinations: keywords(D.exemptDestinations),
}) satisfies z.ZodType<RuleSettings, unknown>;

export type RuleSettingsInput = z.input<typeof RuleSettingsSchema>;

/** zod issues as Chinese lines naming the path, for config files written by hand. */
export function formatZodIssues(error: z.ZodError, source: string): string {
  return error.issues.flatMap((i) => issueLines(i, [])).map(({ path, message }) => `${source}：${readablePath(path)}：${message}`).join('\n');
}

/** What the items of the config's lists are called, for 「第 1 个学院」 instead of `colleges.0`. */
const ITEM_NAMES: Record<string, string> = { colleges: '学院', registrations: '登记表', receipts: '回执', cc: '抄送地址' };

/** A config path as people count: colleges.0.secretary.email → 第 1 个学院的 secretary.email. */
export function readablePath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(根)';
  let out = '';
  for (let k = 0; k < path.length; k++) {
    const p = path[k]!;
    if (typeof p === 'number') {
      const list = String(path[k - 1] ?? '');
      const item = ITEM_NAMES[list];
      out = item ? `${out.slice(0, out.length - list.length)}第 ${p + 1} 个${item}` : `${out} 第 ${p + 1} 项`;
      if (k < path.length - 1) out += '的 ';
    } else out += `${out && !out.endsWith('的 ') ? '.' : ''}${String(p)}`;
  }
  return out.replace(/^\.|\.$/g, '').trim();
}

type Issue = z.core.$ZodIssue;
const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(' 或 ');

/**
 * One issue → the lines to show. A value outside a fixed set names the allowed values
 * ("transport": "SMTP" → 应为 "outbox" 或 "smtp"); a union (a path or an object with
 * path and columns) is explained by the branch the value came closest to.
 */
function issueLines(i: Issue, prefix: readonly PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...i.path];
  const extra = i as Issue & { options?: unknown[]; values?: unknown[]; errors?: Issue[][] };
  if (i.code === 'invalid_union' && extra.options?.length) return [{ path, message: `应为 ${quoted(extra.options)}（区分大小写）` }];
  if (i.code === 'invalid_value' && extra.values?.length) return [{ path, message: `应为 ${quoted(extra.values)}（区分大小写）` }];
  if (i.code === 'invalid_union' && extra.errors?.length) {
    // The branch that got past the value's type is the one the writer meant.
    const meant = extra.errors.find((branch) => branch.some((e) => e.code !== 'invalid_type' || e.path.length > 0));
    if (meant) return meant.flatMap((e) => issueLines(e, path));
  }
  return [{ path, message: i.message }];
}

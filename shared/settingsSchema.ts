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
  return error.issues
    .map((i) => `${source}：${i.path.length ? i.path.join('.') : '(根)'}：${i.message}`)
    .join('\n');
}

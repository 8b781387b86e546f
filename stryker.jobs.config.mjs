// `npm run mutate`, second half: the mail courier and send journal, the run lock and the inbox's
// message processing, against every in-process test (their end-to-end tests decide them).
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  vitest: { ...core.vitest, configFile: 'vitest.mutate.config.ts' },
  mutate: ['jobs/lib/mail/courier.ts', 'jobs/lib/mail/journal.ts', 'jobs/lib/lock.ts', 'jobs/inbox/process.ts', 'jobs/inbox/maildir.ts'],
  incrementalFile: 'reports/mutation/inc-jobs.json',
  jsonReporter: { fileName: 'reports/mutation/jobs.json' },
  timeoutMS: 60_000,
  tsconfigFile: 'tsconfig.json',
};

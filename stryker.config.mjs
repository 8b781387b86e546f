// Mutation testing (`npm run mutate`): small changes to the core are made one at a time
// and the suite must fail on each. Not in CI (too slow for two cores). Survivors that
// are harmless or equivalent are listed with the reason in mutation-survivors.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // The core, the mail courier and journal, the lock and the inbox's message processing.
  mutate: [
    'shared/**/*.ts',
    '!shared/settingsSchema.ts',
    '!shared/zod.ts',
    'jobs/lib/mail/courier.ts',
    'jobs/lib/mail/journal.ts',
    'jobs/lib/lock.ts',
    'jobs/inbox/process.ts',
    'jobs/inbox/maildir.ts',
  ],
  // A static mutant (a word in a module-level vocabulary, a pattern) is live from module load, so
  // Stryker must re-run every test for it with fresh modules: minutes each here. They are left out
  // of the score; the vocabularies' words have their own tests (test/failClosed.test.ts, rules).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 4,
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // Build output is rebuilt by the tests' global set-up inside the sandbox; copying it races a build.
  ignorePatterns: ['/dist', '/test-results', '/bench/out'],
};

// Mutation testing (`npm run mutate`): small changes to the core are made one at a time
// and the suite must fail on each. Not in CI (too slow for two cores). Survivors that
// are harmless or equivalent are listed with the reason in mutation-survivors.md.
// This file is the core (shared/); stryker.jobs.config.mjs the courier, journal, lock and inbox.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.core.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // settingsSchema.ts and zod.ts are declarations (zod schemas, re-exports): every mutant there is static.
  mutate: ['shared/**/*.ts', '!shared/settingsSchema.ts', '!shared/zod.ts', '!shared/**/*.d.ts'],
  // A static mutant (a word in a module-level vocabulary, a pattern) is live from module load, so
  // Stryker must re-run every test for it with fresh modules: minutes each here. They are left out
  // of the score; the vocabularies' words have their own tests (test/failClosed.test.ts, rules).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/inc-core.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/core.json' },
  // One test process per core: more only slows each mutant until a loaded machine reports timeouts that are not loops.
  concurrency: 2,
  // The core's tests take milliseconds: a mutant still running 15 s past its tests' usual time is an endless loop (counted as caught).
  timeoutMS: 15_000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // Build output: the core's tests do not use it, and the jobs half rebuilds it in the tests' global set-up inside the sandbox (copying it races that build).
  ignorePatterns: ['/dist', '/test-results', '/bench/out'],
};

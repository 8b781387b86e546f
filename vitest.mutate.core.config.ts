// The tests `npm run mutate` runs against mutants of shared/: vitest.mutate.config.ts without the
// slow end-to-end tests of the jobs (a real SMTP or IMAP server, the CLI, random edit sequences on
// the test host). Each takes seconds and would run again for every surviving mutant of the
// core they touch (about 5,000); the core's own tests decide its rules. Running fewer tests can
// only lower the score, so the score measured this way is a floor.
import { defineConfig, mergeConfig } from 'vitest/config';
import mutate, { OUT_OF_PROCESS } from './vitest.mutate.config.js';

const JOBS_END_TO_END = [
  'test/mail.test.ts', 'test/groupCommit.test.ts', 'test/mailbox.test.ts', 'test/liveProperty.test.ts', 'test/journal.test.ts',
  'test/columns.test.ts', 'test/isolation.test.ts', 'test/sources.test.ts', 'test/relay.test.ts', 'test/lock.test.ts',
  'test/live.test.ts', 'test/catchUp.test.ts', 'test/skipped.test.ts', 'test/paths.test.ts', 'test/supersededFailure.test.ts',
  'test/privateFiles.test.ts', 'test/incompleteSummary.test.ts', 'test/interrupted.test.ts',
  // Bundles the pane with esbuild, whose build step reads shared/rules.ts as text: Stryker's instrumented copy is not that text.
  'test/paneSimplified.test.ts',
];

const config = mergeConfig(mutate, defineConfig({ test: { exclude: [...OUT_OF_PROCESS, ...JOBS_END_TO_END, 'node_modules/**'] } }));
// No build before the run: these tests import the sources, and Stryker starts a fresh test
// process after every mutant that loops forever — a tsc build each time cost most of the run.
config.test!.globalSetup = [];
export default config;

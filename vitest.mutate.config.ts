// The suite as `npm run mutate` runs it: the tests that run the mutated code in the test
// process. Tests that drive a child process, Chromium or LibreOffice cannot see a mutant
// (Stryker switches mutants inside the test process) and only cost time there.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export const OUT_OF_PROCESS = [
  'test/addin.test.ts', 'test/annotate.test.ts', 'test/audit.test.ts', 'test/chinese.test.ts', 'test/cli.test.ts',
  'test/deploy.test.ts', 'test/dryRun.test.ts', 'test/e2e/**', 'test/lockMessages.test.ts', 'test/members.test.ts',
  'test/memory.test.ts', 'test/reading.test.ts', 'test/season.test.ts', 'test/hostile.test.ts', 'test/architecture.test.ts',
  'test/help.test.ts',
];

// isolate: false keeps modules loaded between test files: each mutant runs only the tests
// that cover it, and re-importing the core for every file would cost most of the time.
export default mergeConfig(base, defineConfig({ test: { exclude: [...OUT_OF_PROCESS, 'node_modules/**'], isolate: false } }));

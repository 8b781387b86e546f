import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export default function setup() {
  // Compiled files of modules that moved or were removed must not linger: a test that
  // still loads one would pass here and fail on a fresh clone.
  rmSync('dist/jobs', { recursive: true, force: true });
  rmSync('dist/shared', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

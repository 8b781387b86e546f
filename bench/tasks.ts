/**
 * Measurements that run inside one child process each (so that peak RSS is theirs
 * alone). Prints one JSON line. Used by bench/run.ts; not a user command.
 */
import { performance } from 'node:perf_hooks';
import type { Cell } from '../shared/normalize.js';
import { benchData } from './data.js';

// The code users run: tsc's output in dist/, not the sources through a loader.
const dist = (path: string) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { validateSheet } = (await dist('shared/validate.js')) as typeof import('../shared/validate.js');
const { readTable } = (await dist('jobs/workbook.js')) as typeof import('../jobs/workbook.js');
const { REGISTRATION_FIELDS } = (await dist('shared/fields.js')) as typeof import('../shared/fields.js');

const [task, arg, repsArg] = process.argv.slice(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (task === 'validate') {
  // Pure rule throughput: the snapshot is already in memory, as in the task pane.
  const n = Number(arg);
  const rows = benchData(n).registrations.map((r) => r.map((v) => (v && typeof v === 'object' ? (v as { v: Cell }).v : v) as Cell));
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < Number(repsArg ?? 5); i++) {
    const t = performance.now();
    findings = validateSheet({ name: '登记表', rows }, { today: '2026-06-20' }).findings.length;
    times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ rowsPerSec: Math.round(n / (median(times) / 1000)), findings }));
} else if (task === 'read') {
  const t = performance.now();
  const picked = readTable(arg!, REGISTRATION_FIELDS, { what: '登记表' });
  console.log(JSON.stringify({ ms: performance.now() - t, rows: picked.snapshot.rows.length }));
} else {
  console.error(`未知任务：${task}`);
  process.exit(2);
}

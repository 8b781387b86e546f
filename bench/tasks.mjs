// Measurements that run inside one child process each (so that peak RSS is theirs
// alone). Plain JavaScript on tsc's output in dist/: the code users run, with no
// TypeScript loader in between. Prints one JSON line. Used by bench/run.ts.
import { performance } from 'node:perf_hooks';
import { REGISTRATION_FIELDS } from '../dist/shared/fields.js';
import { validateSheet } from '../dist/shared/validate.js';
import { readTable } from '../dist/jobs/read/workbook.js';
import { cellText } from '../dist/shared/normalize.js';

const [task, file, repsArg] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (task === 'validate') {
  // Pure rule throughput on the snapshot the reader makes (the task pane hands over
  // plain values too); one warm-up pass, then the median of the rest.
  const picked = readTable(file, REGISTRATION_FIELDS, { what: '登记表' });
  const rows = picked.snapshot.rows.length - picked.header.index - 1;
  const times = [];
  let findings = 0;
  for (let i = 0; i <= Number(repsArg ?? 5); i++) {
    const t = performance.now();
    findings = validateSheet(picked.snapshot, { today: '2026-06-20', header: picked.header }).findings.length;
    if (i > 0) times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ rowsPerSec: Math.round(rows / (median(times) / 1000)), findings }));
} else if (task === 'validate-floor') {
  // The floor for the rules: the same rows, every recognised cell's text read once, nothing else.
  const picked = readTable(file, REGISTRATION_FIELDS, { what: '登记表' });
  const cols = [...picked.header.columns.values()];
  const rows = picked.snapshot.rows.length - picked.header.index - 1;
  const times = [];
  let chars = 0;
  for (let i = 0; i <= Number(repsArg ?? 5); i++) {
    const t = performance.now();
    for (let r = picked.header.index + 1; r < picked.snapshot.rows.length; r++) {
      const cells = picked.snapshot.rows[r];
      for (const c of cols) chars += cellText(cells[c] ?? null).length;
    }
    if (i > 0) times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ rowsPerSec: Math.round(rows / (median(times) / 1000)), chars }));
} else if (task === 'read') {
  const t = performance.now();
  const picked = readTable(file, REGISTRATION_FIELDS, { what: '登记表' });
  console.log(JSON.stringify({ ms: performance.now() - t, rows: picked.snapshot.rows.length }));
} else {
  console.error(`未知任务：${task}`);
  process.exit(2);
}

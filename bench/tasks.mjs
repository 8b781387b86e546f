// Measurements that run inside one child process each (so that peak RSS is theirs
// alone). Plain JavaScript on tsc's output in dist/: the code users run, with no
// TypeScript loader in between. Prints one JSON line. Used by bench/run.ts.
import { performance } from 'node:perf_hooks';
import { REGISTRATION_FIELDS } from '../dist/shared/fields.js';
import { validateSheet } from '../dist/shared/validate.js';
import { readTable } from '../dist/jobs/lib/read/workbook.js';
import { cellText } from '../dist/shared/normalize.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [task, file, repsArg] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (task === 'validate') {
  // Rule throughput on the snapshot the reader makes (the task pane hands over plain
  // values too), beside two references on the same rows, interleaved round by round so
  // that the machine's noise falls on all three alike: the floor (every recognised cell's
  // text read once, nothing else) and, when bench/run.ts could build it, the rule path of
  // an earlier commit (LEGACY_DIST). One warm-up round, then the median of the rest.
  const picked = readTable(file, REGISTRATION_FIELDS, { what: '登记表' });
  const { snapshot, header } = picked;
  const rows = snapshot.rows.length - header.index - 1;
  const cols = [...header.columns.values()];
  const today = '2026-06-20';
  let chars = 0;
  const floor = () => {
    for (let r = header.index + 1; r < snapshot.rows.length; r++) {
      const cells = snapshot.rows[r];
      for (const c of cols) chars += cellText(cells[c] ?? null).length;
    }
  };
  let findings = 0;
  const ours = () => { findings = validateSheet(snapshot, { today, header }).findings.length; };
  let legacy = null;
  let legacyFindings = 0;
  if (process.env.LEGACY_DIST) {
    const dir = process.env.LEGACY_DIST;
    const old = await import(pathToFileURL(join(dir, 'shared', 'validate.js')).href);
    const { findHeader } = await import(pathToFileURL(join(dir, 'shared', 'table.js')).href);
    const fields = (await import(pathToFileURL(join(dir, 'shared', 'fields.js')).href)).REGISTRATION_FIELDS;
    const oldHeader = findHeader(snapshot, fields);
    legacy = () => { legacyFindings = old.validateSheet(snapshot, { today, header: oldHeader }).findings.length; };
  }
  const times = { floor: [], ours: [], legacy: [] };
  const timed = (f, into) => { const t = performance.now(); f(); into.push(performance.now() - t); };
  for (let i = 0; i <= Number(repsArg ?? 5); i++) {
    const round = { floor: [], ours: [], legacy: [] };
    timed(floor, round.floor);
    timed(ours, round.ours);
    if (legacy) timed(legacy, round.legacy);
    if (i > 0) for (const k of Object.keys(times)) times[k].push(...round[k]);
  }
  const perSec = (xs) => Math.round(rows / (median(xs) / 1000));
  console.log(JSON.stringify({
    rowsPerSec: perSec(times.ours), floorRowsPerSec: perSec(times.floor), legacyRowsPerSec: legacy ? perSec(times.legacy) : null,
    findings, legacyFindings: legacy ? legacyFindings : null, chars,
  }));
} else if (task === 'read') {
  const t = performance.now();
  const picked = readTable(file, REGISTRATION_FIELDS, { what: '登记表' });
  console.log(JSON.stringify({ ms: performance.now() - t, rows: picked.snapshot.rows.length }));
} else {
  console.error(`未知任务：${task}`);
  process.exit(2);
}

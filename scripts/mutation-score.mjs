// Reads Stryker's JSON reports under reports/mutation/ (one per `npm run mutate` run, or
// per batch of files) and prints the mutation score per file and overall, and every
// surviving mutant with its place: the list mutation-survivors.md explains.
// Score as Stryker counts it: (killed + timed out) / (killed + timed out + survived + no coverage).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', 'reports', 'mutation');
const files = new Map();
// Oldest report first: a newer report of a file replaces its results whole, except a
// `*.retest.json` report of the same source (some mutants tested again, such as the timed-out
// ones with a longer timeout), which replaces the results of the mutants it holds.
const reports = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('inc-'))
  .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs })).sort((a, b) => a.time - b.time);
const mutantKey = (m) => `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement}`;
for (const { name } of reports) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  for (const [file, r] of Object.entries(report.files ?? {})) {
    const prior = files.get(file);
    const mutants = new Map(name.endsWith('.retest.json') && prior?.source === r.source ? prior.mutants.map((m) => [mutantKey(m), m]) : []);
    for (const m of r.mutants) mutants.set(mutantKey(m), m);
    files.set(file, { source: r.source, mutants: [...mutants.values()] });
  }
}
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
let detected = 0, undetected = 0;
const survivors = [];
const rows = [];
for (const [file, r] of [...files].sort()) {
  let d = 0, u = 0;
  for (const m of r.mutants) {
    if (DETECTED.has(m.status)) d++;
    else if (UNDETECTED.has(m.status)) {
      u++;
      const line = r.source.split('\n')[m.location.start.line - 1] ?? '';
      survivors.push(`${file}:${m.location.start.line}  ${m.status}  ${m.mutatorName}${m.replacement !== undefined ? ` → ${JSON.stringify(m.replacement).slice(0, 60)}` : ''}\n    ${line.trim().slice(0, 140)}`);
    }
  }
  detected += d; undetected += u;
  rows.push(`${(d + u ? (100 * d) / (d + u) : 100).toFixed(1).padStart(6)} %  ${String(d + u).padStart(5)}  ${file}`);
}
console.log(rows.join('\n'));
console.log(`${(100 * detected / Math.max(1, detected + undetected)).toFixed(1).padStart(6)} %  ${String(detected + undetected).padStart(5)}  合计（${files.size} 个文件）`);
if (process.argv.includes('--survivors')) console.log(`\n${survivors.join('\n')}`);

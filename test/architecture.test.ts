/**
 * The layout's promises, checked on the sources: dependencies point one way
 * (shared ← jobs/lib ← features ← cli; the pane beside the job), and no two files
 * import each other, even for types only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['shared', 'jobs', 'addin'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every import and re-export of each source file: relative ones resolved to a file, package ones as written. */
function graph(): Map<string, { local: string[]; packages: string[] }> {
  const out = new Map<string, { local: string[]; packages: string[] }>();
  for (const file of FOLDERS.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const local: string[] = [];
    const packages: string[] = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) local.push(normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
      else packages.push(spec);
    }
    out.set(file, { local, packages });
  }
  return out;
}

/** Strongly connected groups of more than one file (Tarjan). */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let n = 0;
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

const g = graph();
const importsOf = (pred: (file: string) => boolean) =>
  [...g].filter(([f]) => pred(f)).flatMap(([f, { local }]) => local.map((to) => ({ from: f, to })));
const layer = (f: string) => {
  const [top, sub] = f.split('/');
  return top === 'jobs' ? `jobs/${sub!.endsWith('.ts') ? '' : sub}` : top!;
};

describe('the layout', () => {
  it('has no import cycle in shared/, jobs/ or addin/ (type-only imports count)', () => {
    const edges = new Map([...g].map(([f, { local }]) => [f, local]));
    expect(cycles(edges)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('imports jobs/cli/ only from within jobs/cli/: the job does not depend on its command line', () => {
    expect(importsOf((f) => !f.startsWith('jobs/cli/')).filter(({ to }) => to.startsWith('jobs/cli/'))).toEqual([]);
  });

  it('keeps jobs/lib/ below every feature: the library imports only itself and shared/', () => {
    expect(importsOf((f) => f.startsWith('jobs/lib/')).filter(({ to }) => !to.startsWith('jobs/lib/') && !to.startsWith('shared/'))).toEqual([]);
  });

  it('keeps shared/ pure: no job, pane, Node or Office code', () => {
    expect(importsOf((f) => f.startsWith('shared/')).filter(({ to }) => !to.startsWith('shared/'))).toEqual([]);
    const nodeImports = [...g].filter(([f]) => f.startsWith('shared/')).flatMap(([f, { packages }]) => packages.filter((p) => p.startsWith('node:') || p === 'exceljs' || p === 'xlsx').map((p) => `${f} → ${p}`));
    expect(nodeImports).toEqual([]);
  });

  it('keeps the pane and the job apart: addin/ never imports jobs/, jobs/ never imports addin/', () => {
    expect(importsOf((f) => f.startsWith('addin/')).filter(({ to }) => to.startsWith('jobs/'))).toEqual([]);
    expect(importsOf((f) => f.startsWith('jobs/')).filter(({ to }) => to.startsWith('addin/'))).toEqual([]);
  });

  it('names each feature folder under jobs/ for what the product does', () => {
    const features = new Set([...g.keys()].filter((f) => f.startsWith('jobs/')).map(layer));
    expect([...features].sort()).toEqual(expect.arrayContaining(['jobs/cli', 'jobs/lib', 'jobs/reconcile', 'jobs/reminders', 'jobs/inbox']));
    expect(features.has('jobs/')).toBe(false);
  });

  it('sees every source file it checks (a broken walk would pass vacuously)', () => {
    expect(g.size).toBeGreaterThan(60);
    expect(relative(ROOT, join(ROOT, 'jobs/lib/mail/courier.ts'))).toBe('jobs/lib/mail/courier.ts');
    expect(g.get('jobs/lib/mail/courier.ts')?.local).toContain('jobs/lib/mail/journal.ts');
  });
});

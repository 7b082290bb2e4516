/**
 * The architecture as a test: layers only point down and no module imports itself back through
 * others. Read from the source text (every `import … from`, `export … from` and `import()` of a
 * relative path), which the codebase's one import style makes exact enough for a check like this.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:^|\s)(?:import|export)\s[^;]*?from\s*'([^']+)'|import\s*\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gms;

/** Each source file (relative to src/) with the source files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      if (target.endsWith('.ts')) targets.push(relative(SRC, target));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The wings of src/ and the wings each may import (besides itself). */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  indexing: ['core'],
  distill: ['core', 'indexing'],
  worker: ['core'],
  eval: ['core', 'indexing', 'distill'],
  bench: ['core', 'indexing', 'eval'],
};

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('finds the source files it checks', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('core/search/index.ts')).toContain('core/records.ts');
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    const withCycle = new Map(graph);
    withCycle.set('core/records.ts', [...(graph.get('core/records.ts') ?? []), 'core/search/index.ts']);
    expect(cycles(withCycle).some((c) => c.includes('core/records.ts') && c.includes('core/search/index.ts'))).toBe(true);
  });

  it('only points down: each wing imports itself and the wings below it', () => {
    const wingOf = (file: string) => file.split('/')[0];
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => wingOf(t) !== wingOf(file) && !(MAY_IMPORT[wingOf(file)] ?? []).includes(wingOf(t))).map((t) => `${file} → ${t}`),
    );
    expect(wrong).toEqual([]);
    expect(Object.keys(MAY_IMPORT).sort()).toEqual([...new Set([...graph.keys()].map(wingOf))].sort());
  });

  it('keeps core/records.ts on the ground floor: it imports nothing', () => {
    expect(graph.get('core/records.ts')).toEqual([]);
  });
});

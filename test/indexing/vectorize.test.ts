/**
 * The Vectorize path end to end, offline: `npm run export:vectorize`'s records, loaded into a
 * stand-in Vectorize index, give the engine the same answers as the bundled vector search.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngineFromDisk } from '../../src/eval/engine.js';
import { SearchEngine, type SearchOptions } from '../../src/core/search/index.js';
import { vectorizeRecords } from '../../src/indexing/vectorize.js';
import { VectorizeStore } from '../../src/worker/engine/vectorize.js';
import { fakeVectorize, type VectorRecord } from '../support/vectorize.js';

const QUESTIONS = ['What did Putin and Kim sign?', 'Who estimated North Korean casualties in Kursk?', 'armoured train', 'military parade in Beijing', 'How do I bake bread?'];

describe('Vectorize as the vector store', () => {
  const bundled = openEngineFromDisk();
  const { artifact, encoder } = bundled;
  const records = vectorizeRecords(artifact)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as VectorRecord);

  it('exports one record per passage, with its id and a vector of the model\'s width', () => {
    expect(records.map((r) => r.id)).toEqual(artifact.passages.map((p) => p.id));
    for (const r of records) expect(r.values).toHaveLength(artifact.manifest.model.dims);
  });

  it.each<Partial<SearchOptions>>([{}, { mode: 'semantic' }, { mode: 'lexical' }, { k: 10, perDoc: 1 }])('gives the bundled engine\'s answers (%o)', async (options) => {
    const vectorize = fakeVectorize(records);
    const remote = new SearchEngine(artifact, encoder, new VectorizeStore(vectorize, artifact));
    for (const q of QUESTIONS) {
      const [mine, theirs] = [await remote.search(q, options), await bundled.search(q, options)];
      expect(mine.results.map((r) => r.id), q).toEqual(theirs.results.map((r) => r.id));
      mine.results.forEach((r, i) => expect(r.score).toBeCloseTo(theirs.results[i].score, 3));
      expect(mine.answerable).toBe(theirs.answerable);
    }
    expect(vectorize.queries).toBe(QUESTIONS.length);
  });

  it('refuses ids longer than Vectorize accepts, naming the passage', () => {
    const long = { ...artifact, passages: artifact.passages.map((p, i) => (i === 3 ? { ...p, id: `${'x'.repeat(70)}:1` } : p)) };
    expect(() => vectorizeRecords(long)).toThrow(/x{70}:1.*64-byte/);
  });

  it('is what `npm run export:vectorize` writes, and the script says how to load it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vectorize-')), 'vectors.ndjson');
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/export-vectorize.ts', '--out', out, '--name', 'docs-index'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(vectorizeRecords(artifact));
    expect(run.stdout).toContain('wrangler vectorize create docs-index --dimensions=256 --metric=dot-product');
    expect(run.stdout).toContain(`wrangler vectorize insert docs-index --file=${out}`);
  });

  it('fails clearly when there is no index to export', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/export-vectorize.ts', '--index', join(tmpdir(), 'no-such-index')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/export:vectorize failed: no index at .*build:index/);
  });
});

/**
 * The Vectorize path end to end, offline: `npm run export:vectorize`'s records, loaded into a
 * stand-in Vectorize index, give the engine the same answers as the bundled vector search.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArtifact, type IndexArtifact } from '../../src/core/artifact/index.js';
import { buildIndex } from '../../src/indexing/index.js';
import { openEngineFromDisk } from '../../src/eval/engine.js';
import { SearchEngine, VectorsElsewhereError, type SearchOptions } from '../../src/core/search/index.js';
import { vectorizeRecords } from '../../src/indexing/vectorize.js';
import { VectorizeStore } from '../../src/worker/engine/vectorize.js';
import { fakeVectorize, type VectorRecord } from '../support/vectorize.js';
import { toArrayBuffer } from '../../src/core/bytes.js';

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
    expect(run.stdout).toContain(`wrangler vectorize create docs-index --dimensions=${artifact.vectors.dims} --metric=dot-product`);
    expect(run.stdout).toContain(`wrangler vectorize insert docs-index --file=${out}`);
  });

  it('fails clearly when there is no index to export', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/export-vectorize.ts', '--index', join(tmpdir(), 'no-such-index')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/export:vectorize failed: no index at .*build:index/);
  });

  describe('an index built with --vectors vectorize', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vectorize-build-')), 'index');
    let external: IndexArtifact;
    beforeAll(async () => {
      await buildIndex({ input: 'seeds', out, vectors: 'vectorize', log: () => {} });
      const bytes = readFileSync(join(out, 'index.bin'));
      external = decodeArtifact(toArrayBuffer(bytes));
    });

    it('leaves the vectors and the graph out of the artifact and writes them as Vectorize records beside it', () => {
      expect(external.manifest.vectors).toBe('vectorize');
      expect(external.vectors.codes).toHaveLength(0);
      expect(external.graph.levels).toHaveLength(0);
      expect(readFileSync(join(out, 'vectorize.ndjson'), 'utf8')).toBe(vectorizeRecords(artifact));
      expect(readFileSync(join(out, 'index.bin')).length).toBeLessThan(readFileSync('dist/index/index.bin').length);
    });

    it('answers as the bundled engine with Vectorize, near-duplicate removal included', async () => {
      const remote = new SearchEngine(external, encoder, new VectorizeStore(fakeVectorize(records), external));
      for (const q of QUESTIONS) {
        for (const options of [{}, { dedupe: true, k: 10 }]) {
          const [mine, theirs] = [await remote.search(q, options), await bundled.search(q, options)];
          expect(mine.results.map((r) => r.id), q).toEqual(theirs.results.map((r) => r.id));
        }
      }
    });

    it('drops near-duplicate passages like the bundled engine does, comparing encoded passages', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'duplicates-'));
      const story = 'The harbour bridge reopened on Monday after two years of repairs. Engineers replaced the cables and the deck, and the city council said traffic would return to normal within a week. Residents welcomed the news after long detours through the old town.';
      writeFileSync(join(dir, 'a.txt'), `Bridge reopens\n\n${story}`);
      writeFileSync(join(dir, 'b.txt'), `Bridge reopens again\n\n${story.replace('Monday', 'Tuesday')}`);
      writeFileSync(join(dir, 'c.txt'), `Library extends hours\n\nThe central library will open until ten in the evening from next month, the council said, after a survey of students and workers asked for later hours and more seats.`);
      const engines: SearchEngine[] = [];
      // The indexes go beside the corpus: an --out inside the input is refused.
      const outs = mkdtempSync(join(tmpdir(), 'duplicates-index-'));
      for (const vectors of ['bundled', 'vectorize'] as const) {
        await buildIndex({ input: dir, out: join(outs, vectors), vectors, log: () => {} });
        const bytes = readFileSync(join(outs, vectors, 'index.bin'));
        const built = decodeArtifact(toArrayBuffer(bytes));
        const lines = vectors === 'vectorize' ? readFileSync(join(outs, vectors, 'vectorize.ndjson'), 'utf8').trimEnd().split('\n') : [];
        engines.push(new SearchEngine(built, encoder, vectors === 'vectorize' ? new VectorizeStore(fakeVectorize(lines.map((l) => JSON.parse(l) as VectorRecord)), built) : undefined));
      }
      for (const engine of engines) {
        const all = await engine.search('When did the harbour bridge reopen?', { k: 3 });
        const deduped = await engine.search('When did the harbour bridge reopen?', { k: 3, dedupe: true });
        expect(all.results.slice(0, 2).map((r) => r.citation.doc_id).sort()).toEqual(['a', 'b']);
        expect(deduped.results.map((r) => r.citation.doc_id)).toEqual([all.results[0].citation.doc_id, 'c']);
      }
    });

    it('refuses to open without a Vectorize store, saying which binding is missing', () => {
      expect(() => new SearchEngine(external, encoder)).toThrow(VectorsElsewhereError);
      expect(() => new SearchEngine(external, encoder)).toThrow(/bind that Vectorize index as VECTORIZE/);
    });

    it('points export:vectorize at the records it already has', () => {
      const run = spawnSync('node_modules/.bin/tsx', ['scripts/export-vectorize.ts', '--index', out], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('already in');
    });
  });
});

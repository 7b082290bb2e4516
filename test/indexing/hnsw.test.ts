import { describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/core/vector/hnsw.js';
import { ExactVectorStore, prepareQuery, quantize } from '../../src/core/vector/index.js';
import { buildStoredGraph } from '../../src/indexing/hnsw/index.js';
import { allowedPassages } from '../../src/core/scored.js';
import { clusteredVectors } from '../support/vectors.js';

describe('HNSW search in TypeScript', () => {
  const dims = 64;
  // Stored as the artifact stores them (rotated int8); hnswlib indexes the same vectors and is
  // asked with queries rotated the same way.
  const stored = quantize(clusteredVectors(10_000, dims, 40, 7).flat, dims);
  const queries = clusteredVectors(300, dims, 40, 7, 99).vectors;
  const { graph, native } = buildStoredGraph(stored, { M: 16, efConstruction: 100, seed: 100, space: 'ip' });

  it.each([16, 64])('returns the same 10 neighbours as hnswlib-node searchKnn for at least 99 percent of queries, ef=%d', (ef) => {
    native.setEf(ef);
    const store = new HnswVectorStore(stored, graph, ef);
    let same = 0;
    for (const q of queries) {
      // As sets: near-equal scores may swap order (hnswlib sums in float32 SIMD, JS in float64).
      const expected = [...native.searchKnn(Array.from(prepareQuery(stored, q)), 10).neighbors].sort((a, b) => a - b);
      const mine = store.nearest(q, 10).map((n) => n.index).sort((a, b) => a - b);
      if (mine.join() === expected.join()) same++;
    }
    expect(same / queries.length).toBeGreaterThanOrEqual(0.99);
  });

  it('has high recall against an exact scan', () => {
    const store = new HnswVectorStore(stored, graph, 64);
    const exact = new ExactVectorStore(stored);
    let found = 0;
    for (const q of queries) {
      const truth = new Set(exact.nearest(q, 10).map((n) => n.index));
      found += store.nearest(q, 10).filter((n) => truth.has(n.index)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it.each<[string, (i: number) => boolean, number]>([
    ['a narrow filter (one passage in ten), by an exact scan of the kept passages', (i) => i % 10 === 0, 1.0],
    ['a broad filter (nine passages in ten), by a widened graph walk', (i) => i % 10 !== 3, 0.95],
  ])('finds the nearest allowed passages under %s', (_, keep, recall) => {
    const allowed = allowedPassages(Array.from({ length: stored.scales.length }, (_, i) => i).filter(keep));
    const store = new HnswVectorStore(stored, graph, 64);
    const exact = new ExactVectorStore(stored);
    let found = 0;
    for (const q of queries) {
      const got = store.nearest(q, 10, allowed);
      expect(got).toHaveLength(10);
      expect(got.every((n) => allowed.has(n.index))).toBe(true);
      const truth = new Set(exact.nearest(q, 10, allowed).map((n) => n.index));
      found += got.filter((n) => truth.has(n.index)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(recall);
  });

  it('walks the same way whether it reads the codes four at a time or one at a time (codes not aligned for words)', () => {
    const unaligned = new Int8Array(new ArrayBuffer(stored.codes.length + 1), 1, stored.codes.length);
    unaligned.set(stored.codes);
    const packed = new HnswVectorStore(stored, graph, 64);
    const bytewise = new HnswVectorStore({ ...stored, codes: unaligned }, graph, 64);
    for (const q of queries.slice(0, 50)) expect(packed.nearest(q, 100)).toEqual(bytewise.nearest(q, 100));
  });

  it('reads the whole graph: every node has level-0 neighbours', () => {
    const { offsets } = graph.levels[0];
    for (let node = 0; node < stored.scales.length; node++) expect(offsets[node + 1]).toBeGreaterThan(offsets[node]);
    expect(graph.levels.length).toBeGreaterThan(1);
  });
});

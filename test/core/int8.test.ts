/** int8 vector storage (src/core/vector/int8.ts): bounded rounding, scores that match the floats. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARTIFACT_FORMAT_VERSION, decodeArtifact, encodeArtifact } from '../../src/core/artifact/index.js';
import { dequantize, dot, ExactVectorStore, prepareQuery, quantize, scoreRow, scoreRows } from '../../src/core/vector/index.js';
import { clusteredVectors } from '../support/vectors.js';

const dims = 8;
// Rows of finite floats with dimensions of very different spread, as the model's are.
const rows = fc.array(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: dims, maxLength: dims }), { minLength: 1, maxLength: 20 });
const spread = (row: number[]) => row.map((x, d) => x * 10 ** -(d % 3));
const flatOf = (rs: number[][]) => Float32Array.from(rs.flatMap(spread));

describe('int8 vector storage', () => {
  it('rounds every component by at most half a step of its row and dimension', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const flat = flatOf(rs);
        const stored = quantize(flat, dims);
        const restored = dequantize(stored);
        for (let i = 0; i < flat.length; i++) {
          const step = stored.axes[i % dims] * stored.scales[Math.floor(i / dims)];
          expect(Math.abs(restored[i] - flat[i])).toBeLessThanOrEqual(step / 2 + 1e-6);
        }
      }),
    );
  });

  it('scores a row against a query as the dot product of the dequantised row', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: dims, maxLength: dims }), (rs, q) => {
        const stored = quantize(flatOf(rs), dims);
        const restored = dequantize(stored);
        const query = Float32Array.from(q);
        const prepared = prepareQuery(stored, query);
        for (let row = 0; row < rs.length; row++) {
          expect(scoreRow(stored, row, prepared)).toBeCloseTo(dot(restored, row * dims, query, 0, dims), 5);
          expect(scoreRows(stored, row, 0)).toBeCloseTo(dot(restored, row * dims, restored, 0, dims), 5);
        }
      }),
    );
  });

  it('stores an all-zero vector as zeros and scores it 0', () => {
    const stored = quantize(new Float32Array(dims), dims);
    expect(Array.from(stored.codes)).toEqual(new Array(dims).fill(0));
    expect(scoreRow(stored, 0, prepareQuery(stored, new Float32Array(dims).fill(1)))).toBe(0);
  });

  it('keeps the exact top 10 of float32 unit vectors for at least 95 percent of neighbours', () => {
    const { flat } = clusteredVectors(2000, 64, 20, 3);
    const queries = clusteredVectors(100, 64, 20, 3, 11).vectors;
    const stored = new ExactVectorStore(quantize(flat, 64));
    let kept = 0;
    for (const q of queries) {
      const truth = Array.from({ length: 2000 }, (_, i) => ({ i, s: dot(flat, i * 64, q, 0, 64) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, 10)
        .map((x) => x.i);
      const mine = new Set(stored.nearest(q, 10).map((n) => n.index));
      kept += truth.filter((i) => mine.has(i)).length;
    }
    expect(kept / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('survives the artifact round trip byte for byte', () => {
    const vectors = quantize(clusteredVectors(3, 5, 2, 1).flat, 5);
    const artifact = {
      manifest: {
        format_version: ARTIFACT_FORMAT_VERSION,
        build_id: 'test',
        model: { id: 'm', hash: 'h', dims: 5 },
        counts: { documents: 1, passages: 3 },
        chunking: { min_words: 1, max_words: 2 },
        hnsw: { M: 16, efConstruction: 100, seed: 1, space: 'ip' as const },
        lexical: { k1: 1, b: 0.5, titleWeight: 1, sectionWeight: 1, stem: true },
        sources: [],
      },
      documents: [{ doc_id: 'd', source: 'd.txt', title: 't', title_derived: false, author: null }],
      passages: [1, 2, 3].map((n) => ({ id: `d:${n}`, doc: 0, section: null, paragraph: n, char_start: 0, char_end: 1, text: 'x' })),
      vectors,
      lexical: { params: { k1: 1, b: 0.5, titleWeight: 1, sectionWeight: 1, stem: true }, terms: [], offsets: new Uint32Array([0]), passages: new Uint32Array(0), frequencies: new Float32Array(0), lengths: new Float32Array(3) },
      graph: { entryPoint: 0, levels: [{ offsets: new Uint32Array([0, 0, 0, 0]), neighbours: new Uint32Array(0) }] },
    };
    const bytes = encodeArtifact(artifact);
    const decoded = decodeArtifact(bytes.buffer as ArrayBuffer);
    expect(Array.from(decoded.vectors.codes)).toEqual(Array.from(vectors.codes));
    expect(Array.from(decoded.vectors.scales)).toEqual(Array.from(vectors.scales));
    expect(Array.from(decoded.vectors.axes)).toEqual(Array.from(vectors.axes));
    expect(encodeArtifact(decoded)).toEqual(bytes);
  });
});

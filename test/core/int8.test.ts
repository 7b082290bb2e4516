/** int8 vector storage (src/core/vector/int8.ts): bounded rounding, scores that match the floats. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packedCodes, packedScore } from '../../src/core/vector/int8.js';
import { dequantize, dot, ExactVectorStore, prepareQuery, quantize, rotate, scoreRow, scoreRows, topK } from '../../src/core/vector/index.js';
import { clusteredVectors } from '../support/vectors.js';

const dims = 8;
const vector = (n: number) => fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n });
// Rows of finite floats with dimensions of very different spread, as the model's are.
const rows = fc.array(vector(dims), { minLength: 1, maxLength: 20 });
const spread = (row: number[]) => row.map((x, d) => x * 10 ** -(d % 3));
const flatOf = (rs: number[][]) => Float32Array.from(rs.flatMap(spread));

describe('int8 vector storage', () => {
  it('rotates without changing inner products, for power-of-two and other widths', () => {
    fc.assert(
      fc.property(fc.constantFrom(6, 8, 16), fc.integer({ min: 0, max: 1000 }), (width, seed) => {
        const { signs } = quantize(new Float32Array(width), width);
        const [a, b] = clusteredVectors(2, width, 2, seed + 1).vectors;
        expect(dot(rotate(a, signs), 0, rotate(b, signs), 0, width)).toBeCloseTo(dot(a, 0, b, 0, width), 5);
      }),
    );
  });

  it('rounds every rotated component by at most half of its row\'s step', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const flat = flatOf(rs);
        const stored = quantize(flat, dims);
        const restored = dequantize(stored);
        rs.forEach((_, row) => {
          const rotated = rotate(flat.subarray(row * dims, (row + 1) * dims), stored.signs);
          for (let d = 0; d < dims; d++) expect(Math.abs(restored[row * dims + d] - rotated[d])).toBeLessThanOrEqual(stored.scales[row] / 2 + 1e-6);
        });
      }),
    );
  });

  it('scores rows against a query as the dot products of the original vectors, within the rounding', () => {
    fc.assert(
      fc.property(rows, vector(dims), (rs, q) => {
        const flat = flatOf(rs);
        const stored = quantize(flat, dims);
        const restored = dequantize(stored);
        const query = Float32Array.from(q);
        const prepared = prepareQuery(stored, query);
        const l1 = prepared.reduce((s, x) => s + Math.abs(x), 0);
        for (let row = 0; row < rs.length; row++) {
          expect(scoreRow(stored, row, prepared)).toBeCloseTo(dot(restored, row * dims, prepared, 0, dims), 5);
          expect(Math.abs(scoreRow(stored, row, prepared) - dot(flat, row * dims, query, 0, dims))).toBeLessThanOrEqual((stored.scales[row] / 2) * l1 + 1e-5);
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

  it('keeps at least 98 percent of the float32 top 10 of unit vectors', () => {
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
    expect(kept / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });

  it('scores a row read four codes at a time exactly as one code at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((quads) => fc.tuple(fc.array(vector(quads * 4), { minLength: 1, maxLength: 10 }), vector(quads * 4))), ([rs, query]) => {
        const width = query.length;
        const stored = quantize(Float32Array.from(rs.flatMap(spread)), width);
        const words = packedCodes(stored)!;
        const prepared = prepareQuery(stored, Float32Array.from(query));
        rs.forEach((_, row) => expect(packedScore(words, stored.scales, width, row, Float64Array.from(prepared))).toBe(scoreRow(stored, row, prepared)));
      }),
    );
  });

  it('reads codes four at a time only when they are aligned and a row is whole words', () => {
    const stored = quantize(new Float32Array(16), 8);
    expect(packedCodes(stored)).toBeInstanceOf(Int32Array);
    expect(packedCodes({ ...stored, codes: new Int8Array(new ArrayBuffer(20), 1, 16) })).toBeUndefined();
    expect(packedCodes(quantize(new Float32Array(12), 6))).toBeUndefined();
  });

  it('scans exactly as scoring every row, sorting by score (ties by passage order) and keeping k', () => {
    fc.assert(
      fc.property(rows, vector(dims), fc.nat({ max: 25 }), (rs, query, k) => {
        const stored = quantize(flatOf(rs), dims);
        const prepared = prepareQuery(stored, Float32Array.from(query));
        const all = rs.map((_, index) => ({ index, score: scoreRow(stored, index, prepared) }));
        const expected = [...all].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
        expect(new ExactVectorStore(stored).nearest(Float32Array.from(query), k)).toEqual(expected);
        expect(topK(all, k)).toEqual(expected);
      }),
    );
  });
});

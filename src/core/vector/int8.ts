/**
 * Passage vectors stored as int8 codes: a quarter of float32's size in the bundle and in memory —
 * the difference between a SciFact-sized index fitting a Worker or not.
 *
 * Two scales keep the rounding small: one per dimension (the model's dimensions differ in spread
 * by 30×: a few carry most of the variance), then one per vector, so that
 *   v[d] ≈ axes[d] × scales[row] × codes[row, d].
 * Queries stay float32; `prepareQuery` folds the axes into the query once per search, so scoring
 * a row is one int8 × float32 dot product and a multiply. `npm run eval` measures what the
 * rounding costs in ranking quality (docs/bench.md compares against float32).
 */
import { dot } from './dot.js';

export interface QuantizedVectors {
  /** P×D row-major codes in −127..127. */
  codes: Int8Array;
  /** P per-vector scales. */
  scales: Float32Array;
  /** D per-dimension scales (root mean square of that dimension over the corpus). */
  axes: Float32Array;
  dims: number;
}

export function quantize(vectors: Float32Array, dims: number): QuantizedVectors {
  const size = vectors.length / dims;
  const squares = new Float64Array(dims);
  for (let i = 0; i < vectors.length; i++) squares[i % dims] += vectors[i] * vectors[i];
  const axes = Float32Array.from(squares, (s) => Math.sqrt(s / Math.max(1, size)) || 1);
  const codes = new Int8Array(vectors.length);
  const scales = new Float32Array(size);
  for (let row = 0; row < size; row++) {
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(vectors[row * dims + d] / axes[d]));
    const scale = Math.fround(max / 127);
    scales[row] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < dims; d++) codes[row * dims + d] = Math.round(vectors[row * dims + d] / axes[d] / scale);
  }
  return { codes, scales, axes, dims };
}

/** The float32 vectors the codes stand for (what the offline HNSW build indexes). */
export function dequantize({ codes, scales, axes, dims }: QuantizedVectors): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = axes[i % dims] * scales[Math.floor(i / dims)] * codes[i];
  return out;
}

/** The query with the per-dimension scales folded in: what `scoreRow` takes. */
export function prepareQuery({ axes }: QuantizedVectors, query: Float32Array): Float32Array {
  return query.map((x, d) => x * axes[d]);
}

/** Inner product of stored row `row` with a query from `prepareQuery`. */
export function scoreRow({ codes, scales, dims }: QuantizedVectors, row: number, prepared: Float32Array): number {
  return dot(codes, row * dims, prepared, 0, dims) * scales[row];
}

/** Inner product of two stored rows (used for near-duplicate checks between a few results). */
export function scoreRows({ codes, scales, axes, dims }: QuantizedVectors, a: number, b: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += codes[a * dims + d] * codes[b * dims + d] * axes[d] * axes[d];
  return sum * scales[a] * scales[b];
}

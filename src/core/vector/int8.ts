/**
 * Passage vectors stored as int8 codes: a quarter of float32's size in the bundle and in memory —
 * the difference between a SciFact-sized index fitting a Worker or not.
 *
 * Vectors are first rotated by a randomised Hadamard transform (random signs, then the
 * Walsh–Hadamard butterfly): a rotation keeps every inner product, and it spreads the variance
 * that the model concentrates in a few dimensions evenly over all of them, so one scale per vector
 * (largest component ↦ ±127) rounds about 3× finer than on the raw vectors. Queries stay float32
 * and are rotated once per search (`prepareQuery`, D·log D operations). An exact scan over the
 * int8 vectors finds 99% of the float32 top 10 (`npm run bench`, ANN table); ranking quality in
 * `npm run eval` is unchanged.
 */

export interface QuantizedVectors {
  /** P×D row-major codes in −127..127, in the rotated space. */
  codes: Int8Array;
  /** P per-vector scales: rotated row i ≈ scales[i] × codes of row i. */
  scales: Float32Array;
  /** D random signs (±1) of the rotation. */
  signs: Float32Array;
  dims: number;
}

/** Fixed, so that builds are reproducible; any seed works as well. */
const ROTATION_SEED = 0x5eed;

export function randomSigns(dims: number): Float32Array {
  let state = ROTATION_SEED;
  return Float32Array.from({ length: dims }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state & 0x10000 ? 1 : -1;
  });
}

/**
 * H·diag(signs)·v / √D, computed in float64. The butterfly needs D to be a power of two; other
 * widths are left unrotated (plain per-vector int8, still correct, rounding a little coarser).
 */
export function rotate(v: Float32Array, signs: Float32Array): Float32Array {
  const n = v.length;
  const t = new Float64Array(n);
  for (let d = 0; d < n; d++) t[d] = v[d] * signs[d];
  const out = new Float32Array(n);
  if ((n & (n - 1)) !== 0) {
    out.set(t);
    return out;
  }
  for (let h = 1; h < n; h <<= 1) {
    for (let i = 0; i < n; i += h << 1) {
      for (let j = i; j < i + h; j++) {
        const a = t[j];
        const b = t[j + h];
        t[j] = a + b;
        t[j + h] = a - b;
      }
    }
  }
  const norm = 1 / Math.sqrt(n);
  for (let d = 0; d < n; d++) out[d] = t[d] * norm;
  return out;
}

export function quantize(vectors: Float32Array, dims: number): QuantizedVectors {
  const size = vectors.length / dims;
  const signs = randomSigns(dims);
  const codes = new Int8Array(vectors.length);
  const scales = new Float32Array(size);
  for (let row = 0; row < size; row++) scales[row] = quantizeRow(rotate(vectors.subarray(row * dims, (row + 1) * dims), signs), codes, row * dims);
  return { codes, scales, signs, dims };
}

/**
 * int8 with one scale per row (largest component ↦ ±127): writes the row's codes at `codes[at…]`
 * and returns its scale (0 for a zero row). Shared by the passage vectors and the static model's
 * token table.
 */
export function quantizeRow(row: Float32Array | Float64Array, codes: Int8Array, at: number): number {
  let max = 0;
  for (let d = 0; d < row.length; d++) max = Math.max(max, Math.abs(row[d]));
  const scale = Math.fround(max / 127);
  if (scale === 0) return 0;
  for (let d = 0; d < row.length; d++) codes[at + d] = Math.max(-127, Math.min(127, Math.round(row[d] / scale)));
  return scale;
}

/** The float32 vectors the codes stand for, in the rotated space (inner products are the originals'). */
export function dequantize({ codes, scales, dims }: QuantizedVectors): Float32Array {
  return Float32Array.from(codes, (c, i) => c * scales[Math.floor(i / dims)]);
}

/** The query in the codes' space: what `scoreRow` takes. */
export function prepareQuery({ signs }: QuantizedVectors, query: Float32Array): Float32Array {
  return rotate(query, signs);
}

/**
 * Inner product of stored row `row` with a query from `prepareQuery`. Same four-accumulator loop
 * as `dot`, kept separate so that each stays monomorphic (one array type per call site) in V8.
 */
export function scoreRow({ codes, scales, dims }: QuantizedVectors, row: number, prepared: Float32Array): number {
  return rowScore(codes, scales, dims, row, prepared);
}

/** `scoreRow` on the store's arrays themselves: nothing to unpack per row. */
export function rowScore(codes: Int8Array, scales: Float32Array, dims: number, row: number, prepared: Float32Array): number {
  const at = row * dims;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    s0 += codes[at + d] * prepared[d];
    s1 += codes[at + d + 1] * prepared[d + 1];
    s2 += codes[at + d + 2] * prepared[d + 2];
    s3 += codes[at + d + 3] * prepared[d + 3];
  }
  for (; d < dims; d++) s0 += codes[at + d] * prepared[d];
  return (s0 + s1 + s2 + s3) * scales[row];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The codes as int32 words of four codes each, for `packedScore`: a view, no copy, when the codes
 * are 4-byte aligned (artifact sections are) and D is a multiple of 4; else undefined.
 */
export function packedCodes({ codes, dims }: QuantizedVectors): Int32Array | undefined {
  return LITTLE_ENDIAN && codes.byteOffset % 4 === 0 && dims % 4 === 0 ? new Int32Array(codes.buffer, codes.byteOffset, codes.length / 4) : undefined;
}

/**
 * `rowScore` reading four codes per load, with the query as float64 (the same values as its
 * float32): the same products summed in the same order, so the same score, in about 20% less time
 * in a graph walk (one typed-array load and bounds check instead of four).
 */
export function packedScore(words: Int32Array, scales: Float32Array, dims: number, row: number, query: Float64Array): number {
  let w = (row * dims) >> 2;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let d = 0; d < dims; d += 4) {
    const x = words[w++];
    s0 += ((x << 24) >> 24) * query[d];
    s1 += ((x << 16) >> 24) * query[d + 1];
    s2 += ((x << 8) >> 24) * query[d + 2];
    s3 += (x >> 24) * query[d + 3];
  }
  return (s0 + s1 + s2 + s3) * scales[row];
}

/** Inner product of two stored rows (near-duplicate checks between a few results). */
export function scoreRows({ codes, scales, dims }: QuantizedVectors, a: number, b: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += codes[a * dims + d] * codes[b * dims + d];
  return sum * scales[a] * scales[b];
}

/**
 * Inner product of a[aAt, aAt+dims) and b[bAt, bAt+dims) for float32 vectors (the stored int8
 * rows have `scoreRow` in int8.ts). Four accumulators: about 1.5× faster in V8 than one sum.
 */
export function dot(a: Float32Array, aAt: number, b: Float32Array, bAt: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    s0 += a[aAt + d] * b[bAt + d];
    s1 += a[aAt + d + 1] * b[bAt + d + 1];
    s2 += a[aAt + d + 2] * b[bAt + d + 2];
    s3 += a[aAt + d + 3] * b[bAt + d + 3];
  }
  for (; d < dims; d++) s0 += a[aAt + d] * b[bAt + d];
  return s0 + s1 + s2 + s3;
}

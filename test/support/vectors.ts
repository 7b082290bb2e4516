/** Deterministic clustered unit vectors for index tests and benchmarks (seeded, no Math.random). */
export function clusteredVectors(count: number, dims: number, clusters: number, seed: number, pointSeed = seed) {
  const random = mulberry32(seed);
  const gaussian = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, () => gaussian(random)));
  const points = mulberry32(pointSeed * 7919 + 1);
  const vectors: Float32Array[] = [];
  const flat = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    const c = centres[Math.floor(points() * clusters)];
    const v = Float32Array.from(c, (x) => x + 0.6 * gaussian(points));
    const norm = Math.hypot(...v);
    for (let d = 0; d < dims; d++) v[d] /= norm;
    vectors.push(v);
    flat.set(v, i * dims);
  }
  return { vectors, flat };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

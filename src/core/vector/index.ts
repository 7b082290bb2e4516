/**
 * Vector search over the bundled passage vectors. `VectorStore` is the seam where a remote store
 * (e.g. Cloudflare Vectorize fed from the same artifact) can replace the in-memory one.
 */

export interface Neighbour {
  /** Passage index in the artifact. */
  index: number;
  /** Inner product of unit vectors = cosine similarity. */
  score: number;
}

export interface VectorStore {
  readonly size: number;
  readonly dims: number;
  nearest(query: Float32Array, k: number): Neighbour[];
}

/**
 * Inner product of a[aAt, aAt+dims) and b[bAt, bAt+dims). Four accumulators: about 1.5× faster
 * in V8 than one running sum. Every vector comparison in the search core goes through here.
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

/** Exact inner-product scan: for small corpora it is as fast as a graph walk and never misses. */
export class ExactVectorStore implements VectorStore {
  readonly size: number;

  constructor(
    private readonly vectors: Float32Array,
    readonly dims: number,
  ) {
    this.size = vectors.length / dims;
  }

  nearest(query: Float32Array, k: number): Neighbour[] {
    const { dims, vectors } = this;
    const scores: Neighbour[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) scores[i] = { index: i, score: dot(vectors, i * dims, query, 0, dims) };
    return topK(scores, k);
  }
}

/** Highest scores first; ties broken by passage order so results are deterministic. */
export function topK(items: Neighbour[], k: number): Neighbour[] {
  return items.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
}

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
    for (let i = 0; i < this.size; i++) {
      let s = 0;
      const o = i * dims;
      for (let d = 0; d < dims; d++) s += vectors[o + d] * query[d];
      scores[i] = { index: i, score: s };
    }
    return topK(scores, k);
  }
}

/** Highest scores first; ties broken by passage order so results are deterministic. */
export function topK(items: Neighbour[], k: number): Neighbour[] {
  return items.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
}

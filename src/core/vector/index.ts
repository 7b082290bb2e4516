/**
 * Vector search over the bundled passage vectors. `VectorStore` is the seam where a remote store
 * (e.g. Cloudflare Vectorize fed from the same artifact) can replace the in-memory one.
 */
export { dot } from './dot.js';
export { dequantize, prepareQuery, quantize, rotate, scoreRow, scoreRows, type QuantizedVectors } from './int8.js';
import { TopK, type AllowedPassages, type Scored } from '../scored.js';
import { prepareQuery, rowScore, type QuantizedVectors } from './int8.js';


export interface VectorStore {
  /** Which search this is, for /health and the benchmarks: "exact", "hnsw", "vectorize". */
  readonly kind: string;
  readonly size: number;
  readonly dims: number;
  /**
   * The k passages closest to the query, among `allowed` ones when a metadata filter is given.
   * The bundled stores answer synchronously; a remote one (Vectorize) returns a promise.
   */
  nearest(query: Float32Array, k: number, allowed?: AllowedPassages): Scored[] | Promise<Scored[]>;
}

/** Exact inner-product scan: for small corpora it is as fast as a graph walk and never misses. */
export class ExactVectorStore implements VectorStore {
  readonly kind = 'exact';
  readonly size: number;
  readonly dims: number;

  constructor(private readonly vectors: QuantizedVectors) {
    this.size = vectors.scales.length;
    this.dims = vectors.dims;
  }

  nearest(query: Float32Array, k: number, allowed?: AllowedPassages): Scored[] {
    return scanRows(this.vectors, prepareQuery(this.vectors, query), k, allowed);
  }
}

/** Exact scores of every row, or of the allowed ones only; the k best (scan and keep k: no object per row). */
export function scanRows({ codes, scales, dims }: QuantizedVectors, prepared: Float32Array, k: number, allowed?: AllowedPassages): Scored[] {
  const rows = allowed?.indices;
  const n = rows ? rows.length : scales.length;
  const top = new TopK(k);
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    top.push(i, rowScore(codes, scales, dims, i, prepared));
  }
  return top.drain();
}

/** The k best items, highest scores first; ties broken by passage order so results are deterministic. */
export function topK(items: Scored[], k: number): Scored[] {
  const top = new TopK(k);
  for (const s of items) top.push(s.index, s.score);
  return top.drain();
}

/**
 * HNSW search in TypeScript over the graph hnswlib-node built offline (the Worker cannot load
 * native code). Same walk as hnswlib's searchKnn: greedy descent through the upper levels, then a
 * best-first search of level 0 with a candidate list of size max(ef, k). Hand-written: a small
 * core routine over typed arrays, with no dependency that would fit the Worker.
 */
import { ScoreHeap, TopK, type AllowedPassages, type Scored } from '../scored.js';
import { prepareQuery, scanRows, type QuantizedVectors, type VectorStore } from './index.js';
import { packedCodes, packedScore, rowScore } from './int8.js';

export interface HnswGraph {
  /** Node where every search starts (on the top level). */
  entryPoint: number;
  /** levels[l]: CSR adjacency of level l; nodes absent from a level have no neighbours there. */
  levels: Array<{ offsets: Uint32Array; neighbours: Uint32Array }>;
}

/**
 * The engine asks for 100 candidates (CANDIDATES) and walks with max(ef, k): ef 100 walks just that
 * pool. Measured on SciFact (14,748 passages, 300 questions, k = 10) against ef 128: the pool's
 * recall@100 against an exact scan 0.939 (0.959), nDCG@10 0.676 (0.676), the same ten results for
 * 277 questions, a fifth less time per walk.
 */
export const DEFAULT_EF = 100;

export class HnswVectorStore implements VectorStore {
  readonly kind = 'hnsw';
  readonly size: number;
  readonly dims: number;
  private visited: Uint32Array;
  private epoch = 0;
  /** The walk's queues, kept from search to search (searches are synchronous: one at a time). */
  private readonly best = new TopK(0);
  private readonly candidates = new ScoreHeap(true);
  private readonly words: Int32Array | undefined;
  /** A node's unvisited level-0 neighbours, scored together. */
  private readonly fresh: Uint32Array;

  constructor(
    private readonly vectors: QuantizedVectors,
    private readonly graph: HnswGraph,
    public ef = DEFAULT_EF,
  ) {
    this.size = vectors.scales.length;
    this.dims = vectors.dims;
    this.visited = new Uint32Array(this.size);
    this.words = packedCodes(vectors);
    const { offsets } = graph.levels[0] ?? { offsets: new Uint32Array(1) };
    let degree = 0;
    for (let node = 0; node + 1 < offsets.length; node++) degree = Math.max(degree, offsets[node + 1] - offsets[node]);
    this.fresh = new Uint32Array(degree);
  }

  /**
   * With a filter: a narrow one (a quarter of the passages or fewer) is scanned exactly — cheaper
   * than a graph walk that must skip most of what it visits; a broad one widens the walk by the
   * share it removes and keeps the allowed nodes, falling back to the scan if that leaves fewer
   * than k.
   */
  nearest(vector: Float32Array, k: number, allowed?: AllowedPassages): Scored[] {
    if (!allowed) return this.walk(vector, k, this.ef);
    const want = Math.min(k, allowed.indices.length);
    if (allowed.indices.length * 4 <= this.size) return scanRows(this.vectors, prepareQuery(this.vectors, vector), k, allowed);
    const widened = Math.ceil(Math.max(this.ef, k) * (this.size / allowed.indices.length));
    const found = this.walk(vector, widened, widened).filter((s) => allowed.has(s.index));
    return found.length >= want ? found.slice(0, k) : scanRows(this.vectors, prepareQuery(this.vectors, vector), k, allowed);
  }

  private walk(vector: Float32Array, k: number, ef: number): Scored[] {
    if (this.size === 0) return [];
    const query = prepareQuery(this.vectors, vector);
    const wide = Float64Array.from(query);
    const { levels } = this.graph;
    let current = this.graph.entryPoint;
    let currentScore = this.score(query, wide, current);
    for (let l = levels.length - 1; l > 0; l--) {
      const { offsets, neighbours } = levels[l];
      for (let changed = true; changed; ) {
        changed = false;
        // Scan the list of the node we started this round from, as hnswlib does.
        const end = offsets[current + 1];
        for (let j = offsets[current]; j < end; j++) {
          const s = this.score(query, wide, neighbours[j]);
          if (s > currentScore) {
            currentScore = s;
            current = neighbours[j];
            changed = true;
          }
        }
      }
    }
    return this.searchLevel0(query, wide, current, currentScore, Math.max(ef, k)).drain(k);
  }

  /**
   * A node's score (`scoreRow`), four codes per load when the codes allow it. Small and called from
   * the two loops only, so V8 inlines it: measured as fast as the loop written out in place.
   */
  private score(query: Float32Array, wide: Float64Array, node: number): number {
    const { words, vectors } = this;
    return words ? packedScore(words, vectors.scales, this.dims, node, wide) : rowScore(vectors.codes, vectors.scales, this.dims, node, query);
  }

  /** The ef best nodes of level 0 found from `entry`, in `this.best` (reused from search to search, like the candidate queue). */
  private searchLevel0(query: Float32Array, wide: Float64Array, entry: number, entryScore: number, ef: number): TopK {
    if (++this.epoch === 0xffffffff) {
      this.visited.fill(0);
      this.epoch = 1;
    }
    const { visited, epoch, candidates, fresh, words, dims } = this;
    const { scales } = this.vectors;
    const { offsets, neighbours } = this.graph.levels[0];
    const best = this.best.reset(ef);
    candidates.clear();
    best.push(entry, entryScore);
    candidates.push(entry, entryScore);
    visited[entry] = epoch;
    while (candidates.size > 0) {
      if (candidates.topScore < best.threshold) break;
      const node = candidates.topIndex;
      candidates.pop();
      let count = 0;
      const end = offsets[node + 1];
      for (let j = offsets[node]; j < end; j++) {
        const next = neighbours[j];
        if (visited[next] === epoch) continue;
        visited[next] = epoch;
        fresh[count++] = next;
      }
      let f = 0;
      // packedScore written out for two rows at once, each query value read once for both: a
      // quarter less time per walk than one row at a time; each row's sums are the same.
      if (words) {
        for (; f + 1 < count; f += 2) {
          const a = fresh[f];
          const b = fresh[f + 1];
          let wa = (a * dims) >> 2;
          let wb = (b * dims) >> 2;
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          let b0 = 0;
          let b1 = 0;
          let b2 = 0;
          let b3 = 0;
          for (let d = 0; d < dims; d += 4) {
            const x = words[wa++];
            const y = words[wb++];
            const q0 = wide[d];
            const q1 = wide[d + 1];
            const q2 = wide[d + 2];
            const q3 = wide[d + 3];
            a0 += ((x << 24) >> 24) * q0;
            a1 += ((x << 16) >> 24) * q1;
            a2 += ((x << 8) >> 24) * q2;
            a3 += (x >> 24) * q3;
            b0 += ((y << 24) >> 24) * q0;
            b1 += ((y << 16) >> 24) * q1;
            b2 += ((y << 8) >> 24) * q2;
            b3 += (y >> 24) * q3;
          }
          const sa = (a0 + a1 + a2 + a3) * scales[a];
          if (best.push(a, sa)) candidates.push(a, sa);
          const sb = (b0 + b1 + b2 + b3) * scales[b];
          if (best.push(b, sb)) candidates.push(b, sb);
        }
      }
      for (; f < count; f++) {
        const s = this.score(query, wide, fresh[f]);
        if (best.push(fresh[f], s)) candidates.push(fresh[f], s);
      }
    }
    return best;
  }
}

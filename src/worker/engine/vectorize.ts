/**
 * Vector search in Cloudflare Vectorize instead of the bundle — the path past one bundle's size
 * (docs/scaling.md). The Vectorize index holds the artifact's vectors as `npm run export:vectorize`
 * writes them (dequantised, in the rotated space, `dot-product` metric), so a query rotated the same
 * way gets the scores the bundled stores give. Everything else (texts, BM25, citations) still comes
 * from the bundled artifact; the engine sees one more `VectorStore`.
 */
import type { IndexArtifact } from '../../core/artifact/index.js';
import type { AllowedPassages, Scored } from '../../core/scored.js';
import { prepareQuery, type VectorStore } from '../../core/vector/index.js';
import { ApiError } from '../errors/index.js';

/** The part of the Vectorize binding this store uses (the real `Vectorize` binding has it). */
export interface VectorizeQueryable {
  query(vector: number[], options: { topK: number }): Promise<{ matches: Array<{ id: string; score: number }> }>;
}

/** Vectorize answers at most this many matches per query (without values or metadata). */
export const VECTORIZE_MAX_TOP_K = 100;

function indexById(passages: IndexArtifact['passages']): (id: string) => number {
  const ids = new Map(passages.map((p, i) => [p.id, i]));
  return (id) => ids.get(id) ?? -1;
}

export class VectorizeStore implements VectorStore {
  readonly kind = 'vectorize';
  readonly size: number;
  readonly dims: number;
  /**
   * `passageIndex`: a passage's index from its id, or -1 — by default from the artifact's records;
   * an opened index gives its own (by the id rule, without reading every record).
   */
  constructor(
    private readonly index: VectorizeQueryable,
    private readonly artifact: Pick<IndexArtifact, 'manifest' | 'vectors' | 'passages'>,
    private readonly passageIndex: (id: string) => number = indexById(artifact.passages),
  ) {
    this.size = artifact.manifest.counts.passages;
    this.dims = artifact.vectors.dims;
  }

  /**
   * A metadata filter is applied to Vectorize's best 100 (its limit without values): a narrow
   * filter can leave fewer than k there (docs/scaling.md).
   */
  async nearest(query: Float32Array, k: number, allowed?: AllowedPassages): Promise<Scored[]> {
    let matches: Array<{ id: string; score: number }>;
    try {
      ({ matches } = await this.index.query(Array.from(prepareQuery(this.artifact.vectors, query)), { topK: allowed ? VECTORIZE_MAX_TOP_K : Math.min(k, VECTORIZE_MAX_TOP_K) }));
    } catch (error) {
      throw new ApiError('VECTOR_STORE_UNAVAILABLE', `Vectorize did not answer (${error instanceof Error ? error.message : String(error)}); retry later`);
    }
    const found = matches.map((m) => {
      const index = this.passageIndex(m.id);
      // A stale Vectorize index would cite passages this bundle does not have: refuse, never guess.
      if (index < 0) {
        throw new ApiError('VECTOR_STORE_UNAVAILABLE', `Vectorize returned passage ${JSON.stringify(m.id)}, which the bundled index does not have; re-run "npm run export:vectorize" and insert its output`);
      }
      return { index, score: m.score };
    });
    return allowed ? found.filter((s) => allowed.has(s.index)).slice(0, k) : found;
  }
}

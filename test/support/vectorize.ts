/**
 * A stand-in for a Cloudflare Vectorize index (dot-product metric): exact search over the records
 * it was given, counting queries. Enough to test the Worker against Vectorize offline.
 */
import type { VectorizeQueryable } from '../../src/worker/engine/vectorize.js';

export interface VectorRecord {
  id: string;
  values: number[];
}

export function fakeVectorize(records: VectorRecord[]): VectorizeQueryable & { queries: number } {
  const fake = {
    queries: 0,
    async query(vector: number[], { topK }: { topK: number }) {
      fake.queries++;
      const scored = records.map((r) => ({ id: r.id, score: r.values.reduce((sum, x, d) => sum + x * vector[d], 0) }));
      scored.sort((a, b) => b.score - a.score);
      return { matches: scored.slice(0, topK), count: Math.min(topK, scored.length) };
    },
  };
  return fake;
}

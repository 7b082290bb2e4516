/** Retrieval metrics, as BEIR and the dev-set README define them. */

/** 1-based rank of the first hit, or 0 when none of the results is a hit. */
export function firstHitRank(hits: boolean[]): number {
  const i = hits.indexOf(true);
  return i < 0 ? 0 : i + 1;
}

export interface HitSummary {
  questions: number;
  hit1: number;
  hit5: number;
  mrr: number;
}

export function summariseHits(ranks: number[]): HitSummary {
  const n = ranks.length || 1;
  return {
    questions: ranks.length,
    hit1: ranks.filter((r) => r === 1).length / n,
    hit5: ranks.filter((r) => r >= 1 && r <= 5).length / n,
    mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
  };
}

/** nDCG@k with gains from the qrels and the ideal ranking built from them. */
export function ndcgAt(k: number, ranked: string[], relevant: Map<string, number>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const gain = relevant.get(id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(i + 2);
  });
  const ideal = [...relevant.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAt(k: number, ranked: string[], relevant: Map<string, number>): number {
  const top = new Set(ranked.slice(0, k));
  let found = 0;
  let total = 0;
  for (const [id, gain] of relevant) {
    if (gain <= 0) continue;
    total++;
    if (top.has(id)) found++;
  }
  return total > 0 ? found / total : 0;
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Mean share of each query's true neighbours found (ANN recall@k, with `found` cut to k by the caller). */
export function neighbourRecall(found: number[][], truth: Array<Set<number>>): number {
  let hits = 0;
  let total = 0;
  found.forEach((f, i) => {
    hits += f.filter((x) => truth[i].has(x)).length;
    total += truth[i].size;
  });
  return total > 0 ? hits / total : 0;
}

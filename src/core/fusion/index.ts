/**
 * Fusion of the semantic and lexical rankings. Two methods, as in Cloudflare AI Search, Orama and
 * Meilisearch: reciprocal-rank fusion (ranks only) and a weighted sum of normalised scores, both
 * weighted by `ratio` (the semantic share, 0..1, like Meilisearch's semanticRatio).
 */

export type FusionMethod = 'rrf' | 'weighted';

export interface Scored {
  index: number;
  score: number;
}

export interface Fused {
  index: number;
  fused: number;
  semantic: number | null;
  lexical: number | null;
}

/** The RRF constant from Cormack et al. (2009); larger flattens the rank curve. */
export const RRF_K = 60;
/** Weighted fusion normalises each list over its best this-many candidates. */
export const NORMALISE_OVER = 100;

export function fuse(semantic: Scored[], lexical: Scored[], method: FusionMethod, ratio: number): Fused[] {
  const byIndex = new Map<number, Fused>();
  const entry = (index: number) => {
    let e = byIndex.get(index);
    if (!e) byIndex.set(index, (e = { index, fused: 0, semantic: null, lexical: null }));
    return e;
  };
  semantic.forEach((s) => (entry(s.index).semantic = s.score));
  lexical.forEach((s) => (entry(s.index).lexical = s.score));
  if (method === 'rrf') {
    semantic.forEach((s, rank) => (entry(s.index).fused += ratio / (RRF_K + rank + 1)));
    lexical.forEach((s, rank) => (entry(s.index).fused += (1 - ratio) / (RRF_K + rank + 1)));
  } else {
    // Both lists min-max normalised over their candidates: measured best of min-max, max-only,
    // raw cosine and z-scores on both evaluation sets (docs/eval.md).
    // The bounds come from the top NORMALISE_OVER of each list, so scores do not depend on how many
    // candidates a caller asked for (an evaluation asking for 400 ranks like the API asking for 5).
    const sem = minMax(semantic.slice(0, NORMALISE_OVER));
    const lex = minMax(lexical.slice(0, NORMALISE_OVER));
    semantic.forEach((s) => (entry(s.index).fused += ratio * sem(s.score)));
    lexical.forEach((s) => (entry(s.index).fused += (1 - ratio) * lex(s.score)));
  }
  return [...byIndex.values()].sort((a, b) => b.fused - a.fused || a.index - b.index);
}

/** Stretch the candidates' score range to 0..1 (cosines sit in a narrow band, BM25 has no scale). */
function minMax(list: Scored[]): (x: number) => number {
  if (list.length === 0) return () => 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of list) {
    lo = Math.min(lo, s.score);
    hi = Math.max(hi, s.score);
  }
  return hi > lo ? (x) => Math.max(0, (x - lo) / (hi - lo)) : () => 1;
}

/**
 * One scored item, shared by every ranking stage: the vector stores (cosine), BM25 (its score)
 * and fusion (the fused score) all hand back passages as `{ index, score }`, best first.
 */
export interface Scored {
  /** Passage index in the artifact. */
  index: number;
  score: number;
}

/** Highest scores first; ties broken by passage order so results are deterministic. */
export function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.index - b.index;
}

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

/** The passages a metadata filter keeps (src/core/metadata): every stage searches only these. */
export interface AllowedPassages {
  has(index: number): boolean;
  /** The kept passage indices, ascending. */
  readonly indices: Uint32Array;
}

export function allowedPassages(indices: number[]): AllowedPassages {
  const set = new Uint8Array(indices.reduce((max, i) => Math.max(max, i + 1), 0));
  for (const i of indices) set[i] = 1;
  return { has: (i) => set[i] === 1, indices: Uint32Array.from(indices) };
}

/**
 * The fuse stage: turns the semantic and lexical candidate lists into one ranking, and owns the
 * choice of mode (like Orama's search → search-hybrid dispatch). Two hybrid methods, as in
 * Cloudflare AI Search, Orama and Meilisearch: reciprocal-rank fusion (ranks only) and a weighted
 * sum of normalised scores, both weighted by `ratio` (the semantic share, 0..1, like
 * Meilisearch's semanticRatio).
 */
import { byScore, type Scored } from '../scored.js';

export type SearchMode = 'hybrid' | 'semantic' | 'lexical';
/**
 * 'weighted': min-max-normalised scores; 'zscore': scores over their standard deviation, from the
 * list's lowest (one outlier stretches a range, a deviation much less); 'rrf': ranks only.
 */
export type FusionMethod = 'rrf' | 'weighted' | 'zscore';

/** A ranked passage with the components its score came from (null: not computed in this mode). */
export interface Ranked extends Scored {
  /** What the ranking used: the fused score (hybrid), the cosine (semantic) or BM25 (lexical). */
  score: number;
  semantic: number | null;
  lexical: number | null;
  /** The fused score; null outside hybrid mode, where nothing is fused. */
  fused: number | null;
}

/** The RRF constant from Cormack et al. (2009); larger flattens the rank curve. */
export const RRF_K = 60;
/** Weighted fusion normalises each list over its best this-many candidates. */
export const NORMALISE_OVER = 100;

/** One ranking from the candidate lists, by mode: a single list as it is, or both fused. */
export function rank(mode: SearchMode, semantic: Scored[], lexical: Scored[], method: FusionMethod, ratio: number): Ranked[] {
  switch (mode) {
    case 'semantic':
      return semantic.map((s) => ({ index: s.index, score: s.score, semantic: s.score, lexical: null, fused: null }));
    case 'lexical':
      return lexical.map((s) => ({ index: s.index, score: s.score, semantic: null, lexical: s.score, fused: null }));
    case 'hybrid':
      return fuse(semantic, lexical, method, ratio);
  }
}

export function fuse(semantic: Scored[], lexical: Scored[], method: FusionMethod, ratio: number): Ranked[] {
  const byIndex = new Map<number, Ranked>();
  const entry = (index: number) => {
    let e = byIndex.get(index);
    if (!e) byIndex.set(index, (e = { index, score: 0, semantic: null, lexical: null, fused: 0 }));
    return e;
  };
  semantic.forEach((s) => (entry(s.index).semantic = s.score));
  lexical.forEach((s) => (entry(s.index).lexical = s.score));
  if (method === 'rrf') {
    semantic.forEach((s, r) => (entry(s.index).score += ratio / (RRF_K + r + 1)));
    lexical.forEach((s, r) => (entry(s.index).score += (1 - ratio) / (RRF_K + r + 1)));
  } else {
    // Both lists min-max normalised over their candidates: measured best of min-max, max-only,
    // raw cosine and z-scores on both evaluation sets (docs/eval.md).
    // The bounds come from the top NORMALISE_OVER of each list, so scores do not depend on how many
    // candidates a caller asked for (an evaluation asking for 400 ranks like the API asking for 5).
    const normalise = method === 'zscore' ? deviations : minMax;
    const sem = normalise(semantic.slice(0, NORMALISE_OVER));
    const lex = normalise(lexical.slice(0, NORMALISE_OVER));
    semantic.forEach((s) => (entry(s.index).score += ratio * sem(s.score)));
    lexical.forEach((s) => (entry(s.index).score += (1 - ratio) * lex(s.score)));
  }
  const ranked = [...byIndex.values()];
  for (const r of ranked) r.fused = r.score;
  return ranked.sort(byScore);
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

/**
 * Scores in standard deviations above the list's lowest: a list whose best few stand far above the
 * rest (one rare query word) no longer squeezes everything else towards 0, as min-max does.
 */
function deviations(list: Scored[]): (x: number) => number {
  if (list.length === 0) return () => 0;
  let lo = Infinity;
  let sum = 0;
  for (const s of list) {
    lo = Math.min(lo, s.score);
    sum += s.score;
  }
  const mean = sum / list.length;
  let variance = 0;
  for (const s of list) variance += (s.score - mean) ** 2;
  const sd = Math.sqrt(variance / list.length);
  return sd > 0 ? (x) => Math.max(0, (x - lo) / sd) : () => 1;
}

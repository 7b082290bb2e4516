/**
 * The filter stage: walks the ranking best first and keeps what the request allows — at most `k`
 * results, none below `minScore`, at most `perDoc` per document, no near-duplicate of a better one.
 */
import type { Ranked } from '../fusion/index.js';

/** Cosine at and above which two passages count as duplicates (`dedupe`). */
export const DUPLICATE_COSINE = 0.95;

export interface FilterOptions {
  k: number;
  minScore: number;
  /** At most this many passages per document (0: no limit). */
  perDoc: number;
  dedupe: boolean;
}

export function filter(
  ranking: Ranked[],
  options: FilterOptions,
  documentOf: (passage: number) => number,
  cosine: (a: number, b: number) => number,
): Ranked[] {
  const perDoc = new Map<number, number>();
  const kept: Ranked[] = [];
  for (const candidate of ranking) {
    if (kept.length >= options.k) break;
    if (candidate.score < options.minScore) break;
    const doc = documentOf(candidate.index);
    if (options.perDoc > 0 && (perDoc.get(doc) ?? 0) >= options.perDoc) continue;
    if (options.dedupe && kept.some((k) => cosine(k.index, candidate.index) >= DUPLICATE_COSINE)) continue;
    perDoc.set(doc, (perDoc.get(doc) ?? 0) + 1);
    kept.push(candidate);
  }
  return kept;
}

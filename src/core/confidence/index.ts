/**
 * The confidence stage: how likely the corpus answers the question at all, from evidence that does
 * not depend on the ranking mode. `answerable` is `confidence ≥ 0.5`.
 */
import type { LexicalSearcher, QueryTerms } from '../lexical/index.js';
import type { Scored } from '../scored.js';

/**
 * Confidence ramps (value → 0 at *Zero, → 1 at *One), calibrated on the dev and off-topic questions
 * (docs/eval.md). A question that shares no word with the corpus needs much stronger semantic
 * evidence: a static model finds loose topical neighbours for anything.
 */
export const CONFIDENCE = {
  cosineZero: 0.12,
  cosineOne: 0.3,
  noOverlapCosineZero: 0.4,
  noOverlapCosineOne: 0.65,
  coverageZero: 0.3,
  coverageOne: 0.8,
};

/** How many of the best lexical passages are looked at for coverage. */
const COVERAGE_PASSAGES = 10;

export interface ConfidenceEvidence {
  terms: QueryTerms;
  /** The best cosine of any passage with the question. */
  bestCosine: number;
  /** The best lexical passages, best first (searched here when the mode skipped BM25). */
  lexical: Scored[];
}

/**
 * Two independent signals: the best cosine, and the share of the question's idf mass that the best
 * lexical passage contains. Each is mapped linearly onto 0..1 between calibrated bounds; the
 * stronger one wins.
 */
export function confidence(searcher: LexicalSearcher, { terms, bestCosine, lexical }: ConfidenceEvidence): number {
  let coverage = 0;
  if (terms.weight > 0) {
    const top = (lexical.length ? lexical : searcher.search(terms, COVERAGE_PASSAGES)).slice(0, COVERAGE_PASSAGES);
    for (const hit of top) {
      let matched = 0;
      for (const t of terms.known) if (searcher.contains(t.id, hit.index)) matched += t.idf;
      coverage = Math.max(coverage, matched / terms.weight);
    }
  }
  const semantic = coverage > 0 ? ramp(bestCosine, CONFIDENCE.cosineZero, CONFIDENCE.cosineOne) : ramp(bestCosine, CONFIDENCE.noOverlapCosineZero, CONFIDENCE.noOverlapCosineOne);
  return Math.max(semantic, ramp(coverage, CONFIDENCE.coverageZero, CONFIDENCE.coverageOne));
}

function ramp(x: number, zero: number, one: number): number {
  return Math.min(1, Math.max(0, (x - zero) / (one - zero)));
}

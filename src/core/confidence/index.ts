/**
 * The confidence stage: how likely the corpus answers the question at all, from evidence that does
 * not depend on the ranking mode. The evidence is turned into a probability by a logistic model
 * fitted for each index when it is built (src/indexing/calibrate): what separates this corpus's own
 * questions from off-domain ones differs from corpus to corpus, so no fixed threshold transfers.
 */
import type { LexicalSearcher, QueryTerms } from '../lexical/index.js';
import type { Scored } from '../scored.js';
import { unseenNames, type EverydayWords } from './names.js';

export { unseenNames, wordSpecificity, type EverydayWords } from './names.js';

/** How many of the best passages of each signal the evidence looks at. */
export const EVIDENCE_DEPTH = 10;

/** The evidence computed for every question. */
export const EVIDENCE = ['cosine', 'coverage', 'unseen', 'margin', 'agreement', 'specificity', 'names'] as const;
export type EvidenceName = (typeof EVIDENCE)[number];
export type Evidence = Record<EvidenceName, number>;

/**
 * A logistic model over the evidence, stored in the artifact's manifest:
 * P(answerable) = 1 / (1 + exp(-(bias + Σ weights[name] · evidence[name]))), over the evidence it
 * was fitted on (the build chooses which: src/indexing/calibrate).
 */
export interface Calibration {
  weights: Partial<Evidence>;
  bias: number;
  /** What it was fitted on: the corpus's own pseudo-questions and the off-domain probe bank. */
  fitted_on: { questions: number; probes: number };
  /** Shares misjudged at 0.5 on the data it was fitted on (a sanity check, not an evaluation). */
  in_sample: { questions_flagged: number; probes_answered: number };
}

export interface EvidenceInput {
  terms: QueryTerms;
  /** The best passages by cosine, best first (at least EVIDENCE_DEPTH when the corpus has them). */
  semantic: Scored[];
  /** The best passages by BM25, best first. */
  lexical: Scored[];
  /** The question as typed (for the names it mentions; without it, `names` is 0). */
  query?: string;
  /** The model's everyday words, when the encoder has a vocabulary. */
  everyday?: EverydayWords;
}

/**
 * - cosine: the best passage's cosine with the question;
 * - coverage: the largest share of the question's idf mass one of the best lexical passages holds
 *   (words the corpus never saw count at the highest idf, so they pull it down);
 * - unseen: the share of the question's distinct words the corpus never saw (evidence against:
 *   counted, not idf-weighted, because in a small corpus one rare word would outweigh the rest);
 * - margin: how far the best cosine stands above the EVIDENCE_DEPTH-th (a real answer stands out,
 *   a loose topical match does not);
 * - agreement: the share of the best passages both signals propose;
 * - specificity: the idf of the rarest question word one of the best lexical passages holds,
 *   over the highest idf there is (a question matched only by the corpus's common words is less
 *   likely to be about it);
 * - names: the question's words the corpus has never seen anywhere, each weighted by how specific
 *   it looks (names and identifiers 1, everyday words 0: src/core/confidence/names.ts), summed —
 *   a library, framework or file the corpus never mentions is strong evidence against. Seen means
 *   anywhere in the index, held-out passages included, so it is 0 for every pseudo-question of the
 *   calibration: its weight is set, not fitted (src/indexing/calibrate).
 */
export function evidence(searcher: LexicalSearcher, { terms, semantic, lexical, query, everyday }: EvidenceInput): Evidence {
  const sem = semantic.slice(0, EVIDENCE_DEPTH);
  const lex = lexical.slice(0, EVIDENCE_DEPTH);
  const cosine = sem[0]?.score ?? 0;
  let coverage = 0;
  let rarest = 0;
  for (const hit of lex) {
    let matched = 0;
    for (const t of terms.known) {
      if (!searcher.contains(t.id, hit.index)) continue;
      matched += t.idf;
      rarest = Math.max(rarest, t.idf);
    }
    coverage = Math.max(coverage, terms.weight > 0 ? matched / terms.weight : 0);
  }
  const specificity = rarest / searcher.maxIdf;
  const distinct = terms.known.length + terms.unseen;
  const unseen = distinct > 0 ? terms.unseen / distinct : 0;
  const margin = sem.length > 1 ? cosine - sem[sem.length - 1].score : 0;
  const lexicalSet = new Set(lex.map((h) => h.index));
  const agreement = sem.filter((h) => lexicalSet.has(h.index)).length / EVIDENCE_DEPTH;
  const names = query === undefined ? 0 : unseenNames(query, (term) => searcher.lookup(term) !== undefined, searcher.index.params, everyday, searcher.index.names);
  return { cosine, coverage, unseen, margin, agreement, specificity, names };
}

/** The calibrated probability that the corpus answers a question with this evidence. */
export function confidence(calibration: Calibration, e: Evidence): number {
  let z = calibration.bias;
  for (const name of EVIDENCE) z += (calibration.weights[name] ?? 0) * e[name];
  return 1 / (1 + Math.exp(-z));
}

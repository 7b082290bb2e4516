/**
 * Query expansion for BM25: terms added to a question's own, each at a fraction of its idf. Two
 * sources: terms a caller supplies (a vocabulary bridge: synonyms, related forms), and pseudo-
 * relevance feedback — the terms most characteristic of the best passages (RM3-style). Measured by
 * `npm run eval -- --dataset levers` (docs/eval.md).
 */
import type { Scored } from '../scored.js';
import { extractTerms, type TermOptions } from './terms.js';
import type { LexicalSearcher, QueryTerms } from './index.js';

export interface WeightedTerm {
  /** A term as the index stores it (lower case, stemmed when the index stems). */
  term: string;
  /** Fraction of the term's idf it carries (the question's own terms carry 1). */
  weight: number;
}

/** The question's terms plus `extra` ones the corpus knows (unknown or repeated ones are ignored). */
export function withExtraTerms(searcher: LexicalSearcher, terms: QueryTerms, extra: WeightedTerm[]): QueryTerms {
  const seen = new Set(terms.known.map((t) => t.term));
  const known = [...terms.known];
  for (const { term, weight } of extra) {
    const found = searcher.lookup(term);
    if (!found || seen.has(term) || weight <= 0) continue;
    seen.add(term);
    known.push({ term, id: found.id, idf: found.idf * weight });
  }
  return { ...terms, known };
}

export interface FeedbackOptions {
  /** How many of the best passages to learn from. */
  passages: number;
  /** How many terms to add. */
  terms: number;
  /** Weight of an added term, as a fraction of its idf. */
  weight: number;
}

/**
 * RM3-style feedback: each term of the best passages scores Σ P(term | passage) · P(passage |
 * question), the latter from the passages' BM25 scores normalised to sum to 1 (stopwords are
 * already out of the terms). The top terms not already asked become extra terms.
 */
export function feedbackTerms(top: Scored[], textOf: (passage: number) => string, termOptions: TermOptions, searcher: LexicalSearcher, asked: QueryTerms, options: FeedbackOptions): WeightedTerm[] {
  const docs = top.slice(0, options.passages);
  const total = docs.reduce((s, d) => s + d.score, 0);
  if (total <= 0) return [];
  const already = new Set(asked.known.map((t) => t.term));
  const scores = new Map<string, number>();
  for (const d of docs) {
    const words = extractTerms(textOf(d.index), termOptions);
    if (words.length === 0) continue;
    const counts = new Map<string, number>();
    for (const { term } of words) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, n] of counts) if (!already.has(term)) scores.set(term, (scores.get(term) ?? 0) + (n / words.length) * (d.score / total));
  }
  return [...scores]
    .filter(([term]) => searcher.lookup(term) !== undefined)
    .map(([term, score]) => ({ term, score }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, options.terms)
    .map(({ term }) => ({ term, weight: options.weight }));
}

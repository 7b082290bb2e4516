/**
 * Highlights for a result: the query terms found in the passage (offsets relative to the passage
 * and to the source file) and the single best-matching sentence. Small pure functions, like
 * Pagefind's excerpts: the page and widget wrap the offsets in <mark>.
 */
import { extractTerms, type TermOptions } from '../lexical/terms.js';
import { splitSentences, type Span } from '../sentences/index.js';

export interface TermHighlight {
  text: string;
  start: number;
  end: number;
  source_start: number;
  source_end: number;
}

export interface SentenceHighlight extends TermHighlight {}

export interface Highlights {
  terms: TermHighlight[];
  sentence: SentenceHighlight | null;
}

/**
 * The sentences whose closeness to the question decides the best sentence: all of them when the
 * passage holds no query term, else none (query terms decide). Lets the caller embed them in one
 * batch before `highlight` runs.
 */
export function sentencesNeedingSimilarity(passage: string, weights: Map<string, number>, termOptions: TermOptions): string[] {
  if (extractTerms(passage, termOptions).some((t) => weights.has(t.term))) return [];
  return splitSentences(passage).map((s) => passage.slice(s.start, s.end));
}

/**
 * @param weights  query term → weight (idf); only these terms are highlighted
 * @param semanticTieBreak  scores a sentence when no sentence contains a query term
 */
export function highlight(
  passage: string,
  sourceOffset: number,
  weights: Map<string, number>,
  termOptions: TermOptions,
  semanticTieBreak?: (sentence: string) => number,
): Highlights {
  const at = (start: number, end: number): TermHighlight => ({
    text: passage.slice(start, end),
    start,
    end,
    source_start: sourceOffset + start,
    source_end: sourceOffset + end,
  });
  const matches = extractTerms(passage, termOptions).filter((t) => weights.has(t.term));
  const terms = matches.map((m) => at(m.start, m.end));
  const sentences = splitSentences(passage);
  if (sentences.length === 0) return { terms, sentence: null };
  const lexicalScore = (s: Span) => {
    const seen = new Set<string>();
    let score = 0;
    for (const m of matches) {
      if (m.start >= s.start && m.end <= s.end && !seen.has(m.term)) {
        seen.add(m.term);
        score += weights.get(m.term) ?? 0;
      }
    }
    return score;
  };
  let best = sentences[0];
  let bestScore = -Infinity;
  const anyMatch = matches.length > 0;
  for (const s of sentences) {
    const score = anyMatch || !semanticTieBreak ? lexicalScore(s) : semanticTieBreak(passage.slice(s.start, s.end));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return { terms, sentence: at(best.start, best.end) };
}

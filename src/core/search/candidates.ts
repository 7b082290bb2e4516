/**
 * The candidates stage: the question's vector and lexical terms, and the passages each signal
 * proposes (none for a signal the mode does not use).
 */
import type { QueryEncoder } from '../encoder/index.js';
import type { SearchMode } from '../fusion/index.js';
import type { LexicalSearcher, QueryTerms } from '../lexical/index.js';
import { spellIdentifiers } from '../lexical/terms.js';
import type { AllowedPassages, Scored } from '../scored.js';
import type { VectorStore } from '../vector/index.js';

/** Each signal proposes this many passages at least (fusion normalises over the top 100). */
export const CANDIDATES = 100;

/** A question as both signals see it, computed once per search. */
export interface Question {
  vector: Float32Array;
  terms: QueryTerms;
}

export interface Candidates {
  semantic: Scored[];
  lexical: Scored[];
}

/** `spelled`: the index's vectors were computed with identifiers spelled out in words (`spellIdentifiers`), so the question's is too. */
export async function analyse(query: string, encoder: QueryEncoder, lexical: LexicalSearcher, spelled = false): Promise<Question> {
  const [vector] = await encoder.embed([spelled ? spellIdentifiers(query) : query], 'query');
  return { vector, terms: lexical.analyse(query) };
}

/** How many passages each signal proposes for a search of `k` results. */
export function candidatePool(k: number): number {
  return Math.max(CANDIDATES, k * 4);
}

/** `allowed`: only the passages a metadata filter keeps are proposed (filtering before ranking). */
export async function candidates(
  question: Question,
  options: { k: number; mode: SearchMode },
  vectors: VectorStore,
  lexical: LexicalSearcher,
  allowed?: AllowedPassages,
): Promise<Candidates> {
  const pool = candidatePool(options.k);
  return {
    semantic: options.mode === 'lexical' ? [] : await vectors.nearest(question.vector, pool, allowed),
    lexical: options.mode === 'semantic' ? [] : lexical.search(question.terms, pool, allowed),
  };
}

/**
 * Query-time levers built on the search engine's overridable stages (`analyse`, `candidates`), so
 * the Worker's engine carries none of them — measured by `npm run eval -- --dataset levers`, none
 * ships until it wins:
 *   - query expansion: extra BM25 terms for a question (a vocabulary bridge, src/eval/levers.ts);
 *   - pseudo-relevance feedback: BM25 asked again with the best passages' terms (RM3-style).
 */
import { indexedText } from '../core/records.js';
import { feedbackTerms, withExtraTerms, type FeedbackOptions, type WeightedTerm } from '../core/lexical/expand.js';
import type { AllowedPassages } from '../core/scored.js';
import { candidatePool, type Candidates, type Question } from '../core/search/candidates.js';
import { SearchEngine, type SearchOptions } from '../core/search/index.js';

/** Extra terms for a question, each at a fraction of its idf. */
export type QueryExpansion = (question: string) => WeightedTerm[];

/**
 * The engine's index with a question's BM25 terms widened by `expand`: the widened terms feed the
 * candidates, the confidence evidence and the highlights alike.
 */
export class ExpandedQueryEngine extends SearchEngine {
  constructor(
    engine: SearchEngine,
    private readonly expand: QueryExpansion,
  ) {
    super(engine.artifact, engine.encoder, engine.vectors);
  }

  protected override async analyse(query: string): Promise<Question> {
    const question = await super.analyse(query);
    return { ...question, terms: withExtraTerms(this.lexical, question.terms, this.expand(query)) };
  }
}

/**
 * The engine's index with BM25 candidates from pseudo-relevance feedback: the terms most
 * characteristic of the first BM25 passages are added and BM25 is asked again. Only the lexical
 * candidates change; confidence and highlights read the question's own terms.
 */
export class RelevanceFeedbackEngine extends SearchEngine {
  constructor(
    engine: SearchEngine,
    private readonly feedback: FeedbackOptions,
  ) {
    super(engine.artifact, engine.encoder, engine.vectors);
  }

  protected override async candidates(question: Question, options: Pick<SearchOptions, 'k' | 'mode'>, allowed?: AllowedPassages): Promise<Candidates> {
    const found = await super.candidates(question, options, allowed);
    // Semantic mode proposes no lexical passages: nothing to learn from, nothing to re-ask.
    if (found.lexical.length === 0) return found;
    const { passages, lexical } = this.artifact;
    const extra = feedbackTerms(found.lexical, (i) => indexedText(passages[i]), lexical.params, this.lexical, question.terms, this.feedback);
    return { ...found, lexical: this.lexical.search(withExtraTerms(this.lexical, question.terms, extra), candidatePool(options.k), allowed) };
  }
}

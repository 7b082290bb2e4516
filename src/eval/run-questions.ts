/** Question sets with gold passages (seeds dev, docs dev sets): Hit@1, Hit@5, MRR and "no answer" rates. */
import { isHit, readDevQuestions, readOffTopicQuestions, type DevQuestion } from './datasets.js';
import { firstHitRank, summariseHits, type HitSummary } from './metrics.js';

export interface SearchAnswer {
  /** `excerpt`: the passage's words as a reader sees them (search results carry it; Markdown/HTML differ from `text`). */
  results: Array<{ text: string; excerpt?: string; citation: { source: string } }>;
  answerable?: boolean;
}

/** Anything that answers a question: the in-process engine or a server over HTTP. */
export type Searcher = (q: string, k: number) => Promise<SearchAnswer>;

export interface QuestionsReport extends HitSummary {
  /** The same ranks counted by page: the first result from the gold's page, among the distinct pages of the results. */
  pages: HitSummary;
  offTopic: { questions: number; answeredNothing: number; flaggedUnanswerable: number };
  devFlaggedUnanswerable: number;
  /** Questions whose gold was not in the top k, with the source of what came first instead. */
  misses: Array<{ q: string; doc: string; top: string | null }>;
}

/** Page-level ranks read this many passages deep, so that k distinct pages are there to count. */
export const PAGE_DEPTH = 4;

export async function evaluateQuestions(search: Searcher, dev: DevQuestion[], offTopic: string[], k = 5): Promise<QuestionsReport> {
  const ranks: number[] = [];
  const pageRanks: number[] = [];
  const misses: QuestionsReport['misses'] = [];
  let devFlagged = 0;
  for (const question of dev) {
    // One search, deep enough for pages; the passage ranking's first k are what a k-search returns.
    const answer = await search(question.q, k * PAGE_DEPTH);
    const results = answer.results.slice(0, k);
    if (answer.answerable === false) devFlagged++;
    const rank = firstHitRank(results.map((r) => isHit(question, r)));
    if (rank === 0) misses.push({ q: question.q, doc: question.doc, top: results[0]?.citation.source ?? null });
    ranks.push(rank);
    const pages = [...new Set(answer.results.map((r) => r.citation.source))].slice(0, k);
    pageRanks.push(firstHitRank(pages.map((source) => source.endsWith(question.doc))));
  }
  let answeredNothing = 0;
  let flagged = 0;
  for (const q of offTopic) {
    const answer = await search(q, k);
    if (answer.results.length === 0) answeredNothing++;
    if (answer.answerable === false || answer.results.length === 0) flagged++;
  }
  return {
    ...summariseHits(ranks),
    pages: summariseHits(pageRanks),
    offTopic: { questions: offTopic.length, answeredNothing, flaggedUnanswerable: flagged },
    devFlaggedUnanswerable: devFlagged,
    misses,
  };
}

/** The seeds dev and off-topic questions (src/eval/data). */
export function evaluateSeeds(search: Searcher, k = 5): Promise<QuestionsReport> {
  return evaluateQuestions(search, readDevQuestions(), readOffTopicQuestions(), k);
}

/** A report in one line, for the console. */
export function questionsSummary(name: string, r: QuestionsReport): string {
  return `${name}: Hit@1 ${r.hit1.toFixed(3)}  Hit@5 ${r.hit5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  page Hit@1 ${r.pages.hit1.toFixed(3)}  page Hit@5 ${r.pages.hit5.toFixed(3)}  off-topic "no answer" ${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions}  dev wrongly flagged ${r.devFlaggedUnanswerable}/${r.questions}`;
}

/** The seeds evaluation: dev questions (Hit@1, Hit@5, MRR) and off-topic questions. */
import { isHit, readDevQuestions, readOffTopicQuestions } from './datasets.js';
import { firstHitRank, summariseHits, type HitSummary } from './metrics.js';

export interface SearchAnswer {
  results: Array<{ text: string; citation: { source: string } }>;
  answerable?: boolean;
}

/** Anything that answers a question: the in-process engine or a server over HTTP. */
export type Searcher = (q: string, k: number) => Promise<SearchAnswer>;

export interface SeedsReport extends HitSummary {
  offTopic: { questions: number; answeredNothing: number; flaggedUnanswerable: number };
  devFlaggedUnanswerable: number;
  misses: Array<{ q: string; doc: string }>;
}

export async function evaluateSeeds(search: Searcher, k = 5): Promise<SeedsReport> {
  const dev = readDevQuestions();
  const ranks: number[] = [];
  const misses: SeedsReport['misses'] = [];
  let devFlagged = 0;
  for (const question of dev) {
    const answer = await search(question.q, k);
    if (answer.answerable === false) devFlagged++;
    const rank = firstHitRank(answer.results.map((r) => isHit(question, r)));
    if (rank === 0) misses.push({ q: question.q, doc: question.doc });
    ranks.push(rank);
  }
  const offTopic = readOffTopicQuestions();
  let answeredNothing = 0;
  let flagged = 0;
  for (const q of offTopic) {
    const answer = await search(q, k);
    if (answer.results.length === 0) answeredNothing++;
    if (answer.answerable === false || answer.results.length === 0) flagged++;
  }
  return {
    ...summariseHits(ranks),
    offTopic: { questions: offTopic.length, answeredNothing, flaggedUnanswerable: flagged },
    devFlaggedUnanswerable: devFlagged,
    misses,
  };
}

/**
 * Whether a dev set's gold can be found at all: every question's gold must be in the text of some
 * passage of its page as the indexer cut it. A gold the indexer never produces (a typo, a sentence
 * split by a chunk boundary, a page that changed) would count as a miss forever and say nothing
 * about ranking, so the eval refuses to run on one.
 */
import { isHit, type DevQuestion } from './datasets.js';

export interface IndexedPassages {
  passages: Array<{ text: string; doc: number }>;
  documents: Array<{ source: string }>;
}

/** The questions none of whose gold strings any passage of their page contains (by the hit rule). */
export function unreachableGold(questions: DevQuestion[], { passages, documents }: IndexedPassages): DevQuestion[] {
  const cited = passages.map((p) => ({ text: p.text, citation: { source: documents[p.doc].source } }));
  return questions.filter((q) => !cited.some((passage) => isHit(q, passage)));
}

export class UnreachableGoldError extends Error {
  override name = 'UnreachableGoldError';
}

/** Throws, naming every such question, when a gold cannot be hit. */
export function assertGoldReachable(name: string, questions: DevQuestion[], index: IndexedPassages): void {
  const missing = unreachableGold(questions, index);
  if (missing.length === 0) return;
  const list = missing.map((q) => `  - ${q.q}\n    ${q.doc}: ${q.gold.map((g) => JSON.stringify(g)).join(' | ')}`).join('\n');
  throw new UnreachableGoldError(`${name}: ${missing.length} of ${questions.length} questions have a gold no indexed passage of their page contains:\n${list}`);
}

/**
 * "No answer" on a corpus: how many questions it answers are flagged, how many off-topic ones are,
 * and whether `confidence` is a probability (reliability: among questions with confidence ≈ p, about
 * p are answerable). Always with the default search, as a client gets it.
 */
import type { SearchEngine } from '../core/search/index.js';
import { table } from './markdown.js';

export interface OffTopicSet {
  name: string;
  questions: string[];
  /** The share to flag, in percent: 90 for unrelated questions, 80 for look-alike ones (issue targets). */
  target?: number;
}

/** The look-alike set of a corpus, with its target. */
export function lookAlikeSet(questions: string[]): OffTopicSet {
  return { name: 'look-alike', questions, target: 80 };
}

export interface NoAnswerReport {
  answerable: { questions: number; flagged: number };
  offTopic: Array<{ name: string; questions: number; flagged: number; target: number }>;
  /** Confidence bins [from, to): how many questions fell in, and the share of them answerable. */
  reliability: Array<{ from: number; to: number; questions: number; answerable: number }>;
}

const BINS = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001];

export async function evaluateNoAnswer(engine: SearchEngine, answerable: string[], offTopic: OffTopicSet[]): Promise<NoAnswerReport> {
  const scored: Array<{ confidence: number; answerable: boolean }> = [];
  const ask = async (q: string, isAnswerable: boolean) => {
    const answer = await engine.search(q, { highlights: false });
    scored.push({ confidence: answer.confidence, answerable: isAnswerable });
    return !answer.answerable;
  };
  let flagged = 0;
  for (const q of answerable) if (await ask(q, true)) flagged++;
  const offTopicRows: NoAnswerReport['offTopic'] = [];
  for (const set of offTopic) {
    let n = 0;
    for (const q of set.questions) if (await ask(q, false)) n++;
    offTopicRows.push({ name: set.name, questions: set.questions.length, flagged: n, target: set.target ?? 90 });
  }
  const reliability = BINS.slice(0, -1).map((from, i) => {
    const inBin = scored.filter((s) => s.confidence >= from && s.confidence < BINS[i + 1]);
    return { from, to: Math.min(1, BINS[i + 1]), questions: inBin.length, answerable: inBin.filter((s) => s.answerable).length };
  });
  return { answerable: { questions: answerable.length, flagged }, offTopic: offTopicRows, reliability };
}

const percent = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}% (${n}/${of})` : '–');

export function formatNoAnswer(name: string, r: NoAnswerReport): string {
  const summary = table(
    ['corpus', 'answerable questions flagged (target ≤ 5%)', ...r.offTopic.map((o) => `off-topic: ${o.name} → flagged (target ≥ ${o.target}%)`)],
    [[name, percent(r.answerable.flagged, r.answerable.questions), ...r.offTopic.map((o) => percent(o.flagged, o.questions))]],
  );
  const reliability = table(
    ['confidence', 'questions', 'answerable among them'],
    r.reliability.map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, String(b.questions), b.questions ? `${(b.answerable / b.questions).toFixed(2)}` : '–']),
  );
  return [...summary, '', 'Reliability (all of the above questions together):', '', ...reliability].join('\n');
}

/** The report in one line, for the console. */
export function noAnswerSummary(name: string, r: NoAnswerReport): string {
  const off = r.offTopic.map((o) => `${o.name} ${o.flagged}/${o.questions}`).join(', ');
  return `${name} no answer: answerable flagged ${r.answerable.flagged}/${r.answerable.questions}; off-topic flagged ${off}`;
}

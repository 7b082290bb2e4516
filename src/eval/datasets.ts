/** Readers for the evaluation sets in ../shared/eval (read at eval time, never copied). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_EVAL_DIR = process.env.EVAL_DIR ?? join(process.cwd(), '..', 'shared', 'eval');

export interface DevQuestion {
  q: string;
  doc: string;
  gold: string[];
}

export interface ScifactSet {
  corpus: Array<{ id: string; title: string; text: string }>;
  queries: Array<{ id: string; text: string }>;
  /** query id → relevant doc id → gain */
  qrels: Map<string, Map<string, number>>;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readDevQuestions(dir = SHARED_EVAL_DIR): DevQuestion[] {
  return readJsonl<DevQuestion>(join(dir, 'seeds-dev.jsonl'));
}

export function readOffTopicQuestions(dir = SHARED_EVAL_DIR): string[] {
  return readJsonl<{ q: string }>(join(dir, 'seeds-offtopic.jsonl')).map((x) => x.q);
}

export function readScifact(dir = join(SHARED_EVAL_DIR, 'scifact')): ScifactSet {
  const corpus = readJsonl<{ _id: string; title: string; text: string }>(join(dir, 'corpus.jsonl')).map((d) => ({ id: d._id, title: d.title, text: d.text }));
  const queries = readJsonl<{ _id: string; text: string }>(join(dir, 'queries.jsonl')).map((q) => ({ id: q._id, text: q.text }));
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(join(dir, 'qrels.test.tsv'), 'utf8').split('\n').slice(1)) {
    const [qid, did, score] = line.split('\t');
    if (!qid || !did) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(did, Number(score));
  }
  return { corpus, queries, qrels };
}

/** The dev-set hit rule: gold substring in the text (whitespace collapsed) and the right document. */
export function isHit(question: DevQuestion, result: { text: string; citation: { source: string } }): boolean {
  const collapse = (s: string) => s.replace(/\s+/g, ' ');
  const text = collapse(result.text);
  return result.citation.source.endsWith(question.doc) && question.gold.some((g) => text.includes(collapse(g)));
}

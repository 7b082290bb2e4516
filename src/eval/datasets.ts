/**
 * Readers for the evaluation sets: the small seeds dev sets live in the repository
 * (src/eval/data, see its README); large optional sets (SciFact) are read from ../shared/eval at
 * eval time and never copied.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceDocument } from '../indexing/load/index.js';

/** The repository's own eval data (seeds dev and off-topic questions). */
export const REPO_EVAL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
/** Large optional datasets beside the repository (EVAL_DIR overrides). */
export const SHARED_EVAL_DIR = process.env.EVAL_DIR ?? join(process.cwd(), '..', 'shared', 'eval');
export const SCIFACT_DIR = join(SHARED_EVAL_DIR, 'scifact');

export class MissingDatasetError extends Error {
  override name = 'MissingDatasetError';
}

/** Whether the optional SciFact set is present (`npm run eval` skips it, saying so, when not). */
export function hasScifact(dir = SCIFACT_DIR): boolean {
  return existsSync(join(dir, 'corpus.jsonl'));
}

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

export function readDevQuestions(dir = REPO_EVAL_DIR): DevQuestion[] {
  return readJsonl<DevQuestion>(join(dir, 'seeds-dev.jsonl'));
}

/**
 * The documentation dev set: 40 paraphrased developer questions over Vitest's Markdown docs
 * (src/eval/data/vitest-dev.jsonl). The docs themselves are not copied: point VITEST_DOCS (or
 * `npm run eval -- --vitest-docs`) at the `docs/` folder of a checkout of vitest-dev/vitest.
 */
export function readVitestQuestions(dir = REPO_EVAL_DIR): DevQuestion[] {
  return readJsonl<DevQuestion>(join(dir, 'vitest-dev.jsonl'));
}

export const VITEST_DOCS_DIR = process.env.VITEST_DOCS ?? join(SHARED_EVAL_DIR, 'vitest-docs');

/** Whether `dir` is Vitest's docs/ folder (the Vitest datasets are skipped, saying so, when not). */
export function hasVitestDocs(dir = VITEST_DOCS_DIR): boolean {
  return existsSync(join(dir, 'guide', 'filtering.md'));
}

export const VITEST_HTML_DIR = process.env.VITEST_HTML ?? join(SHARED_EVAL_DIR, 'vitest-html');

/** Whether `dir` holds Vitest's docs built by VitePress (`bash scripts/fixtures/build-vitest-html.sh` writes it). */
export function hasVitestHtml(dir = VITEST_HTML_DIR): boolean {
  return existsSync(join(dir, 'guide', 'filtering.html'));
}

/** Questions about Markdown pages, asked of the same pages built as HTML: `guide/filtering.md` is `guide/filtering.html`. */
export function onBuiltPages(questions: DevQuestion[]): DevQuestion[] {
  return questions.map((q) => ({ ...q, doc: q.doc.replace(/\.(?:md|mdx|markdown)$/, '.html') }));
}

/** The seeds off-topic questions: the shared six and the project's own sixteen. */
export function readOffTopicQuestions(dir = REPO_EVAL_DIR): string[] {
  return ['seeds-offtopic.jsonl', 'seeds-offtopic-more.jsonl'].flatMap((file) => readJsonl<{ q: string }>(join(dir, file)).map((x) => x.q));
}

/** Off-topic questions written for a dev corpus (`vitest`, `pyfaq`): `<corpus>-offtopic.jsonl`. */
export function readCorpusOffTopic(corpus: 'vitest' | 'pyfaq', dir = REPO_EVAL_DIR): string[] {
  return readJsonl<{ q: string }>(join(dir, `${corpus}-offtopic.jsonl`)).map((x) => x.q);
}

/**
 * Look-alike off-topic questions of a dev corpus: about other tools or events, in the corpus's own
 * words (`<corpus>-lookalike.jsonl`), the hard case for "no answer".
 */
export function readLookAlike(corpus: 'seeds' | 'vitest' | 'rustbook', dir = REPO_EVAL_DIR): string[] {
  return readJsonl<{ q: string }>(join(dir, `${corpus}-lookalike.jsonl`)).map((x) => x.q);
}

/** The Rust book dev set (src/eval/rustbook.ts says which pages it is asked over). */
export function readRustBookQuestions(dir = REPO_EVAL_DIR): DevQuestion[] {
  return readJsonl<DevQuestion>(join(dir, 'rustbook-dev.jsonl'));
}

export function readScifact(dir = SCIFACT_DIR): ScifactSet {
  if (!hasScifact(dir)) throw new MissingDatasetError(`SciFact not found in ${dir}: put the BEIR SciFact test split there (corpus.jsonl, queries.jsonl, qrels.test.tsv) or set EVAL_DIR`);
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

/** The dev-set hit rule: the right document, and a gold substring in its text or its excerpt (whitespace collapsed). */
export function isHit(question: DevQuestion, result: { text: string; excerpt?: string; citation: { source: string } }): boolean {
  if (!result.citation.source.endsWith(question.doc)) return false;
  const collapse = (s: string) => s.replace(/\s+/g, ' ');
  const text = collapse(result.text);
  if (question.gold.some((g) => text.includes(collapse(g)))) return true;
  // The words a reader sees, for sources whose verbatim text is markup (HTML tags, Markdown link
  // URLs): a gold sentence written with `inline code` reads the same without its backticks.
  if (result.excerpt === undefined || result.excerpt === result.text) return false;
  const words = (s: string) => collapse(s.replace(/`/g, ''));
  const excerpt = words(result.excerpt);
  return question.gold.some((g) => excerpt.includes(words(g)));
}

/** SciFact abstracts as indexer input: title, blank line, abstract (one document each). */
export function scifactDocuments(set: ScifactSet): SourceDocument[] {
  return set.corpus.map((d) => {
    const text = `${d.title}\n\n${d.text}`;
    return { id: d.id, source: `scifact/${d.id}`, text, sha256: createHash('sha256').update(text).digest('hex'), format: 'text' as const };
  });
}

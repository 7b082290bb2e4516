/**
 * The peers, in one run over the same SciFact passages (issue 24): FlexSearch's full text against
 * our engine's hybrid, lexical-only and semantic-only search — latency and nDCG@10 on SciFact's 300
 * test queries with its qrels — and hnswlib-node against the TypeScript graph walk over the same
 * vectors and graph at the engine's ef.
 */
import { readFileSync } from 'node:fs';
import { Charset, Encoder, Index } from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import type { IndexArtifact } from '../core/artifact/index.js';
import type { SearchEngine, SearchMode } from '../core/search/index.js';
import { DEFAULT_EF } from '../core/vector/hnsw.js';
import type { ScifactSet } from '../eval/datasets.js';
import { mean, ndcgAt } from '../eval/metrics.js';
import { evaluateScifact } from '../eval/run-scifact.js';
import { measureSameVectors } from './ann.js';
import { ms, percentile, table, verdict } from './format.js';

/** Its package does not export package.json: read from the project's node_modules (the bench runs at the repository root). */
const FLEXSEARCH_VERSION = (JSON.parse(readFileSync('node_modules/flexsearch/package.json', 'utf8')) as { version: string }).version;

/** Results per question in the latency runs: a page of ten, as the table measures. */
export const PEERS_K = 10;
/** FlexSearch results read for its nDCG@10: enough passages to fill ten distinct abstracts. */
const FLEXSEARCH_NDCG_LIMIT = 100;
const ROUNDS = 3;

export interface PeerRow {
  name: string;
  p50: number;
  p99: number;
  ndcg10: number;
}

export interface PeersReport {
  passages: number;
  queries: number;
  ours: Record<SearchMode, PeerRow>;
  /** Our hybrid search without highlights: the ranking, citations and confidence, against FlexSearch's bare ids. */
  rankingOnly: { p50: number; p99: number };
  flexsearch: PeerRow & { buildMs: number };
  graph: ReturnType<typeof measureSameVectors>;
}

/**
 * Per-call times of each searcher over every question, ROUNDS times after one untimed round (JIT,
 * lazy tables). The searchers take each question in turn, so a neighbour's burst on a shared machine
 * slows them alike and their ratios hold.
 */
async function timeInTurn<N extends string>(questions: string[], searchers: Record<N, (q: string) => unknown>): Promise<Record<N, number[]>> {
  const names = Object.keys(searchers) as N[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<N, number[]>;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const q of questions) {
      for (const name of names) {
        const started = performance.now();
        await searchers[name](q);
        if (round > 0) times[name].push(performance.now() - started);
      }
    }
  }
  return times;
}

/**
 * FlexSearch over the passage texts, with the options a demanding user would pick for English
 * prose: whole words ("strict"), its English stemmer and stop words over Latin normalisation, and
 * `suggest` so that a question matches passages holding only some of its words (without it, a
 * natural-language question finds almost nothing).
 */
function flexsearchIndex(texts: string[]): Index {
  const index = new Index({ tokenize: 'strict', resolution: 9, encoder: new Encoder({ ...Charset.LatinBalance, ...EnglishPreset }) });
  texts.forEach((text, id) => index.add(id, text));
  return index;
}

/** SciFact's mean nDCG@10 from a ranked list of passages per query (a document ranks at its best passage). */
function ndcgOfPassages(set: ScifactSet, docOfPassage: (passage: number) => string, ranked: (query: string) => number[]): number {
  return mean(
    set.queries.map((query) => {
      const docs = [...new Set(ranked(query.text).map(docOfPassage))];
      return ndcgAt(10, docs, set.qrels.get(query.id) ?? new Map<string, number>());
    }),
  );
}

export async function measurePeers(engine: SearchEngine, artifact: IndexArtifact, set: ScifactSet): Promise<PeersReport> {
  const questions = set.queries.map((q) => q.text);
  const started = performance.now();
  const index = flexsearchIndex(artifact.passages.map((p) => p.text));
  const buildMs = performance.now() - started;
  const flexsearchSearch = (q: string, limit: number) => index.search(q, { limit, suggest: true }) as number[];
  const ourMode = (mode: SearchMode) => (q: string) => engine.search(q, { k: PEERS_K, mode });
  const times = await timeInTurn(questions, {
    hybrid: ourMode('hybrid'),
    lexical: ourMode('lexical'),
    semantic: ourMode('semantic'),
    rankingOnly: (q) => engine.search(q, { k: PEERS_K, highlights: false }),
    flexsearch: (q) => flexsearchSearch(q, PEERS_K),
  });
  const latency = (name: keyof typeof times) => ({ p50: percentile(times[name], 50), p99: percentile(times[name], 99) });
  const ours = {} as Record<SearchMode, PeerRow>;
  for (const mode of ['hybrid', 'lexical', 'semantic'] as const) ours[mode] = { name: mode, ...latency(mode), ndcg10: (await evaluateScifact(engine, { mode }, set)).ndcg10 };
  const docOfPassage = (passage: number) => artifact.documents[artifact.passages[passage].doc].doc_id;
  const flexsearch = { name: 'FlexSearch', ...latency('flexsearch'), ndcg10: ndcgOfPassages(set, docOfPassage, (q) => flexsearchSearch(q, FLEXSEARCH_NDCG_LIMIT)), buildMs };
  const queryVectors = await Promise.all(questions.map(async (q) => (await engine.encoder.embed([q], 'query'))[0]));
  const graph = measureSameVectors(artifact.vectors, artifact.manifest.hnsw, queryVectors, DEFAULT_EF);
  return { passages: artifact.passages.length, queries: questions.length, ours, rankingOnly: latency('rankingOnly'), flexsearch, graph };
}

/** The SciFact score our hybrid search must keep (issue 24: quality unchanged). */
export const HYBRID_NDCG_TARGET = 0.688;
/** The graph walk's speed against hnswlib-node's on the same graph and ef. */
const GRAPH_SPEED_TARGET = 0.5;

/** The `bench:peers` block of docs/bench.md. */
export function peersBlock(r: PeersReport): string {
  const { hybrid, lexical, semantic } = r.ours;
  const row = (name: string, p: PeerRow) => [name, `${ms(p.p50)} ms`, `${ms(p.p99)} ms`, p.ndcg10.toFixed(3)];
  const g = r.graph;
  const speed = g.tsQps / g.nativeQps;
  return [
    `## Peers, in one run (SciFact, ${r.passages.toLocaleString('en-US')} passages)`,
    '',
    `_Generated by \`npm run bench:scale\` (and \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: the same SciFact passages indexed by the project indexer (in memory) and by FlexSearch ${FLEXSEARCH_VERSION} (\`Index\`, whole words, its English stemmer and stop words over Latin normalisation, \`suggest\` so that a question matches passages with some of its words). Latency in-process: k = ${PEERS_K}, ${r.queries} queries × ${ROUNDS} rounds after one untimed round, the five searches taking each question in turn; ours with highlights, as /search answers, and once without them (FlexSearch answers passage ids only: no highlights, citations or confidence). nDCG@10 on SciFact's ${r.queries} test queries with its qrels (a document ranks at its best passage; ours as \`npm run eval\` computes it, FlexSearch from its best ${FLEXSEARCH_NDCG_LIMIT} passages)._`,
    '',
    ...table(['search', 'p50', 'p99', 'nDCG@10'], [row('ours, hybrid (the default)', hybrid), row('ours, lexical only (BM25)', lexical), row('ours, semantic only', semantic), [`ours, hybrid without highlights`, `${ms(r.rankingOnly.p50)} ms`, `${ms(r.rankingOnly.p99)} ms`, hybrid.ndcg10.toFixed(3)], row('FlexSearch full text', r.flexsearch)]),
    '',
    `FlexSearch indexed the ${r.passages.toLocaleString('en-US')} passage texts in ${(r.flexsearch.buildMs / 1000).toFixed(1)} s.`,
    '',
    `Vector search alone, over the index's own vectors (${g.vectors.toLocaleString('en-US')} × rotated int8) and HNSW graph (rebuilt with the index's parameters, so that both walk the same graph), ${r.queries} queries, k = 10, ef ${g.ef} (the engine's); recall@10 against the exact scan of the same int8 vectors; QPS the fastest of three passes:`,
    '',
    ...table(['graph walk', 'recall@10', 'QPS', 'per query'], [
      ['TypeScript (`src/core/vector/hnsw.ts`)', g.tsRecall.toFixed(3), g.tsQps.toFixed(0), `${ms(1000 / g.tsQps)} ms`],
      ['hnswlib-node (native)', g.nativeRecall.toFixed(3), g.nativeQps.toFixed(0), `${ms(1000 / g.nativeQps)} ms`],
    ]),
    '',
    'Targets (issue 24), from this run:',
    '',
    `- hybrid p50 no slower than FlexSearch's full-text p50: ${ms(hybrid.p50)} ms against ${ms(r.flexsearch.p50)} ms (${(hybrid.p50 / r.flexsearch.p50).toFixed(2)}×) — ${verdict(hybrid.p50 <= r.flexsearch.p50)}; without highlights ${ms(r.rankingOnly.p50)} ms (${(r.rankingOnly.p50 / r.flexsearch.p50).toFixed(2)}×);`,
    `- quality unchanged, hybrid nDCG@10 ≥ ${HYBRID_NDCG_TARGET} (the target's three decimals): ${hybrid.ndcg10.toFixed(4)} — ${verdict(Math.round(hybrid.ndcg10 * 1000) / 1000 >= HYBRID_NDCG_TARGET)} (FlexSearch ${r.flexsearch.ndcg10.toFixed(3)});`,
    `- the TypeScript graph walk ≥ ${GRAPH_SPEED_TARGET}× hnswlib-node's speed at the same ef and recall: ${speed.toFixed(2)}× (recall ${g.tsRecall.toFixed(3)} against ${g.nativeRecall.toFixed(3)}) — ${verdict(speed >= GRAPH_SPEED_TARGET && g.tsRecall >= g.nativeRecall - 0.005)}.`,
    '',
  ].join('\n');
}

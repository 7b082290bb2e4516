/**
 * Dense retrieval only (`npm run eval:model`): encoders compared by how well cosine similarity
 * alone ranks — every passage for the dev sets (hits counted by run-questions' rule), every
 * document for SciFact — plus their size and encode time. No BM25, no fusion: the model's own share.
 */
import type { DocumentRecord, PassageRecord } from '../../core/records.js';
import { dot } from '../../core/vector/index.js';
import type { DevQuestion, ScifactSet } from '../datasets.js';
import { table, type LogLine } from '../markdown.js';
import { mean, ndcgAt, type HitSummary } from '../metrics.js';
import { evaluateQuestions, type Searcher } from '../run-questions.js';

/** Texts to vectors (unit length, so a dot product is the cosine). */
export type Embed = (texts: string[]) => Promise<Float32Array[]>;

/** Indices of `vectors` from most to least similar to `query`; ties in index order. */
export function rankByCosine(query: Float32Array, vectors: Float32Array[]): number[] {
  return vectors
    .map((v, i) => [dot(query, 0, v, 0, query.length), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
}

/** A dev set over the passages the project's chunker cuts. */
export interface PassageQuestionSet {
  questions: DevQuestion[];
  passages: PassageRecord[];
  documents: DocumentRecord[];
}

/**
 * Hit@1, Hit@5 and MRR of a dense ranking of every passage. Questions are encoded in one batch (as
 * a teacher is fastest), then put through run-questions' hit counting with the whole ranking, so
 * MRR sees a gold passage however deep it is.
 */
export async function denseHits(set: PassageQuestionSet, embedQuestions: Embed, embedPassages: Embed): Promise<HitSummary> {
  const passageVectors = await embedPassages(set.passages.map((p) => p.text));
  const questionVectors = await embedQuestions(set.questions.map((d) => d.q));
  const vectorOf = new Map(set.questions.map((d, i) => [d.q, questionVectors[i]]));
  const search: Searcher = async (q, k) => ({
    results: rankByCosine(vectorOf.get(q)!, passageVectors)
      .slice(0, k)
      .map((i) => ({ text: set.passages[i].text, citation: { source: set.documents[set.passages[i].doc].source } })),
  });
  const { questions, hit1, hit5, mrr } = await evaluateQuestions(search, set.questions, [], set.passages.length);
  return { questions, hit1, hit5, mrr };
}

/** SciFact nDCG@10, documents as title + text. */
export async function denseScifactNdcg10(set: ScifactSet, embedQueries: Embed, embedDocuments: Embed): Promise<number> {
  const documentVectors = await embedDocuments(set.corpus.map((d) => `${d.title} ${d.text}`));
  const queryVectors = await embedQueries(set.queries.map((q) => q.text));
  return mean(
    set.queries.map((q, qi) => {
      const ranked = rankByCosine(queryVectors[qi], documentVectors).slice(0, 10).map((i) => set.corpus[i].id);
      return ndcgAt(10, ranked, set.qrels.get(q.id) ?? new Map());
    }),
  );
}

export interface DenseSets {
  seeds: PassageQuestionSet;
  /** The Python FAQ docs dev set, null when python3.11-doc is not installed. */
  faq: PassageQuestionSet | null;
  scifact: ScifactSet;
}

/** How an encoder is asked: questions by `query`; passages and SciFact documents by their own (a teacher's, cached). */
export interface DenseEncoder {
  name: string;
  query: Embed;
  passage: Embed;
  document: Embed;
  /** Bytes of the model files, gzipped; null when it is not one download (e.g. teacher + student). */
  sizeGzip: number | null;
}

export interface DenseRow {
  name: string;
  seeds: HitSummary;
  faq: HitSummary | null;
  ndcg10: number;
  sizeGzip: number | null;
  encodeMs: number;
}

/** Every figure of one encoder; `progress` gets a one-line summary. */
export async function measureEncoder(sets: DenseSets, encoder: DenseEncoder, progress: LogLine = () => {}): Promise<DenseRow> {
  const t0 = performance.now();
  await encoder.query(sets.seeds.questions.map((d) => d.q));
  const encodeMs = (performance.now() - t0) / sets.seeds.questions.length;
  const seeds = await denseHits(sets.seeds, encoder.query, encoder.passage);
  const faq = sets.faq && (await denseHits(sets.faq, encoder.query, encoder.passage));
  const ndcg10 = await denseScifactNdcg10(sets.scifact, encoder.query, encoder.document);
  progress(`${encoder.name}: Hit@1 ${seeds.hit1.toFixed(3)} Hit@5 ${seeds.hit5.toFixed(3)} MRR ${seeds.mrr.toFixed(3)} FAQ Hit@5 ${faq?.hit5.toFixed(3) ?? '–'} SciFact nDCG@10 ${ndcg10.toFixed(3)}`);
  return { name: encoder.name, seeds, faq, ndcg10, sizeGzip: encoder.sizeGzip, encodeMs };
}

const mib = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1048576).toFixed(2)} MiB`);

/** docs/model.md's table: one row per encoder. */
export function denseTable(rows: DenseRow[]): string[] {
  return table(
    ['model', 'seeds Hit@1', 'seeds Hit@5', 'seeds MRR', 'FAQ Hit@5', 'FAQ MRR', 'SciFact nDCG@10', 'size (gzip)', 'encode / question'],
    rows.map((r) => [r.name, r.seeds.hit1.toFixed(3), r.seeds.hit5.toFixed(3), r.seeds.mrr.toFixed(3), r.faq?.hit5.toFixed(3) ?? '–', r.faq?.mrr.toFixed(3) ?? '–', r.ndcg10.toFixed(3), mib(r.sizeGzip), `${r.encodeMs.toFixed(3)} ms`]),
  );
}

/**
 * The SciFact evaluation (BEIR test split): documents (title + text) go through the same indexer
 * as any article folder, questions through the same search core as the Worker; a document's score
 * is its best passage's. nDCG@10 and Recall@100 over the 300 test queries.
 */
import { SearchEngine, type Answer, type SearchOptions } from '../core/search/index.js';
import { indexDocuments } from '../indexing/index.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../indexing/model/load.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeArtifact, encodeArtifact } from '../core/artifact/index.js';
import { toArrayBuffer } from '../core/bytes.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, lexicalDocuments } from '../core/lexical/index.js';
import { calibrate, UNCALIBRATED } from '../indexing/calibrate/index.js';
import { readScifact, scifactDocuments, type ScifactSet } from './datasets.js';
import { modelEncoderFor, openEngineWithIndex } from './engine.js';
import { indexerFingerprint } from './fingerprint.js';
import type { TransformersModel } from '../indexing/model/choice.js';
import { mean, ndcgAt, recallAt } from './metrics.js';

export interface ScifactReport {
  queries: number;
  ndcg10: number;
  recall100: number;
}

/**
 * Indexes SciFact with the project indexer (about two minutes, most of it transformers.js), and
 * caches the artifact in dist/cache keyed by everything that shapes it, so reruns take seconds.
 */
export async function buildScifactEngine(set: ScifactSet = readScifact(), log: (m: string) => void = () => {}, cacheDir = 'dist/cache', model?: TransformersModel): Promise<SearchEngine> {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const docs = scifactDocuments(set);
  // The cache holds the expensive part (passages and their vectors); it is keyed by the documents
  // and by the indexer's fingerprint (its model and all of its source); the cheap BM25 index and
  // the calibration are always rebuilt.
  const key = sha(JSON.stringify({ indexer: indexerFingerprint(model ?? DEFAULT_MODEL_DIR), docs: docs.map((d) => d.sha256) })).slice(0, 16);
  const cached = join(cacheDir, `scifact-index-${key}.bin`);
  let bytes: Uint8Array;
  if (existsSync(cached)) {
    const stored = readFileSync(cached);
    const artifact = decodeArtifact(toArrayBuffer(stored));
    const lexical = buildLexicalIndex(lexicalDocuments(artifact), DEFAULT_LEXICAL);
    const rebuilt = { ...artifact, lexical, manifest: { ...artifact.manifest, lexical: DEFAULT_LEXICAL } };
    // The calibration reads BM25 too, so it is refitted with it (seconds).
    const calibration = await calibrate(rebuilt, model ? await modelEncoderFor(model) : loadStaticEncoder(DEFAULT_MODEL_DIR));
    bytes = encodeArtifact({ ...rebuilt, manifest: { ...rebuilt.manifest, calibration: calibration ?? UNCALIBRATED } });
  } else {
    bytes = encodeArtifact((await indexDocuments(docs, { log, model })).artifact);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, bytes);
  }
  return model ? new SearchEngine(decodeArtifact(toArrayBuffer(bytes)), await modelEncoderFor(model)) : openEngineWithIndex(bytes);
}

/** `ask` puts each question to the engine (default: `engine.search`; a lever may wrap it). */
export async function evaluateScifact(engine: SearchEngine, options: Partial<SearchOptions>, set: ScifactSet = readScifact(), ask: (q: string, o: Partial<SearchOptions>) => Promise<Answer> = (q, o) => engine.search(q, o)): Promise<ScifactReport> {
  const ndcg: number[] = [];
  const recall: number[] = [];
  for (const query of set.queries) {
    const answer = await ask(query.text, { ...options, k: 400, highlights: false });
    const ranked: string[] = [];
    const seen = new Set<string>();
    for (const r of answer.results) {
      if (seen.has(r.citation.doc_id)) continue;
      seen.add(r.citation.doc_id);
      ranked.push(r.citation.doc_id);
    }
    const relevant = set.qrels.get(query.id) ?? new Map<string, number>();
    ndcg.push(ndcgAt(10, ranked, relevant));
    recall.push(recallAt(100, ranked, relevant));
  }
  return { queries: set.queries.length, ndcg10: mean(ndcg), recall100: mean(recall) };
}

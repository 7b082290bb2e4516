/** Opens the same search engine the Worker runs, from files on disk (for eval and bench). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeArtifact } from '../core/artifact/index.js';
import { SearchEngine } from '../core/search/index.js';
import { openAnyEngine, openEngine } from '../core/search/open.js';
import { indexDocuments, type IndexOptions } from '../indexing/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest } from '../indexing/model/load.js';
import type { SourceDocument } from '../indexing/load/index.js';
import { loadModelEncoder, type ModelEncoder, type TransformersModel } from '../indexing/model/choice.js';
import { toArrayBuffer } from '../core/bytes.js';


/** An engine around index bytes (from disk or built in memory) and the model on disk. */
export function openEngineWithIndex(index: Uint8Array, modelDir = DEFAULT_MODEL_DIR): SearchEngine {
  return openEngine({
    index: toArrayBuffer(index),
    weights: toArrayBuffer(readFileSync(join(modelDir, 'weights.bin'))),
    tokenizer: JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
    modelManifest: loadModelManifest(modelDir),
  });
}

/** Any index folder the indexer wrote (bundled, or in static assets: its files read from disk as the Worker reads them through ASSETS). */
export async function openEngineFromFolder(indexDir: string, modelDir = DEFAULT_MODEL_DIR): Promise<SearchEngine> {
  const file = (path: string) => toArrayBuffer(readFileSync(path));
  return openAnyEngine(
    { index: file(join(indexDir, 'index.bin')), weights: file(join(modelDir, 'weights.bin')), tokenizer: JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')), modelManifest: loadModelManifest(modelDir) },
    { readAsset: async (path) => file(join(indexDir, 'assets', path)) },
  );
}

export function openEngineFromDisk(indexDir = 'dist/index', modelDir = DEFAULT_MODEL_DIR): SearchEngine {
  return openEngineWithIndex(readFileSync(join(indexDir, 'index.bin')), modelDir);
}

const modelEncoders = new Map<string, Promise<ModelEncoder>>();

/** One transformers.js session per model for the whole run. */
export function modelEncoderFor(model: TransformersModel): Promise<ModelEncoder> {
  if (!modelEncoders.has(model.dir)) modelEncoders.set(model.dir, loadModelEncoder(model));
  return modelEncoders.get(model.dir)!;
}

/**
 * Indexes documents in memory and opens the engine the Worker would run on them: the bundled static
 * model, or — with `options.model` — that transformers.js model encoding the questions too (what a
 * Workers AI deployment of the same weights serves).
 */
export async function engineForDocuments(docs: SourceDocument[], options: IndexOptions = {}): Promise<SearchEngine> {
  const { artifact } = await indexDocuments(docs, { log: () => {}, ...options });
  if (!options.model) return openEngineWithIndex(encodeArtifact(artifact));
  return new SearchEngine(artifact, await modelEncoderFor(options.model));
}

/**
 * Opens a search engine from the raw bundle (index artifact + model files) and refuses to open one
 * whose index was built with another model: that would silently return wrong results.
 */
import { ARTIFACT_FORMAT_VERSION, decodeArtifact, type IndexArtifact } from '../artifact/index.js';
import { StaticEncoder } from '../encoder/index.js';
import { decodeModelWeights, type ModelManifest } from '../model/index.js';
import { createTokenizer, type TokenizerJson } from '../tokenizer/index.js';
import type { VectorStore } from '../vector/index.js';
import { SearchEngine } from './index.js';

export interface Bundle {
  index: ArrayBuffer;
  weights: ArrayBuffer;
  tokenizer: unknown;
  modelManifest: ModelManifest;
}

export class ModelMismatchError extends Error {
  override name = 'ModelMismatchError';
}

/** `vectors` swaps the bundled vector search for another store (the Worker's Vectorize binding). */
export function openEngine(bundle: Bundle, vectors?: (artifact: IndexArtifact) => VectorStore): SearchEngine {
  const artifact = decodeArtifact(bundle.index);
  const model = bundle.modelManifest;
  const built = artifact.manifest.model;
  if (artifact.manifest.format_version !== ARTIFACT_FORMAT_VERSION || built.hash !== model.hash || built.dims !== model.dims) {
    throw new ModelMismatchError(
      `the index was built with model ${built.id} (${built.hash.slice(0, 12)}, ${built.dims} dims) but the encoder is ${model.id} (${model.hash.slice(0, 12)}, ${model.dims} dims); rebuild the index with "npm run build:index"`,
    );
  }
  const tokenizer = createTokenizer(bundle.tokenizer as TokenizerJson, { maxLength: model.max_length });
  const encoder = new StaticEncoder(tokenizer, decodeModelWeights(bundle.weights));
  return new SearchEngine(artifact, encoder, vectors?.(artifact));
}

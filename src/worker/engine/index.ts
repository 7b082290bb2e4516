/**
 * Builds the search engine from the modules bundled with the Worker, once per isolate, and checks
 * that the index and the encoder belong together: a mismatch must never serve wrong results.
 */
import { decodeArtifact, ARTIFACT_FORMAT_VERSION, type IndexArtifact } from '../../core/artifact/index.js';
import { StaticEncoder } from '../../core/encoder/index.js';
import { decodeModelWeights, type ModelManifest } from '../../core/model/index.js';
import { SearchEngine } from '../../core/search/index.js';
import { UnigramTokenizer, type TokenizerJson } from '../../core/tokenizer/index.js';
import { ApiError } from '../errors/index.js';

export interface Bundle {
  index: ArrayBuffer;
  weights: ArrayBuffer;
  tokenizer: unknown;
  modelManifest: ModelManifest;
}

export type EngineState = { ok: true; engine: SearchEngine } | { ok: false; error: ApiError };

export function loadEngine(bundle: Bundle): EngineState {
  let artifact: IndexArtifact;
  try {
    artifact = decodeArtifact(bundle.index);
  } catch (error) {
    return { ok: false, error: new ApiError('INDEX_UNAVAILABLE', `the bundled index cannot be read (${(error as Error).message}); rebuild it with "npm run build:index"`) };
  }
  const model = bundle.modelManifest;
  const built = artifact.manifest.model;
  if (artifact.manifest.format_version !== ARTIFACT_FORMAT_VERSION || built.hash !== model.hash || built.dims !== model.dims) {
    return {
      ok: false,
      error: new ApiError(
        'INDEX_MODEL_MISMATCH',
        `the index was built with model ${built.id} (${built.hash.slice(0, 12)}, ${built.dims} dims) but this Worker bundles ${model.id} (${model.hash.slice(0, 12)}, ${model.dims} dims); rebuild the index with "npm run build:index"`,
      ),
    };
  }
  const tokenizer = new UnigramTokenizer(bundle.tokenizer as TokenizerJson, { maxLength: model.max_length });
  const encoder = new StaticEncoder(tokenizer, decodeModelWeights(bundle.weights));
  return { ok: true, engine: new SearchEngine(artifact, encoder) };
}

/** Loads lazily and remembers the outcome, good or bad, for the isolate's lifetime. */
export function engineLoader(bundle: () => Bundle): () => SearchEngine {
  let state: EngineState | undefined;
  return () => {
    state ??= loadEngine(bundle());
    if (!state.ok) throw state.error;
    return state.engine;
  };
}

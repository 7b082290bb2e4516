/**
 * Opens a search engine from the raw bundle (index artifact + model files) with the query encoder
 * the index was built for, and refuses one that does not match: that would silently return wrong
 * results. An index of the bundled static model is encoded by it; an index of a transformers.js
 * model needs an encoder from outside (Workers AI in the Worker, transformers.js in Node).
 */
import { decodeArtifact, type IndexArtifact } from '../artifact/index.js';
import { openAssetIndex, type ReadAsset } from '../storage/assets.js';
import { isAssetRoot } from '../storage/format.js';
import { StaticEncoder, type QueryEncoder } from '../encoder/index.js';
import { workersAiPair, type EncoderIdentity } from '../model/encoders.js';
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

export interface OpenOptions {
  /** Swaps the bundled vector search for another store (the Worker's Vectorize binding). */
  vectors?: (artifact: IndexArtifact, passageIndex?: (id: string) => number) => VectorStore;
  /** A query encoder for an index built with a transformers.js model, or undefined when there is none. */
  queryEncoder?: (identity: EncoderIdentity) => QueryEncoder | undefined;
}

/** The index is in static assets (its bundle holds only the root) but nothing can read them. */
export class AssetsUnboundError extends Error {
  override name = 'AssetsUnboundError';
}

/** A bundled artifact, opened at once. */
export function openEngine(bundle: Bundle, options: OpenOptions = {}): SearchEngine {
  if (isAssetRoot(bundle.index)) throw new AssetsUnboundError('this index is in static assets (built with --storage assets): open it with the ASSETS binding (wrangler.toml [assets])');
  // decodeArtifact refuses another format version itself (ArtifactError, "rebuild the index").
  const artifact = decodeArtifact(bundle.index);
  // Passages found by id without mapping every record (the engine reads only the one the id names).
  const engine: SearchEngine = new SearchEngine(artifact, queryEncoderFor(artifact.manifest.model, bundle, options), options.vectors?.(artifact, (id) => engine.passageIndex(id)));
  return engine;
}

/**
 * Any index: a bundled artifact, or the root of one in static assets whose files `readAsset` reads
 * (what every question needs is read here; the rest as questions need it).
 */
export async function openAnyEngine(bundle: Bundle, options: OpenOptions & { readAsset?: ReadAsset } = {}): Promise<SearchEngine> {
  if (!isAssetRoot(bundle.index)) return openEngine(bundle, options);
  const { readAsset } = options;
  if (!readAsset) throw new AssetsUnboundError('this index is in static assets (built with --storage assets) but the Worker has no ASSETS binding: keep [assets] binding = "ASSETS" in wrangler.toml');
  const { artifact, parts } = await openAssetIndex(bundle.index, readAsset);
  return new SearchEngine(artifact, queryEncoderFor(artifact.manifest.model, bundle, options), options.vectors?.(artifact, (id) => parts.locatePassage(id)), parts);
}

function queryEncoderFor(built: EncoderIdentity, bundle: Bundle, options: OpenOptions): QueryEncoder {
  const model = bundle.modelManifest;
  if (built.kind === 'static') {
    if (built.hash !== model.hash || built.dims !== model.dims) {
      throw new ModelMismatchError(
        `the index was built with model ${built.id} (${built.hash.slice(0, 12)}, ${built.dims} dims) but the encoder is ${model.id} (${model.hash.slice(0, 12)}, ${model.dims} dims); rebuild the index with "npm run build:index"`,
      );
    }
    const tokenizer = createTokenizer(bundle.tokenizer as TokenizerJson, { maxLength: model.max_length });
    return new StaticEncoder(tokenizer, decodeModelWeights(bundle.weights), model.id);
  }
  const encoder = options.queryEncoder?.(built);
  if (!encoder) {
    const pair = workersAiPair(built);
    const how = pair
      ? `bind Workers AI (wrangler.toml: [ai] binding = "AI") to encode questions with ${pair}`
      : `no Workers AI model serves the same weights: distil a static model from it ("npm run build:model -- --teacher <folder>") and index with that`;
    throw new ModelMismatchError(`the index was built with ${built.id} (transformers.js, ${built.dims} dims), which the Worker cannot run itself; ${how} (docs/models.md)`);
  }
  if (encoder.dims !== built.dims) {
    throw new ModelMismatchError(`the index was built with ${built.id} (${built.dims} dims) but the query encoder ${encoder.name} gives ${encoder.dims} dims`);
  }
  return encoder;
}

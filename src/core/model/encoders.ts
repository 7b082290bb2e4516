/**
 * Which encoder made an index, and which query encoders can match it — shared by the indexer
 * (defaults for `build:index -- --model`) and the Worker (choosing its query encoder).
 */

export type Pooling = 'mean' | 'cls';

/** What the artifact records of the model its passage vectors came from. */
export interface EncoderIdentity {
  /** The bundled static model's id, a hub id ("Xenova/bge-small-en-v1.5") or a model folder's name. */
  id: string;
  /** sha256 over the model's files (static: weights and tokenizer; transformers: ONNX, tokenizer, config). */
  hash: string;
  dims: number;
  /** "static": the bundled static model, which the Worker runs itself; "transformers": a transformers.js model. */
  kind: 'static' | 'transformers';
  pooling: Pooling;
  /** Put in front of every question before encoding (bge's instruction, e5's "query: "). */
  query_prefix: string;
  /** Put in front of every passage before encoding (e5's "passage: "). */
  passage_prefix: string;
}

export interface KnownModel {
  pooling: Pooling;
  query_prefix: string;
  passage_prefix: string;
  /** The Workers AI model serving the same weights, when there is one. */
  workers_ai?: `@cf/${string}`;
}

const BGE_QUERY = 'Represent this sentence for searching relevant passages: ';

/**
 * Sentence encoders with a transformers.js port, by model name (the last part of a hub id or a
 * folder name, lower case). Pooling and prefixes are the ones their model cards prescribe; Workers
 * AI serves the bge v1.5 family with the same weights (developers.cloudflare.com/workers-ai/models).
 */
export const KNOWN_MODELS: Record<string, KnownModel> = {
  'bge-small-en-v1.5': { pooling: 'cls', query_prefix: BGE_QUERY, passage_prefix: '', workers_ai: '@cf/baai/bge-small-en-v1.5' },
  'bge-base-en-v1.5': { pooling: 'cls', query_prefix: BGE_QUERY, passage_prefix: '', workers_ai: '@cf/baai/bge-base-en-v1.5' },
  'bge-large-en-v1.5': { pooling: 'cls', query_prefix: BGE_QUERY, passage_prefix: '', workers_ai: '@cf/baai/bge-large-en-v1.5' },
  'all-minilm-l6-v2': { pooling: 'mean', query_prefix: '', passage_prefix: '' },
  'all-minilm-l12-v2': { pooling: 'mean', query_prefix: '', passage_prefix: '' },
  'gte-small': { pooling: 'mean', query_prefix: '', passage_prefix: '' },
  'e5-small-v2': { pooling: 'mean', query_prefix: 'query: ', passage_prefix: 'passage: ' },
  'multilingual-e5-small': { pooling: 'mean', query_prefix: 'query: ', passage_prefix: 'passage: ' },
};

/** The table entry for a hub id or folder name ("Xenova/bge-small-en-v1.5" → "bge-small-en-v1.5"). */
export function knownModel(id: string): KnownModel | undefined {
  const name = id.replace(/\/+$/, '').split('/').pop()?.toLowerCase() ?? '';
  return KNOWN_MODELS[name];
}

/**
 * The Workers AI model that can encode questions for an index built with `identity`: the same
 * weights, pooled the same way (Workers AI pools bge by mean unless asked for CLS).
 */
export function workersAiPair(identity: EncoderIdentity): `@cf/${string}` | undefined {
  if (identity.kind !== 'transformers') return undefined;
  return knownModel(identity.id)?.workers_ai;
}

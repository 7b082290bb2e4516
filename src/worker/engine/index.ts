/**
 * Opens the search engine from the modules bundled with the Worker, once per isolate. A broken or
 * mismatched bundle turns into a 503 on every route that needs the index — never wrong results.
 * An index built with `--storage assets` is read through the `ASSETS` binding (static assets): the
 * bundle holds its root, the rest is read as questions need it and kept (core/storage).
 * With a `VECTORIZE` binding, passage vectors are searched in Vectorize instead of the bundle; with
 * an `AI` binding, an index built with a bge model gets its questions encoded by Workers AI.
 */
import { openAnyEngine, type Bundle } from '../../core/search/open.js';
import type { SearchEngine } from '../../core/search/index.js';
import type { IndexArtifact } from '../../core/artifact/index.js';
import { IndexFileError, type ReadAsset } from '../../core/storage/assets.js';
import { catalogueCode, IndexUnavailableError } from '../errors/index.js';
import { VectorizeStore, type VectorizeQueryable } from './vectorize.js';
import { workersAiEncoder, type WorkersAiRunner } from './workers-ai.js';

/** What the routes call: the engine of this isolate, opened on first use with its bindings. */
export type EngineSource = (env?: Env) => Promise<SearchEngine>;

/** The part of the static-assets binding the loader uses (`[assets] binding = "ASSETS"`). */
export interface AssetsFetcher {
  fetch(request: Request): Promise<Response>;
}

/** Index files through the ASSETS binding; the host is a placeholder, only the path is read. */
export function assetReader(assets: AssetsFetcher): ReadAsset {
  return async (path) => {
    const response = await assets.fetch(new Request(`https://assets.invalid/${path}`));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.arrayBuffer();
  };
}

/** Absent when the app runs outside a Worker (Node tests build it around a bundled index). */
function assetsBinding(env: Env | undefined): AssetsFetcher | undefined {
  return env?.ASSETS;
}

/**
 * The optional Vectorize binding. It is not in wrangler.toml (nor, therefore, in the generated
 * `Env`): deployments that move vectors out of the bundle add it (docs/scaling.md).
 */
function vectorizeBinding(env: Env | undefined): VectorizeQueryable | undefined {
  return (env as { VECTORIZE?: VectorizeQueryable } | undefined)?.VECTORIZE;
}

/** The optional Workers AI binding (`[ai] binding = "AI"`), for indexes built with a bge model (docs/models.md). */
function workersAiBinding(env: Env | undefined): WorkersAiRunner | undefined {
  return (env as { AI?: WorkersAiRunner } | undefined)?.AI;
}

export interface Bindings {
  vectorize?: VectorizeQueryable;
  ai?: WorkersAiRunner;
  /** Reads the index's files when it is in static assets. */
  readAsset?: ReadAsset;
}

/** `error` is thrown on every request and answered by app.onError's mapping (errors/index.ts). */
export type EngineState = { ok: true; engine: SearchEngine } | { ok: false; error: Error };

export async function loadEngine(bundle: Bundle, { vectorize, ai, readAsset }: Bindings = {}): Promise<EngineState> {
  try {
    const vectors = vectorize && ((artifact: IndexArtifact, passageIndex?: (id: string) => number) => new VectorizeStore(vectorize, artifact, passageIndex));
    return { ok: true, engine: await openAnyEngine(bundle, { vectors, readAsset, queryEncoder: (identity) => workersAiEncoder(ai, identity) }) };
  } catch (error) {
    // Core's own errors (model mismatch, vectors elsewhere) say what is wrong; anything else while
    // opening (a truncated or stale artifact) means the bundle is unusable, not a bug in a route.
    if (catalogueCode(error) !== undefined) return { ok: false, error: error as Error };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new IndexUnavailableError(`the bundled index cannot be used (${message}); rebuild it with "npm run build:index"`, { cause: error }) };
  }
}

/**
 * Loads lazily and remembers the outcome, good or bad, for the isolate's lifetime — except an index
 * file that could not be read, which the next request reads again (a deploy may be under way); a
 * corrupt file or one of another build is remembered like any other failure.
 */
export function engineLoader(bundle: () => Bundle): EngineSource {
  let state: Promise<EngineState> | undefined;
  return async (env) => {
    const assets = assetsBinding(env);
    state ??= loadEngine(bundle(), { vectorize: vectorizeBinding(env), ai: workersAiBinding(env), readAsset: assets && assetReader(assets) });
    const loaded = await state;
    if (loaded.ok) return loaded.engine;
    // Only a file that could not be read is read again; a corrupt one or one of another build would be
    // fetched and hashed again on every request, to the same 503.
    if (loaded.error instanceof IndexFileError && loaded.error.retryable) state = undefined;
    throw loaded.error;
  };
}

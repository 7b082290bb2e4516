/**
 * Opens the search engine from the modules bundled with the Worker, once per isolate. A broken or
 * mismatched bundle turns into a 503 on every route that needs the index — never wrong results.
 * With a `VECTORIZE` binding, passage vectors are searched in Vectorize instead of the bundle; with
 * an `AI` binding, an index built with a bge model gets its questions encoded by Workers AI.
 */
import { openEngine, type Bundle } from '../../core/search/open.js';
import type { SearchEngine } from '../../core/search/index.js';
import type { IndexArtifact } from '../../core/artifact/index.js';
import { catalogueCode, IndexUnavailableError } from '../errors/index.js';
import { VectorizeStore, type VectorizeQueryable } from './vectorize.js';
import { workersAiEncoder, type WorkersAiRunner } from './workers-ai.js';

/** What the routes call: the engine of this isolate, opened on first use with its bindings. */
export type EngineSource = (env?: Env) => SearchEngine;

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
}

/** `error` is thrown on every request and answered by app.onError's mapping (errors/index.ts). */
export type EngineState = { ok: true; engine: SearchEngine } | { ok: false; error: Error };

export function loadEngine(bundle: Bundle, { vectorize, ai }: Bindings = {}): EngineState {
  try {
    const vectors = vectorize && ((artifact: IndexArtifact) => new VectorizeStore(vectorize, artifact));
    return { ok: true, engine: openEngine(bundle, { vectors, queryEncoder: (identity) => workersAiEncoder(ai, identity) }) };
  } catch (error) {
    // Core's own errors (model mismatch, vectors elsewhere) say what is wrong; anything else while
    // opening (a truncated or stale artifact) means the bundle is unusable, not a bug in a route.
    if (catalogueCode(error) !== undefined) return { ok: false, error: error as Error };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new IndexUnavailableError(`the bundled index cannot be used (${message}); rebuild it with "npm run build:index"`, { cause: error }) };
  }
}

/** Loads lazily and remembers the outcome, good or bad, for the isolate's lifetime. */
export function engineLoader(bundle: () => Bundle): EngineSource {
  let state: EngineState | undefined;
  return (env) => {
    state ??= loadEngine(bundle(), { vectorize: vectorizeBinding(env), ai: workersAiBinding(env) });
    if (!state.ok) throw state.error;
    return state.engine;
  };
}

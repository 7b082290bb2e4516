/**
 * Opens the search engine from the modules bundled with the Worker, once per isolate. A broken or
 * mismatched bundle turns into a 503 on every route that needs the index — never wrong results.
 */
import { ModelMismatchError, openEngine, type Bundle } from '../../core/search/open.js';
import type { SearchEngine } from '../../core/search/index.js';
import { ApiError } from '../errors/index.js';

export type EngineState = { ok: true; engine: SearchEngine } | { ok: false; error: ApiError };

export function loadEngine(bundle: Bundle): EngineState {
  try {
    return { ok: true, engine: openEngine(bundle) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ModelMismatchError) return { ok: false, error: new ApiError('INDEX_MODEL_MISMATCH', message) };
    return { ok: false, error: new ApiError('INDEX_UNAVAILABLE', `the bundled index cannot be used (${message}); rebuild it with "npm run build:index"`) };
  }
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

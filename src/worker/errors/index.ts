/**
 * The error catalogue: every error the API returns, with a stable code clients can switch on.
 * Body shape: `{ "error": { "code": "…", "message": "…" } }`. Messages say what was wrong and how
 * to fix it; they never contain stack traces.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FilterFieldError, FilterSyntaxError } from '../../core/metadata/index.js';
import { VectorsElsewhereError } from '../../core/search/index.js';
import { AssetsUnboundError, ModelMismatchError } from '../../core/search/open.js';
import { IndexFileError } from '../../core/storage/assets.js';

export const ERROR_CATALOGUE = {
  INVALID_PARAMETER: { status: 400, summary: 'A parameter is missing, of the wrong type or out of range.' },
  UNKNOWN_PARAMETER: { status: 400, summary: 'A query parameter or body field that the endpoint does not accept.' },
  INVALID_FILTER: { status: 400, summary: 'The filter or facets do not parse, or name a field no document has.' },
  EMPTY_QUERY: { status: 400, summary: 'The question is empty after trimming whitespace.' },
  QUERY_TOO_LONG: { status: 400, summary: 'The question is longer than the configured maximum.' },
  MALFORMED_JSON: { status: 400, summary: 'The request body is not valid JSON.' },
  NOT_FOUND: { status: 404, summary: 'No such route.' },
  PASSAGE_NOT_FOUND: { status: 404, summary: 'No passage has this id.' },
  METHOD_NOT_ALLOWED: { status: 405, summary: 'The route exists but not for this method; see the Allow header.' },
  PAYLOAD_TOO_LARGE: { status: 413, summary: 'The request body is over the size limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'POST bodies must be application/json.' },
  RATE_LIMITED: { status: 429, summary: 'Too many requests from this client; retry later.' },
  INTERNAL: { status: 500, summary: 'An unexpected server error (a bug: please report it).' },
  INDEX_UNAVAILABLE: { status: 503, summary: 'The index (bundled, or its files in static assets) could not be loaded.' },
  INDEX_MODEL_MISMATCH: { status: 503, summary: 'The index was built with a model the Worker has no matching query encoder for.' },
  QUERY_ENCODER_UNAVAILABLE: { status: 503, summary: 'Workers AI failed to encode the question; retry later.' },
  VECTOR_STORE_UNAVAILABLE: { status: 503, summary: 'The Vectorize index failed to answer or does not match the bundled index.' },
} as const satisfies Record<string, { status: ContentfulStatusCode; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(ERROR_CATALOGUE[code].status, { message });
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** The bundled index could not be opened, for a reason core has no error class of its own for. */
export class IndexUnavailableError extends Error {
  override name = 'IndexUnavailableError';
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The one table from errors thrown below the routes to catalogue codes; anything else is a bug
 * (INTERNAL). Their messages are written for the client already (they name the field, the model…).
 */
const CODES_OF_ERRORS: ReadonlyArray<readonly [ErrorClass, ErrorCode]> = [
  [FilterSyntaxError, 'INVALID_FILTER'],
  [FilterFieldError, 'INVALID_FILTER'],
  [ModelMismatchError, 'INDEX_MODEL_MISMATCH'],
  [VectorsElsewhereError, 'VECTOR_STORE_UNAVAILABLE'],
  [IndexUnavailableError, 'INDEX_UNAVAILABLE'],
  // An index in static assets: a file missing, corrupt or of another build, or no ASSETS binding.
  [IndexFileError, 'INDEX_UNAVAILABLE'],
  [AssetsUnboundError, 'INDEX_UNAVAILABLE'],
];

/** The catalogue code of an error the API knows, or undefined for an unexpected one. */
export function catalogueCode(error: unknown): ErrorCode | undefined {
  if (error instanceof ApiError) return error.code;
  const known = CODES_OF_ERRORS.find(([type]) => error instanceof type);
  if (known) return known[1];
  // Hono's own refusals (its validators, body parsing) are the client's to fix.
  if (error instanceof HTTPException && error.status < 500) return 'INVALID_PARAMETER';
  return undefined;
}

/**
 * Any thrown value → the ApiError the client sees, as `app.onError` and the MCP tools answer it.
 * An unexpected error is logged and answered INTERNAL without its message (which may hold internals).
 */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = catalogueCode(error);
  if (code) return new ApiError(code, (error instanceof Error && error.message) || ERROR_CATALOGUE[code].summary);
  console.error('unexpected error', error);
  return new ApiError('INTERNAL', 'an unexpected error occurred; it has been logged');
}

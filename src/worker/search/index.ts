/** GET /search and POST /search: a question in, ranked passages with citations out. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import type { SearchOptions } from '../../core/search/index.js';
import { json, jsonError } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { isJsonMediaType } from '../media-type.js';
import { singleValuedQuery, validationHook } from '../validation.js';
import { DEFAULT_MAX_QUERY_CHARS, SearchBodySchema, SearchQuerySchema, SearchResponseSchema, type SearchParams, type SearchResponse } from './schema.js';

export const MAX_BODY_BYTES = 16 * 1024;

const errors = {
  400: jsonError('Invalid request'),
  413: jsonError('Body too large'),
  415: jsonError('Body is not JSON'),
  503: jsonError('Index unavailable'),
};
const ok = { 200: json('Ranked passages', SearchResponseSchema) };

const getRoute = createRoute({ method: 'get', path: '/search', request: { query: SearchQuerySchema }, responses: { ...ok, ...errors } });
const postRoute = createRoute({
  method: 'post',
  path: '/search',
  request: { body: { required: true, content: { 'application/json': { schema: SearchBodySchema } } } },
  responses: { ...ok, ...errors },
});

export function searchRoutes(getEngine: EngineSource) {
  const accepted = Object.keys(SearchBodySchema.shape);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(accepted) });

  app.get('/search', singleValuedQuery(accepted, ['q']));

  // Checked before the validator so each failure gets its own status and code.
  app.post('/search', async (c, next) => {
    const type = c.req.header('content-type');
    if (!isJsonMediaType(type)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `send the body as JSON with "Content-Type: application/json" (got ${type === undefined ? 'none' : JSON.stringify(type.slice(0, 100))})`);
    // The validator matches Content-Type with a narrower pattern than RFC 9110 (no space before ";"):
    // hand it the essence, which is all it needs, so every well-formed JSON type reaches it.
    if (type !== 'application/json') {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/json');
      c.req.raw = new Request(c.req.raw, { headers });
    }
    await next();
  });
  app.post(
    '/search',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `the body must be at most ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.post('/search', async (c, next) => {
    try {
      JSON.parse(await c.req.text());
    } catch {
      throw new ApiError('MALFORMED_JSON', 'the body is not valid JSON; send e.g. {"q": "your question", "k": 5}');
    }
    await next();
  });

  app.openapi(getRoute, async (c) => c.json(await answerSearch(getEngine, c.req.valid('query'), c.env), 200));
  app.openapi(postRoute, async (c) => c.json(await answerSearch(getEngine, c.req.valid('json'), c.env), 200));
  return app;
}

/** A validated search request → the response body; shared by /search and the MCP `search` tool. */
export async function answerSearch(getEngine: EngineSource, params: SearchParams, env: Env | undefined): Promise<SearchResponse> {
  const maxChars = Number(env?.MAX_QUERY_CHARS) || DEFAULT_MAX_QUERY_CHARS;
  const started = performance.now();
  const query = params.q.trim();
  if (query === '') throw new ApiError('EMPTY_QUERY', 'q must contain a question, e.g. ?q=who+visited+Pyongyang');
  if (query.length > maxChars) throw new ApiError('QUERY_TOO_LONG', `q has ${query.length} characters; the maximum is ${maxChars}`);
  const options: Partial<SearchOptions> = {
    k: params.k,
    mode: params.mode,
    fusion: params.fusion,
    ratio: params.ratio,
    perDoc: params.per_doc,
    minScore: params.min_score,
    dedupe: params.dedupe,
    minConfidence: params.min_confidence,
    filter: params.filter,
    facets: params.facets,
  };
  // A filter the index cannot apply throws core's FilterSyntaxError/FilterFieldError: INVALID_FILTER (errors/index.ts).
  const answer = await (await getEngine(env)).search(query, options);
  const took_ms = Math.round((performance.now() - started) * 1000) / 1000;
  return { query, k: params.k, took_ms, answerable: answer.answerable, confidence: answer.confidence, results: answer.results, ...(answer.facets ? { facets: answer.facets } : {}) };
}

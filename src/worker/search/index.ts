/** GET /search and POST /search: a question in, ranked passages with citations out. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import { groupByPage } from '../../core/search/group.js';
import { MAX_K, type SearchEngine, type SearchOptions } from '../../core/search/index.js';
import { json, jsonError } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { isJsonMediaType } from '../media-type.js';
import { singleValuedQuery, validationHook } from '../validation.js';
import { DEFAULT_MAX_QUERY_CHARS, DEFAULT_PAGE_PASSAGES, MAX_PAGE_PASSAGES, SearchBodySchema, SearchQuerySchema, SearchResponseSchema, type SearchParams, type SearchResponse } from './schema.js';

export const MAX_BODY_BYTES = 16 * 1024;

const errors = {
  400: jsonError('Invalid request'),
  413: jsonError('Body too large'),
  415: jsonError('Body is not JSON'),
  503: jsonError('Index unavailable'),
};
const ok = { 200: json('Ranked passages, or ranked pages with group=page', SearchResponseSchema) };

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
  if (query === '') throw new ApiError('EMPTY_QUERY', 'q must contain a question, e.g. ?q=how+do+I+install');
  if (query.length > maxChars) throw new ApiError('QUERY_TOO_LONG', `q has ${query.length} characters; the maximum is ${maxChars}`);
  if (params.group === 'page' && params.per_doc > MAX_PAGE_PASSAGES) {
    throw new ApiError('INVALID_PARAMETER', `per_doc: with group=page it counts the passages shown under each page, at most ${MAX_PAGE_PASSAGES} (got ${params.per_doc})`);
  }
  // Grouped, each page keeps at most `perPage` passages, so k × perPage passages span at least k pages
  // whenever the ranking has that many.
  const perPage = params.group === 'page' ? params.per_doc || DEFAULT_PAGE_PASSAGES : 0;
  const options: Partial<SearchOptions> = {
    // Bounded like any search: a grouped answer reads at most MAX_K passages (pages past them are cut).
    k: perPage ? Math.min(params.k * perPage, MAX_K) : params.k,
    mode: params.mode,
    fusion: params.fusion,
    ratio: params.ratio,
    perDoc: perPage || params.per_doc,
    minScore: params.min_score,
    dedupe: params.dedupe,
    minConfidence: params.min_confidence,
    filter: params.filter,
    facets: params.facets,
  };
  // A filter the index cannot apply throws core's FilterSyntaxError/FilterFieldError: INVALID_FILTER (errors/index.ts).
  const engine = await getEngine(env);
  const answer = await engine.search(query, options);
  const urls = pageUrls(engine);
  const ranked = perPage ? { group: 'page' as const, pages: groupByPage(answer.results, params.k, (result) => urls.get(result.citation.doc_id) ?? null) } : { results: answer.results };
  const took_ms = Math.round((performance.now() - started) * 1000) / 1000;
  return { query, k: params.k, took_ms, answerable: answer.answerable, confidence: answer.confidence, ...ranked, ...(answer.facets ? { facets: answer.facets } : {}) };
}

/** Each page's URL by document id, once per engine: the documents are loaded whole, however the passages are stored. */
const pageUrlsByEngine = new WeakMap<SearchEngine, ReadonlyMap<string, string | null>>();
function pageUrls(engine: SearchEngine): ReadonlyMap<string, string | null> {
  let urls = pageUrlsByEngine.get(engine);
  if (!urls) pageUrlsByEngine.set(engine, (urls = new Map(engine.artifact.documents.map((d) => [d.doc_id, d.url]))));
  return urls;
}

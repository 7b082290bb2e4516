import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/worker/app.js';
import { bundle } from '../../src/worker/bundle.js';
import { engineLoader } from '../../src/worker/engine/index.js';
import type { VectorizeQueryable } from '../../src/worker/engine/vectorize.js';
import { ARTIFACT_FORMAT_VERSION, decodeArtifact, encodeArtifact, withoutVectors } from '../../src/core/artifact/index.js';
import { dequantize } from '../../src/core/vector/index.js';
import { fakeVectorize } from '../support/vectorize.js';

const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://example.com${path}`, init));

/** A 400 with this catalogue code and a message matching `message`. */
async function expectError(res: Response, code: string, message: RegExp) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

interface SearchBody {
  query: string;
  k: number;
  took_ms: number;
  results: Array<{ rank: number; score: number; id: string; text: string; excerpt: string; citation: Record<string, unknown> }>;
}

describe('GET /search', () => {
  it('answers a question with ranked passages and complete citations', async () => {
    const res = await call('/search?q=What+did+Putin+and+Kim+sign');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.query).toBe('What did Putin and Kim sign');
    expect(body.results).toHaveLength(5);
    expect(typeof body.took_ms).toBe('number');
    body.results.forEach((r, i) => {
      expect(r.rank).toBe(i + 1);
      expect(Object.keys(r.citation).sort()).toEqual(['author', 'char_end', 'char_start', 'doc_id', 'heading_path', 'paragraph', 'section', 'source', 'title', 'url']);
      expect(r.citation.url).toBeNull();
      expect((r as { excerpt?: string }).excerpt).toBe(r.text);
      expect(r.citation.char_end).toBe((r.citation.char_start as number) + r.text.length);
    });
    const scores = body.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('carries answerability, component scores and highlights', async () => {
    const body = (await (await call('/search?q=Which+news+agency+reported+the+letter')).json()) as SearchBody & {
      answerable: boolean;
      confidence: number;
      results: Array<{ scores: { semantic: number | null; lexical: number | null; fused: number }; highlights: { terms: Array<{ text: string; start: number; end: number }>; sentence: { text: string } | null } }>;
    };
    expect(body.answerable).toBe(true);
    expect(body.confidence).toBeGreaterThanOrEqual(0.5);
    const top = body.results[0];
    expect(top.scores.fused).toBe(top.score);
    expect(top.highlights.sentence).not.toBeNull();
    for (const t of top.highlights.terms) expect(top.text.slice(t.start, t.end)).toBe(t.text);
  });

  it('says "no answer" for a question the articles cannot answer', async () => {
    const body = (await (await call('/search?q=How+long+should+I+boil+an+egg')).json()) as { answerable: boolean };
    expect(body.answerable).toBe(false);
  });

  it('lets the client choose its own "no answer" trade-off with min_confidence', async () => {
    type Body = { answerable: boolean; confidence: number };
    const lenient = (await (await call('/search?q=Which+news+agency+reported+the+letter&min_confidence=0')).json()) as Body;
    expect(lenient.answerable).toBe(true);
    const strict = (await (await call('/search?q=Which+news+agency+reported+the+letter&min_confidence=1')).json()) as Body;
    expect(strict.confidence).toBe(lenient.confidence);
    expect(strict.answerable).toBe(lenient.confidence >= 1);
    const post = await call('/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'How long should I boil an egg', min_confidence: 0 }) });
    expect(((await post.json()) as Body).answerable).toBe(true);
  });

  it('searches only the documents a filter keeps, and still returns k results', async () => {
    type Body = SearchBody & { facets?: Record<string, Record<string, number>> };
    const path = '004_91dd50c58149d789.txt';
    const get = (await (await call(`/search?q=${encodeURIComponent('Who did Kim meet?')}&k=4&filter=${encodeURIComponent(`path = ${path}`)}&facets=path,format`)).json()) as Body;
    expect(get.results).toHaveLength(4);
    for (const r of get.results) expect(r.citation.source).toBe(path);
    expect(Object.keys(get.facets?.path ?? {})).toEqual([path]);
    expect(get.facets?.format).toEqual({ text: get.facets?.path[path] });
    const post = await call('/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'Who did Kim meet?', filter: `NOT path IN [${path}]`, facets: ['path'] }) });
    const body = (await post.json()) as Body;
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => r.citation.source !== path)).toBe(true);
    expect(body.facets?.path[path]).toBeUndefined();
    expect(((await (await call('/search?q=Kim')).json()) as Body).facets).toBeUndefined();
  });

  it.each([
    ['filter=tagz+%3D+a', /no document has a field "tagz"; the fields of this index are doc_id, format, path, title/],
    ['filter=path+%3D', /expected a value after "path =" at the end/],
    ['filter=path+%3D+a+AND', /expected a field name at the end/],
    ['facets=path,colour', /facets: no document has a field "colour"/],
  ])('answers 400 INVALID_FILTER naming the problem for %s', async (query, message) => {
    const res = await call(`/search?q=Kim&${query}`);
    await expectError(res, 'INVALID_FILTER', message);
  });

  it('accepts every documented option', async () => {
    const res = await call('/search?q=missiles&k=3&mode=hybrid&fusion=rrf&ratio=0.4&per_doc=1&min_score=0&min_confidence=0.7&dedupe=true');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    const docs = body.results.map((r) => r.citation.doc_id);
    expect(new Set(docs).size).toBe(docs.length);
    for (const mode of ['semantic', 'lexical']) expect((await call(`/search?q=missiles&mode=${mode}`)).status).toBe(200);
  });

  it('returns k results when k is given', async () => {
    const body = (await (await call('/search?q=missiles&k=2')).json()) as SearchBody;
    expect(body.results).toHaveLength(2);
  });

  it.each([
    ['/search', 400, 'INVALID_PARAMETER'],
    ['/search?q=', 400, 'EMPTY_QUERY'],
    ['/search?q=%20%20', 400, 'EMPTY_QUERY'],
    ['/search?q=x&k=0', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&k=51', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&k=abc', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&k=2.5', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&limit=3', 400, 'UNKNOWN_PARAMETER'],
    ['/search?q=x&mode=fuzzy', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&fusion=max', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&ratio=1.5', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&per_doc=-1', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&dedupe=yes', 400, 'INVALID_PARAMETER'],
    ['/search?q=x&min_confidence=1.5', 400, 'INVALID_PARAMETER'],
    [`/search?q=${'a'.repeat(513)}`, 400, 'QUERY_TOO_LONG'],
    ['/nope', 404, 'NOT_FOUND'],
  ])('%s → %i %s', async (path, status, code) => {
    const res = await call(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });
  it.each([
    ['an empty ratio', 'ratio=', /^ratio: empty; give a value or leave the parameter out$/],
    ['an empty min_confidence', 'min_confidence=', /^min_confidence: empty; /],
    ['an empty k', 'k=', /^k: empty; /],
    ['an empty facets', 'facets=', /^facets: empty; /],
    ['a hexadecimal number', 'k=0x10', /^k: must be a whole number from 1 to 50 \(got "0x10"\)$/],
    ['a number with spaces', 'ratio=%200.5', /^ratio: must be a number from 0 to 1 \(got " 0\.5"\)$/],
    ['Infinity', 'min_score=Infinity', /^min_score: must be a number from -1 to 1000 \(got "Infinity"\)$/],
    ['a fractional k', 'k=2.5', /^k: must be a whole number from 1 to 50 \(got 2\.5\)$/],
    ['a k of 0', 'k=0', /^k: must be a whole number from 1 to 50 \(got 0\)$/],
    ['a k over the most', 'k=51', /^k: must be a whole number from 1 to 50 \(got 51\)$/],
    ['a negative per_doc', 'per_doc=-1', /^per_doc: must be a whole number from 0 to 50 \(got -1\)$/],
    ['a ratio over 1', 'ratio=1.5', /^ratio: must be a number from 0 to 1 \(got 1\.5\)$/],
    ['an unknown mode', 'mode=fuzzy', /^mode: must be one of hybrid, semantic, lexical \(got "fuzzy"\)$/],
    ['an unknown fusion', 'fusion=max', /^fusion: must be one of weighted, zscore, rrf \(got "max"\)$/],
    ['a dedupe that is no boolean', 'dedupe=yes', /^dedupe: must be true or false \(got "yes"\)$/],
    ['a plural group', 'group=pages', /^group: must be "page" \(got "pages"\)$/],
    ['a repeated k', 'k=1&k=50', /^k: given 2 times; give it once$/],
    ['a repeated filter', 'filter=path+%3D+a&filter=path+%3D+b', /^filter: given 2 times; give it once$/],
    ['a facet list with an empty name', 'facets=path,,format', /^facets\.1: a field name is empty$/],
  ])('refuses %s with 400 INVALID_PARAMETER naming it', async (_name, query, message) => {
    const res = await call(`/search?q=Kim&${query}`);
    await expectError(res, 'INVALID_PARAMETER', message);
  });

  it('asks for a question in words any site can use, not an example from the seeds', async () => {
    await expectError(await call('/search?q=%20'), 'EMPTY_QUERY', /^q must contain a question, e\.g\. \?q=how\+do\+I\+install$/);
  });

  it('says a missing q is missing', async () => {
    await expectError(await call('/search?k=3'), 'INVALID_PARAMETER', /^q: missing; it must be the question/);
  });

  it.each([
    ['q[]=a', /^unknown parameter "q\[\]" \(did you mean "q"\?\); accepted: q, k, /],
    ['Q=kim', /^unknown parameter "Q" \(did you mean "q"\?\); accepted: q, k, /],
    ['q=kim&K=3', /^unknown parameter "K" \(did you mean "k"\?\)/],
  ])('reports %s as an unknown parameter: names are case-sensitive', async (query, message) => {
    const res = await call(`/search?${query}`);
    await expectError(res, 'UNKNOWN_PARAMETER', message);
  });

});

describe('GET /search?group=page', () => {
  interface PagesBody {
    k: number;
    group: string;
    results?: unknown;
    pages: Array<{ rank: number; doc_id: string; title: string; url: string | null; score: number; results: Array<{ id: string; rank: number; score: number; citation: { doc_id: string } }> }>;
  }
  const question = 'What did Putin and Kim sign';

  it('answers k pages, each with its best passages, ranked by its best passage', async () => {
    const res = await call(`/search?q=${encodeURIComponent(question)}&k=3&group=page`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PagesBody;
    expect(body).toMatchObject({ k: 3, group: 'page' });
    expect(body.results).toBeUndefined();
    expect(body.pages).toHaveLength(3);
    expect(new Set(body.pages.map((p) => p.doc_id)).size).toBe(3);
    body.pages.forEach((page, i) => {
      expect(page.rank).toBe(i + 1);
      expect(page.results.length).toBeGreaterThan(0);
      expect(page.results.length).toBeLessThanOrEqual(3);
      expect(page.results.every((r) => r.citation.doc_id === page.doc_id)).toBe(true);
      expect(page.score).toBe(page.results[0].score);
    });
    const bests = body.pages.map((p) => p.score);
    expect([...bests].sort((a, b) => b - a)).toEqual(bests);
  });

  it('cites exactly the passages an ungrouped search ranks, with the same ranks', async () => {
    const grouped = (await (await call(`/search?q=${encodeURIComponent(question)}&k=2&group=page&per_doc=2`)).json()) as PagesBody;
    const flat = (await (await call(`/search?q=${encodeURIComponent(question)}&k=4&per_doc=2`)).json()) as SearchBody;
    const byId = new Map(flat.results.map((r) => [r.id, r]));
    for (const r of grouped.pages.flatMap((p) => p.results)) expect(r).toEqual(byId.get(r.id));
  });

  it('takes group in a JSON body too', async () => {
    const res = await call('/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: question, k: 1, group: 'page', per_doc: 1 }) });
    const body = (await res.json()) as PagesBody;
    expect(body.pages).toHaveLength(1);
    expect(body.pages[0].results).toHaveLength(1);
  });

  it.each([
    ['group=page&per_doc=6', /^per_doc: with group=page it counts the passages shown under each page, at most 5 \(got 6\)$/],
  ])('refuses %s with 400 INVALID_PARAMETER', async (query, message) => {
    const res = await call(`/search?q=Kim&${query}`);
    await expectError(res, 'INVALID_PARAMETER', message);
  });
});

describe('POST /search', () => {
  const post = (body: string, type = 'application/json') => call('/search', { method: 'POST', headers: { 'content-type': type }, body });

  it('accepts the same options as JSON', async () => {
    const res = await post(JSON.stringify({ q: 'Who estimated North Korean casualties?', k: 3 }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.k).toBe(3);
    expect(body.results).toHaveLength(3);
  });

  it.each([
    ['{"q":', 'application/json', 400, 'MALFORMED_JSON'],
    ['{"q":"x","k":"5"}', 'application/json', 400, 'INVALID_PARAMETER'],
    ['{"q":"x","speed":"fast"}', 'application/json', 400, 'UNKNOWN_PARAMETER'],
    ['{"q":"x","dedupe":"true"}', 'application/json', 400, 'INVALID_PARAMETER'],
    ['q=x', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [JSON.stringify({ q: 'x'.repeat(20000) }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
  ])('%s (%s) → %i %s', async (body, type, status, code) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers a malformed media type with 415 UNSUPPORTED_MEDIA_TYPE, not 400', async () => {
    for (const type of ['application/json;;;', 'application/json;', 'application/json; charset', 'application/json; =utf-8', 'application/json; charset="utf-8', 'application/json, text/plain']) {
      const res = await post('{"q":"Kim"}', type);
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code, type).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('accepts every well-formed JSON media type, parameters and spacing included', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/json ; charset=utf-8', 'application/json;\tcharset=utf-8']) {
      expect((await post('{"q":"Kim","k":1}', type)).status, type).toBe(200);
    }
  });

  it('refuses an empty facet list with 400 INVALID_PARAMETER', async () => {
    const res = await post('{"q":"Kim","facets":[]}');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_PARAMETER');
    expect(body.error.message).toMatch(/^facets: empty; /);
  });
});

describe('hostile input', () => {
  it.each([
    ['emoji', '🚀🚀 missiles 🚀'],
    ['right-to-left', 'مرحبا بالعالم Kim'],
    ['zero-width', 'Kim\u200b\u200dJong'],
    ['NUL', 'Kim\u0000Putin'],
    ['lone surrogate', 'treaty \ud800 signed'],
  ])('answers a question with %s characters', async (_name, q) => {
    // POST: a lone surrogate cannot be percent-encoded, but JSON carries it as \ud800.
    const res = await call('/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SearchBody).results.length).toBeGreaterThan(0);
  });

  it('refuses 10 KB of one character with QUERY_TOO_LONG', async () => {
    const res = await call(`/search?q=${'a'.repeat(10_000)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QUERY_TOO_LONG');
  });

  it('sends security headers and no stack traces', async () => {
    for (const path of ['/search?q=test', '/nope', '/search?k=x']) {
      const res = await call(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).not.toMatch(/at .*\(.*:\d+:\d+\)/);
    }
  });
});

describe('other routes', () => {
  it('answers 405 with Allow for a wrong method, from the routes the app registered', async () => {
    const res = await call('/search', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    for (const path of ['/health', '/passages/000_fb1452945c771ba1:1', '/openapi.json', '/widget.js', '/']) {
      const wrong = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(wrong.status, path).toBe(405);
      expect(wrong.headers.get('allow'), path).toBe('GET, HEAD');
    }
    expect((await call('/nope', { method: 'POST' })).status).toBe(404);
  });

  it('reports the model and index on /health', async () => {
    const body = (await (await call('/health')).json()) as { status: string; model: { id: string; hash: string }; passages: number; documents: number; build_id: string; storage: string; vector_search: string };
    expect(body.status).toBe('ok');
    expect(body.storage).toBe('bundle');
    expect(body.vector_search).toBe('exact');
    expect(body.documents).toBe(5);
    expect(body.passages).toBeGreaterThan(10);
    expect(body.model.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the index's own \"no answer\" calibration on /health", async () => {
    const body = (await (await call('/health')).json()) as { calibration: { weights: Record<string, number>; bias: number; fitted_on: { questions: number; probes: number } } };
    expect(Object.keys(body.calibration.weights).sort()).toEqual(['cosine', 'coverage', 'margin', 'names', 'unseen']);
    expect(body.calibration.fitted_on.questions).toBeGreaterThan(0);
    expect(body.calibration.fitted_on.probes).toBeGreaterThan(200);
  });

  it('shows a passage in context by id', async () => {
    const search = (await (await call('/search?q=armoured+train&k=1')).json()) as SearchBody;
    const id = search.results[0].id;
    const res = await call(`/passages/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; text: string; excerpt: string; before: Array<{ id: string }>; after: Array<{ id: string }> };
    expect(body.id).toBe(id);
    expect(body.text).toBe(search.results[0].text);
    expect(body.excerpt).toBe(search.results[0].excerpt);
    expect(body.before.length + body.after.length).toBeGreaterThan(0);
    expect((await call('/passages/nope:1')).status).toBe(404);
  });

  it('negotiates the passage view: HTML for browsers, JSON for API clients, one 404 for both', async () => {
    const id = '000_fb1452945c771ba1:1';
    const browser = await call(`/passages/${id}`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(browser.headers.get('content-type')).toContain('text/html');
    expect(browser.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const accept of ['*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const api = await call(`/passages/${id}`, { headers: { accept } });
      expect(api.headers.get('content-type'), accept).toContain('application/json');
    }
    for (const accept of ['text/html', 'application/json']) {
      const missing = await call('/passages/nope:1', { headers: { accept } });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('PASSAGE_NOT_FOUND');
    }
  });

  it('serves an OpenAPI description of the search endpoint', async () => {
    const body = (await (await call('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(body.paths).sort()).toEqual(['/health', '/passages/{id}', '/search']);
  });

  it('describes both answers of /search in OpenAPI: ranked passages, or pages with group=page', async () => {
    type Schema = { anyOf?: Array<{ $ref: string }>; properties?: Record<string, unknown> };
    const body = (await (await call('/openapi.json')).json()) as {
      paths: { '/search': { get: { parameters: Array<{ name: string }>; responses: { 200: { content: { 'application/json': { schema: { $ref: string } } } } } } } };
      components: { schemas: Record<string, Schema> };
    };
    const get = body.paths['/search'].get;
    expect(get.parameters.map((p) => p.name)).toContain('group');
    const answer = body.components.schemas[get.responses[200].content['application/json'].schema.$ref.split('/').pop()!];
    expect(answer.anyOf?.map((s) => s.$ref.split('/').pop())).toEqual(['PassagesResponse', 'PagesResponse']);
    expect(Object.keys(body.components.schemas.PagesResponse.properties ?? {})).toContain('pages');
    expect(Object.keys(body.components.schemas.PageResult.properties ?? {}).sort()).toEqual(['doc_id', 'rank', 'results', 'score', 'source', 'title', 'url']);
  });
});

describe('rate limiting', () => {
  it('answers 429 RATE_LIMITED with Retry-After when the configured binding says no', async () => {
    const app = createApp(engineLoader(() => bundle));
    const limiter = (allow: boolean) => ({ RATE_LIMITER: { limit: async () => ({ success: allow }) } });
    const blocked = await app.request('/search?q=test', {}, { ...limiter(false) });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await app.request('/search?q=test', {}, { ...limiter(true) })).status).toBe(200);
  });

  it('limits /mcp as it limits /search', async () => {
    const app = createApp(engineLoader(() => bundle));
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) };
    const blocked = await app.request('/mcp', init, { RATE_LIMITER: { limit: async () => ({ success: false }) } });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});

describe('a Worker whose index and model do not match', () => {
  const appWith = (override: Partial<typeof bundle>) => createApp(engineLoader(() => ({ ...bundle, ...override })));

  it('answers 503 INDEX_MODEL_MISMATCH instead of wrong results', async () => {
    const app = appWith({ modelManifest: { ...bundle.modelManifest, hash: '0'.repeat(64) } });
    for (const path of ['/health', '/search?q=test']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INDEX_MODEL_MISMATCH');
    }
  });

  it('answers 503 INDEX_UNAVAILABLE when the index is corrupt', async () => {
    const res = await appWith({ index: new ArrayBuffer(64) }).request('/search?q=test');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INDEX_UNAVAILABLE');
  });

  it('answers 503 INDEX_UNAVAILABLE with "rebuild the index" for an index of an older format', async () => {
    const older = bundle.index.slice(0);
    new DataView(older).setUint32(4, ARTIFACT_FORMAT_VERSION - 1, true);
    const res = await appWith({ index: older }).request('/search?q=test');
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INDEX_UNAVAILABLE');
    expect(error.message).toMatch(new RegExp(`format version ${ARTIFACT_FORMAT_VERSION - 1}, this build reads ${ARTIFACT_FORMAT_VERSION}; rebuild the index`));
  });
});

describe('a Worker with a Vectorize binding', () => {
  const artifact = decodeArtifact(bundle.index);
  const rows = dequantize(artifact.vectors);
  const { dims } = artifact.vectors;
  const records = artifact.passages.map((p, i) => ({ id: p.id, values: Array.from(rows.subarray(i * dims, (i + 1) * dims)) }));
  const search = async (vectorize: VectorizeQueryable) => createApp(engineLoader(() => bundle)).request('/search?q=What+did+Putin+and+Kim+sign', {}, { ...env, VECTORIZE: vectorize });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('asks Vectorize for the passage vectors and answers as the bundle does', async () => {
    const vectorize = fakeVectorize(records);
    const res = await search(vectorize);
    expect(res.status).toBe(200);
    const bundled = (await (await call('/search?q=What+did+Putin+and+Kim+sign')).json()) as SearchBody;
    expect(((await res.json()) as SearchBody).results.map((r) => r.id)).toEqual(bundled.results.map((r) => r.id));
    expect(vectorize.queries).toBe(1);
  });

  it('serves an index built without vectors (--vectors vectorize) only with the binding', async () => {
    const index = encodeArtifact(withoutVectors(artifact)).buffer as ArrayBuffer;
    const unbound = await createApp(engineLoader(() => ({ ...bundle, index }))).request('/search?q=armoured+train');
    expect(unbound.status).toBe(503);
    expect(await errorCode(unbound)).toBe('VECTOR_STORE_UNAVAILABLE');
    const bound = await createApp(engineLoader(() => ({ ...bundle, index }))).request('/search?q=armoured+train', {}, { ...env, VECTORIZE: fakeVectorize(records) });
    expect(bound.status).toBe(200);
    const bundled = (await (await call('/search?q=armoured+train')).json()) as SearchBody;
    expect(((await bound.json()) as SearchBody).results.map((r) => r.id)).toEqual(bundled.results.map((r) => r.id));
  });

  it('says so on /health', async () => {
    const res = await createApp(engineLoader(() => bundle)).request('/health', {}, { ...env, VECTORIZE: fakeVectorize(records) });
    expect(((await res.json()) as { vector_search: string }).vector_search).toBe('vectorize');
  });

  it('answers 503 VECTOR_STORE_UNAVAILABLE when Vectorize fails', async () => {
    const res = await search({ query: () => Promise.reject(new Error('upstream timeout')) });
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe('VECTOR_STORE_UNAVAILABLE');
  });

  it('answers 503 VECTOR_STORE_UNAVAILABLE, not a wrong citation, when Vectorize holds another index', async () => {
    const res = await search(fakeVectorize([{ id: 'other-corpus:1', values: records[0].values }]));
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe('VECTOR_STORE_UNAVAILABLE');
  });
});

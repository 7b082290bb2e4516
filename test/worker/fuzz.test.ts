/**
 * Property-based fuzzing of the whole app inside workerd: ≥ 10,000 generated requests (paths,
 * methods, query strings, bodies, headers). Never a 5xx, always JSON with the documented shape.
 */
import { exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const PATHS = ['/search', '/search/', '/health', '/passages/000_fb1452945c771ba1:1', '/passages/x', '/openapi.json', '/', '/nope', '/search/extra', '/%FF', '/passages/'];
const KEYS = ['q', 'k', 'mode', 'fusion', 'ratio', 'per_doc', 'min_score', 'dedupe', 'x', 'Q', ''];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''];

/** Strings that tend to break things: emoji, RTL, zero-width, NUL, lone surrogates, long runs. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('🚀🚀', 'مرحبا', '\u200b\u200d', '\u0000', '\ud800', '\udfff', 'a'.repeat(600), '   ', '-1', '1e3', '0.5', 'NaN', 'true', '<img src=x onerror=alert(1)>'),
);
const value = fc.oneof(nasty, fc.integer({ min: -100, max: 100 }).map(String), fc.double().map(String));
const query = fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 5 });
const jsonValue = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), jsonValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
  nasty,
  fc.constant('{"q":'),
  fc.constant(JSON.stringify({ q: 'x'.repeat(17000) })),
);

const request = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc.constantFrom(...PATHS),
  query,
  body,
  type: fc.constantFrom(...TYPES),
});

describe('fuzzing the API', () => {
  it('never answers 5xx and always answers JSON with the documented shape', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const url = new URL(`http://example.com${r.path}`);
        for (const [k, v] of r.query) url.searchParams.append(k, v);
        const init: RequestInit = { method: r.method, headers: r.type ? { 'content-type': r.type } : {} };
        if (r.method !== 'GET' && r.method !== 'HEAD') init.body = r.body;
        const res = await exports.default.fetch(new Request(url, init));
        sent++;
        expect(res.status, `${r.method} ${url}`).toBeLessThan(500);
        if (r.method === 'HEAD' || r.method === 'OPTIONS') return;
        if (r.path === '/' && res.status === 200) return; // the HTML search page
        expect(res.headers.get('content-type') ?? '').toContain('application/json');
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status >= 400) {
          const error = json.error as { code: unknown; message: unknown };
          expect(typeof error.code).toBe('string');
          expect(typeof error.message).toBe('string');
        } else if (url.pathname === '/search') {
          expect(Array.isArray(json.results)).toBe(true);
          expect(typeof json.answerable).toBe('boolean');
        }
      }),
      { numRuns: 10_000, seed: 20261123 },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 300_000);
});

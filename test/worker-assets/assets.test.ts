/**
 * An index in Workers static assets, in workerd with the real ASSETS binding (the files
 * test/worker-assets/setup.ts builds): the same answers as the bundled index, a 503 — never a wrong
 * answer — when a file is missing or corrupt, and no index file downloadable unless the owner opts in.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/worker/app.js';
import { bundle } from '../../src/worker/bundle.js';
import { engineLoader, type AssetsFetcher } from '../../src/worker/engine/index.js';
import { INDEX_ASSETS_PREFIX } from '../../src/core/storage/format.js';
import { fakeVectorize, type VectorRecord } from '../support/vectorize.js';

type Corpus = 'seeds' | 'beekeeping' | 'mkdocs' | 'seeds-vectorize';

/** A file of the setup's output, by its path under dist/test-assets. */
async function testFile(path: string): Promise<ArrayBuffer> {
  const response = await env.ASSETS.fetch(new Request(`https://assets.invalid/${path}`));
  if (!response.ok) throw new Error(`setup did not build ${path} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** The ASSETS binding a Worker deployed with this corpus's static assets would have. */
function assetsOf(corpus: Corpus, tamper: (name: string, bytes: ArrayBuffer) => Response | ArrayBuffer = (_, bytes) => bytes): AssetsFetcher & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async fetch(request: Request) {
      const path = new URL(request.url).pathname;
      reads.push(path);
      const response = await env.ASSETS.fetch(new Request(`https://assets.invalid/${corpus}/assets${path}`));
      if (!response.ok) return response;
      const out = tamper(path.slice(path.lastIndexOf('/') + 1), await response.arrayBuffer());
      return out instanceof Response ? out : new Response(out);
    },
  };
}

/** The app as `src/worker/index.ts` builds it, around this corpus's index root (assets) or artifact (bundled). */
async function appOf(corpus: Corpus, storage: 'assets' | 'bundled') {
  const index = await testFile(storage === 'assets' ? `${corpus}/index.bin` : `${corpus}-bundled/index.bin`);
  return createApp(engineLoader(() => ({ ...bundle, index })));
}

const QUESTIONS: Record<Exclude<Corpus, 'seeds-vectorize'>, string[]> = {
  seeds: ['What did Putin and Kim sign?', 'armoured train', 'Which news agency reported the letter', 'mutual defence treaty', 'how do bees make honey'],
  beekeeping: ['How often should I open the hive in spring?', 'What proves the queen was there recently?', 'when do bees swarm', 'harvest honey supers', 'What is the capital of France?'],
  mkdocs: ['How do I dim the lamp from Python?', 'brightness levels', 'install the package', 'command line options', 'night and day schedules'],
};

/** Searches that exercise every stage: modes, fusion, per-document limit, dedupe, k, page grouping. */
const VARIANTS = ['', '&mode=semantic', '&mode=lexical', '&fusion=rrf&k=10', '&per_doc=1&k=8', '&dedupe=true&k=6', '&k=50', '&group=page&k=3'];

const withoutTiming = (body: Record<string, unknown>) => ({ ...body, took_ms: 0 });

describe('an index in static assets', () => {
  for (const corpus of Object.keys(QUESTIONS) as Array<keyof typeof QUESTIONS>) {
    it(`answers as the bundled index does on ${corpus}: same results, same order, same scores and highlights`, async () => {
      const [assets, bundled] = [await appOf(corpus, 'assets'), await appOf(corpus, 'bundled')];
      const assetEnv = { ...env, ASSETS: assetsOf(corpus) };
      let compared = 0;
      for (const q of QUESTIONS[corpus]) {
        for (const variant of VARIANTS) {
          const path = `/search?q=${encodeURIComponent(q)}${variant}`;
          const [a, b] = [await assets.request(path, {}, assetEnv), await bundled.request(path, {}, env)];
          expect(a.status, path).toBe(200);
          const [bodyA, bodyB] = [(await a.json()) as Record<string, unknown>, (await b.json()) as Record<string, unknown>];
          expect(withoutTiming(bodyA), path).toEqual(withoutTiming(bodyB));
          compared += ((bodyB.results ?? bodyB.pages) as unknown[]).length;
        }
      }
      expect(compared).toBeGreaterThan(50);
    });

    it(`shows a passage in context as the bundled index does on ${corpus}`, async () => {
      const [assets, bundled] = [await appOf(corpus, 'assets'), await appOf(corpus, 'bundled')];
      const assetEnv = { ...env, ASSETS: assetsOf(corpus) };
      const found = (await (await bundled.request(`/search?q=${encodeURIComponent(QUESTIONS[corpus][0])}&k=50`, {}, env)).json()) as { results: Array<{ id: string }> };
      for (const { id } of found.results) {
        const path = `/passages/${encodeURIComponent(id)}`;
        const [a, b] = [await assets.request(path, {}, assetEnv), await bundled.request(path, {}, env)];
        expect(a.status, path).toBe(200);
        expect(await a.json(), path).toEqual(await b.json());
      }
      const [id] = found.results.map((r) => r.id);
      for (const unknown of ['nope:1', `${id.slice(0, id.lastIndexOf(':'))}:999`, `${id.slice(0, id.lastIndexOf(':'))}:01`, 'no-colon']) {
        expect((await assets.request(`/passages/${encodeURIComponent(unknown)}`, {}, assetEnv)).status, unknown).toBe(404);
      }
    });
  }

  it('with its vectors in Vectorize, answers as the bundled index with the same Vectorize does', async () => {
    const records = new TextDecoder().decode(await testFile('seeds-vectorize/vectorize.ndjson')).trim().split('\n').map((line) => JSON.parse(line) as VectorRecord);
    const [assets, bundled] = [await appOf('seeds-vectorize', 'assets'), await appOf('seeds-vectorize', 'bundled')];
    const vectorize = fakeVectorize(records);
    for (const q of QUESTIONS.seeds) {
      for (const variant of ['', '&mode=semantic', '&dedupe=true&k=6']) {
        const path = `/search?q=${encodeURIComponent(q)}${variant}`;
        const a = await assets.request(path, {}, { ...env, ASSETS: assetsOf('seeds-vectorize'), VECTORIZE: vectorize });
        const b = await bundled.request(path, {}, { ...env, VECTORIZE: vectorize });
        expect(a.status, path).toBe(200);
        expect(withoutTiming((await a.json()) as Record<string, unknown>), path).toEqual(withoutTiming((await b.json()) as Record<string, unknown>));
      }
    }
    expect(vectorize.queries).toBeGreaterThan(0);
    const health = (await (await assets.request('/health', {}, { ...env, ASSETS: assetsOf('seeds-vectorize'), VECTORIZE: vectorize })).json()) as { storage: string; vector_search: string };
    expect(health).toMatchObject({ storage: 'assets', vector_search: 'vectorize' });
    const bundledHealth = (await (await bundled.request('/health', {}, { ...env, VECTORIZE: vectorize })).json()) as { storage: string };
    expect(bundledHealth.storage).toBe('bundle');
  });

  it('reads only what a question needs: the open files once, then a few shards per question, kept for the next', async () => {
    const assets = await appOf('seeds', 'assets');
    const binding = assetsOf('seeds');
    const root = await testFile('seeds/index.bin');
    expect(root.byteLength, 'the root the bundle carries is small').toBeLessThan(16 * 1024);
    await assets.request('/health', {}, { ...env, ASSETS: binding });
    const opened = binding.reads.length;
    expect(binding.reads.every((p) => /\/(vectors|graph|lexicon|documents)-/.test(p))).toBe(true);
    await assets.request('/search?q=armoured+train&k=1', {}, { ...env, ASSETS: binding });
    const first = binding.reads.length - opened;
    expect(first, 'postings of two terms and one passages file').toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(3);
    await assets.request('/search?q=armoured+train&k=1', {}, { ...env, ASSETS: binding });
    expect(binding.reads.length - opened, 'nothing read again').toBe(first);
  });

  describe('never answers wrongly from a broken file', () => {
    const search = async (ASSETS: AssetsFetcher) => (await appOf('seeds', 'assets')).request('/search?q=What+did+Putin+and+Kim+sign', {}, { ...env, ASSETS });
    const flip = (bytes: ArrayBuffer) => {
      const copy = new Uint8Array(bytes.slice(0));
      copy[copy.length - 1] ^= 1;
      return copy.buffer;
    };

    for (const kind of ['vectors', 'graph', 'lexicon', 'documents', 'postings', 'passages']) {
      it(`answers 503 INDEX_UNAVAILABLE when a ${kind} file is missing, and again when it is corrupt`, async () => {
        const missing = await search(assetsOf('seeds', (name, bytes) => (name.startsWith(`${kind}-`) ? new Response('gone', { status: 404 }) : bytes)));
        expect(missing.status).toBe(503);
        expect(((await missing.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INDEX_UNAVAILABLE', message: expect.stringContaining('could not be read') });
        const corrupt = await search(assetsOf('seeds', (name, bytes) => (name.startsWith(`${kind}-`) ? flip(bytes) : bytes)));
        expect(corrupt.status).toBe(503);
        expect(((await corrupt.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INDEX_UNAVAILABLE', message: expect.stringContaining('SHA-256') });
      });
    }

    it('reads a file again once it is back (a deploy under way), then answers', async () => {
      let broken = true;
      const binding = assetsOf('seeds', (name, bytes) => (broken && name.startsWith('passages-') ? new Response('gone', { status: 404 }) : bytes));
      const app = await appOf('seeds', 'assets');
      expect((await app.request('/search?q=armoured+train', {}, { ...env, ASSETS: binding })).status).toBe(503);
      broken = false;
      expect((await app.request('/search?q=armoured+train', {}, { ...env, ASSETS: binding })).status).toBe(200);
    });

    it('reads a corrupt file once, not on every request: it stays corrupt for this Worker version', async () => {
      const binding = assetsOf('seeds', (name, bytes) => (name.startsWith('lexicon-') ? flip(bytes) : bytes));
      const app = await appOf('seeds', 'assets');
      for (let i = 0; i < 3; i++) expect((await app.request('/search?q=armoured+train', {}, { ...env, ASSETS: binding })).status).toBe(503);
      expect(binding.reads.filter((path) => path.includes('/lexicon-'))).toHaveLength(1);
    });

    it('answers 503 INDEX_UNAVAILABLE when the Worker has no ASSETS binding', async () => {
      const res = await (await appOf('seeds', 'assets')).request('/search?q=armoured+train', {}, { ...env, ASSETS: undefined } as unknown as Env);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INDEX_UNAVAILABLE', message: expect.stringContaining('ASSETS') });
    });
  });

  describe('index files', () => {
    it('are not downloadable: /_index/* answers 404 NOT_FOUND although the files are there', async () => {
      const binding = assetsOf('seeds');
      const app = await appOf('seeds', 'assets');
      await app.request('/health', {}, { ...env, ASSETS: binding });
      const [file] = binding.reads;
      expect(file).toMatch(new RegExp(`^/${INDEX_ASSETS_PREFIX}/`));
      const res = await app.request(file, {}, { ...env, ASSETS: binding });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      expect((await app.request('/index.bin', {}, { ...env, ASSETS: binding })).status).toBe(404);
      expect((await app.request(file, { method: 'POST' }, { ...env, ASSETS: binding })).status, 'no 405 that would tell the path exists').toBe(404);
    });

    it('are served as they are when the owner sets INDEX_FILES_PUBLIC = "true"', async () => {
      const binding = assetsOf('seeds');
      const app = await appOf('seeds', 'assets');
      await app.request('/health', {}, { ...env, ASSETS: binding });
      const [file] = binding.reads;
      const res = await app.request(file, {}, { ...env, ASSETS: binding, INDEX_FILES_PUBLIC: 'true' });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(await testFile(`seeds/assets${file}`)));
    });
  });
});

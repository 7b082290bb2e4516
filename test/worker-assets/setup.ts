/**
 * Global setup of the workerd tests of indexes in static assets (runs in Node, before workerd starts):
 * builds the seeds and two fixture corpora into dist/test-assets — the folder this project serves
 * as its static assets (vitest.config.ts) — each as static assets cut into small shards (so a
 * question reads several files) and, for comparison, bundled; and the seeds with their vectors for
 * Vectorize, both ways.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex } from '../../src/indexing/index.js';

export const TEST_ASSETS_DIR = 'dist/test-assets';

/** The corpora, by the folder name they get under TEST_ASSETS_DIR. */
export const CORPORA = {
  seeds: { input: 'seeds' },
  beekeeping: { input: 'test/fixtures/beekeeping' },
  mkdocs: { input: 'test/fixtures/generators/mkdocs-material', site: { baseUrl: 'https://docs.example.com/', style: 'clean' as const } },
};

/** Small enough that even the seeds make many postings and passages files. */
const TINY_SHARDS = { postingsBytes: 512, passagesBytes: 2048, vectorsBytes: 4096 };

export default async function setup(): Promise<void> {
  rmSync(TEST_ASSETS_DIR, { recursive: true, force: true });
  const log = () => {};
  for (const [name, corpus] of Object.entries(CORPORA)) {
    await buildIndex({ ...corpus, out: join(TEST_ASSETS_DIR, name), storage: 'assets', shardTargets: TINY_SHARDS, log });
    await buildIndex({ ...corpus, out: join(TEST_ASSETS_DIR, `${name}-bundled`), storage: 'bundle', log });
  }
  // The third tier: texts and postings in static assets, vectors in Vectorize (vectorize.ndjson beside the root).
  await buildIndex({ ...CORPORA.seeds, out: join(TEST_ASSETS_DIR, 'seeds-vectorize'), storage: 'assets', vectors: 'vectorize', shardTargets: TINY_SHARDS, log });
  await buildIndex({ ...CORPORA.seeds, out: join(TEST_ASSETS_DIR, 'seeds-vectorize-bundled'), storage: 'bundle', vectors: 'vectorize', log });
}

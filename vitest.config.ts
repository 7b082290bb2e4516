import { readFileSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * The page, its CSS and the widget are Text modules in the Worker (wrangler.toml rules); in Node
 * they load as strings the same way, so Node tests can drive the whole Hono app around any index.
 */
const workerTextModules: Plugin = {
  name: 'worker-text-modules',
  enforce: 'pre',
  load(id) {
    if (/\/src\/worker\/ui\/(page\.html|page\.css|widget\.js)$/.test(id)) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};

// Two projects: the Worker's tests run inside workerd (the real runtime, with the bundled index
// and model as Data modules); the offline indexer's tests run in Node.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'] },
      },
      {
        // Indexes in static assets: the same Worker, its ASSETS binding serving what the setup builds.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { assets: { directory: 'dist/test-assets', binding: 'ASSETS' } } })],
        test: { name: 'worker-assets', include: ['test/worker-assets/**/*.test.ts'], globalSetup: ['test/worker-assets/setup.ts'] },
      },
      {
        plugins: [workerTextModules],
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/indexing/**/*.test.ts', 'test/distill/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/eval/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

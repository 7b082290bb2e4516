/**
 * npm run build:index -- [--input seeds] [--out dist/index] [--vectors bundled|vectorize] — builds
 * the search artifact the Worker bundles (with `--vectors vectorize`, without the vectors, which
 * go to vectorize.ndjson for a Cloudflare Vectorize index). Progress goes to stderr; exits
 * non-zero with a clear message when it cannot build.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex, DEFAULT_MODEL_DIR } from '../src/indexing/index.js';
import { vectorizeInstructions } from '../src/indexing/vectorize.js';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'seeds' },
    out: { type: 'string', default: 'dist/index' },
    model: { type: 'string', default: DEFAULT_MODEL_DIR },
    vectors: { type: 'string', default: 'bundled' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run build:index -- [--input <folder of .txt/.md>] [--out <artifact folder>] [--model <model folder>] [--vectors bundled|vectorize]');
  process.exit(0);
}

if (values.vectors !== 'bundled' && values.vectors !== 'vectorize') {
  console.error(`build:index failed: --vectors must be "bundled" (in the Worker, the default) or "vectorize" (in a Cloudflare Vectorize index; writes vectorize.ndjson), not "${values.vectors}"`);
  process.exit(1);
}

try {
  const { manifest } = await buildIndex({ input: values.input, out: values.out, modelDir: values.model, vectors: values.vectors });
  if (manifest.vectors === 'vectorize') console.error(`the vectors are in ${join(values.out, 'vectorize.ndjson')}; to serve them:\n\n${vectorizeInstructions(join(values.out, 'vectorize.ndjson'), manifest.model.dims)}`);
} catch (error) {
  console.error(`build:index failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

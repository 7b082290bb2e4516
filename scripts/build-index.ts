/**
 * npm run build:index -- [--input seeds] [--out dist/index] — builds the search artifact the
 * Worker bundles. Progress goes to stderr; exits non-zero with a clear message when it cannot build.
 */
import { parseArgs } from 'node:util';
import { buildIndex, DEFAULT_MODEL_DIR } from '../src/indexing/index.js';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'seeds' },
    out: { type: 'string', default: 'dist/index' },
    model: { type: 'string', default: DEFAULT_MODEL_DIR },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run build:index -- [--input <folder of .txt/.md>] [--out <artifact folder>] [--model <model folder>]');
  process.exit(0);
}

try {
  await buildIndex({ input: values.input, out: values.out, modelDir: values.model });
} catch (error) {
  console.error(`build:index failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * npm run export:vectorize -- [--index dist/index] [--out dist/vectorize.ndjson] [--name semantic-search]
 *
 * Writes the index's vectors as Vectorize records and prints the wrangler commands that create the
 * Vectorize index, insert them and bind it to the Worker (docs/scaling.md).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeArtifact } from '../src/core/artifact/index.js';
import { vectorizeInstructions, vectorizeRecords } from '../src/indexing/vectorize.js';
import { toArrayBuffer } from '../src/core/bytes.js';

const { values } = parseArgs({
  options: {
    index: { type: 'string', default: 'dist/index' },
    out: { type: 'string', default: 'dist/vectorize.ndjson' },
    name: { type: 'string', default: 'semantic-search' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run export:vectorize -- [--index dist/index] [--out dist/vectorize.ndjson] [--name semantic-search]');
  process.exit(0);
}

try {
  const file = join(values.index, 'index.bin');
  if (!existsSync(file)) throw new Error(`no index at ${file}; build one first with "npm run build:index -- --input <folder>"`);
  const bytes = readFileSync(file);
  const artifact = decodeArtifact(toArrayBuffer(bytes));
  if (artifact.manifest.vectors === 'vectorize') throw new Error(`${file} was built with --vectors vectorize: its records are already in ${join(values.index, 'vectorize.ndjson')}`);
  writeFileSync(values.out, vectorizeRecords(artifact));
  console.log(`wrote ${artifact.passages.length} vectors (${artifact.vectors.dims} dims) to ${values.out}; then:\n\n${vectorizeInstructions(values.out, artifact.vectors.dims, values.name)}`);
} catch (error) {
  console.error(`export:vectorize failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

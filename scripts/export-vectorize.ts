/**
 * npm run export:vectorize -- [--index dist/index] [--out dist/vectorize.ndjson] [--name semantic-search]
 *
 * Writes the index's vectors as Vectorize records and prints the wrangler commands that create the
 * Vectorize index, insert them and bind it to the Worker (docs/scaling.md).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeArtifact } from '../src/core/artifact/index.js';
import { vectorizeInstructions, vectorizeRecords } from '../src/indexing/vectorize.js';
import { toArrayBuffer } from '../src/core/bytes.js';
import { cliProgram, parseOrExit } from './lib/cli.js';

const program = cliProgram('export:vectorize', "Writes a built index's vectors as Vectorize records and prints the wrangler commands that serve them.")
  .option('--index <dir>', 'the built index folder', 'dist/index')
  .option('--out <file>', 'the NDJSON file of Vectorize records', 'dist/vectorize.ndjson')
  .option('--name <name>', 'the Vectorize index to create', 'semantic-search');
const { options } = parseOrExit<{ index: string; out: string; name: string }>(program, 'export:vectorize');

try {
  const file = join(options.index, 'index.bin');
  if (!existsSync(file)) throw new Error(`no index at ${file}; build one first with "npm run build:index -- --input <folder>"`);
  const bytes = readFileSync(file);
  const artifact = decodeArtifact(toArrayBuffer(bytes));
  if (artifact.manifest.vectors === 'vectorize') throw new Error(`${file} was built with --vectors vectorize: its records are already in ${join(options.index, 'vectorize.ndjson')}`);
  writeFileSync(options.out, vectorizeRecords(artifact));
  console.log(`wrote ${artifact.passages.length} vectors (${artifact.vectors.dims} dims) to ${options.out}; then:\n\n${vectorizeInstructions(options.out, artifact.vectors.dims, options.name)}`);
} catch (error) {
  console.error(`export:vectorize failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

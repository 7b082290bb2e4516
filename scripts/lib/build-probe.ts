/**
 * Run by `npm run bench:scale` (and `npm run bench`) in a fresh Node process: builds the folder
 * argv[2] into argv[3] with --storage argv[4] and prints, as JSON, the build's wall time, peak RSS
 * and what it wrote (or the refusal). A fresh process, so peak memory is this build's alone.
 *
 * An index the build refuses for its size (IndexLimitError: over the isolate's memory, or the
 * static-assets limits) is still measured when argv[5] is `--measure-refused`: the same documents
 * are indexed again (the artifact buildIndex would have written) and written bundled to argv[3], so
 * that the benchmark can say what searching it costs; wall time and peak RSS stay the build's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeArtifact } from '../../src/core/artifact/index.js';
import { buildIndex, indexDocuments, IndexLimitError, type BuildResult } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import type { StorageChoice } from '../../src/indexing/budget.js';

const [input, out, storage, measureRefused] = process.argv.slice(2) as [string, string, StorageChoice, string | undefined];
const started = performance.now();
let built: BuildResult | undefined;
let refused: string | undefined;
let wallMs = 0;
let maxRssMiB = 0;
let refusedButWritten: number | undefined;
let measure = false;
try {
  built = await buildIndex({ input, out, storage, log: () => {} });
} catch (error) {
  refused = error instanceof Error ? error.message : String(error);
  measure = error instanceof IndexLimitError && measureRefused === '--measure-refused';
} finally {
  wallMs = performance.now() - started;
  maxRssMiB = process.resourceUsage().maxRSS / 1024;
}
if (measure) {
  const { artifact } = await indexDocuments(loadCorpus(input, { warn: () => {} }), { log: () => {} });
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileSync(join(out, 'index.bin'), encodeArtifact(artifact));
  refusedButWritten = artifact.passages.length;
}
console.log(JSON.stringify({
  wallMs,
  maxRssMiB,
  refused,
  passages: built?.manifest.counts.passages ?? refusedButWritten,
  storage: built?.storage ?? (refused ? { kind: 'refused', why: refused, files: 0, bytes: 0 } : undefined),
  memoryEstimate: built?.memory.bytes,
  refusedButWritten: refusedButWritten !== undefined,
}));

/**
 * Run by `npm run bench:scale` (and `npm run bench`) in a fresh Node process: builds the folder argv[2] into argv[3] with
 * --storage argv[4] and prints, as JSON, the build's wall time, peak RSS and what it wrote (or the
 * refusal). A fresh process, so peak memory is this build's alone.
 */
import { buildIndex, type BuildResult } from '../../src/indexing/index.js';
import type { StorageChoice } from '../../src/indexing/budget.js';

const [input, out, storage] = process.argv.slice(2) as [string, string, StorageChoice];
const started = performance.now();
let built: BuildResult | undefined;
let refused: string | undefined;
try {
  built = await buildIndex({ input, out, storage, log: () => {} });
} catch (error) {
  refused = error instanceof Error ? error.message : String(error);
}
console.log(JSON.stringify({
  wallMs: performance.now() - started,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  refused,
  passages: built?.manifest.counts.passages,
  storage: built?.storage,
  memoryEstimate: built?.memory.bytes,
}));

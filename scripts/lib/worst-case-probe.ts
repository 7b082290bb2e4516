/**
 * Run by `npm run bench:worst` in a fresh Node process per input: builds an index of the one file
 * argv[2] names (src/bench/worst-cases.ts) and prints, as JSON, the wall time, the summary's stage
 * total, the process's peak RSS, what came of the file, the largest passage and the size of a
 * k = 50 answer. A fresh process, so peak memory is this input's alone.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeArtifact } from '../../src/core/artifact/index.js';
import { toArrayBuffer } from '../../src/core/bytes.js';
import { openEngineWithIndex } from '../../src/eval/engine.js';
import { countWords } from '../../src/core/sentences/index.js';
import { WORST_CASES } from '../../src/bench/worst-cases.js';
import { buildIndex } from '../../src/indexing/index.js';

const input = WORST_CASES.find((c) => c.file === process.argv[2]);
if (!input) throw new Error(`no worst case "${process.argv[2]}"`);
const work = mkdtempSync(join(tmpdir(), 'worst-case-'));
mkdirSync(join(work, 'in'));
const text = input.text();
writeFileSync(join(work, 'in', input.file), text);
const warnings: string[] = [];
const started = performance.now();
let outcome: string;
let passages = 0;
let maxWords = 0;
let answerBytes: number | null = null;
let totalMs = 0;
try {
  // Bundled whatever its size: the passages are read back from the one artifact file.
  const built = await buildIndex({ input: join(work, 'in'), out: join(work, 'out'), storage: 'bundle', log: (m) => m.startsWith('warning:') && warnings.push(m) });
  totalMs = built.totalMs;
  const index = readFileSync(join(work, 'out', 'index.bin'));
  const artifact = decodeArtifact(toArrayBuffer(index));
  passages = artifact.passages.length;
  maxWords = Math.max(...artifact.passages.map((p) => countWords(p.text)));
  outcome = `indexed: ${passages.toLocaleString('en')} passages`;
  // The engine's answer as JSON, as /search serializes it (the Worker app itself imports Text modules only wrangler and vitest load).
  const answer = await openEngineWithIndex(new Uint8Array(index)).search(input.question, { k: 50 });
  answerBytes = new TextEncoder().encode(JSON.stringify(answer)).length;
} catch (error) {
  // A file the parsers skip leaves no passages: the build then has nothing to index.
  outcome = warnings.find((w) => w.includes('skipped')) ?? `failed: ${error instanceof Error ? error.message : String(error)}`;
}
const wallMs = performance.now() - started;
console.log(JSON.stringify({ bytes: Buffer.byteLength(text), wallMs, totalMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, outcome, maxWords, answerBytes }));

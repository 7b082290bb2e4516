/**
 * An index folder at scale (the scale table, src/bench/scale.ts): built in a fresh process (wall
 * time, peak RSS), the Worker that would serve it bundled by `wrangler deploy --dry-run` (gzip), its
 * files in static assets (count, bytes), search in-process as the Worker runs it (cold first search,
 * warm p50/p99, memory after warm-up) and over HTTP under `wrangler dev`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVED_INDEX_DIR } from '../indexing/config/index.js';
import { openEngineFromFolder } from '../eval/engine.js';
import { INDEX_ASSETS_PREFIX } from '../core/storage/format.js';
import { workerBundleGzip } from './bundle.js';
import { startWranglerDev } from './wrangler-dev.js';
import { percentile } from './format.js';

export interface ProbedBuild {
  wallMs: number;
  maxRssMiB: number;
  refused?: string;
  passages?: number;
  storage?: { kind: string; why: string; files: number; bytes: number };
  memoryEstimate?: number;
  /** Refused, and the index it would have written was written bundled anyway, to be measured. */
  refusedButWritten?: boolean;
}

/**
 * `build:index` of a folder in a fresh Node process (scripts/lib/build-probe.ts); `measureRefused`:
 * an index refused for its size is written bundled all the same, for the benchmark to search.
 */
export function probeBuild(input: string, out: string, storage: 'auto' | 'bundle' | 'assets', measureRefused = false): ProbedBuild {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/lib/build-probe.ts', input, out, storage, ...(measureRefused ? ['--measure-refused'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ProbedBuild;
}

/**
 * Runs `measure` with `indexDir` as the index the Worker serves (dist/index), then puts the
 * previous one back — also when `measure` throws.
 */
export async function withServedIndex<T>(indexDir: string, measure: () => Promise<T> | T): Promise<T> {
  const saved = `${SERVED_INDEX_DIR}.bench-saved`;
  if (existsSync(saved)) throw new Error(`${saved} exists: a previous bench:scale was interrupted; put it back as ${SERVED_INDEX_DIR} first`);
  const had = existsSync(SERVED_INDEX_DIR);
  if (had) renameSync(SERVED_INDEX_DIR, saved);
  try {
    mkdirSync('dist', { recursive: true });
    renameSync(indexDir, SERVED_INDEX_DIR);
    try {
      return await measure();
    } finally {
      renameSync(SERVED_INDEX_DIR, indexDir);
    }
  } finally {
    if (had) renameSync(saved, SERVED_INDEX_DIR);
  }
}

/** gzip of the Worker `wrangler deploy --dry-run` bundles around the index in `indexDir`. */
export function dryRunBundleGzip(indexDir: string): Promise<number> {
  return withServedIndex(indexDir, () => workerBundleGzip());
}

export interface FolderSearch {
  /** Opening the index (the files every question needs) and answering a first question. */
  coldMs: number;
  p50: number;
  p99: number;
  /** Heap and buffers after answering every question, in a fresh process (scripts/lib/memory-probe.ts). */
  memoryBytes: number;
}

/** Search over an index folder (bundled or in static assets) as the Worker runs it, in this process. */
export async function measureSearch(indexDir: string, questions: string[]): Promise<FolderSearch> {
  const started = performance.now();
  const engine = await openEngineFromFolder(indexDir);
  await engine.search(questions[0], { k: 5 });
  const coldMs = performance.now() - started;
  // One round to read every shard the questions touch (what a warm isolate holds), then timed rounds.
  for (const q of questions) await engine.search(q, { k: 5 });
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) {
      const t = performance.now();
      await engine.search(q, { k: 5 });
      times.push(performance.now() - t);
    }
  }
  const questionsFile = join(mkdtempSync(join(tmpdir(), 'bench-questions-')), 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(questions));
  const memoryBytes = Number(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/lib/memory-probe.ts', indexDir, questionsFile], { encoding: 'utf8' }).trim());
  return { coldMs, p50: percentile(times, 50), p99: percentile(times, 99), memoryBytes };
}

/** Bytes and count of the files under a folder (an index's static assets). */
export function folderFiles(dir: string): { files: number; bytes: number } {
  if (!existsSync(dir)) return { files: 0, bytes: 0 };
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => ({ files: sum.files + 1, bytes: sum.bytes + statSync(join(e.parentPath, e.name)).size }), { files: 0, bytes: 0 });
}

export const removeFolder = (dir: string) => rmSync(dir, { recursive: true, force: true });

export interface AssetsOverHttp {
  /** The first /search after wrangler dev answers (the isolate opens the index on it). */
  coldMs: number;
  searchP50: number;
  healthP50: number;
  /** What /_index/<a real file> answered: the files must not be downloadable (404); undefined for a bundled index (no files). */
  indexFileStatus?: number;
}

/**
 * `wrangler dev` serving the index in `indexDir`, from its static assets when it has them (the real
 * asset router, run_worker_first included): cold first search, then searches and /health in turn.
 */
export async function measureAssetsOverHttp(indexDir: string, questions: string[], rounds = 200): Promise<AssetsOverHttp> {
  const files = join(indexDir, 'assets', INDEX_ASSETS_PREFIX);
  const [file] = existsSync(files) ? readdirSync(files) : [];
  return withServedIndex(indexDir, async () => {
    const server = await startWranglerDev({ readyPath: '/widget.js', quiet: true });
    // Every answer must be a 200: a Worker answering 503 fast would measure nothing.
    const timed = async (path: string) => {
      const t = performance.now();
      const response = await fetch(`${server.url}${path}`);
      await response.text();
      if (response.status !== 200) throw new Error(`wrangler dev answered ${path} with ${response.status}:\n${server.output()}`);
      return performance.now() - t;
    };
    try {
      const coldMs = await timed(`/search?q=${encodeURIComponent(questions[0])}`);
      const search: number[] = [];
      const health: number[] = [];
      for (let i = 0; i < rounds; i++) {
        search.push(await timed(`/search?q=${encodeURIComponent(questions[i % questions.length])}`));
        health.push(await timed('/health'));
      }
      const indexFileStatus = file === undefined ? undefined : (await fetch(`${server.url}/${INDEX_ASSETS_PREFIX}/${file}`)).status;
      return { coldMs, searchP50: percentile(search, 50), healthP50: percentile(health, 50), indexFileStatus };
    } finally {
      await server.stop();
    }
  });
}

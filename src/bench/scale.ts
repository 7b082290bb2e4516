/**
 * The scale table (issue 24): the corpora of about 1k, 17k and 100k passages (scale-corpus.ts),
 * each built by `build:index` with its default `--storage auto` in a fresh process (build time, peak
 * RSS), bundled by `wrangler deploy --dry-run` (gzip), its index files counted, and searched
 * in-process as the Worker runs it (cold first search, warm p50/p99, memory after warm-up); the
 * 17k one is also served by `wrangler dev`. The targets are checked against this run's figures.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ScifactSet } from '../eval/datasets.js';
import { indexerFingerprint } from '../eval/fingerprint.js';
import { replaceBlock } from '../eval/markdown.js';
import { DEFAULT_MODEL_DIR } from '../indexing/model/load.js';
import { WORKER_LIMITS, type StorageChoice } from '../indexing/budget.js';
import { dryRunBundleGzip, folderFiles, measureAssetsOverHttp, measureSearch, probeBuild, removeFolder, type AssetsOverHttp, type FolderSearch, type ProbedBuild } from './assets.js';
import { mib, ms, table, verdict } from './format.js';
import { SCALE_CORPORA, scaleCorpus, type ScaleCorpus, type ScaleCorpusSpec } from './scale-corpus.js';

/** One build of the table: a corpus and the `--storage` it is built with. */
export interface ScaleRun {
  spec: ScaleCorpusSpec;
  storage: StorageChoice;
}

/**
 * Every corpus as `build:index` builds it by default (`--storage auto`), and the Django-size one
 * bundled too: the same index in the other layout, measured the same way in the same run, shows
 * what reading it from static assets costs.
 */
export const SCALE_RUNS: readonly ScaleRun[] = [
  { spec: SCALE_CORPORA[0], storage: 'auto' },
  { spec: SCALE_CORPORA[1], storage: 'auto' },
  { spec: SCALE_CORPORA[1], storage: 'bundle' },
  { spec: SCALE_CORPORA[2], storage: 'auto' },
];

export interface ScaleRow extends ScaleRun {
  corpus: ScaleCorpus;
  build: ProbedBuild & { date: string; cached: boolean };
  /** The Worker `wrangler deploy --dry-run` bundles (gzip), when the build was not refused. */
  bundleGzip?: number;
  /** The root in the bundle (static assets only). */
  rootBytes?: number;
  assets: { files: number; bytes: number };
  search?: FolderSearch;
  http?: AssetsOverHttp;
}

/** The corpus served over HTTP under `wrangler dev` (the free-plan targets speak of it). */
const HTTP_CORPUS = 17_000;

/**
 * `build:index` of the corpus, or the build a previous run made of the same corpus (its folder is
 * named by a hash of the sources and the indexer's code and model): then the build figures are that
 * run's, and the table says so.
 */
function builtIndex(spec: ScaleCorpusSpec, corpus: ScaleCorpus, storage: StorageChoice, log: (m: string) => void): { out: string; build: ScaleRow['build'] } {
  const indexer = indexerFingerprint(DEFAULT_MODEL_DIR).slice(0, 16);
  const out = `${corpus.dir}.${storage}-${indexer}.index`;
  const record = `${corpus.dir}.${storage}-${indexer}.build.json`;
  if (existsSync(record) && existsSync(join(out, 'index.bin'))) {
    log(`${spec.label}, --storage ${storage}: built by an earlier run (${out})`);
    return { out, build: { ...(JSON.parse(readFileSync(record, 'utf8')) as ProbedBuild & { date: string }), cached: true } };
  }
  // Builds of this corpus by another indexer are stale: a 100k one takes a gigabyte.
  const stale = `${basename(corpus.dir)}.${storage}-`;
  for (const name of readdirSync(dirname(corpus.dir))) if (name.startsWith(stale)) removeFolder(join(dirname(corpus.dir), name));
  log(`${spec.label}: build:index --storage ${storage} in a fresh process…`);
  const build = { ...probeBuild(corpus.dir, out, storage, true), date: new Date().toISOString().slice(0, 10) };
  writeFileSync(record, `${JSON.stringify(build)}\n`);
  return { out, build: { ...build, cached: false } };
}

export async function measureScale(scifact: ScifactSet, questions: string[], log: (m: string) => void): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const { spec, storage } of SCALE_RUNS) {
    const corpus = scaleCorpus(spec, { scifact, log });
    const { out, build } = builtIndex(spec, corpus, storage, log);
    const row: ScaleRow = { spec, storage, corpus, build, assets: folderFiles(join(out, 'assets')) };
    rows.push(row);
    if (!build.passages) continue;
    // A refused index (written anyway, bundled) is searched in-process only: no Worker would serve it.
    if (!build.refused) {
      log(`${spec.label} (${build.storage?.kind}): wrangler deploy --dry-run…`);
      row.bundleGzip = await dryRunBundleGzip(out);
      if (build.storage?.kind === 'assets') row.rootBytes = statSync(join(out, 'index.bin')).size;
    }
    log(`${spec.label} (${build.passages} passages): searching in-process…`);
    row.search = await measureSearch(out, questions);
    if (spec.passages === HTTP_CORPUS && storage === 'auto' && !build.refused) {
      log(`${spec.label}: wrangler dev…`);
      row.http = await measureAssetsOverHttp(out, questions);
    }
  }
  return rows;
}

const MB = 1e6;
/** The free plan's targets for a Django-size site, and the 100k ones (issue 24). */
const TARGETS = {
  free: { bundleGzip: WORKER_LIMITS.freeBundleGzip, p50: 1.5, p99: 5, httpRatio: 2, firstSearchMs: 1000, memory: 48 * MB },
  large: { memory: WORKER_LIMITS.memoryBytes, p50: 5, p99: 10, openMs: 300, buildMs: 5 * 60_000, peakRss: 3e9 },
};

const passagesOf = (row: ScaleRow) => (row.build.passages === undefined ? `≈ ${row.spec.passages.toLocaleString('en-US')}` : row.build.passages.toLocaleString('en-US'));
const storageOf = (row: ScaleRow) => {
  const how = row.storage === 'auto' ? 'auto' : `--storage ${row.storage}`;
  if (row.build.refused) return `refused${row.search ? ', searched as the bundled index it would have written' : ''} (${how})`;
  return row.rootBytes === undefined ? `bundle (${how})` : `static assets (${how}; root ${(row.rootBytes / 1024).toFixed(0)} KiB in the bundle)`;
};
const buildCells = (row: ScaleRow) => [`${(row.build.wallMs / 1000).toFixed(0)} s${row.build.cached ? ` (run of ${row.build.date})` : ''}`, `${(row.build.maxRssMiB / 1024).toFixed(2)} GiB`];

function tableRow(row: ScaleRow): string[] {
  const [scifact, ...pages] = row.corpus.parts;
  const pageCount = pages.reduce((sum, p) => sum + p.files, 0).toLocaleString('en-US');
  const documentation = pages.length === 0 ? '' : pages.length === 1 ? ` + ${pageCount} ${pages[0].name} pages` : ` + ${pageCount} pages of ${pages.length} Debian documentation sets`;
  const composition = `${scifact.files.toLocaleString('en-US')} SciFact abstracts${documentation}`;
  const head = [row.spec.label, passagesOf(row), composition, storageOf(row)];
  const bundle = row.bundleGzip === undefined ? ['–', '–', '–'] : [mib(row.bundleGzip), mib(row.assets.bytes), row.assets.files.toLocaleString('en-US')];
  const s = row.search;
  const estimate = row.build.memoryEstimate === undefined ? '' : ` (estimate ${(row.build.memoryEstimate / MB).toFixed(0)} MB)`;
  const search = s ? [`${(s.memoryBytes / MB).toFixed(0)} MB${estimate}`, `${ms(s.coldMs)} ms`, `${ms(s.p50)} ms`, `${ms(s.p99)} ms`] : ['–', '–', '–', '–'];
  return [...head, ...bundle, ...search, ...buildCells(row)];
}

/** A target line: what, the figure, met or not — "not measured" when the run could not measure it (a refused build). */
const check = (what: string, value: number | undefined, ok: (v: number) => boolean, shown: (v: number) => string) => `${what}: ${value === undefined ? '**not measured**' : `${shown(value)} — ${verdict(ok(value))}`}`;

function targetLines(rows: ScaleRow[]): string[] {
  const byDefault = rows.filter((r) => r.storage === 'auto');
  const free = byDefault.find((r) => r.spec.passages === HTTP_CORPUS);
  const large = byDefault[byDefault.length - 1];
  const lines: string[] = [];
  if (free) {
    const t = TARGETS.free;
    const ratio = free.http ? free.http.searchP50 / free.http.healthP50 : undefined;
    lines.push(
      `- **${free.spec.label} on the free plan** (${passagesOf(free)} passages): ` +
        [
          check('bundle ≤ 3 MiB gzip', free.bundleGzip, (v) => v <= t.bundleGzip, mib),
          check(`warm p50 ≤ ${t.p50} ms`, free.search?.p50, (v) => v <= t.p50, (v) => `${ms(v)} ms`),
          check(`p99 ≤ ${t.p99} ms`, free.search?.p99, (v) => v <= t.p99, (v) => `${ms(v)} ms`),
          check(`HTTP search p50 ≤ ${t.httpRatio}× /health p50`, ratio, (v) => v <= t.httpRatio, (v) => `${v.toFixed(2)}×`),
          check('first search after start (wrangler dev) ≤ 1 s', free.http?.coldMs, (v) => v <= t.firstSearchMs, (v) => `${ms(v)} ms`),
          check('isolate memory ≤ 48 MB', free.search?.memoryBytes, (v) => v <= t.memory, (v) => `${(v / MB).toFixed(0)} MB`),
        ].join('; ') +
        '.',
    );
  }
  const t = TARGETS.large;
  const refusal = large.build.refused ? ` The build refused it: “${large.build.refused}”${large.search ? '; its search figures are those of the index it would have written, bundled, in-process' : ''}.` : '';
  lines.push(
    `- **${large.spec.label}** (${passagesOf(large)} passages): ` +
      [
        check('memory within 128 MB', large.search?.memoryBytes, (v) => v <= t.memory, (v) => `${(v / MB).toFixed(0)} MB`),
        check(`warm p50 ≤ ${t.p50} ms`, large.search?.p50, (v) => v <= t.p50, (v) => `${ms(v)} ms`),
        check(`p99 ≤ ${t.p99} ms`, large.search?.p99, (v) => v <= t.p99, (v) => `${ms(v)} ms`),
        check(`open (cold first search) ≤ ${t.openMs} ms`, large.search?.coldMs, (v) => v <= t.openMs, (v) => `${ms(v)} ms`),
        check('build ≤ 5 min', large.build.wallMs, (v) => v <= t.buildMs, (v) => `${(v / 1000).toFixed(0)} s`),
        check('peak RSS ≤ 3 GB', large.build.maxRssMiB * 1048576, (v) => v <= t.peakRss, (v) => `${(v / 1e9).toFixed(2)} GB`),
      ].join('; ') +
      `.${refusal}`,
  );
  return lines;
}

/** The `bench:scale` block of docs/bench.md. */
export function scaleBlock(rows: ScaleRow[], questions: number): string {
  const http = rows.filter((r) => r.http);
  return [
    '## Scale: 1k, 17k and 100k passages',
    '',
    `_Generated by \`npm run bench:scale\` (and \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}. Corpora (\`src/bench/scale-corpus.ts\`): SciFact's abstracts, then Debian's documentation packages as built HTML, in a fixed order and cut at whole pages, written as a folder \`build:index\` reads. Each built by \`build:index\` in a fresh process, with its default \`--storage auto\` (and the 17k one bundled too, as a baseline) (build time, peak RSS); a build of the same corpus by the same indexer code and model is reused from dist/bench-corpora, and then its figures are that run's. Bundle: what \`wrangler deploy --dry-run --outdir\` writes around the index (gzip, source maps excepted). Search in-process as the Worker runs it, index files read from disk instead of the ASSETS binding, over ${questions} SciFact questions (k = 5): cold = opening the index and answering the first question; warm = 3 rounds after one that reads the shards they touch. Memory: heap and buffers after answering them all, in a fresh process._`,
    '',
    ...table(['corpus', 'passages', 'of which', 'storage', 'Worker bundle (gzip)', 'asset bytes', 'asset files', 'memory after warm-up', 'cold first search', 'warm p50', 'warm p99', 'build time', 'build peak RSS'], rows.map(tableRow)),
    '',
    'Over HTTP: `wrangler dev` on loopback serving the index as deployed (the asset router and `run_worker_first`), the first /search after start, then 200 searches and /health in turn; and what a request for one of the index files answers (404: not downloadable).',
    '',
    ...table(
      ['corpus', 'passages', 'storage', 'first search after start', 'search p50', '/health p50', 'search / health', 'GET /_index/<file>'],
      http.map((r) => [r.spec.label, passagesOf(r), storageOf(r), `${ms(r.http!.coldMs)} ms`, `${ms(r.http!.searchP50)} ms`, `${ms(r.http!.healthP50)} ms`, `${(r.http!.searchP50 / r.http!.healthP50).toFixed(2)}×`, r.http!.indexFileStatus === undefined ? '– (no index files)' : String(r.http!.indexFileStatus)]),
    ),
    '',
    'Targets (issue 24), from this run:',
    '',
    ...targetLines(rows),
    '',
  ].join('\n');
}

/**
 * What makes the run fail (issue 24's "done when"): index files a served Worker lets anyone
 * download, and a Worker built by default (`--storage auto`) to serve over 10,000 passages that is
 * not under the free plan's 3 MiB.
 */
export function scaleFailures(rows: ScaleRow[]): string[] {
  const failures: string[] = [];
  for (const r of rows) {
    if (r.http?.indexFileStatus !== undefined && r.http.indexFileStatus !== 404) failures.push(`${r.spec.label}: GET /_index/<file> answered ${r.http.indexFileStatus}, not 404 — the index files can be downloaded`);
    // The default build only: the bundled baseline is over the plan by design.
    if (r.storage === 'auto' && (r.build.passages ?? 0) > 10_000 && r.bundleGzip !== undefined && r.bundleGzip > WORKER_LIMITS.freeBundleGzip) failures.push(`${r.spec.label}: the Worker serving ${passagesOf(r)} passages is ${mib(r.bundleGzip)} gzip, over the free plan's 3 MiB`);
  }
  return failures;
}

/** Puts a block into docs/bench.md, keeping the rest (`npm run bench` and `bench:scale` both write it). */
export function writeBenchBlock(name: string, block: string, doc = 'docs/bench.md'): void {
  writeFileSync(doc, replaceBlock(existsSync(doc) ? readFileSync(doc, 'utf8') : '', name, block));
}

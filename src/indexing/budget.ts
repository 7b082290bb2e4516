/**
 * What a Worker may hold (Cloudflare's published limits), shared by the bench and by the
 * indexer's summary: the bundle's gzip size per plan and the isolate's memory.
 */
import type { VectorPlacement } from '../core/artifact/index.js';

export const WORKER_LIMITS = {
  /** Free plan: 3 MiB gzip for the whole Worker (code, model and index). */
  freeBundleGzip: 3 * 1024 * 1024,
  /** Paid plan: 10 MiB gzip. */
  paidBundleGzip: 10 * 1024 * 1024,
  /** Memory per isolate. */
  memoryBytes: 128e6,
} as const;

/**
 * The Worker's code without model and index (Hono, zod, the MCP SDK, the app, page and widget), gzip: an
 * allowance for the build summary, which cannot bundle the Worker itself. `npm run bench` measures
 * the real figure and fails when it exceeds this allowance, so the estimate cannot go stale.
 */
export const WORKER_CODE_GZIP_ALLOWANCE = 320 * 1024;

export interface BundleEstimate {
  gzipBytes: number;
  free: boolean;
  paid: boolean;
}

/** Expected gzip size of the Worker serving an index: index + model files + code allowance. */
export function estimateBundle(indexGzip: number, modelGzip: number): BundleEstimate {
  const gzipBytes = indexGzip + modelGzip + WORKER_CODE_GZIP_ALLOWANCE;
  return { gzipBytes, free: gzipBytes <= WORKER_LIMITS.freeBundleGzip, paid: gzipBytes <= WORKER_LIMITS.paidBundleGzip };
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MiB`;

/**
 * One line for the build summary: the size, the verdict, and the fix when it does not fit
 * (`indexBundled`: the index is in the bundle, so moving it to static assets is a fix too). A build
 * whose vectors are already in Vectorize is never told to move them there: what is left to shrink
 * is the corpus (the lexical postings and passages grow with it).
 */
export function bundleVerdict(e: BundleEstimate, placement: VectorPlacement = 'bundled', indexBundled = false): string {
  const verdict = e.free ? 'fits the free plan (3 MiB)' : e.paid ? 'over the free plan (3 MiB), fits the paid plan (10 MiB)' : 'over both the free (3 MiB) and the paid (10 MiB) plans';
  return `Worker bundle ≈ ${mib(e.gzipBytes)} gzip: ${verdict}${e.free ? '' : `; ${shrinkAdvice(e, placement, indexBundled)}`}`;
}

function shrinkAdvice(e: BundleEstimate, placement: VectorPlacement, indexBundled: boolean): string {
  const trim = 'split the corpus or leave pages out (--exclude)';
  const assets = indexBundled ? 'put the index in Workers static assets: npm run build:index -- --storage assets (what the default, --storage auto, does); or ' : '';
  if (placement === 'vectorize') return `the vectors are already in Vectorize (--vectors vectorize); to shrink it, ${assets}${trim}`;
  return `to shrink it, ${assets}keep the vectors in Cloudflare Vectorize: npm run build:index -- --vectors vectorize${e.paid ? '' : ` (and ${trim})`}`;
}

/**
 * How an index is stored: in the Worker's bundle, or as Workers static assets beside it (the bundle
 * keeps code, model and a small root; docs/scaling.md). "auto" chooses the bundle when the whole
 * Worker fits the free plan, else static assets.
 */
export type StorageChoice = 'bundle' | 'assets' | 'auto';
export type Storage = Exclude<StorageChoice, 'auto'>;

export function chooseStorage(choice: StorageChoice, bundled: BundleEstimate): { storage: Storage; why: string } {
  if (choice !== 'auto') return { storage: choice, why: `--storage ${choice}` };
  return bundled.free
    ? { storage: 'bundle', why: `--storage auto: the Worker with the index bundled (≈ ${mib(bundled.gzipBytes)} gzip) fits the free plan's 3 MiB` }
    : { storage: 'assets', why: `--storage auto: the Worker with the index bundled would be ≈ ${mib(bundled.gzipBytes)} gzip, over the free plan's 3 MiB, so the index goes to static assets` };
}

/** The assets limits broken by these files, as build errors with the fix (empty when they fit). */
export function assetsLimitProblems(files: ReadonlyArray<{ name: string; bytes: number }>, limits: { files: number; fileBytes: number }): string[] {
  const problems: string[] = [];
  if (files.length > limits.files) {
    problems.push(`the index is ${files.length.toLocaleString('en-US')} files, over the ${limits.files.toLocaleString('en-US')} files a Worker's static assets may hold; index fewer pages (--exclude) or keep the vectors in Cloudflare Vectorize (--vectors vectorize)`);
  }
  for (const f of files.filter((file) => file.bytes > limits.fileBytes)) {
    problems.push(`index file ${f.name} is ${mib(f.bytes)}, over the ${mib(limits.fileBytes)} a static asset may weigh; keep the vectors and graph in Cloudflare Vectorize (--vectors vectorize) or index fewer pages (--exclude)`);
  }
  return problems;
}

/** What a warmed-up isolate holds for an index, by part (every file loaded once). */
export interface MemoryEstimate {
  bytes: number;
  fits: boolean;
  /** The parts, for the refusal's numbers. */
  parts: Record<'vectors' | 'graph' | 'postings' | 'terms' | 'records' | 'model' | 'runtime', number>;
}

/**
 * An allowance for the runtime and the Worker's code in the heap (Hono, zod, the MCP SDK) before an
 * index is opened; `npm run bench` measures an isolate's heap after warm-up beside this estimate.
 */
export const RUNTIME_HEAP_ALLOWANCE = 12e6;

/**
 * Typed arrays count their bytes: vectors, graph, postings, the term dictionary (and its idf, 8
 * bytes a term), and the passage records, which stay UTF-8 bytes until a question reads one
 * (`passageBytes`: all of them bundled, the budget of passage files kept for static assets). The
 * documents, parsed from JSON at open, count twice their UTF-8 size, for UTF-16 strings and object
 * overhead — a rule of thumb the bench checks.
 */
export function estimateMemory(sizes: { vectors: number; graph: number; postings: number; terms: number; passageBytes: number; documentJson: number; model: number }): MemoryEstimate {
  const parts = { vectors: sizes.vectors, graph: sizes.graph, postings: sizes.postings, terms: sizes.terms, records: sizes.passageBytes + 2 * sizes.documentJson, model: sizes.model, runtime: RUNTIME_HEAP_ALLOWANCE };
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
  return { bytes, fits: bytes <= WORKER_LIMITS.memoryBytes, parts };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** The refusal of an index that would not fit an isolate: the numbers and the way out. */
export function memoryRefusal(e: MemoryEstimate, vectorsElsewhere: boolean): string {
  const shown = Object.entries(e.parts).map(([part, bytes]) => `${part} ${mb(bytes)}`).join(', ');
  const way = vectorsElsewhere
    ? 'the passages themselves are too many for one Worker: split the site into several indexes (one Worker each) or index fewer pages (--exclude)'
    : 'keep the vectors and graph in Cloudflare Vectorize (--vectors vectorize, docs/scaling.md), or index fewer pages (--exclude)';
  return `the index would take ≈ ${mb(e.bytes)} of the isolate's ${mb(WORKER_LIMITS.memoryBytes)} once warm (${shown}): ${way}`;
}

/** One line for the build summary of an index in static assets. */
export function assetsVerdict(files: ReadonlyArray<{ bytes: number }>, limits: { files: number; fileBytes: number }): string {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const largest = files.reduce((n, f) => Math.max(n, f.bytes), 0);
  return `static assets: ${files.length.toLocaleString('en-US')} files, ${mib(total)} (largest ${mib(largest)}), within the ${limits.files.toLocaleString('en-US')} files of ${mib(limits.fileBytes)} each a Worker may serve`;
}

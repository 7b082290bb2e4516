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
 * One line for the build summary: the size, the verdict, and the fix when it does not fit. A build
 * whose vectors are already in Vectorize is never told to move them there: what is left to shrink
 * is the corpus (the lexical postings and passages grow with it).
 */
export function bundleVerdict(e: BundleEstimate, placement: VectorPlacement = 'bundled'): string {
  const verdict = e.free ? 'fits the free plan (3 MiB)' : e.paid ? 'over the free plan (3 MiB), fits the paid plan (10 MiB)' : 'over both the free (3 MiB) and the paid (10 MiB) plans';
  return `Worker bundle ≈ ${mib(e.gzipBytes)} gzip: ${verdict}${e.free ? '' : `; ${shrinkAdvice(e, placement)}`}`;
}

function shrinkAdvice(e: BundleEstimate, placement: VectorPlacement): string {
  const trim = 'split the corpus or leave pages out (--exclude)';
  if (placement === 'vectorize') return `the vectors are already in Vectorize (--vectors vectorize); to shrink it, ${trim}`;
  return `to shrink it, keep the vectors in Cloudflare Vectorize: npm run build:index -- --vectors vectorize${e.paid ? '' : ` (and ${trim})`}`;
}

/**
 * What a Worker may hold (Cloudflare's published limits), shared by the bench and by the
 * indexer's summary: the bundle's gzip size per plan and the isolate's memory.
 */
export const WORKER_LIMITS = {
  /** Free plan: 3 MiB gzip for the whole Worker (code, model and index). */
  freeBundleGzip: 3 * 1024 * 1024,
  /** Paid plan: 10 MiB gzip. */
  paidBundleGzip: 10 * 1024 * 1024,
  /** Memory per isolate. */
  memoryBytes: 128e6,
} as const;

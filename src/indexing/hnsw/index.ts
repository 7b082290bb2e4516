/**
 * Builds the HNSW graph with hnswlib-node (native, offline only) over unit vectors with inner
 * product, deterministically (fixed seed, points added in order, one thread).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { HnswParams } from '../../core/artifact/index.js';
import type { HnswGraph } from '../../core/vector/hnsw.js';
import { dequantize, type QuantizedVectors } from '../../core/vector/index.js';
import { readHnswlibGraph } from './export.js';

export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 200, seed: 100, space: 'ip' };

export type NativeHnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** Progress every this many points (a callback per point would cost more than it tells). */
const PROGRESS_EVERY = 1000;

export function buildHnsw(vectors: Float32Array[], dims: number, params: HnswParams = DEFAULT_HNSW, onProgress?: (done: number, total: number) => void): NativeHnsw {
  const index = new hnswlib.HierarchicalNSW(params.space, dims);
  index.initIndex(Math.max(1, vectors.length), params.M, params.efConstruction, params.seed);
  vectors.forEach((v, i) => {
    index.addPoint(Array.from(v), i);
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === vectors.length) onProgress?.(i + 1, vectors.length);
  });
  return index;
}

export interface StoredGraph {
  /** What the Worker walks (`HnswVectorStore`). */
  graph: HnswGraph;
  /** hnswlib's own file of the same index. */
  file: Buffer;
  /** The native index, for comparisons; ask it with `prepareQuery(vectors, q)`. */
  native: NativeHnsw;
}

/**
 * The graph over the vectors exactly as the Worker scores them (int8, dequantised, in the
 * rotated space), read back from the file hnswlib saves.
 */
export function buildStoredGraph(vectors: QuantizedVectors, params: HnswParams = DEFAULT_HNSW, onProgress?: (done: number, total: number) => void): StoredGraph {
  const { dims } = vectors;
  const flat = dequantize(vectors);
  const rows = Array.from({ length: flat.length / dims }, (_, i) => flat.subarray(i * dims, (i + 1) * dims));
  const native = buildHnsw(rows, dims, params, onProgress);
  const dir = mkdtempSync(join(tmpdir(), 'semantic-search-hnsw-'));
  try {
    native.writeIndexSync(join(dir, 'index.hnsw'));
    const file = readFileSync(join(dir, 'index.hnsw'));
    return { graph: readHnswlibGraph(file), file, native };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the HNSW graph with hnswlib-node (native, offline only) over unit vectors with inner
 * product, deterministically (fixed seed, points added in order, one thread).
 */
import hnswlib from 'hnswlib-node';
import type { HnswParams } from '../../core/artifact/index.js';

export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 200, seed: 100, space: 'ip' };

export type NativeHnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

export function buildHnsw(vectors: Float32Array[], dims: number, params: HnswParams = DEFAULT_HNSW): NativeHnsw {
  const index = new hnswlib.HierarchicalNSW(params.space, dims);
  index.initIndex(Math.max(1, vectors.length), params.M, params.efConstruction, params.seed);
  vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
  return index;
}

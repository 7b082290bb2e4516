/**
 * Embeds passages offline through `@xenova/transformers`, fully offline: the static model is
 * packaged on disk (see model/package.ts) and remote loading is switched off.
 */
import { dirname, basename, resolve } from 'node:path';
import { env, pipeline } from '@xenova/transformers';

export interface PassageEmbedder {
  embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export const EMBED_BATCH = 64;

/** `packageDir` is a folder written by `writeTransformersPackage`. */
export async function loadPassageEmbedder(packageDir: string): Promise<PassageEmbedder> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(resolve(packageDir))}/`;
  const extractor = await pipeline('feature-extraction', basename(packageDir), { quantized: true });
  return {
    async embed(texts, onBatch) {
      // Batches of similar length: padding to the longest text of a batch is what costs (every
      // padded position is looked up and pooled over). Results come back in input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
      const out = new Array<Float32Array>(texts.length);
      for (let i = 0; i < order.length; i += EMBED_BATCH) {
        const ids = order.slice(i, i + EMBED_BATCH);
        const tensor = await extractor(ids.map((id) => texts[id]), { pooling: 'mean', normalize: true });
        const [rows, cols] = tensor.dims as [number, number];
        const data = tensor.data as Float32Array;
        for (let r = 0; r < rows; r++) out[ids[r]] = data.slice(r * cols, (r + 1) * cols);
        onBatch?.(Math.min(i + EMBED_BATCH, texts.length), texts.length);
      }
      return out;
    },
  };
}

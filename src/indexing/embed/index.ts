/**
 * Embeds passages offline through `@xenova/transformers`, fully offline: the static model is
 * packaged on disk (see model/package.ts) and remote loading is switched off.
 */
import { dirname, basename, resolve } from 'node:path';
import { env, pipeline, Tensor } from '@xenova/transformers';

export interface PassageEmbedder {
  embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export const EMBED_BATCH = 64;

/** The slice of transformers.js' feature-extraction pipeline this file drives step by step. */
interface ExtractionParts {
  tokenizer: (texts: string[], options: { padding: boolean; truncation: boolean }) => { attention_mask: { data: BigInt64Array; dims: number[] } };
  model: (inputs: unknown) => Promise<{ last_hidden_state: { data: Float32Array; dims: number[] } }>;
}

/**
 * Mean over the positions the attention mask keeps, accumulated in float64 in position order —
 * the arithmetic of transformers.js' `mean_pooling`, so the vectors are bit-identical to
 * `pipeline(…)(texts, { pooling: 'mean' })` (a test holds that). Written here because the
 * library's loop converts one BigInt per element *and per dimension*, padding included: that
 * conversion was 90% of SciFact's indexing time. Skipping masked positions is exact: they add ±0.
 */
export function meanPool(hidden: Float32Array, dims: readonly number[], mask: BigInt64Array): Float32Array {
  const [batch, length, width] = dims;
  const pooled = new Float32Array(batch * width);
  const sum = new Float64Array(width);
  for (let row = 0; row < batch; row++) {
    sum.fill(0);
    let count = 0;
    for (let position = 0; position < length; position++) {
      if (mask[row * length + position] === 0n) continue;
      count++;
      const at = (row * length + position) * width;
      for (let k = 0; k < width; k++) sum[k] += hidden[at + k];
    }
    for (let k = 0; k < width; k++) pooled[row * width + k] = sum[k] / count;
  }
  return pooled;
}

/** `packageDir` is a folder written by `writeTransformersPackage`. */
export async function loadPassageEmbedder(packageDir: string): Promise<PassageEmbedder> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(resolve(packageDir))}/`;
  const extractor = (await pipeline('feature-extraction', basename(packageDir), { quantized: true })) as unknown as ExtractionParts;
  return {
    async embed(texts, onBatch) {
      // Batches of similar length: padding to the longest text of a batch is what costs (every
      // padded position is looked up). Results come back in input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
      const out = new Array<Float32Array>(texts.length);
      for (let i = 0; i < order.length; i += EMBED_BATCH) {
        const ids = order.slice(i, i + EMBED_BATCH);
        // The pipeline's own steps: tokenise (padding, truncation), run the ONNX graph, pool, normalise.
        const inputs = extractor.tokenizer(ids.map((id) => texts[id]), { padding: true, truncation: true });
        const { last_hidden_state: hidden } = await extractor.model(inputs);
        const width = hidden.dims[2];
        const pooled = meanPool(hidden.data, hidden.dims, inputs.attention_mask.data);
        const normalised = new Tensor('float32', pooled, [ids.length, width]).normalize(2, -1).data as Float32Array;
        for (let r = 0; r < ids.length; r++) out[ids[r]] = normalised.slice(r * width, (r + 1) * width);
        onBatch?.(Math.min(i + EMBED_BATCH, texts.length), texts.length);
      }
      return out;
    },
  };
}

/**
 * Embeds texts offline through `@xenova/transformers`, fully offline: a model folder on disk
 * (the static model packaged by model/package.ts, or a real encoder such as the teacher) and
 * remote loading switched off.
 */
import { dirname, basename, resolve } from 'node:path';
import { env, pipeline, Tensor } from '@xenova/transformers';

export interface PassageEmbedder {
  embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /**
   * Each vocabulary token alone, as the model sees it between its start and end tokens
   * ([CLS] t [SEP]), pooled over those positions: the token prior of a distillation (Model2Vec).
   */
  embedTokens(ids: number[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export const EMBED_BATCH = 64;
/** Token-prior batches: three positions each, so many fit one run. */
const TOKEN_BATCH = 512;

/** The slice of transformers.js' feature-extraction pipeline this file drives step by step. */
interface TokenizerOutput {
  input_ids: { data: BigInt64Array; dims: number[] };
  attention_mask: { data: BigInt64Array; dims: number[] };
  token_type_ids?: { data: BigInt64Array; dims: number[] };
}

interface ExtractionParts {
  tokenizer: ((texts: string[], options: { padding: boolean; truncation: boolean }) => TokenizerOutput) & {
    sep_token_id?: number;
    cls_token_id?: number;
  };
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

/**
 * transformers.js (v2) truncates a sequence after adding its special tokens, so a long text loses
 * its closing [SEP]; Hugging Face's tokenizers truncate the content and keep it. Puts the end token
 * back on every row whose last kept token is not it, so long passages get the vectors the model's
 * own library gives (the port check in `npm run fetch:teacher` holds this).
 */
export function restoreEndToken(ids: BigInt64Array, mask: BigInt64Array, dims: readonly number[], endId: number): void {
  const [batch, length] = dims;
  const end = BigInt(endId);
  for (let row = 0; row < batch; row++) {
    let last = length - 1;
    while (last > 0 && mask[row * length + last] === 0n) last--;
    if (ids[row * length + last] !== end) ids[row * length + last] = end;
  }
}

/** The first position of each row (the [CLS] token): BERT-style models trained for CLS pooling (bge). */
export function clsPool(hidden: Float32Array, dims: readonly number[]): Float32Array {
  const [batch, length, width] = dims;
  const pooled = new Float32Array(batch * width);
  for (let row = 0; row < batch; row++) pooled.set(hidden.subarray(row * length * width, row * length * width + width), row * width);
  return pooled;
}

export interface EmbedderOptions {
  /** How token states become one vector (the model's sentence-transformers pooling). */
  pooling: 'mean' | 'cls';
  /** Load onnx/model_quantized.onnx (true) or onnx/model.onnx (false). */
  quantized: boolean;
  /**
   * Truncate as the model's own library does, keeping the end token (real encoders), or exactly as
   * transformers.js does (the static model, whose Worker tokenizer reproduces transformers.js).
   */
  keepEndToken: boolean;
}

/** The static model as `writeTransformersPackage` writes it. */
export const STATIC_MODEL_EMBEDDING: EmbedderOptions = { pooling: 'mean', quantized: true, keepEndToken: false };
/** A real sentence encoder (a teacher, or a model given to `build:index -- --model`). */
export const ENCODER_EMBEDDING: EmbedderOptions = { pooling: 'mean', quantized: false, keepEndToken: true };

/** `modelDir` is a transformers.js model folder (config.json, tokenizer files, onnx/). */
export async function loadPassageEmbedder(modelDir: string, options: EmbedderOptions = STATIC_MODEL_EMBEDDING): Promise<PassageEmbedder> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(resolve(modelDir))}/`;
  const extractor = (await pipeline('feature-extraction', basename(modelDir), { quantized: options.quantized })) as unknown as ExtractionParts;
  // Models whose tokenizer closes every sequence with a separator ([SEP], </s>).
  const endToken = options.keepEndToken ? extractor.tokenizer.sep_token_id : undefined;
  const run = async (inputs: TokenizerOutput, rows: number) => {
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const width = hidden.dims[2];
    const pooled = options.pooling === 'cls' ? clsPool(hidden.data, hidden.dims) : meanPool(hidden.data, hidden.dims, inputs.attention_mask.data);
    const normalised = new Tensor('float32', pooled, [rows, width]).normalize(2, -1).data as Float32Array;
    // A text none of whose tokens carries a vector (all pruned from the static model) pools to zero,
    // which normalising turns into NaN: keep it zero, as the Worker's encoder does (a zero vector
    // matches nothing; a NaN would poison every score it is compared with).
    for (let i = 0; i < normalised.length; i++) if (Number.isNaN(normalised[i])) normalised[i] = 0;
    return Array.from({ length: rows }, (_, r) => normalised.slice(r * width, (r + 1) * width));
  };
  return {
    async embedTokens(ids, onBatch) {
      const { cls_token_id: start, sep_token_id: end } = extractor.tokenizer;
      const framed = (id: number) => [...(start === undefined ? [] : [start]), id, ...(end === undefined ? [] : [end])];
      const width = framed(0).length;
      const out: Float32Array[] = [];
      for (let i = 0; i < ids.length; i += TOKEN_BATCH) {
        const batch = ids.slice(i, i + TOKEN_BATCH);
        const data = BigInt64Array.from(batch.flatMap(framed), BigInt);
        const dims = [batch.length, width];
        const inputs: TokenizerOutput = {
          input_ids: new Tensor('int64', data, dims) as unknown as TokenizerOutput['input_ids'],
          attention_mask: new Tensor('int64', new BigInt64Array(data.length).fill(1n), dims) as unknown as TokenizerOutput['attention_mask'],
          token_type_ids: new Tensor('int64', new BigInt64Array(data.length), dims) as unknown as TokenizerOutput['input_ids'],
        };
        out.push(...(await run(inputs, batch.length)));
        onBatch?.(Math.min(i + TOKEN_BATCH, ids.length), ids.length);
      }
      return out;
    },
    async embed(texts, onBatch) {
      // Batches of similar length: padding to the longest text of a batch is what costs (every
      // padded position is looked up). Results come back in input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
      const out = new Array<Float32Array>(texts.length);
      for (let i = 0; i < order.length; i += EMBED_BATCH) {
        const ids = order.slice(i, i + EMBED_BATCH);
        // The pipeline's own steps: tokenise (padding, truncation), run the ONNX graph, pool, normalise.
        const inputs = extractor.tokenizer(ids.map((id) => texts[id]), { padding: true, truncation: true });
        if (endToken !== undefined) restoreEndToken(inputs.input_ids.data, inputs.attention_mask.data, inputs.input_ids.dims, endToken);
        (await run(inputs, ids.length)).forEach((v, r) => (out[ids[r]] = v));
        onBatch?.(Math.min(i + EMBED_BATCH, texts.length), texts.length);
      }
      return out;
    },
  };
}

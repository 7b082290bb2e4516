/**
 * The Worker-side text encoder: tokenise → look up → mean → normalise. Mirrors what
 * transformers.js computes over the exported ONNX graph with `{ pooling: 'mean', normalize: true }`.
 * Hand-written: it is the product's core and must stay tiny.
 */
import type { StaticModelWeights } from '../model/index.js';
import type { Tokenizer } from '../tokenizer/index.js';

/** Questions and passages may be encoded differently (prefixes of asymmetric models such as e5 or bge). */
export type EncodeRole = 'query' | 'passage';

/** Texts with a model's prefix in front (bge's instruction, e5's "query: "/"passage: "); as they are without one. */
export function withPrefix(texts: string[], prefix: string): string[] {
  return prefix ? texts.map((t) => prefix + t) : texts;
}

/**
 * What the search core needs of a question encoder (the platform's TextEncoder is another thing):
 * the bundled static model in the Worker, Workers AI, or a transformers.js model in Node.
 */
export interface QueryEncoder {
  readonly dims: number;
  /** What encodes, for /health: e.g. "static static-all-minilm-l6-v2-…" or "workers-ai @cf/baai/bge-small-en-v1.5". */
  readonly name: string;
  /** Unit-length vectors, one per text, in order (all zeros for a text with no tokens). Batched: one call per search stage. */
  embed(texts: string[], role: EncodeRole): Promise<Float32Array[]>;
  /**
   * Whether a lower-case word is everyday (whole in the model's vocabulary): how "no answer" tells
   * an unseen paraphrase from an unseen name. Encoders without a vocabulary at hand leave it out.
   */
  readonly isEverydayWord?: (word: string) => boolean;
}

export class StaticEncoder implements QueryEncoder {
  readonly dims: number;
  readonly name: string;

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly weights: StaticModelWeights,
    modelId = 'static model',
  ) {
    if (tokenizer.vocabSize !== weights.vocabSize) {
      throw new Error(`encoder: tokenizer has ${tokenizer.vocabSize} pieces but weights have ${weights.vocabSize}`);
    }
    this.dims = weights.dims;
    this.name = `static ${modelId}`;
  }

  readonly isEverydayWord = (word: string): boolean => this.tokenizer.hasWord(word);

  /** The static model is symmetric (no prefixes) and runs in microseconds: no batching needed. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.encode(t));
  }

  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  encode(text: string): Float32Array {
    return this.pool(this.tokenize(text));
  }

  /** Mean of the token vectors, normalised (the mean's 1/n cancels in the normalisation). */
  pool(ids: number[]): Float32Array {
    const { dims, scales, table } = this.weights;
    const sum = new Float64Array(dims);
    for (const id of ids) {
      const scale = scales[id];
      const row = id * dims;
      for (let d = 0; d < dims; d++) sum[d] += scale * table[row + d];
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sum[d] * sum[d];
    const out = new Float32Array(dims);
    if (norm === 0) return out;
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[d] = sum[d] * inv;
    return out;
  }
}

/**
 * The Worker-side text encoder: tokenise → look up → mean → normalise. Mirrors what
 * transformers.js computes over the exported ONNX graph with `{ pooling: 'mean', normalize: true }`.
 * Hand-written: it is the product's core and must stay tiny.
 */
import type { StaticModelWeights } from '../model/index.js';
import type { Tokenizer } from '../tokenizer/index.js';

/** What the search core needs of a question encoder (the platform's TextEncoder is another thing). */
export interface QueryEncoder {
  readonly dims: number;
  /** Token ids, exactly as transformers.js would produce them. */
  tokenize(text: string): number[];
  /** Unit-length vector, or all zeros when the text has no tokens. */
  encode(text: string): Float32Array;
}

export class StaticEncoder implements QueryEncoder {
  readonly dims: number;

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly weights: StaticModelWeights,
  ) {
    if (tokenizer.vocabSize !== weights.vocabSize) {
      throw new Error(`encoder: tokenizer has ${tokenizer.vocabSize} pieces but weights have ${weights.vocabSize}`);
    }
    this.dims = weights.dims;
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

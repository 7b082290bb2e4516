/**
 * Questions encoded by Workers AI, for an index built offline with the transformers.js port of the
 * same model (`npm run build:index -- --model Xenova/bge-small-en-v1.5`): the standard Cloudflare
 * pattern of indexing with the model that serves queries. The pairs live in core/model/encoders.ts.
 */
import { withPrefix, type EncodeRole, type QueryEncoder } from '../../core/encoder/index.js';
import { workersAiPair, type EncoderIdentity } from '../../core/model/encoders.js';
import { ApiError } from '../errors/index.js';

/** The part of the `Ai` binding this encoder uses (text embedding models). */
export interface WorkersAiRunner {
  run(model: string, input: { text: string[]; pooling?: 'mean' | 'cls' }): Promise<unknown>;
}

export class WorkersAiEncoder implements QueryEncoder {
  readonly dims: number;
  readonly name: string;

  constructor(
    private readonly ai: WorkersAiRunner,
    private readonly model: string,
    private readonly identity: EncoderIdentity,
  ) {
    this.dims = identity.dims;
    this.name = `workers-ai ${model}`;
  }

  async embed(texts: string[], role: EncodeRole): Promise<Float32Array[]> {
    const prefix = role === 'query' ? this.identity.query_prefix : this.identity.passage_prefix;
    let output: unknown;
    try {
      // Workers AI pools bge by mean unless told otherwise: ask for the pooling the index was built with.
      output = await this.ai.run(this.model, { text: withPrefix(texts, prefix), pooling: this.identity.pooling });
    } catch (error) {
      throw new ApiError('QUERY_ENCODER_UNAVAILABLE', `Workers AI (${this.model}) did not answer (${error instanceof Error ? error.message : String(error)}); retry later`);
    }
    const data = (output as { data?: unknown }).data;
    if (!Array.isArray(data) || data.length !== texts.length) {
      throw new ApiError('QUERY_ENCODER_UNAVAILABLE', `Workers AI (${this.model}) answered without one embedding per text`);
    }
    return data.map((row: unknown) => {
      if (!Array.isArray(row) || row.length !== this.dims) {
        throw new ApiError('INDEX_MODEL_MISMATCH', `Workers AI (${this.model}) gives ${Array.isArray(row) ? row.length : 'no'} dimensions but the index was built with ${this.identity.id} (${this.dims}); rebuild the index with the matching model`);
      }
      return normalised(row as number[]);
    });
  }
}

/** The Workers AI encoder for an index, when Workers AI serves its model and the binding is there. */
export function workersAiEncoder(ai: WorkersAiRunner | undefined, identity: EncoderIdentity): WorkersAiEncoder | undefined {
  const model = workersAiPair(identity);
  return ai && model ? new WorkersAiEncoder(ai, model, identity) : undefined;
}

/** Unit length, as the index's vectors are (inner product is then cosine). */
function normalised(row: number[]): Float32Array {
  const v = Float32Array.from(row);
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= Math.sqrt(norm);
  return v;
}

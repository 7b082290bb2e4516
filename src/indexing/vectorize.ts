/**
 * The artifact's vectors as Vectorize records (NDJSON, the format `wrangler vectorize insert`
 * reads): one line per passage, its id and its vector dequantised in the rotated space. The
 * Worker's `VectorizeStore` rotates queries the same way, so the `dot-product` scores Vectorize
 * returns are exactly those of the bundled vector stores.
 */
import type { IndexArtifact } from '../core/artifact/index.js';
import { dequantize } from '../core/vector/index.js';

/** Vectorize's limit on a vector id, in bytes. */
export const VECTORIZE_MAX_ID_BYTES = 64;

export function vectorizeRecords(artifact: Pick<IndexArtifact, 'passages' | 'vectors'>): string {
  const { dims } = artifact.vectors;
  const long = artifact.passages.find((p) => Buffer.byteLength(p.id) > VECTORIZE_MAX_ID_BYTES);
  if (long) throw new Error(`passage id ${JSON.stringify(long.id)} is over Vectorize's ${VECTORIZE_MAX_ID_BYTES}-byte limit on ids; shorten the article's file name`);
  const rows = dequantize(artifact.vectors);
  return artifact.passages.map((p, i) => `${JSON.stringify({ id: p.id, values: Array.from(rows.subarray(i * dims, (i + 1) * dims)) })}\n`).join('');
}

/** What to run to create, fill and bind the Vectorize index (printed by the CLI scripts). */
export function vectorizeInstructions(file: string, dims: number, name = 'semantic-search'): string {
  return `  npx wrangler vectorize create ${name} --dimensions=${dims} --metric=dot-product
  npx wrangler vectorize insert ${name} --file=${file}

and in wrangler.toml:

  [[vectorize]]
  binding = "VECTORIZE"
  index_name = "${name}"

The Worker then asks Vectorize for passage vectors and the bundle for everything else.`;
}

/** Loads the committed static model from disk into the same encoder the Worker uses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StaticEncoder } from '../../core/encoder/index.js';
import { decodeModelWeights, type ModelManifest } from '../../core/model/index.js';
import { createTokenizer, type TokenizerJson } from '../../core/tokenizer/index.js';
import { toArrayBuffer } from '../../core/bytes.js';

/** The committed static model: the Worker bundles it, and the indexer embeds with it unless told otherwise. */
export const DEFAULT_MODEL_DIR = 'src/core/model/assets';

export function loadModelManifest(modelDir: string): ModelManifest {
  return JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest;
}

export function loadStaticEncoder(modelDir: string): StaticEncoder {
  const manifest = loadModelManifest(modelDir);
  const bytes = readFileSync(join(modelDir, 'weights.bin'));
  const weights = decodeModelWeights(toArrayBuffer(bytes));
  const spec = JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  return new StaticEncoder(createTokenizer(spec, { maxLength: manifest.max_length }), weights);
}

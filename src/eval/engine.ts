/** Opens the same search engine the Worker runs, from files on disk (for eval and bench). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchEngine } from '../core/search/index.js';
import { openEngine } from '../core/search/open.js';
import { DEFAULT_MODEL_DIR } from '../indexing/index.js';
import { loadModelManifest } from '../indexing/model/load.js';
import { toArrayBuffer } from '../core/bytes.js';


/** An engine around index bytes (from disk or built in memory) and the model on disk. */
export function openEngineWithIndex(index: Uint8Array, modelDir = DEFAULT_MODEL_DIR): SearchEngine {
  return openEngine({
    index: toArrayBuffer(index),
    weights: toArrayBuffer(readFileSync(join(modelDir, 'weights.bin'))),
    tokenizer: JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
    modelManifest: loadModelManifest(modelDir),
  });
}

export function openEngineFromDisk(indexDir = 'dist/index', modelDir = DEFAULT_MODEL_DIR): SearchEngine {
  return openEngineWithIndex(readFileSync(join(indexDir, 'index.bin')), modelDir);
}

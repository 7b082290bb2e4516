/** Opens the same search engine the Worker runs, from the files on disk (for eval and bench). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelManifest } from '../core/model/index.js';
import type { SearchEngine } from '../core/search/index.js';
import { openEngine } from '../core/search/open.js';

const arrayBuffer = (path: string) => {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

export function openEngineFromDisk(indexDir = 'dist/index', modelDir = 'src/core/model/assets'): SearchEngine {
  return openEngine({
    index: arrayBuffer(join(indexDir, 'index.bin')),
    weights: arrayBuffer(join(modelDir, 'weights.bin')),
    tokenizer: JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
    modelManifest: JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest,
  });
}

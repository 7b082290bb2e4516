/** The index artifact and model files, bundled into the Worker as modules by Wrangler. */
import index from '../../dist/index/index.bin';
import modelManifest from '../core/model/assets/manifest.json';
import tokenizer from '../core/model/assets/tokenizer.json';
import weights from '../core/model/assets/weights.bin';
import type { ModelManifest } from '../core/model/index.js';
import type { Bundle } from '../core/search/open.js';

export const bundle: Bundle = { index, weights, tokenizer, modelManifest: modelManifest as ModelManifest };

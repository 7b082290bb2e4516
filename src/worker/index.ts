/**
 * Worker entry point: the Hono app around the index and model bundled as modules.
 * `npm run build:index` must have written dist/index/ first (npm start and npm test do).
 */
import indexBin from '../../dist/index/index.bin';
import modelManifest from '../core/model/assets/manifest.json';
import tokenizer from '../core/model/assets/tokenizer.json';
import weights from '../core/model/assets/weights.bin';
import type { ModelManifest } from '../core/model/index.js';
import { createApp } from './app.js';
import { engineLoader } from './engine/index.js';

const app = createApp(engineLoader(() => ({ index: indexBin, weights, tokenizer, modelManifest: modelManifest as ModelManifest })));

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;

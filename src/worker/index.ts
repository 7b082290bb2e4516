/**
 * Worker entry point: the Hono app around the index and model bundled as modules.
 * `npm run build:index` must have written dist/index/ first (npm start and npm test do).
 */
import { createApp } from './app.js';
import { bundle } from './bundle.js';
import { engineLoader } from './engine/index.js';

const app = createApp(engineLoader(() => bundle));

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;

/** GET /health: what is being served — model, index build, counts. 503 when the index is unusable. */
import { Hono } from 'hono';
import type { SearchEngine } from '../../core/search/index.js';
import type { AppEnv } from '../validation.js';

export function healthRoutes(getEngine: () => SearchEngine) {
  const app = new Hono<AppEnv>();
  app.get('/health', (c) => {
    const { manifest } = getEngine().artifact;
    return c.json({
      status: 'ok',
      model: manifest.model,
      build_id: manifest.build_id,
      documents: manifest.counts.documents,
      passages: manifest.counts.passages,
      format_version: manifest.format_version,
    });
  });
  return app;
}

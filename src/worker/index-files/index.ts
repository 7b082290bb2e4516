/**
 * The index files of an index in static assets (/_index/*) are not downloadable by default: every
 * request runs the Worker first (wrangler.toml: run_worker_first), and this route answers 404 as for
 * any unknown path — unless the owner sets INDEX_FILES_PUBLIC = "true", when they are served as they are.
 */
import { Hono } from 'hono';
import { INDEX_ASSETS_PREFIX } from '../../core/storage/format.js';
import type { AppEnv } from '../types.js';

/** The owner's opt-in (a var absent from wrangler.toml by default, so not in the generated Env). */
function indexFilesPublic(env: Env | undefined): boolean {
  return (env as { INDEX_FILES_PUBLIC?: string } | undefined)?.INDEX_FILES_PUBLIC === 'true';
}

export function indexFileRoutes() {
  const app = new Hono<AppEnv>();
  // Not public: on to the app's own 404 (NOT_FOUND), as for any path it does not have, whatever the method.
  app.all(`/${INDEX_ASSETS_PREFIX}/*`, async (c, next) => (indexFilesPublic(c.env) && c.env?.ASSETS && (c.req.method === 'GET' || c.req.method === 'HEAD') ? c.env.ASSETS.fetch(c.req.raw) : next()));
  return app;
}

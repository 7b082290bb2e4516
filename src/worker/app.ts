/**
 * The Hono application: routes, error mapping and response headers. Independent of how the engine
 * is loaded, so tests can build it around any index.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import { corsFromEnv } from './cors.js';
import type { EngineSource } from './engine/index.js';
import { ApiError, asApiError } from './errors/index.js';
import { healthRoutes } from './health/index.js';
import { indexFileRoutes } from './index-files/index.js';
import { mcpRoutes } from './mcp/index.js';
import { passageRoutes } from './passages/index.js';
import { rateLimit } from './rate-limit.js';
import { searchRoutes } from './search/index.js';
import type { AppEnv } from './types.js';
import { uiRoutes } from './ui/index.js';

export function createApp(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use('*', corsFromEnv);
  // A known path with the wrong method: 405 with the route's methods in Allow (Hono reads its own route table).
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const allow = [...methods].sort().join(', ');
        return errorResponse(c, new ApiError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path}; use ${allow}`, { Allow: allow }));
      },
    }),
  );
  app.use('/search', rateLimit);
  app.use('/mcp', rateLimit);
  app.route('/', uiRoutes());
  app.route('/', searchRoutes(getEngine));
  app.route('/', healthRoutes(getEngine));
  app.route('/', passageRoutes(getEngine));
  app.route('/', mcpRoutes(getEngine));
  app.route('/', indexFileRoutes());
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Semantic search', version: '1.0.0', description: 'Ranked passages with exact citations from a bundled index.' },
  });

  app.notFound((c) => errorResponse(c, new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}; see /openapi.json for the API`)));

  // One mapping from what was thrown to the catalogue (errors/index.ts), as Hono does with HTTPException.
  app.onError((error, c) => errorResponse(c, asApiError(error)));
  return app;
}

function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body(), error.status);
}

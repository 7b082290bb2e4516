/**
 * The Hono application: routes, error mapping and response headers. Independent of how the engine
 * is loaded, so tests can build it around any index.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { EngineSource } from './engine/index.js';
import { ApiError } from './errors/index.js';
import { healthRoutes } from './health/index.js';
import { passageRoutes } from './passages/index.js';
import { corsFromEnv } from './cors.js';
import { rateLimit } from './rate-limit.js';
import { uiRoutes } from './ui/index.js';
import { searchRoutes } from './search/index.js';
import type { AppEnv } from './validation.js';

/** Routes and their methods, for 405 answers with an Allow header (Hono itself answers 404). */
const ROUTES: Array<{ pattern: RegExp; methods: string[] }> = [
  { pattern: /^\/search\/?$/, methods: ['GET', 'HEAD', 'POST'] },
  { pattern: /^\/health\/?$/, methods: ['GET', 'HEAD'] },
  { pattern: /^\/passages\/[^/]+\/?$/, methods: ['GET', 'HEAD'] },
  { pattern: /^\/openapi\.json$/, methods: ['GET', 'HEAD'] },
  { pattern: /^\/(?:widget\.js|page\.css)?$/, methods: ['GET', 'HEAD'] },
];

export function createApp(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use('*', corsFromEnv);
  app.use('/search', rateLimit);
  app.route('/', uiRoutes(getEngine));
  app.route('/', searchRoutes(getEngine));
  app.route('/', healthRoutes(getEngine));
  app.route('/', passageRoutes(getEngine));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Semantic search', version: '1.0.0', description: 'Ranked passages with exact citations from a bundled index.' },
  });

  app.notFound((c) => {
    const route = ROUTES.find((r) => r.pattern.test(c.req.path));
    if (route) {
      return errorResponse(c, new ApiError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path}; use ${route.methods.join(', ')}`, { Allow: route.methods.join(', ') }));
    }
    return errorResponse(c, new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}; see /openapi.json for the API`));
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      return errorResponse(c, new ApiError('INVALID_PARAMETER', error.message || 'invalid request'));
    }
    console.error('unexpected error', error);
    return errorResponse(c, new ApiError('INTERNAL', 'an unexpected error occurred; it has been logged'));
  });
  return app;
}

function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body(), error.status);
}

/**
 * CORS for the API, so the widget works on other sites: allowed origins come from the CORS_ORIGINS
 * var ("*" by default — the API is read-only), preflight for POST with a JSON body is answered,
 * and responses vary by Origin so caches never mix answers for different sites.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './validation.js';

export const corsFromEnv: MiddlewareHandler<AppEnv> = async (c, next) => {
  const configured = (c.env?.CORS_ORIGINS ?? '*').trim();
  const origins = configured === '*' ? '*' : configured.split(',').map((o) => o.trim()).filter(Boolean);
  const middleware = cors({
    origin: origins === '*' ? '*' : (origin) => (origins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Accept'],
    maxAge: 86400,
  });
  // A preflight is answered by the middleware itself; everything else goes through the app.
  const preflight = await middleware(c, next);
  const res = preflight ?? c.res;
  if (!/\borigin\b/i.test(res.headers.get('Vary') ?? '')) res.headers.append('Vary', 'Origin');
  return preflight ?? undefined;
};

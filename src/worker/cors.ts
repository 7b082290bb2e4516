/**
 * CORS for the API, so the widget works on other sites: allowed origins come from the CORS_ORIGINS
 * var ("*" by default — the API is read-only), preflight for POST with a JSON body is answered,
 * and responses vary by Origin so caches never mix answers for different sites (Hono's cors adds
 * `Vary: Origin` whenever `origin` is a function). One middleware instance for the app; the var
 * is read per request because bindings only exist then.
 */
import { cors } from 'hono/cors';

/** CORS_ORIGINS → the origin to allow for this request's Origin, or null. */
export function allowedOrigin(origin: string, configured: string | undefined): string | null {
  const list = (configured ?? '*').trim();
  if (list === '*') return '*';
  return list.split(',').some((o) => o.trim() === origin) ? origin : null;
}

export const corsFromEnv = cors({
  origin: (origin, c) => allowedOrigin(origin, (c.env as Partial<Env> | undefined)?.CORS_ORIGINS),
  allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
  // Mcp-Protocol-Version lets browser-based agents call /mcp (Streamable HTTP) like /search. The
  // server is stateless and POST-only: no session id to send or expose, no stream to resume.
  allowHeaders: ['Content-Type', 'Accept', 'Mcp-Protocol-Version'],
  maxAge: 86400,
});

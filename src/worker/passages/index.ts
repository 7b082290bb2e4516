/**
 * GET /passages/:id — one passage with its citation and its neighbours in the document: JSON for
 * API clients, an HTML view for browsers following a citation link (negotiated on Accept).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { accepts } from 'hono/accepts';
import { excerptOf } from '../../core/records.js';
import type { PassageContext } from '../../core/search/index.js';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import { CitationSchema, jsonError } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { PAGE_CSP } from '../ui/index.js';
import { validationHook } from '../validation.js';
import { passageView } from './view.js';

/** Neighbours shown on each side of the cited passage. */
export const CONTEXT_PASSAGES = 1;

const Neighbour = z.object({ id: z.string(), text: z.string(), citation: CitationSchema }).nullable();
const PassageSchema = z
  .object({ id: z.string(), text: z.string(), citation: CitationSchema, previous: Neighbour, next: Neighbour })
  .openapi('Passage');

const route = createRoute({
  method: 'get',
  path: '/passages/{id}',
  request: {
    params: z.object({ id: z.string().min(1).max(300).openapi({ description: 'A passage id from /search results: "<doc_id>:<n>".', example: '000_fb1452945c771ba1:1' }) }),
    query: z.object({}).strict(),
  },
  responses: {
    200: {
      description: 'The passage with the passages before and after it: JSON, or an HTML page when the client prefers text/html',
      content: { 'application/json': { schema: PassageSchema }, 'text/html': { schema: z.string() } },
    },
    404: jsonError('No such passage'),
  },
});

/** A passage in context as JSON (also the MCP `get_passage` tool's answer). */
export function passageJson(context: PassageContext) {
  const neighbour = (n: PassageContext['before'][number]) => ({ id: n.passage.id, text: n.passage.text, citation: n.citation });
  return {
    id: context.passage.id,
    text: context.passage.text,
    excerpt: excerptOf(context.passage),
    citation: context.citation,
    before: context.before.map(neighbour),
    after: context.after.map(neighbour),
  };
}

export function passageRoutes(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook([]) });
  app.openapi(route, (c) => {
    const { id } = c.req.valid('param');
    const context = getEngine(c.env).context(id, CONTEXT_PASSAGES);
    if (!context) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${id}"; ids look like "<doc_id>:<n>" and come from /search results`);
    // Browsers ask for text/html first; API clients, curl (*/*) and fetch() get JSON.
    if (accepts(c, { header: 'Accept', supports: ['application/json', 'text/html'], default: 'application/json' }) === 'text/html') {
      c.header('Content-Security-Policy', PAGE_CSP);
      return c.html(passageView(context), 200);
    }
    const { text, citation, before, after } = passageJson(context);
    return c.json({ id, text, citation, previous: before.at(-1) ?? null, next: after[0] ?? null }, 200);
  });
  return app;
}

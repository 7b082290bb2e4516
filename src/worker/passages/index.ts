/**
 * GET /passages/:id — one passage with its citation and its neighbours in the document: JSON for
 * API clients, an HTML view for browsers following a citation link (negotiated on Accept).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { accepts } from 'hono/accepts';
import type { PassageContext } from '../../core/search/index.js';
import { citedPassage, type PassageInContext } from '../../core/search/results.js';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import { jsonError, PassageInContextSchema } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { PAGE_CSP } from '../ui/index.js';
import { validationHook } from '../validation.js';
import { passageView } from './view.js';

/** Neighbours shown on each side of the cited passage. */
export const CONTEXT_PASSAGES = 1;

const route = createRoute({
  method: 'get',
  path: '/passages/{id}',
  request: {
    params: z.object({ id: z.string().min(1).max(300).openapi({ description: 'A passage id from /search results: "<doc_id>:<n>".', example: '000_fb1452945c771ba1:1' }) }),
    query: z.object({}).strict(),
  },
  responses: {
    200: {
      description: `The passage with the ${CONTEXT_PASSAGES} passage(s) before and after it in its document: JSON, or an HTML page (the excerpts, code as code) when the client prefers text/html`,
      content: { 'application/json': { schema: PassageInContextSchema }, 'text/html': { schema: z.string() } },
    },
    404: jsonError('No such passage'),
  },
});

/** A passage in context as JSON: the body of /passages/:id and the MCP `get_passage` tool's answer. */
export function passageJson(context: PassageContext): PassageInContext {
  return {
    ...citedPassage(context.passage, context.document),
    before: context.before.map((n) => citedPassage(n.passage, context.document)),
    after: context.after.map((n) => citedPassage(n.passage, context.document)),
  };
}

export function passageRoutes(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook([]) });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const context = await (await getEngine(c.env)).passageContext(id, CONTEXT_PASSAGES);
    if (!context) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${id}"; ids look like "<doc_id>:<n>" and come from /search results`);
    // Browsers ask for text/html first; API clients, curl (*/*) and fetch() get JSON.
    if (accepts(c, { header: 'Accept', supports: ['application/json', 'text/html'], default: 'application/json' }) === 'text/html') {
      c.header('Content-Security-Policy', PAGE_CSP);
      return c.html(passageView(context), 200);
    }
    return c.json(passageJson(context), 200);
  });
  return app;
}

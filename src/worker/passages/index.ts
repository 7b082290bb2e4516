/** GET /passages/:id — one passage with its citation and its neighbours in the document. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import { CitationSchema, ErrorSchema } from '../search/schema.js';
import { validationHook, type AppEnv } from '../validation.js';

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
    200: { description: 'The passage with the passages before and after it', content: { 'application/json': { schema: PassageSchema } } },
    404: { description: 'No such passage', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function passageRoutes(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook([]) });
  app.openapi(route, (c) => {
    const engine = getEngine(c.env);
    const { id } = c.req.valid('param');
    const index = engine.passageIndex(id);
    if (index < 0) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${id}"; ids look like "<doc_id>:<n>" and come from /search results`);
    const { passage } = engine.passage(index);
    const context = (i: number) => {
      if (i < 0 || i >= engine.artifact.passages.length || engine.artifact.passages[i].doc !== passage.doc) return null;
      const p = engine.artifact.passages[i];
      return { id: p.id, text: p.text, citation: engine.citation(i) };
    };
    return c.json({ id: passage.id, text: passage.text, citation: engine.citation(index), previous: context(index - CONTEXT_PASSAGES), next: context(index + CONTEXT_PASSAGES) }, 200);
  });
  return app;
}

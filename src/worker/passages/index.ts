/** GET /passages/:id — one passage with its citation and its neighbours in the document. */
import { Hono } from 'hono';
import type { SearchEngine } from '../../core/search/index.js';
import { ApiError } from '../errors/index.js';
import type { AppEnv } from '../validation.js';

export const CONTEXT_PASSAGES = 1;

export function passageRoutes(getEngine: () => SearchEngine) {
  const app = new Hono<AppEnv>();
  app.get('/passages/:id', (c) => {
    const engine = getEngine();
    const id = c.req.param('id');
    const index = engine.passageIndex(id);
    if (index < 0) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${id}"; ids look like "<doc_id>:<n>" and come from /search results`);
    const { passage } = engine.passage(index);
    const context = (i: number) => {
      if (i < 0 || i >= engine.artifact.passages.length || engine.artifact.passages[i].doc !== passage.doc) return null;
      const p = engine.artifact.passages[i];
      return { id: p.id, text: p.text, citation: engine.citation(i) };
    };
    return c.json({
      id: passage.id,
      text: passage.text,
      citation: engine.citation(index),
      previous: context(index - CONTEXT_PASSAGES),
      next: context(index + CONTEXT_PASSAGES),
    });
  });
  return app;
}

/** GET /health: what is being served — model, index build, counts, where the index is stored, vector search. 503 when the index is unusable. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DEFAULT_OPTIONS } from '../../core/search/index.js';
import type { EngineSource } from '../engine/index.js';
import { json, jsonError } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { validationHook } from '../validation.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    model: z
      .object({
        id: z.string(),
        hash: z.string(),
        dims: z.number().int(),
        kind: z.enum(['static', 'transformers']),
        pooling: z.enum(['mean', 'cls']),
        query_prefix: z.string(),
        passage_prefix: z.string(),
      })
      .openapi({ description: 'The model the index was built with (its passage vectors).' }),
    query_encoder: z.string().openapi({ description: 'What encodes questions: the bundled static model, or Workers AI for an index built with a bge model.', example: 'static static-all-minilm-l6-v2-fit-128d-16k' }),
    build_id: z.string(),
    documents: z.number().int(),
    passages: z.number().int(),
    format_version: z.number().int(),
    storage: z.enum(['bundle', 'assets']).openapi({ description: '"bundle": the whole index is in the Worker bundle; "assets": the bundle holds its root and the records and postings load on demand from Workers static assets (built with --storage assets, or auto when the bundle would be over the free plan).', example: 'bundle' }),
    vector_search: z.string().openapi({ description: '"exact" scan or "hnsw" graph over the bundled vectors, or "vectorize" with a VECTORIZE binding', example: 'exact' }),
    calibration: z
      .object({
        weights: z.record(z.string(), z.number()).openapi({ description: 'Logistic weights of the evidence: fitted (cosine, coverage, unseen, margin) and set (names: unseen names, log-odds per name).' }),
        bias: z.number(),
        fitted_on: z.object({ questions: z.number().int(), probes: z.number().int() }).openapi({ description: "How many of the corpus's own pseudo-questions and off-domain probes it was fitted on (0: too small a corpus; every confidence is 0.5)." }),
        in_sample: z.object({ questions_flagged: z.number(), probes_answered: z.number() }),
      })
      .openapi({ description: 'How this index turns evidence into `confidence`, fitted when it was built.' }),
    ranking: z
      .object({
        ratio: z.number().openapi({ description: "The hybrid ratio /search uses when a request gives none: chosen for this index when it was built (0.5 for a documentation site, 0.3 otherwise; 0.3 for an index built before the choice)." }),
        rare_term_cap: z.number().nullable().openapi({ description: 'BM25: no query word weighs more than this many times the mean idf of the question (null: no cap).' }),
        split_items: z.boolean().openapi({ description: 'Lists and tables were cut into passages at their items and rows.' }),
        code_only_factor: z.number().openapi({ description: 'A passage that is (nearly) all code ranks at this share of its score (1: as any other).' }),
      })
      .openapi({ description: 'The ranking defaults recorded in the index manifest.' }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  request: { query: z.object({}).strict() },
  responses: {
    200: json('The index being served', HealthSchema),
    503: jsonError('Index unavailable or built with another model'),
  },
});

export function healthRoutes(getEngine: EngineSource) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook([]) });
  app.openapi(route, async (c) => {
    const engine = await getEngine(c.env);
    const { manifest } = engine.artifact;
    return c.json(
      {
        status: 'ok' as const,
        model: manifest.model,
        query_encoder: engine.encoder.name,
        build_id: manifest.build_id,
        documents: manifest.counts.documents,
        passages: manifest.counts.passages,
        format_version: manifest.format_version,
        storage: engine.storage,
        vector_search: engine.vectors.kind,
        calibration: manifest.calibration,
        ranking: { ratio: engine.indexDefaults.ratio ?? DEFAULT_OPTIONS.ratio, rare_term_cap: manifest.lexical.rareTermCap ?? null, split_items: manifest.chunking.split_items ?? false, code_only_factor: engine.indexDefaults.codeOnlyFactor ?? DEFAULT_OPTIONS.codeOnlyFactor },
      },
      200,
    );
  });
  return app;
}

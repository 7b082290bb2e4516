/** Request and response schemas of /search: they validate requests and generate the OpenAPI. */
import { z } from '@hono/zod-openapi';
import { MAX_FILTER_CHARS } from '../../core/metadata/index.js';
import { DEFAULT_OPTIONS, MAX_K } from '../../core/search/index.js';
import { CitedPassageFields, Ranges } from '../schemas.js';
import { choiceOf, choiceRule, mustBe, numberIn, type NumberRange } from '../validation.js';

export const DEFAULT_MAX_QUERY_CHARS = 512;
/** With `group=page`: passages shown under each page unless `per_doc` says otherwise, and the most it may say. */
export const DEFAULT_PAGE_PASSAGES = 3;
export const MAX_PAGE_PASSAGES = 5;
/** Most fields `facets` may count at once. */
const MAX_FACETS = 20;

const q = z.string({ error: mustBe('must be the question, e.g. ?q=how+do+I+install') }).openapi({ description: `The question, 1..${DEFAULT_MAX_QUERY_CHARS} characters after trimming (limit configurable with MAX_QUERY_CHARS).`, example: 'What did Putin and Kim sign?' });
const d = DEFAULT_OPTIONS;

/** A decimal number as a query string writes it: `5`, `-1`, `0.5`, `.5`, `1e3`; not `0x10`, ` 5`, `Infinity`. */
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The search options, once for both transports: query strings carry text (decimal numbers,
 * booleans "true"/"false", facets comma-separated), JSON bodies carry typed values. Unknown keys
 * are rejected; so is an empty facet list (an empty value is an error, never a default).
 */
function searchOptions(transport: 'query' | 'json') {
  // Not z.coerce.number(): it reads "" as 0 and "0x10" as 16.
  // A query string's text that is no decimal number stays text, which numberIn refuses with its rule.
  const number = (range: NumberRange) => (transport === 'query' ? z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), numberIn(range)) : numberIn(range));
  const boolean = () => (transport === 'query' ? choiceOf(['true', 'false']).transform((v) => v === 'true') : z.boolean({ error: mustBe(choiceRule(['true', 'false'])) }));
  const facetList = z
    .array(z.string({ error: mustBe('must be field names') }).min(1, { error: 'a field name is empty' }), { error: mustBe('must be a list of field names') })
    .min(1, { error: 'empty; give at least one field name or leave the parameter out' })
    .max(MAX_FACETS, { error: `at most ${MAX_FACETS} field names` });
  return z
    .object({
      q,
      k: number({ min: 1, max: MAX_K, whole: true }).default(d.k).openapi({ description: `Number of passages, 1..${MAX_K} (with \`group=page\`: number of pages).`, example: 5 }),
      group: choiceOf(['page'])
        .optional()
        .openapi({ description: `\`page\`: answer pages, each with its best passages (at most \`per_doc\`, default ${DEFAULT_PAGE_PASSAGES}, up to ${MAX_PAGE_PASSAGES}), in \`pages\` instead of \`results\`; \`k\` counts pages. Left out: ranked passages.` }),
      mode: choiceOf(['hybrid', 'semantic', 'lexical']).default(d.mode).openapi({ description: 'hybrid fuses semantic (vectors) and lexical (BM25) rankings.' }),
      fusion: choiceOf(['weighted', 'zscore', 'rrf']).default(d.fusion).openapi({ description: 'Hybrid fusion: weighted sum of min-max-normalised scores, of scores in standard deviations (zscore), or reciprocal-rank fusion.' }),
      ratio: number({ min: 0, max: 1 })
        .optional()
        .openapi({ description: `Semantic share of the hybrid score (0 = lexical only, 1 = semantic only). Default: the index's own, chosen when it was built (/health's ranking.ratio: 0.5 for a documentation site, ${d.ratio} otherwise).` }),
      per_doc: number({ min: 0, max: MAX_K, whole: true })
        .default(d.perDoc)
        .openapi({ description: `At most this many passages per document (0 = no limit; with \`group=page\`, 0 means ${DEFAULT_PAGE_PASSAGES} and at most ${MAX_PAGE_PASSAGES} are allowed).` }),
      min_score: number({ min: -1, max: 1000 }).default(d.minScore).openapi({ description: 'Drop results whose score is below this (same scale as `score`).' }),
      min_confidence: number({ min: 0, max: 1 }).default(d.minConfidence).openapi({ description: '`answerable` is `confidence ≥ min_confidence`: raise it to stay silent unless sure, lower it to answer more often.' }),
      filter: z
        .string({ error: mustBe('must be a filter expression') })
        .max(MAX_FILTER_CHARS, { error: `at most ${MAX_FILTER_CHARS} characters` })
        .optional()
        .openapi({ description: 'Search only documents whose metadata match, e.g. `tags = routing AND (version >= 2 OR path STARTS WITH "guide/")` — grammar in the README ("Filters").', example: 'tags IN [news, analysis]' }),
      facets: (transport === 'query' ? z.string().transform((v) => v.split(',').map((f) => f.trim())).pipe(facetList) : facetList)
        .optional()
        .openapi({ description: 'Fields to count values of over the matching passages (GET: comma-separated; POST: an array).', example: 'tags,category' }),
      dedupe: boolean().default(d.dedupe).openapi({ description: 'Drop near-duplicate passages (cosine ≥ 0.95 to a better result).' }),
    })
    .strict();
}

/** Query-string variant. */
export const SearchQuerySchema = searchOptions('query');
/** JSON body variant. */
export const SearchBodySchema = searchOptions('json');

export type SearchParams = z.infer<typeof SearchBodySchema>;

const Offsets = {
  start: z.number().int().openapi({ description: 'Offset in the passage text.' }),
  end: z.number().int(),
  source_start: z.number().int().openapi({ description: 'Offset in the source file: source.slice(source_start, source_end) === text.' }),
  source_end: z.number().int(),
};

export const HighlightsSchema = z
  .object({
    terms: z.array(z.object({ text: z.string(), ...Offsets })).openapi({ description: 'Query terms found in the passage.' }),
    sentence: z.object({ text: z.string(), ...Offsets }).nullable().openapi({ description: 'The sentence that best matches the question.' }),
    excerpt_terms: Ranges.openapi({ description: 'Ranges [start, end) of `excerpt` holding a query term: marks for the reader\'s view.' }),
  })
  .openapi('Highlights');

export const SearchResultSchema = z
  .object({
    rank: z.number().int(),
    score: z.number(),
    ...CitedPassageFields,
    scores: z
      .object({ semantic: z.number().nullable(), lexical: z.number().nullable(), fused: z.number().nullable() })
      .openapi({ description: 'Component scores: cosine, BM25, and the fused score (null when the mode did not compute it: fused is null outside hybrid mode).' }),
    highlights: HighlightsSchema,
  })
  .openapi('SearchResult');

/** What every /search answer has, ranked passages or ranked pages. */
const AnswerFields = {
  query: z.string(),
  k: z.number().int(),
  took_ms: z.number(),
  answerable: z.boolean().openapi({ description: 'False when the corpus most likely does not answer the question (confidence < min_confidence), or when no passage came back.' }),
  confidence: z.number().openapi({ description: "0..1: the probability that the corpus answers the question, calibrated for this index when it was built (see /health's calibration)." }),
  facets: z
    .record(z.string(), z.record(z.string(), z.number().int()))
    .optional()
    .openapi({ description: 'Only with `facets`: per field, value → number of matching passages (the most frequent 100).', example: { tags: { news: 12, analysis: 3 } } }),
};

export const PageResultSchema = z
  .object({
    rank: z.number().int(),
    score: z.number().openapi({ description: "Its best passage's score." }),
    doc_id: z.string(),
    source: z.string().openapi({ description: 'Path of the source file relative to the indexed folder.' }),
    title: z.string(),
    url: z.string().nullable().openapi({ description: 'The page URL without a section anchor, when the index was built with --base-url.' }),
    results: z.array(SearchResultSchema).openapi({ description: 'Its best passages, best first: the results, ranks and citations of an ungrouped search with the same per_doc.' }),
  })
  .openapi('PageResult');

export const PassagesResponseSchema = z.object({ ...AnswerFields, results: z.array(SearchResultSchema) }).openapi('PassagesResponse');

export const PagesResponseSchema = z
  .object({ ...AnswerFields, group: z.literal('page'), pages: z.array(PageResultSchema).openapi({ description: 'Ranked pages, at most `k`.' }) })
  .openapi('PagesResponse');

export const SearchResponseSchema = z.union([PassagesResponseSchema, PagesResponseSchema]).openapi('SearchResponse');

/** The body of a 200 from /search, and the structured content of the MCP `search` tool. */
export type PassagesResponse = z.infer<typeof PassagesResponseSchema>;
export type PagesResponse = z.infer<typeof PagesResponseSchema>;
export type SearchResponse = PassagesResponse | PagesResponse;

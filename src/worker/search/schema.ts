/** Request and response schemas of /search: they validate requests and generate the OpenAPI. */
import { z } from '@hono/zod-openapi';
import { DEFAULT_K, MAX_K } from '../../core/search/index.js';

export const DEFAULT_MAX_QUERY_CHARS = 512;

const q = z.string().openapi({ description: `The question, 1..${DEFAULT_MAX_QUERY_CHARS} characters after trimming (limit configurable with MAX_QUERY_CHARS).`, example: 'What did Putin and Kim sign?' });

/** Query-string variant: every value arrives as a string. */
export const SearchQuerySchema = z
  .object({
    q,
    k: z.coerce.number().int().min(1).max(MAX_K).default(DEFAULT_K).openapi({ description: `Number of passages, 1..${MAX_K}.`, example: 5 }),
  })
  .strict();

/** JSON body variant of the same options. */
export const SearchBodySchema = z
  .object({
    q,
    k: z.number().int().min(1).max(MAX_K).default(DEFAULT_K).openapi({ description: `Number of passages, 1..${MAX_K}.`, example: 5 }),
  })
  .strict();

export type SearchParams = z.infer<typeof SearchBodySchema>;

export const CitationSchema = z
  .object({
    doc_id: z.string(),
    source: z.string().openapi({ description: 'Path of the source file as indexed.' }),
    title: z.string(),
    author: z.string().nullable(),
    section: z.string().nullable(),
    paragraph: z.number().int().openapi({ description: '1-based paragraph of the document where the passage starts.' }),
    char_start: z.number().int().openapi({ description: 'Offset (UTF-16 code units) of the passage in the source text.' }),
    char_end: z.number().int().openapi({ description: 'End offset (exclusive): source.slice(char_start, char_end) === text.' }),
  })
  .openapi('Citation');

export const SearchResultSchema = z
  .object({
    rank: z.number().int(),
    score: z.number(),
    id: z.string().openapi({ description: 'Passage id; GET /passages/{id} shows it in context.' }),
    text: z.string(),
    citation: CitationSchema,
  })
  .openapi('SearchResult');

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    k: z.number().int(),
    took_ms: z.number(),
    results: z.array(SearchResultSchema),
  })
  .openapi('SearchResponse');

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

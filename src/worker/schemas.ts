/**
 * Schemas and OpenAPI pieces more than one route uses. The response shapes are those of
 * core/search/results.ts (`Citation`, `CitedPassage`, `PassageInContext`): test/worker/contract.test.ts
 * checks at compile time that what these schemas infer is exactly those types.
 */
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

/** An OpenAPI response whose body is JSON of `schema`. */
export function json<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** An OpenAPI error response (the catalogue's `{ error: { code, message } }`). */
export const jsonError = (description: string) => json(description, ErrorSchema);

export const CitationSchema = z
  .object({
    doc_id: z.string(),
    source: z.string().openapi({ description: 'Path of the source file relative to the indexed folder.' }),
    title: z.string(),
    author: z.string().nullable(),
    section: z.string().nullable(),
    heading_path: z.array(z.string()).openapi({ description: 'Headings from the top of the page down to the section (empty for plain text).' }),
    url: z.string().nullable().openapi({ description: 'The page URL with the section anchor, when the index was built with --base-url.' }),
    paragraph: z.number().int().openapi({ description: '1-based paragraph of the document where the passage starts.' }),
    char_start: z.number().int().openapi({ description: 'Offset (UTF-16 code units) of the passage in the source text.' }),
    char_end: z.number().int().openapi({ description: 'End offset (exclusive): source.slice(char_start, char_end) === text.' }),
  })
  .openapi('Citation');

/** Ranges of `excerpt`, as pairs: `[start, end)`. */
export const Ranges = z.array(z.tuple([z.number().int(), z.number().int()]));

/** The fields every passage the API shows has: in search results and in context. */
export const CitedPassageFields = {
  id: z.string().openapi({ description: 'Passage id; GET /passages/{id} shows it in context.' }),
  text: z.string().openapi({ description: 'The passage exactly as in the source: source.slice(char_start, char_end).' }),
  excerpt: z.string().openapi({ description: 'The passage as a reader should see it: Markdown/HTML markup removed (equal to text for plain text).' }),
  excerpt_code: Ranges.openapi({ description: 'Ranges [start, end) of `excerpt` that are code, to show in a monospace font (empty for plain text).' }),
  citation: CitationSchema,
};

export const CitedPassageSchema = z.object(CitedPassageFields).openapi('CitedPassage');

export const PassageInContextSchema = z
  .object({
    ...CitedPassageFields,
    before: z.array(CitedPassageSchema).openapi({ description: 'The passages just before it in the same document, in document order.' }),
    after: z.array(CitedPassageSchema).openapi({ description: 'The passages just after it in the same document, in document order.' }),
  })
  .openapi('PassageInContext');

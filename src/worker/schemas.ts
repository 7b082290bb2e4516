/** Schemas and OpenAPI pieces more than one route uses. */
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

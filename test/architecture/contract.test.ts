/**
 * One response contract: the result, citation and passage-in-context shapes are declared once, in
 * core/search/results.ts (pages too, for group=page). The API's zod schemas (and so /openapi.json and the MCP output schemas)
 * and the widget's published types must infer exactly those: checked by the type-checker (npm test
 * runs tsc over the tests), so a field added in one place and not the others fails the build.
 */
import type { z } from '@hono/zod-openapi';
import { describe, expectTypeOf, it } from 'vitest';
import type { Citation, PageResult, PassageInContext, SearchResult } from '../../src/core/search/results.js';
import { CitationSchema, PassageInContextSchema } from '../../src/worker/schemas.js';
import type { PageResultSchema, PagesResponse, PassagesResponse, SearchResultSchema } from '../../src/worker/search/schema.js';
import type { SemanticSearchPage, SemanticSearchResult, SemanticSearchResultsDetail } from '../../src/worker/ui/semantic-search.js';

describe('the response contract', () => {
  it('has the API schemas infer exactly the core types', () => {
    expectTypeOf<z.infer<typeof SearchResultSchema>>().toEqualTypeOf<SearchResult>();
    expectTypeOf<z.infer<typeof CitationSchema>>().toEqualTypeOf<Citation>();
    expectTypeOf<z.infer<typeof PassageInContextSchema>>().toEqualTypeOf<PassageInContext>();
    expectTypeOf<z.infer<typeof PageResultSchema>>().toEqualTypeOf<PageResult>();
    expectTypeOf<PassagesResponse['results'][number]>().toEqualTypeOf<SearchResult>();
    expectTypeOf<PagesResponse['pages'][number]>().toEqualTypeOf<PageResult>();
  });

  it('publishes widget types equal to the API result', () => {
    expectTypeOf<SemanticSearchResult>().toEqualTypeOf<SearchResult>();
    expectTypeOf<SemanticSearchResultsDetail['results'][number]>().toEqualTypeOf<SearchResult>();
    expectTypeOf<SemanticSearchPage>().toEqualTypeOf<PageResult>();
    expectTypeOf<SemanticSearchResultsDetail['pages'][number]>().toEqualTypeOf<PageResult>();
  });

  it('keeps the schemas usable at run time', () => {
    expectTypeOf(PassageInContextSchema.parse).returns.toEqualTypeOf<PassageInContext>();
    expectTypeOf(CitationSchema.shape.url).not.toBeNever();
  });
});

/**
 * Metadata filters and facets: a filter string is parsed (parse.ts), checked against the index's
 * fields and compiled to a predicate over documents (match.ts); the search keeps only passages of
 * matching documents before ranking, so `k` results still come back. Facets (facets.ts) count
 * values over the passages that matched.
 */
export { parseFilter, FilterSyntaxError, MAX_FILTER_CHARS, type Filter, type Scalar } from './parse.js';
export { compileFilter, documentFields, fieldValues, compareValues, FilterFieldError, BUILT_IN_FIELDS } from './match.js';
export { countFacets, MAX_FACET_VALUES, type FacetCounts } from './facets.js';

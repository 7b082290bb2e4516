/** Facet counts: for each requested field, how many of the matching passages carry each value. */
import type { DocumentRecord } from '../records.js';
import { fieldValues } from './match.js';

/** At most this many values per field, the most frequent first. */
export const MAX_FACET_VALUES = 100;

export type FacetCounts = Record<string, Record<string, number>>;

export function countFacets(fields: readonly string[], passageDocs: Iterable<DocumentRecord>): FacetCounts {
  const counts = new Map(fields.map((f) => [f, new Map<string, number>()]));
  for (const doc of passageDocs) {
    for (const [field, values] of counts) {
      // A passage counts once per distinct value (a list holding a tag twice is one passage).
      for (const v of new Set(fieldValues(doc, field).map(String))) values.set(v, (values.get(v) ?? 0) + 1);
    }
  }
  return Object.fromEntries(
    [...counts].map(([field, values]) => [
      field,
      Object.fromEntries([...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_FACET_VALUES)),
    ]),
  );
}

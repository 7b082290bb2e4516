/**
 * Which documents a filter keeps. A document's fields are its front matter plus four built-ins:
 * `path` (its source, relative to the input root), `format`, `title` and `doc_id`. A list field
 * (tags) matches when one of its items does. Numbers compare as numbers, ISO dates as dates, other
 * text case-insensitively; `STARTS WITH` is exact (paths are case-sensitive).
 */
import type { DocumentRecord } from '../records.js';
import type { Filter, Scalar } from './parse.js';

export const BUILT_IN_FIELDS = ['path', 'format', 'title', 'doc_id'] as const;

/** A filter naming a field no document has: the message lists the fields there are. */
export class FilterFieldError extends Error {
  override name = 'FilterFieldError';
}

/** Every field a filter or facet may name in this index, sorted. */
export function documentFields(documents: DocumentRecord[]): string[] {
  const fields = new Set<string>(BUILT_IN_FIELDS);
  for (const d of documents) for (const key of Object.keys(d.metadata ?? {})) fields.add(key);
  return [...fields].sort();
}

/** The scalar values of a field (a list's items; nested objects are not filterable). */
export function fieldValues(doc: DocumentRecord, field: string): Scalar[] {
  const raw: unknown =
    field === 'path' ? doc.source : field === 'format' ? doc.format : field === 'title' ? doc.title : field === 'doc_id' ? doc.doc_id : doc.metadata?.[field];
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((v): Scalar[] => (typeof v === 'string' || typeof v === 'number' ? [v] : typeof v === 'boolean' ? [String(v)] : []));
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** Orders two values: numerically, as dates, or as case-folded text — whichever both read as. */
export function compareValues(a: Scalar, b: Scalar): number {
  const [x, y] = [String(a), String(b)];
  if (NUMBER.test(x) && NUMBER.test(y)) return Number(x) - Number(y);
  if (ISO_DATE.test(x) && ISO_DATE.test(y)) return Date.parse(x) - Date.parse(y);
  const [u, v] = [x.toLowerCase(), y.toLowerCase()];
  return u < v ? -1 : u > v ? 1 : 0;
}

/** Checks field names against the index, then returns the predicate over documents. */
export function compileFilter(filter: Filter, fields: readonly string[]): (doc: DocumentRecord) => boolean {
  const known = new Set(fields);
  const check = (f: Filter): void => {
    if (f.op === 'not') return check(f.of);
    if ('of' in f) return f.of.forEach(check);
    if (!known.has(f.field)) throw new FilterFieldError(`filter: no document has a field "${f.field}"; the fields of this index are ${fields.join(', ')}`);
  };
  check(filter);
  return (doc) => matches(filter, doc);
}

function matches(f: Filter, doc: DocumentRecord): boolean {
  switch (f.op) {
    case 'and':
      return f.of.every((g) => matches(g, doc));
    case 'or':
      return f.of.some((g) => matches(g, doc));
    case 'not':
      return !matches(f.of, doc);
    case 'exists':
      return fieldValues(doc, f.field).length > 0;
    case 'ne':
      return !fieldValues(doc, f.field).some((v) => compareValues(v, f.value) === 0);
    case 'prefix':
      return fieldValues(doc, f.field).some((v) => String(v).startsWith(f.value));
    case 'in':
      return fieldValues(doc, f.field).some((v) => f.values.some((w) => compareValues(v, w) === 0));
    case 'range':
      return fieldValues(doc, f.field).some((v) => compareValues(v, f.from) >= 0 && compareValues(v, f.to) <= 0);
    default: {
      const { op, value } = f;
      return fieldValues(doc, f.field).some((v) => {
        const c = compareValues(v, value);
        return op === 'eq' ? c === 0 : op === 'lt' ? c < 0 : op === 'le' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
      });
    }
  }
}

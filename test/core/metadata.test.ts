/**
 * Metadata filters and facets (src/core/metadata): the grammar, its errors, and — property-based —
 * that the compiled filter agrees with a brute-force evaluation written independently here, and
 * that a filtered search ranks exactly the passages a brute-force filter keeps.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../src/core/records.js';
import { compileFilter, documentFields, FilterFieldError, FilterSyntaxError, parseFilter, type Filter, type Scalar } from '../../src/core/metadata/index.js';
import { allowedPassages } from '../../src/core/scored.js';
import type { SearchEngine } from '../../src/core/search/index.js';
import { ExactVectorStore } from '../../src/core/vector/index.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import type { SourceDocument } from '../../src/indexing/load/index.js';

describe('the filter grammar', () => {
  it.each<[string, Filter]>([
    ['tags = routing', { op: 'eq', field: 'tags', value: 'routing' }],
    ['version >= 2', { op: 'ge', field: 'version', value: 2 }],
    ["title != 'Getting started'", { op: 'ne', field: 'title', value: 'Getting started' }],
    ['tags IN [a, "b c", 3]', { op: 'in', field: 'tags', values: ['a', 'b c', 3] }],
    ['tags NOT IN [a]', { op: 'not', of: { op: 'in', field: 'tags', values: ['a'] } }],
    ['date 2024-01-01 TO 2024-12-31', { op: 'range', field: 'date', from: '2024-01-01', to: '2024-12-31' }],
    ['path STARTS WITH guide/', { op: 'prefix', field: 'path', value: 'guide/' }],
    ['draft NOT EXISTS', { op: 'not', of: { op: 'exists', field: 'draft' } }],
    [
      'a = 1 OR b = 2 AND NOT (c = 3 or d = 4)',
      { op: 'or', of: [{ op: 'eq', field: 'a', value: 1 }, { op: 'and', of: [{ op: 'eq', field: 'b', value: 2 }, { op: 'not', of: { op: 'or', of: [{ op: 'eq', field: 'c', value: 3 }, { op: 'eq', field: 'd', value: 4 }] } }] }] },
    ],
  ])('parses %s', (text, tree) => {
    expect(parseFilter(text)).toEqual(tree);
  });

  it.each([
    ['', /empty; e\.g\./],
    ['tags =', /expected a value after "tags =" at the end/],
    ['tags ~ x', /after the field "tags" at character 6 \("~"\)/],
    ['tags = x AND', /expected a field name at the end/],
    ['tags IN [a, b', /expected a closing "\]" or ","/],
    ['(tags = a', /expected a closing "\)"/],
    ['tags = a b', /expected AND, OR or the end at character 10 \("b"\)/],
    ['tags', /expected =, !=, >, >=, <, <=, IN, TO, STARTS WITH or EXISTS after the field "tags"/],
    ["title = 'open", /not closed/],
    ['x = 1 AND '.repeat(200).slice(0, 1001), /1001 characters; the maximum is 1000/],
  ])('says what is wrong with %s', (text, message) => {
    expect(() => parseFilter(text)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(text)).toThrow(message);
  });

  it('refuses nesting deeper than 32 levels whatever the form, and takes 32', () => {
    const forms: Record<string, (depth: number) => string> = {
      NOT: (depth) => `${'NOT '.repeat(depth)}a = 1`,
      parentheses: (depth) => `${'('.repeat(depth)}a = 1${')'.repeat(depth)}`,
      'NOT inside parentheses': (depth) => `(${'NOT '.repeat(depth - 1)}a = 1)`,
      'NOT and parentheses in turn': (depth) => `${'NOT ('.repeat(depth / 2)}a = 1${')'.repeat(depth / 2)}`,
    };
    for (const [form, nested] of Object.entries(forms)) {
      expect(() => parseFilter(nested(32)), form).not.toThrow();
      expect(() => parseFilter(nested(34)), form).toThrow(new FilterSyntaxError('filter: nested more than 32 levels deep'));
    }
  });

  it('names the fields there are when a filter names one no document has', () => {
    const doc = document(0, { tags: ['a'] });
    expect(() => compileFilter(parseFilter('tagz = a'), documentFields([doc]))).toThrow(FilterFieldError);
    expect(() => compileFilter(parseFilter('tagz = a'), documentFields([doc]))).toThrow('no document has a field "tagz"; the fields of this index are doc_id, format, path, tags, title');
  });
});

// Random documents and filters over a small vocabulary, so that filters often match something.
const TAGS = ['api', 'guide', 'Routing', 'news'];
const metadata = fc.record(
  {
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    category: fc.constantFrom('intro', 'reference', 'howto'),
    version: fc.integer({ min: 1, max: 4 }),
    date: fc.constantFrom('2023-05-01', '2024-01-15', '2024-11-30', '2025-02-10'),
    draft: fc.boolean(),
  },
  { requiredKeys: [] },
);
const FIELDS = ['tags', 'category', 'version', 'date', 'draft', 'path'] as const;
const scalar: fc.Arbitrary<Scalar> = fc.oneof(fc.constantFrom(...TAGS, 'routing', 'intro', 'reference', 'howto', '2024-01-15', '2024-06-01', 'true', 'guide/'), fc.integer({ min: 0, max: 5 }));
const filterTree: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('eq' as const, 'ne' as const, 'lt' as const, 'le' as const, 'gt' as const, 'ge' as const), field: fc.constantFrom(...FIELDS), value: scalar }),
    fc.record({ op: fc.constant('in' as const), field: fc.constantFrom(...FIELDS), values: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
    fc.record({ op: fc.constant('range' as const), field: fc.constantFrom(...FIELDS), from: scalar, to: scalar }),
    fc.record({ op: fc.constant('prefix' as const), field: fc.constant('path'), value: fc.constantFrom('guide/', 'api/', 'g') }),
    fc.record({ op: fc.constant('exists' as const), field: fc.constantFrom(...FIELDS) }),
    fc.record({ op: fc.constant('not' as const), of: tie('f') }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), of: fc.array(tie('f'), { minLength: 2, maxLength: 3 }) }),
  ),
})).f;

/** Writes a tree back in the grammar (parenthesising every group). */
function print(f: Filter): string {
  const v = (x: Scalar) => (typeof x === 'number' ? String(x) : JSON.stringify(x));
  const ops = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
  switch (f.op) {
    case 'and':
    case 'or':
      return `(${f.of.map(print).join(` ${f.op.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${print(f.of)}`;
    case 'in':
      return `${f.field} IN [${f.values.map(v).join(', ')}]`;
    case 'range':
      return `${f.field} ${v(f.from)} TO ${v(f.to)}`;
    case 'prefix':
      return `${f.field} STARTS WITH ${v(f.value)}`;
    case 'exists':
      return `${f.field} EXISTS`;
    default:
      return `${f.field} ${ops[f.op]} ${v(f.value)}`;
  }
}

/**
 * The documented semantics, evaluated the slow and obvious way: a field's values are its list
 * items; numbers compare as numbers, ISO dates as times, other text case-insensitively.
 */
function bruteForce(f: Filter, doc: DocumentRecord): boolean {
  const raw = !('field' in f) ? undefined : f.field === 'path' ? doc.source : doc.metadata?.[f.field];
  const values = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map(String);
  const order = (a: string, b: string) => {
    if (!Number.isNaN(Number(a)) && !Number.isNaN(Number(b)) && a.trim() !== '' && b.trim() !== '') return Math.sign(Number(a) - Number(b));
    if (/^\d{4}-\d\d-\d\d$/.test(a) && /^\d{4}-\d\d-\d\d$/.test(b)) return Math.sign(new Date(a).getTime() - new Date(b).getTime());
    return a.toLowerCase() === b.toLowerCase() ? 0 : a.toLowerCase() < b.toLowerCase() ? -1 : 1;
  };
  switch (f.op) {
    case 'and':
      return f.of.every((g) => bruteForce(g, doc));
    case 'or':
      return f.of.some((g) => bruteForce(g, doc));
    case 'not':
      return !bruteForce(f.of, doc);
    case 'exists':
      return values.length > 0;
    case 'ne':
      return values.every((x) => order(x, String(f.value)) !== 0);
    case 'in':
      return values.some((x) => f.values.some((y) => order(x, String(y)) === 0));
    case 'range':
      return values.some((x) => order(x, String(f.from)) >= 0 && order(x, String(f.to)) <= 0);
    case 'prefix':
      return values.some((x) => x.startsWith(f.value));
    default: {
      const want = { eq: [0], lt: [-1], le: [-1, 0], gt: [1], ge: [0, 1] }[f.op];
      return values.some((x) => want.includes(order(x, String(f.value))));
    }
  }
}

function document(i: number, meta: Record<string, unknown>): DocumentRecord {
  return { doc_id: `d${i}`, source: `${i % 2 ? 'guide' : 'api'}/page-${i}.md`, format: 'markdown', title: `Page ${i}`, title_derived: false, author: null, url: null, metadata: meta };
}

describe('a compiled filter', () => {
  it('reads back what it prints', () => {
    fc.assert(
      fc.property(filterTree, (tree) => {
        expect(parseFilter(print(tree))).toEqual(tree);
      }),
    );
  });

  it('keeps exactly the documents a brute-force evaluation keeps', () => {
    fc.assert(
      fc.property(fc.array(metadata, { minLength: 1, maxLength: 12 }), filterTree, (metas, tree) => {
        const docs = metas.map((m, i) => document(i, m));
        const keep = compileFilter(parseFilter(print(tree)), [...new Set([...documentFields(docs), ...FIELDS])]);
        for (const doc of docs) expect(keep(doc), `${print(tree)} on ${JSON.stringify(doc.metadata)} at ${doc.source}`).toBe(bruteForce(tree, doc));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a filtered search', () => {
  // Twelve pages with front matter, a few sentences each (enough for several passages).
  const SENTENCES = [
    'The router matches the path against every registered route in order.',
    'Middleware runs before the handler and can return a response early.',
    'Deploying to the edge puts the service close to its users.',
    'Caching responses saves work when the same question comes back.',
    'Tests run inside the same runtime as production.',
    'A parade in the capital showed new missiles and drones.',
  ];
  const pages: SourceDocument[] = Array.from({ length: 12 }, (_, i) => {
    const front = `---\ntitle: Page ${i}\ntags: [${TAGS.filter((_, t) => (i >> t) & 1).join(', ')}]\nversion: ${1 + (i % 4)}\ndate: ${['2023-05-01', '2024-01-15', '2024-11-30'][i % 3]}\ndraft: ${i % 3 === 0}\ncategory: ${['intro', 'reference', 'howto'][i % 3]}\n---\n\n`;
    const body = Array.from({ length: 3 }, (_, p) => `## Part ${p}\n\n${SENTENCES[(i + p) % 6]} ${SENTENCES[(i + 2 * p + 1) % 6]}`).join('\n\n');
    const text = front + body + '\n';
    return { id: `page-${i}`, source: `${i % 2 ? 'guide' : 'api'}/page-${i}.md`, text, sha256: String(i).padStart(64, '0'), format: 'markdown' };
  });
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await engineForDocuments(pages);
  });

  const bruteAllowed = (tree: Filter) => {
    const { passages, documents } = engine.artifact;
    return passages.flatMap((p, i) => (bruteForce(tree, documents[p.doc]) ? [i] : []));
  };

  it('ranks exactly the passages a brute-force filter keeps, and still returns k of them', async () => {
    await fc.assert(
      fc.asyncProperty(filterTree, fc.constantFrom('how are routes matched', 'edge deployment', 'missiles'), async (tree, q) => {
        const allowed = bruteAllowed(tree);
        const answer = await engine.search(q, { mode: 'semantic', k: 5, minScore: -1, filter: print(tree), facets: ['tags'], highlights: false });
        const vector = (await engine.encoder.embed([q], 'query'))[0];
        const expected = allowed.length ? new ExactVectorStore(engine.artifact.vectors).nearest(vector, 5, allowedPassages(allowed)).map((s) => engine.artifact.passages[s.index].id) : [];
        expect(answer.results.map((r) => r.id)).toEqual(expected);
        expect(answer.results).toHaveLength(Math.min(5, allowed.length));
        // Facets count every matching passage (here fewer than the 100 candidates, so all of them).
        const tagCounts: Record<string, number> = {};
        for (const i of allowed) for (const t of new Set(engine.artifact.documents[engine.artifact.passages[i].doc].metadata?.tags as string[])) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
        expect(answer.facets?.tags).toEqual(tagCounts);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps BM25 scores and order, leaving out what the filter removes', async () => {
    const tree = parseFilter('tags IN [api, news] AND version < 4');
    const allowed = new Set(bruteAllowed(tree));
    const all = await engine.search('router middleware', { mode: 'lexical', k: 50, highlights: false });
    const filtered = await engine.search('router middleware', { mode: 'lexical', k: 50, highlights: false, filter: 'tags IN [api, news] AND version < 4' });
    expect(filtered.results.length).toBeGreaterThan(0);
    expect(filtered.results.map((r) => [r.id, r.score])).toEqual(all.results.filter((r) => allowed.has(engine.passageIndex(r.id))).map((r) => [r.id, r.score]));
  });

  it('refuses facets on a field no document has, naming the fields', async () => {
    await expect(engine.search('x', { facets: ['tags', 'colour'] })).rejects.toThrow(/facets: no document has a field "colour"; the fields of this index are category, date, doc_id, draft, format, path, tags, title, version/);
  });
});

import { describe, expect, it } from 'vitest';
import { queryTermsIn } from '../../src/core/highlight/index.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, LexicalSearcher } from '../../src/core/lexical/index.js';
import { extractTerms, PART_WEIGHT, spellIdentifiers } from '../../src/core/lexical/terms.js';

const split = { stem: true, identifiers: true };
const termsOf = (text: string) => extractTerms(text, split).map((t) => `${t.term}:${t.weight}`);

describe('identifier-aware terms', () => {
  it('indexes a camelCase or PascalCase identifier as a whole and as its parts', () => {
    expect(termsOf('setErrorHandler')).toEqual(['seterrorhandler:1', `set:${PART_WEIGHT}`, `error:${PART_WEIGHT}`, `handler:${PART_WEIGHT}`]);
    expect(termsOf('HTTPServer')).toEqual(['httpserver:1', `http:${PART_WEIGHT}`, `server:${PART_WEIGHT}`]);
  });

  it('indexes snake_case, kebab-case and dotted paths as a whole and as their parts', () => {
    expect(termsOf('keep_alive_timeout')).toEqual(['keep_alive_timeout:1', `keep:${PART_WEIGHT}`, `alive:${PART_WEIGHT}`, `timeout:${PART_WEIGHT}`]);
    expect(termsOf('test-name-pattern')).toEqual(['test-name-pattern:1', `test:${PART_WEIGHT}`, `name:${PART_WEIGHT}`, `pattern:${PART_WEIGHT}`]);
    expect(termsOf('ctx.request.query')).toEqual(['ctx.request.query:1', `ctx:${PART_WEIGHT}`, `request:${PART_WEIGHT}`, `query:${PART_WEIGHT}`]);
  });

  it('gives each part the offsets of its own letters, so highlights mark what matched', () => {
    const text = 'call vi.useFakeTimers() first';
    expect(extractTerms(text, split).map((t) => text.slice(t.start, t.end))).toEqual(['call', 'vi.useFakeTimers', 'vi', 'use', 'Fake', 'Timers', 'first']);
  });

  it('leaves plain words, apostrophes and stopwords as they were', () => {
    expect(extractTerms("Vitest's runner doesn't stop", split).map((t) => t.term)).toEqual(extractTerms("Vitest's runner doesn't stop", { stem: true }).map((t) => t.term));
    expect(termsOf('the')).toEqual([]);
  });

  it('reads text without the option exactly as indexes built before it did', () => {
    expect(extractTerms('setErrorHandler keep_alive', { stem: true }).map((t) => t.term)).toEqual(['seterrorhandler', 'keep', 'alive']);
  });

  it('spells identifiers out in words after the identifier for the embedded text', () => {
    expect(spellIdentifiers('Use setErrorHandler or max_body_size, not 1.2.3')).toBe('Use setErrorHandler (set error handler) or max_body_size (max body size), not 1.2.3');
  });
});

describe('BM25 with identifier-aware terms', () => {
  const docs = [
    { text: 'Register one with `app.setErrorHandler(handler)`: it receives every thrown error.', title: 'Errors', section: null },
    { text: 'The request body size is limited; raise the limit with maxBodySize.', title: 'Limits', section: null },
    { text: 'Handle errors in each route with try and catch around the handler body.', title: 'Routes', section: null },
  ];
  const searcher = new LexicalSearcher(buildLexicalIndex(docs, { ...DEFAULT_LEXICAL, identifiers: true }));

  it('matches an everyday phrase against the parts of an identifier', () => {
    expect(searcher.search('limit the body size', 10)[0].index).toBe(1);
    expect(searcher.search('error handler', 10).map((h) => h.index)).toContain(0);
  });

  it('ranks the passage with the exact identifier first when the question names it', () => {
    expect(searcher.search('setErrorHandler', 10)[0].index).toBe(0);
  });

  it('finds nothing by parts when identifiers are not split', () => {
    const plain = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));
    expect(plain.search('maxbodysize', 10).map((h) => h.index)).toEqual([1]);
    expect(plain.search('body size', 10).map((h) => h.index)).not.toContain(0);
  });

  it('highlights a whole identifier once, and its parts only when the whole was not asked for', () => {
    const text = 'Call setErrorHandler early.';
    const whole = new Map([['seterrorhandler', 1], ['error', 1]]);
    expect(queryTermsIn(text, whole, split).map((t) => text.slice(t.start, t.end))).toEqual(['setErrorHandler']);
    expect(queryTermsIn(text, new Map([['error', 1], ['handler', 1]]), split).map((t) => text.slice(t.start, t.end))).toEqual(['Error', 'Handler']);
  });
});

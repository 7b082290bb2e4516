import { describe, expect, it } from 'vitest';
import { fuse } from '../../src/core/fusion/index.js';
import { withGroupEvidence } from '../../src/core/fusion/page-evidence.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, LexicalSearcher, type LexicalParams } from '../../src/core/lexical/index.js';
import { DEFAULT_OPTIONS } from '../../src/core/search/index.js';
import { PAGE_LEXICAL, PAGE_RATIO } from '../../src/indexing/index.js';
import type { Scored } from '../../src/core/scored.js';

/**
 * A documentation corpus where "request", "timeout" and "route" are everyday words and one reverse
 * proxy is named by three passages only; the question names the proxy in passing.
 */
const ANSWER = 0;
const PROXY = [1, 2, 3];
const docs = [
  { text: 'Every route waits 30 seconds for a request by default; increase the timeout option of a slow route.', title: 'Routes', section: null },
  ...PROXY.map((i) => ({ text: `Example ${i}: a site block that forwards to the app from Caddy, with automatic certificates.`, title: 'Deploying', section: null })),
  ...Array.from({ length: 400 }, (_, i) => ({
    text: [`Hook ${i} may throw a timeout error when the upstream is slow.`, `Route ${i} reads the request body.`, `Plugin ${i} registers hooks and decorators for the app.`, `A request to route ${i} answers with JSON.`][i % 4],
    title: `Page ${i}`,
    section: null,
  })),
];
/** What the vectors say: the answer is the closest by far, the proxy passages no closer than the rest. */
const semantic: Scored[] = docs.map((_, index) => ({ index, score: index === ANSWER ? 0.8 : PROXY.includes(index) ? 0.45 : 0.4 + (index % 7) / 50 })).sort((a, b) => b.score - a.score);
const QUESTION = 'how do I raise the request timeout of a route when running behind Caddy';

const firstFused = (params: LexicalParams, ratio: number) => {
  const lexical = new LexicalSearcher(buildLexicalIndex(docs, params)).search(QUESTION, 100);
  return fuse(semantic, lexical, DEFAULT_OPTIONS.fusion, ratio)[0].index;
};

describe('fusion on a documentation site', () => {
  it('does not let one rare word of the question outrank the passage that answers the rest of it', () => {
    expect(firstFused(PAGE_LEXICAL, PAGE_RATIO)).toBe(ANSWER);
  });

  it('owes it to the rare-term cap even at the articles’ ratio', () => {
    expect(PAGE_LEXICAL.rareTermCap).toBeGreaterThan(0);
    expect(firstFused(PAGE_LEXICAL, DEFAULT_OPTIONS.ratio)).toBe(ANSWER);
  });

  it('was hijacked by the rare word with plain idf and the articles’ ratio (the former defaults)', () => {
    expect(DEFAULT_LEXICAL.rareTermCap).toBeUndefined();
    expect(PROXY).toContain(firstFused(DEFAULT_LEXICAL, DEFAULT_OPTIONS.ratio));
  });

  it('leaves a question of rare words as it is: the cap binds only a word far rarer than the rest', () => {
    const searcher = new LexicalSearcher(buildLexicalIndex(docs, PAGE_LEXICAL));
    const uncapped = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));
    expect(searcher.search('Caddy certificates', 10)).toEqual(uncapped.search('Caddy certificates', 10));
  });
});

describe('pages and sections as evidence', () => {
  const ranked = (scores: number[]) => scores.map((score, index) => ({ index, score, semantic: null, lexical: null, fused: score }));

  it('ranks a passage whose page has other good passages above an equally scored stray one', () => {
    // Passages 0 and 1 are alone on their pages; 2 and 3 share one.
    const page = (i: number) => ['a', 'b', 'c', 'c'][i];
    const out = withGroupEvidence(ranked([0.9, 0.8, 0.8, 0.7]), [{ groupOf: page, weight: 0.4, depth: 2 }]);
    expect(out.map((r) => r.index)).toEqual([2, 0, 3, 1]);
  });

  it('leaves the ranking as it is at weight 0', () => {
    const out = withGroupEvidence(ranked([0.9, 0.8, 0.7]), [{ groupOf: () => 'one', weight: 0, depth: 2 }]);
    expect(out.map((r) => r.score)).toEqual([0.9, 0.8, 0.7]);
  });
});

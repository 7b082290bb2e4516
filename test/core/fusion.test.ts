import { describe, expect, it } from 'vitest';
import { fuse } from '../../src/core/fusion/index.js';
import { withGroupEvidence } from '../../src/core/fusion/page-evidence.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, LexicalSearcher, type LexicalParams } from '../../src/core/lexical/index.js';
import { DEFAULT_OPTIONS } from '../../src/core/search/index.js';
import type { Scored } from '../../src/core/scored.js';

/**
 * A documentation corpus where "timeout" and "request" are everyday words and one reverse proxy is
 * named by three passages only; the question names the proxy in passing.
 */
const ANSWER = 0;
const PROXY = [1, 2, 3];
const docs = [
  { text: 'Set the request timeout with the timeout option, and configure it per route when one route is slow.', title: 'Timeouts', section: null },
  ...PROXY.map((i) => ({ text: `Caddy example ${i}: a Caddy site block that forwards to the app, with Caddy's automatic certificates.`, title: 'Deploying behind Caddy', section: null })),
  ...Array.from({ length: 36 }, (_, i) => ({
    text: i % 2 ? `Request handler ${i} reads the request body and answers with a timeout error when the upstream is slow.` : `Route ${i} returns the request headers; its timeout is the default one.`,
    title: `Page ${i}`,
    section: null,
  })),
];
/** What the vectors say: the answer is the closest by far, the proxy passages no closer than the rest. */
const semantic: Scored[] = docs.map((_, index) => ({ index, score: index === ANSWER ? 0.8 : PROXY.includes(index) ? 0.45 : 0.4 + (index % 7) / 50 })).sort((a, b) => b.score - a.score);
const QUESTION = 'how do I configure the request timeout when running behind Caddy';

const firstFused = (params: LexicalParams) => {
  const lexical = new LexicalSearcher(buildLexicalIndex(docs, params)).search(QUESTION, 100);
  return fuse(semantic, lexical, DEFAULT_OPTIONS.fusion, DEFAULT_OPTIONS.ratio)[0].index;
};

describe('fusion', () => {
  it('does not let one rare word of the question outrank the passage that answers the rest of it', () => {
    expect(DEFAULT_LEXICAL.idfSaturation).toBeGreaterThan(0);
    expect(firstFused(DEFAULT_LEXICAL)).toBe(ANSWER);
  });

  it('was hijacked by the rare word when query idf was not saturated', () => {
    expect(PROXY).toContain(firstFused({ ...DEFAULT_LEXICAL, idfSaturation: undefined }));
  });

  it('ranks with z-scores too, a lone outlier no longer squeezing the rest to 0', () => {
    const lexical: Scored[] = [{ index: 1, score: 18.7 }, { index: 0, score: 5 }, ...Array.from({ length: 20 }, (_, i) => ({ index: i + 2, score: 4.9 - i * 0.05 }))];
    const sem: Scored[] = [{ index: 0, score: 0.8 }, { index: 1, score: 0.5 }, ...Array.from({ length: 20 }, (_, i) => ({ index: i + 2, score: 0.49 - i * 0.001 }))];
    expect(fuse(sem, lexical, 'weighted', 0.3)[0].index).toBe(1);
    expect(fuse(sem, lexical, 'zscore', 0.3)[0].index).toBe(0);
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

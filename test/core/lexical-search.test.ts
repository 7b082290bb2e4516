import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, DEFAULT_LEXICAL, LexicalSearcher, type LexicalIndex, type LexicalParams, type QueryTerms } from '../../src/core/lexical/index.js';
import { allowedPassages, byScore, TopK, type AllowedPassages, type Scored } from '../../src/core/scored.js';

/**
 * BM25 as it was before the top-k search: every posting scored into a Map, the whole list sorted.
 * The dense-array search must give exactly these scores in exactly this order.
 */
function referenceSearch(index: LexicalIndex, terms: QueryTerms, limit: number, allowed?: AllowedPassages): Scored[] {
  const { k1, b, idfSaturation, rareTermCap } = index.params;
  const averageLength = index.lengths.reduce((a, c) => a + c, 0) / Math.max(1, index.lengths.length);
  const queryIdf = idfSaturation
    ? (idf: number) => idfSaturation * Math.tanh(idf / idfSaturation)
    : !rareTermCap || terms.known.length < 2
      ? (idf: number) => idf
      : (idf: number) => Math.min(idf, (rareTermCap * terms.known.reduce((s, t) => s + t.idf, 0)) / terms.known.length);
  const scores = new Map<number, number>();
  for (const known of terms.known) {
    const idf = queryIdf(known.idf);
    for (let k = index.offsets[known.id]; k < index.offsets[known.id + 1]; k++) {
      const p = index.passages[k];
      if (allowed && !allowed.has(p)) continue;
      const tf = index.frequencies[k];
      const norm = k1 * (1 - b + (b * index.lengths[p]) / averageLength);
      scores.set(p, (scores.get(p) ?? 0) + (idf * tf * (k1 + 1)) / (tf + norm));
    }
  }
  return [...scores]
    .map(([i, score]) => ({ index: i, score }))
    .sort(byScore)
    .slice(0, limit);
}

// A small vocabulary, skewed so that some words are in most passages and some in one, so that
// scores and ties of every kind occur.
const WORDS = ['cell', 'protein', 'gene', 'tumour', 'insulin', 'kinase', 'receptor', 'mouse', 'dose', 'risk', 'virus', 'brain', 'liver', 'zebrafish', 'telomere'];
const word = fc.integer({ min: 0, max: WORDS.length * WORDS.length - 1 }).map((n) => WORDS[Math.floor(Math.sqrt(n))]);
const text = fc.array(word, { minLength: 0, maxLength: 30 }).map((ws) => ws.join(' '));
const corpus = fc.array(fc.record({ text, title: text, section: fc.option(text, { nil: null }) }), { minLength: 1, maxLength: 60 });
const params: fc.Arbitrary<LexicalParams> = fc.record({
  k1: fc.double({ min: 0.1, max: 3, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  idfSaturation: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
  rareTermCap: fc.option(fc.double({ min: 0.5, max: 3, noNaN: true }), { nil: undefined }),
}).map((p) => ({ ...DEFAULT_LEXICAL, ...p }));
const limit = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.constant(Infinity));

/** Some passages of a corpus of `size`, as a metadata filter would keep them (or none: no filter). */
const allowedOf = (size: number) => fc.option(fc.subarray(Array.from({ length: size }, (_, i) => i)).map(allowedPassages), { nil: undefined });

describe('BM25 top-k search', () => {
  it('gives exactly the scores and order of scoring every posting, for any corpus, question, limit, filter and parameters', () => {
    fc.assert(
      fc.property(
        corpus.chain((docs) => fc.tuple(fc.constant(docs), params, fc.array(word, { maxLength: 8 }), limit, allowedOf(docs.length))),
        ([docs, p, question, k, allowed]) => {
          const searcher = new LexicalSearcher(buildLexicalIndex(docs, p));
          const terms = searcher.analyse(question.join(' '));
          expect(searcher.search(terms, k, allowed)).toEqual(referenceSearch(searcher.index, terms, k, allowed));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the same for weighted and repeated terms, as query expansion builds them', () => {
    fc.assert(
      fc.property(
        corpus.chain((docs) => fc.tuple(fc.constant(docs), fc.array(fc.tuple(word, fc.double({ min: 0.01, max: 4, noNaN: true })), { minLength: 1, maxLength: 10 }), limit)),
        ([docs, weighted, k]) => {
          const searcher = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));
          const known = weighted.flatMap(([w, share]) => {
            const found = searcher.lookup(w);
            return found ? [{ term: w, id: found.id, idf: share * found.idf }] : [];
          });
          const terms: QueryTerms = { known, weight: known.reduce((s, t) => s + t.idf, 0), unseen: 0 };
          expect(searcher.search(terms, k)).toEqual(referenceSearch(searcher.index, terms, k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers a second question after a first as if it were the first (nothing is left over between searches)', () => {
    const docs = WORDS.map((w, i) => ({ text: WORDS.slice(0, i + 1).join(' '), title: w, section: null }));
    const searcher = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));
    const fresh = (q: string) => new LexicalSearcher(searcher.index).search(q, 3);
    searcher.search('cell protein gene', 5);
    expect(searcher.search('telomere zebrafish', 3)).toEqual(fresh('telomere zebrafish'));
    expect(searcher.search('cell', 3)).toEqual(fresh('cell'));
  });

  it('ranks equal scores by passage order, as a full sort does', () => {
    const docs = Array.from({ length: 10 }, () => ({ text: 'insulin dose', title: 'same', section: null }));
    const searcher = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));
    expect(searcher.search('insulin', 4).map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('bounded top-k', () => {
  const pairs = fc.array(fc.tuple(fc.nat({ max: 500 }), fc.integer({ min: -5, max: 5 })), { maxLength: 200 });

  it('keeps what sorting everything by score (ties by index) and keeping the first k keeps, in that order', () => {
    fc.assert(
      fc.property(pairs, fc.nat({ max: 60 }), (raw, k) => {
        // Distinct indices, as passages are; few distinct scores, so ties are common.
        const items = [...new Map(raw).entries()].map(([index, score]) => ({ index, score }));
        const top = new TopK(k);
        for (const s of items) top.push(s.index, s.score);
        expect(top.drain()).toEqual([...items].sort(byScore).slice(0, k));
      }),
    );
  });

  it('drains only the best few when asked for fewer than it keeps, and starts empty again after reset', () => {
    const top = new TopK(5);
    [3, 9, 1, 7, 5, 8].forEach((score, index) => top.push(index, score));
    expect(top.threshold).toBe(3);
    expect(top.drain(2)).toEqual([
      { index: 1, score: 9 },
      { index: 5, score: 8 },
    ]);
    top.reset(2).push(4, 1);
    expect(top.full).toBe(false);
    expect(top.drain()).toEqual([{ index: 4, score: 1 }]);
  });
});

import { describe, expect, it } from 'vitest';
import { groupByPage } from '../../src/core/search/group.js';
import type { SearchResult } from '../../src/core/search/results.js';

/** A ranked passage of page `doc`, under heading `section`. */
function passage(rank: number, doc: string, section: string | null, score = 1 - rank / 100): SearchResult {
  const text = `passage ${rank}`;
  return {
    rank,
    score,
    id: `${doc}:${rank}`,
    text,
    excerpt: text,
    excerpt_code: [],
    citation: { doc_id: doc, source: `${doc}.md`, title: `Page ${doc}`, author: null, section, heading_path: section ? [`Page ${doc}`, section] : [], url: section ? `https://x.test/${doc}#${section}` : `https://x.test/${doc}`, paragraph: rank, char_start: 0, char_end: text.length },
    scores: { semantic: score, lexical: null, fused: null },
    highlights: { terms: [], sentence: null, excerpt_terms: [] },
  };
}
const pageUrl = (r: SearchResult) => `https://x.test/${r.citation.doc_id}`;

describe('grouping results by page', () => {
  it('orders pages by their best passage and keeps each page’s passages in ranking order', () => {
    const ranked = [passage(1, 'b', 'one'), passage(2, 'a', 'two'), passage(3, 'b', 'three'), passage(4, 'a', null)];
    const pages = groupByPage(ranked, 5, pageUrl);
    expect(pages.map((p) => [p.rank, p.doc_id, p.score])).toEqual([
      [1, 'b', ranked[0].score],
      [2, 'a', ranked[1].score],
    ]);
    expect(pages[0].results.map((r) => r.rank)).toEqual([1, 3]);
    expect(pages[1].results.map((r) => r.rank)).toEqual([2, 4]);
  });

  it('counts pages, not passages, and drops passages of pages beyond the limit', () => {
    const ranked = [passage(1, 'a', 's'), passage(2, 'b', 's'), passage(3, 'a', 't'), passage(4, 'c', 's'), passage(5, 'b', 't')];
    const pages = groupByPage(ranked, 2, pageUrl);
    expect(pages.map((p) => p.doc_id)).toEqual(['a', 'b']);
    expect(pages.flatMap((p) => p.results.map((r) => r.rank))).toEqual([1, 3, 2, 5]);
  });

  it('leaves every passage and its citation exactly as the ungrouped ranking has them', () => {
    const ranked = [passage(1, 'a', 's'), passage(2, 'a', 't')];
    const [page] = groupByPage(ranked, 1, pageUrl);
    expect(page.results[0]).toBe(ranked[0]);
    expect(page.results[1]).toEqual(passage(2, 'a', 't'));
  });

  it('gives the page its title, source and own URL without a section anchor', () => {
    const [page] = groupByPage([passage(1, 'guide', 'params')], 1, pageUrl);
    expect(page).toMatchObject({ title: 'Page guide', source: 'guide.md', url: 'https://x.test/guide' });
    expect(page.results[0].citation.url).toBe('https://x.test/guide#params');
  });

  it('answers no pages for no passages', () => {
    expect(groupByPage([], 5, pageUrl)).toEqual([]);
  });
});

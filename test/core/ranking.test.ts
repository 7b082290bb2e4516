import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuse } from '../../src/core/fusion/index.js';
import { highlight } from '../../src/core/highlight/index.js';
import { feedbackTerms, withExtraTerms } from '../../src/core/lexical/expand.js';
import { buildLexicalIndex, DEFAULT_LEXICAL, LexicalSearcher } from '../../src/core/lexical/index.js';
import { extractTerms, stem } from '../../src/core/lexical/terms.js';
import { openEngineFromDisk } from '../../src/eval/engine.js';

describe('lexical terms', () => {
  it('drops stopwords including question words and keeps offsets of the surface words', () => {
    const text = 'Why did the Ministers sign treaties?';
    const terms = extractTerms(text, { stem: true });
    expect(terms.map((t) => t.term)).toEqual(['minister', 'sign', 'treaty']);
    for (const t of terms) expect(text.slice(t.start, t.end).toLowerCase()).toContain(t.term.slice(0, 4));
  });

  it('stems plural and verb forms onto each other', () => {
    expect(stem('deployed')).toBe(stem('deploying'));
    expect(stem('casualties')).toBe('casualty');
    expect(stem('missiles')).toBe('missile');
    expect(stem('news')).not.toBe(stem('new'));
  });
});

describe('BM25', () => {
  const docs = [
    { text: 'The parade showed new missiles and drones.', title: 'Parade', section: null },
    { text: 'Talks about tourism and visas.', title: 'Diplomacy', section: 'Visas' },
    { text: 'Missiles missiles missiles everywhere in the missile parade.', title: 'Weapons', section: null },
  ];
  const searcher = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));

  it('ranks passages containing the query terms, more occurrences first', () => {
    expect(searcher.search('missile', 10).map((h) => h.index)).toEqual([2, 0]);
  });

  it('counts matches in the title and section fields', () => {
    expect(searcher.search('diplomacy', 10).map((h) => h.index)).toEqual([1]);
    expect(searcher.search('visas', 10)[0].index).toBe(1);
  });

  it('returns nothing for a question with no known term', () => {
    expect(searcher.search('photosynthesis chlorophyll', 10)).toEqual([]);
  });
});

describe('query expansion for BM25', () => {
  const docs = [
    { text: 'The parade showed new missiles and drones over the square.', title: 'Parade', section: null },
    { text: 'Talks about tourism and visas for visitors.', title: 'Diplomacy', section: null },
    { text: 'Drones and missiles were shown again at a second parade.', title: 'Weapons', section: null },
  ];
  const searcher = new LexicalSearcher(buildLexicalIndex(docs, DEFAULT_LEXICAL));

  it('adds known terms at a fraction of their idf and ignores unknown or repeated ones', () => {
    const asked = searcher.analyse('UAV parade');
    const expanded = withExtraTerms(searcher, asked, [
      { term: stem('drones'), weight: 0.5 },
      { term: 'parade', weight: 1 },
      { term: 'zeppelin', weight: 1 },
    ]);
    const drone = expanded.known.find((t) => t.term === stem('drones'))!;
    expect(drone.idf).toBeCloseTo(0.5 * searcher.lookup(stem('drones'))!.idf, 10);
    expect(expanded.known.map((t) => t.term)).toEqual(['parade', stem('drones')]);
    expect(expanded.weight).toBe(asked.weight);
  });

  it('finds a passage through a bridged word the question did not contain', () => {
    const visitors = searcher.search(withExtraTerms(searcher, searcher.analyse('tourists'), [{ term: stem('visitors'), weight: 0.4 }]), 10);
    expect(visitors.map((h) => h.index)).toEqual([1]);
  });

  it('learns feedback terms from the best passages, characteristic ones first, never the asked ones', () => {
    const asked = searcher.analyse('parade');
    const terms = feedbackTerms(searcher.search(asked, 10), (i) => docs[i].text, DEFAULT_LEXICAL, searcher, asked, { passages: 2, terms: 3, weight: 0.3 });
    expect(terms).toHaveLength(3);
    expect(terms.map((t) => t.term)).not.toContain('parade');
    expect(terms.every((t) => t.weight === 0.3)).toBe(true);
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining([stem('drones'), stem('missiles')]));
  });
});

describe('fusion', () => {
  const semantic = [
    { index: 1, score: 0.9 },
    { index: 2, score: 0.5 },
    { index: 3, score: 0.1 },
  ];
  const lexical = [
    { index: 3, score: 12 },
    { index: 1, score: 6 },
  ];

  it('with ratio 1 keeps the semantic order and with ratio 0 the lexical order', () => {
    expect(fuse(semantic, lexical, 'weighted', 1).map((f) => f.index).slice(0, 3)).toEqual([1, 2, 3]);
    expect(fuse(semantic, lexical, 'weighted', 0).map((f) => f.index).slice(0, 2)).toEqual([3, 1]);
  });

  it('ranks a passage that both signals like above one that only one likes', () => {
    expect(fuse(semantic, lexical, 'rrf', 0.5)[0].index).toBe(1);
    expect(fuse(semantic, lexical, 'weighted', 0.5)[0].index).toBe(1);
  });

  it('keeps the raw component scores, null where a list did not have the passage', () => {
    const two = fuse(semantic, lexical, 'weighted', 0.5).find((f) => f.index === 2)!;
    expect(two.semantic).toBe(0.5);
    expect(two.lexical).toBeNull();
  });
});

describe('highlights', () => {
  const passage = 'Kim met Putin in April. The leaders signed a defence treaty. Tourism resumed.';
  const offset = 1000;
  const weights = new Map([
    ['sign', 2],
    ['treaty', 3],
  ]);

  it('give offsets that slice both the passage and the source to the highlighted word', () => {
    const source = `${' '.repeat(offset)}${passage}`;
    const h = highlight(passage, offset, weights, { stem: true });
    expect(h.terms.map((t) => t.text)).toEqual(['signed', 'treaty']);
    for (const t of h.terms) {
      expect(passage.slice(t.start, t.end)).toBe(t.text);
      expect(source.slice(t.source_start, t.source_end)).toBe(t.text);
    }
  });

  it('pick the sentence with the most query weight as the best sentence', () => {
    const h = highlight(passage, offset, weights, { stem: true });
    expect(h.sentence?.text).toBe('The leaders signed a defence treaty.');
    expect(passage.slice(h.sentence!.start, h.sentence!.end)).toBe(h.sentence!.text);
  });

  it('fall back to semantic similarity when no query term occurs', () => {
    const h = highlight(passage, offset, new Map(), { stem: true }, (s) => (s.startsWith('Tourism') ? 1 : 0));
    expect(h.terms).toEqual([]);
    expect(h.sentence?.text).toBe('Tourism resumed.');
  });
});

describe('the search engine on the seeds', () => {
  const engine = openEngineFromDisk();

  it('says questions the articles cannot answer are not answerable', async () => {
    for (const q of ['How long should I boil an egg for a runny yolk?', 'How do I reverse a linked list in Python?']) {
      expect((await engine.search(q)).answerable, q).toBe(false);
    }
  });

  it('says a question the articles answer is answerable, with confidence ≥ 0.5', async () => {
    const answer = await engine.search('Who estimated North Korean casualties in Kursk?');
    expect(answer.answerable).toBe(true);
    expect(answer.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('gives a passage with its neighbours in the same document, in order', () => {
    const first = engine.artifact.passages[0];
    const start = engine.context(first.id, 2)!;
    expect(start.before).toEqual([]);
    expect(start.after.map((n) => n.passage.id)).toEqual([`${first.id.split(':')[0]}:2`, `${first.id.split(':')[0]}:3`]);
    const middle = engine.context(start.after[0].passage.id, 1)!;
    expect(middle.before.map((n) => n.passage.id)).toEqual([first.id]);
    for (const n of [...middle.before, ...middle.after]) expect(n.citation.doc_id).toBe(middle.citation.doc_id);
    expect(engine.context('nope:1', 1)).toBeNull();
  });

  it('limits passages per document with perDoc', async () => {
    const answer = await engine.search('Kim Jong Un Russia', { k: 10, perDoc: 1 });
    const docs = answer.results.map((r) => r.citation.doc_id);
    expect(new Set(docs).size).toBe(docs.length);
  });

  it('drops results under minScore and reports every component score', async () => {
    const all = await engine.search('armoured train', { k: 10 });
    const cut = all.results[2].score;
    const some = await engine.search('armoured train', { k: 10, minScore: cut });
    expect(some.results.every((r) => r.score >= cut)).toBe(true);
    expect(some.results.length).toBeLessThan(all.results.length);
    for (const r of all.results) expect(r.scores.fused).toBe(r.score);
  });

  it('reports no fused score outside hybrid mode, where the score is the raw cosine or BM25', async () => {
    const semantic = await engine.search('armoured train', { mode: 'semantic', k: 3 });
    for (const r of semantic.results) expect(r.scores).toEqual({ semantic: r.score, lexical: null, fused: null });
    const lexical = await engine.search('armoured train', { mode: 'lexical', k: 3 });
    for (const r of lexical.results) expect(r.scores).toEqual({ semantic: null, lexical: r.score, fused: null });
  });

  it('lexical mode returns only passages that contain a query term', async () => {
    const answer = await engine.search('armoured train', { mode: 'lexical', k: 10 });
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) expect(r.highlights.terms.length).toBeGreaterThan(0);
  });

  it('highlight offsets slice the passage and the source file to the highlighted word', async () => {
    for (const r of (await engine.search('Which news agency reported the letter?', { k: 5 })).results) {
      const source = readFileSync(join('seeds', r.citation.source), 'utf8');
      for (const t of r.highlights.terms) {
        expect(r.text.slice(t.start, t.end)).toBe(t.text);
        expect(source.slice(t.source_start, t.source_end)).toBe(t.text);
      }
      const s = r.highlights.sentence!;
      expect(source.slice(s.source_start, s.source_end)).toBe(s.text);
    }
  });
});

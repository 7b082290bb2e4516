/** Query-time levers composed on the engine's stages (src/eval/lever-engines.ts), not carried by the Worker's engine. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/core/search/index.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import { ExpandedQueryEngine, RelevanceFeedbackEngine } from '../../src/eval/lever-engines.js';
import { readQuestionFile } from '../../src/eval/own-questions.js';
import { loadCorpus } from '../../src/indexing/load/index.js';

const questions = readQuestionFile('test/fixtures/eval/beekeeping-dev.jsonl').map((q) => q.q);
const MODES = ['hybrid', 'semantic', 'lexical'] as const;
let engine: SearchEngine;

beforeAll(async () => {
  engine = await engineForDocuments(loadCorpus('test/fixtures/beekeeping', { warn: () => {} }));
});

const ids = (answer: { results: Array<{ id: string; score: number }> }) => answer.results.map((r) => `${r.id} ${r.score}`);

describe('query expansion on the engine', () => {
  it('answers exactly as the engine when it adds nothing', async () => {
    const expanded = new ExpandedQueryEngine(engine, () => []);
    for (const mode of MODES) for (const q of questions) expect(await expanded.search(q, { mode }), `${mode}: ${q}`).toEqual(await engine.search(q, { mode }));
  });

  it('reaches passages through a term the question never used', async () => {
    const extractor = engine.lexical.analyse('extractor').known[0].term;
    const expanded = new ExpandedQueryEngine(engine, () => [{ term: extractor, weight: 0.5 }]);
    expect((await engine.search('centrifuge', { mode: 'lexical' })).results).toEqual([]);
    const found = await expanded.search('centrifuge', { mode: 'lexical' });
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results[0].citation.source).toBe('harvest.md');
  });
});

describe('pseudo-relevance feedback on the engine', () => {
  const feedback = { passages: 2, terms: 5, weight: 0.3 };

  it('leaves semantic mode untouched: there are no BM25 passages to learn from', async () => {
    const withFeedback = new RelevanceFeedbackEngine(engine, feedback);
    for (const q of questions) expect(await withFeedback.search(q, { mode: 'semantic' }), q).toEqual(await engine.search(q, { mode: 'semantic' }));
  });

  it('asks BM25 again with the terms of its best passages, so more passages match', async () => {
    const withFeedback = new RelevanceFeedbackEngine(engine, feedback);
    const q = 'capped cells';
    const [plain, widened] = await Promise.all([engine.search(q, { mode: 'lexical', k: 50 }), withFeedback.search(q, { mode: 'lexical', k: 50 })]);
    expect(widened.results.length).toBeGreaterThan(plain.results.length);
    expect(ids(widened)).not.toEqual(ids(plain));
  });
});

/** The measurements behind `npm run eval` and `npm run eval:model` (src/eval/experiments), on the tiny beekeeping corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEXICAL } from '../../src/core/lexical/index.js';
import type { SearchEngine } from '../../src/core/search/index.js';
import { isHit, scifactDocuments, type DevQuestion, type ScifactSet } from '../../src/eval/datasets.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import { calibrationSweep, EVIDENCE_VARIANTS } from '../../src/eval/experiments/calibration-sweep.js';
import { denseHits, rankByCosine, type Embed } from '../../src/eval/experiments/dense-retrieval.js';
import { lexicalSweep } from '../../src/eval/experiments/lexical-sweep.js';
import { LEVERS, measureLevers } from '../../src/eval/experiments/levers.js';
import { noAnswerBlock } from '../../src/eval/experiments/no-answer.js';
import { questionGrid, rankingSettings, RANKING_GRID } from '../../src/eval/experiments/ranking-grid.js';
import { readOffTopicFile, readQuestionFile } from '../../src/eval/own-questions.js';
import { evaluateQuestions } from '../../src/eval/run-questions.js';
import { CALIBRATION_FEATURES, NAMES_LOG_ODDS, QUESTION_WORDS, readProbes } from '../../src/indexing/calibrate/index.js';
import { PAGE_RATIO, passagesOf } from '../../src/indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../src/indexing/load/index.js';

const dev = readQuestionFile('test/fixtures/eval/beekeeping-dev.jsonl');
const offTopic = readOffTopicFile('test/fixtures/eval/beekeeping-offtopic.jsonl');
let docs: SourceDocument[];
let engine: SearchEngine;

beforeAll(async () => {
  docs = loadCorpus('test/fixtures/beekeeping', { warn: () => {} });
  engine = await engineForDocuments(docs);
});

describe('the ranking grid', () => {
  it('has one row per setting, the shipped default marked, with the figures evaluateQuestions gives', async () => {
    const lines: string[] = [];
    const grid = await questionGrid('bees', engine, dev, offTopic, RANKING_GRID, (line) => lines.push(line));
    expect(grid.headers).toEqual(['ranking', 'Hit@1', 'Hit@5', 'MRR', 'page Hit@1', 'page Hit@5', 'off-topic → no answer', 'dev wrongly "no answer"']);
    // The fixture is a documentation site: its index answers with the page ratio by default.
    expect(engine.indexDefaults.ratio).toBe(PAGE_RATIO);
    expect(grid.rows.map((r) => r[0])).toContain(`hybrid weighted ratio=${PAGE_RATIO} **(default)**`);
    expect(grid.rows.filter((r) => r[0].includes('(default)'))).toHaveLength(1);
    const lexical = await evaluateQuestions((q, k) => engine.search(q, { mode: 'lexical', fusion: 'weighted', ratio: 0, k }), dev, offTopic);
    expect(grid.rows[0]).toEqual(['lexical', lexical.hit1.toFixed(3), lexical.hit5.toFixed(3), lexical.mrr.toFixed(3), lexical.pages.hit1.toFixed(3), lexical.pages.hit5.toFixed(3), `${lexical.offTopic.flaggedUnanswerable}/3`, `${lexical.devFlaggedUnanswerable}/5`]);
    expect(lines).toHaveLength(RANKING_GRID.length);
    expect(lines[0]).toMatch(/^bees lexical: Hit@1 \d\.\d{3} {2}Hit@5/);
  });

  it('narrows to one mode', () => {
    expect(rankingSettings('semantic')).toEqual([{ mode: 'semantic', fusion: 'weighted', ratio: 1 }]);
    expect(rankingSettings().length).toBe(RANKING_GRID.length);
  });
});

describe('the levers', () => {
  it('measures each lever on every corpus present and leaves a dash for the absent ones', async () => {
    const picked = LEVERS.filter((l) => l.name.startsWith('shipped') || l.name.startsWith('no context') || l.name.startsWith('pseudo-relevance'));
    const lines: string[] = [];
    const measured = await measureLevers(
      {
        questionSets: [
          { columns: [{ header: 'bees hybrid', mode: 'hybrid' }, { header: 'bees semantic', mode: 'semantic' }], docs, questions: dev },
          { columns: [{ header: 'absent hybrid', mode: 'hybrid' }], docs: null, questions: [] },
        ],
        scifact: null,
      },
      picked,
      (line) => lines.push(line),
    );
    expect(measured.headers).toEqual(['lever', 'bees hybrid', 'bees semantic', 'absent hybrid', 'SciFact hybrid nDCG@10']);
    expect(measured.rows).toHaveLength(3);
    const shipped = await evaluateQuestions((q, k) => engine.search(q, { mode: 'hybrid', k }), dev, []);
    const cell = (x: number) => x.toFixed(3);
    expect(measured.rows[0].slice(1)).toEqual([`${cell(shipped.hit1)} / ${cell(shipped.hit5)} / ${cell(shipped.mrr)} / ${cell(shipped.pages.hit5)}`, expect.stringMatching(/^\d\.\d{3} \/ \d\.\d{3} \/ \d\.\d{3} \/ \d\.\d{3}$/), '–', '–']);
    // Feedback only changes BM25: semantic mode is the shipped figure.
    expect(measured.rows[2][2]).toBe(measured.rows[0][2]);
    expect(lines[0]).toBe(measured.rows[0].join(' | '));
  });
});

describe('the calibration sweep', () => {
  it('has one row per pseudo-question length and evidence, one column per corpus, the shipped pair marked', async () => {
    const sweep = await calibrationSweep([{ name: 'bees', docs, answerable: dev.map((q) => q.q), offTopic, lookAlike: [] }], engine.encoder, { words: [QUESTION_WORDS], variants: EVIDENCE_VARIANTS.slice(0, 2), probes: readProbes().slice(0, 40) });
    expect(sweep.headers).toEqual(['pseudo-question length; evidence', 'bees: answerable · off-topic · look-alike flagged']);
    expect(sweep.rows.map((r) => r[0])).toEqual([`${QUESTION_WORDS} words; ${CALIBRATION_FEATURES.join(', ')}; names −${NAMES_LOG_ODDS} per name **(shipped)**`, `${QUESTION_WORDS} words; no names`]);
    for (const row of sweep.rows) expect(row[1]).toMatch(/^[0-5]\/5 · [0-3]\/3 · –$/);
  });
});

describe('the lexical sweep', () => {
  it('scores each BM25 setting on a SciFact-shaped set, lexical mode', async () => {
    const set: ScifactSet = {
      corpus: docs.map((d, i) => ({ id: String(i + 1), title: d.source, text: d.text })),
      queries: [{ id: 'q1', text: 'capped cells wax' }, { id: 'q2', text: 'swarm cells queen' }],
      qrels: new Map([['q1', new Map([['1', 1]])], ['q2', new Map([[String(docs.findIndex((d) => d.source === 'swarming.md') + 1), 1]])]]),
    };
    const scifactEngine = await engineForDocuments(scifactDocuments(set));
    const sweep = await lexicalSweep(scifactEngine, set, [DEFAULT_LEXICAL, { ...DEFAULT_LEXICAL, stem: false }]);
    expect(sweep.headers).toEqual(['BM25 settings', 'nDCG@10', 'Recall@100']);
    expect(sweep.rows.map((r) => r[0])).toEqual([JSON.stringify(DEFAULT_LEXICAL), JSON.stringify({ ...DEFAULT_LEXICAL, stem: false })]);
    for (const row of sweep.rows) for (const figure of row.slice(1)) expect(Number(figure)).toBeGreaterThan(0);
  });
});

describe('the "no answer" block', () => {
  it('reports the flags, the reliability table and what the build calibrated on', async () => {
    const lines: string[] = [];
    const block = await noAnswerBlock('bees', engine, dev.map((q) => q.q), [{ name: 'written', questions: offTopic }], (line) => lines.push(line));
    expect(block.join('\n')).toMatch(/^\| corpus \| answerable questions flagged .*\n[\s\S]*Reliability[\s\S]*\n\nCalibrated at build time on \d+ of the corpus's own pseudo-questions/);
    expect(lines).toEqual([expect.stringMatching(/^bees no answer: answerable flagged \d\/5; off-topic flagged written \d\/3$/)]);
  });
});

describe('dense retrieval', () => {
  it('ranks by cosine, ties in index order', () => {
    const unit = (...xs: number[]) => Float32Array.from(xs);
    expect(rankByCosine(unit(1, 0), [unit(0, 1), unit(1, 0), unit(0.6, 0.8), unit(1, 0)])).toEqual([1, 3, 2, 0]);
  });

  it('counts hits by the dev-set rule over the whole ranking, so MRR sees a gold passage however deep', async () => {
    const { passages, documents } = passagesOf(docs);
    const goldOf = (q: DevQuestion) => passages.findIndex((p) => isHit(q, { text: p.text, citation: { source: documents[p.doc].source } }));
    // Each question is embedded so that its gold passage comes at a chosen rank.
    const ranks = [1, 1, 2, 6, passages.length];
    const oneHot = (i: number) => Float32Array.from(passages, (_, j) => (j === i ? 1 : 0));
    const embedPassages: Embed = async (texts) => texts.map((t) => oneHot(passages.findIndex((p) => p.text === t)));
    const embedQuestions: Embed = async (texts) =>
      texts.map((t) => {
        const i = dev.findIndex((q) => q.q === t);
        const gold = goldOf(dev[i]);
        const order = [...passages.keys()].filter((j) => j !== gold);
        order.splice(ranks[i] - 1, 0, gold);
        const v = new Float32Array(passages.length);
        order.forEach((j, position) => (v[j] = passages.length - position));
        return v;
      });
    const hits = await denseHits({ questions: dev, passages, documents }, embedQuestions, embedPassages);
    expect(hits.questions).toBe(5);
    expect(hits.hit1).toBeCloseTo(2 / 5);
    expect(hits.hit5).toBeCloseTo(3 / 5);
    expect(hits.mrr).toBeCloseTo((1 + 1 + 1 / 2 + 1 / 6 + 1 / passages.length) / 5);
  });
});

describe('page-level Hit@k', () => {
  it('counts the first result from the gold page among the distinct pages, beside the passage ranks', async () => {
    const question = { q: 'how', doc: 'guide/b.md', gold: ['the answer'] };
    const result = (source: string, text: string) => ({ text, citation: { source } });
    // Passages: a, a, a, b (not the gold passage), b (the gold passage at passage rank 5).
    const results = [result('guide/a.md', 'x'), result('guide/a.md', 'y'), result('guide/a.md', 'z'), result('guide/b.md', 'near'), result('guide/b.md', 'the answer')];
    const report = await evaluateQuestions(async (_, k) => ({ results: results.slice(0, k) }), [question], [], 5);
    expect(report.hit5).toBe(1);
    expect(report.mrr).toBeCloseTo(1 / 5);
    expect(report.pages.hit1).toBe(0);
    expect(report.pages.mrr).toBeCloseTo(1 / 2);
  });

  it('reads passages deeper than k to count k pages, and the passage ranks only from the first k', async () => {
    const question = { q: 'how', doc: 'guide/c.md', gold: ['the answer'] };
    const results = [...Array.from({ length: 6 }, (_, i) => ({ text: `x${i}`, citation: { source: 'guide/a.md' } })), { text: 'the answer', citation: { source: 'guide/c.md' } }];
    const asked: number[] = [];
    const report = await evaluateQuestions(async (_, k) => (asked.push(k), { results: results.slice(0, k) }), [question], [], 5);
    expect(asked[0]).toBeGreaterThan(5);
    expect(report.hit5).toBe(0);
    expect(report.pages.hit5).toBe(1);
  });
});

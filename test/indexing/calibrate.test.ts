/** The "no answer" calibration (src/indexing/calibrate): fitted per index at build time, used by every search. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord, PassageRecord } from '../../src/core/records.js';
import { confidence } from '../../src/core/confidence/index.js';
import type { SearchEngine } from '../../src/core/search/index.js';
import { REPO_EVAL_DIR } from '../../src/eval/datasets.js';
import { openEngineFromDisk } from '../../src/eval/engine.js';
import { fitCalibration, heldOutEvidence, MIN_QUESTIONS, PRIOR_WEIGHTS, pseudoQuestions, QUESTION_WORDS, readProbes } from '../../src/indexing/calibrate/index.js';
import { fitLogistic, sigmoid } from '../../src/indexing/calibrate/logistic.js';
import { buildIndex } from '../../src/indexing/index.js';

describe('the logistic fit', () => {
  it('recovers the weights of the model that generated the labels', () => {
    // Labels drawn from σ(1 + 2·a − 3·b) with a fixed pseudo-random sequence.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = [random() * 4 - 2, random() * 4 - 2];
      x.push(row);
      y.push(random() < sigmoid(1 + 2 * row[0] - 3 * row[1]) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, x.map(() => 1), 1e-6);
    expect(fit.bias).toBeCloseTo(1, 0);
    expect(fit.weights[0]).toBeCloseTo(2, 0);
    expect(fit.weights[1]).toBeCloseTo(-3, 0);
  });

  it('puts even odds between two classes of different sizes when each weighs half', () => {
    const x = [...Array.from({ length: 90 }, (_, i) => [i / 90]), ...Array.from({ length: 10 }, (_, i) => [1 + i / 10])];
    const y = [...x.slice(0, 90).map(() => 0), ...x.slice(90).map(() => 1)];
    const fit = fitLogistic(x, y, [...y.slice(0, 90).map(() => 0.5 / 90), ...y.slice(90).map(() => 0.5 / 10)], 1e-3);
    const boundary = -fit.bias / fit.weights[0];
    expect(boundary).toBeGreaterThan(0.9);
    expect(boundary).toBeLessThan(1.1);
  });
});

describe('the probe bank', () => {
  it('has a few hundred distinct questions, none of them in an evaluation set', () => {
    const probes = readProbes();
    expect(probes.length).toBeGreaterThanOrEqual(200);
    expect(new Set(probes.map((q) => q.toLowerCase())).size).toBe(probes.length);
    const evaluated = new Set(
      readdirSync(REPO_EVAL_DIR)
        .filter((f) => f.endsWith('.jsonl'))
        .flatMap((f) => readFileSync(join(REPO_EVAL_DIR, f), 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { q: string }).q.toLowerCase())),
    );
    expect(evaluated.size).toBeGreaterThan(100);
    expect(probes.filter((q) => evaluated.has(q.toLowerCase()))).toEqual([]);
  });
});

describe('pseudo-questions', () => {
  const passage = (doc: number, heading_path: string[], text: string): PassageRecord => ({ id: `d${doc}`, doc, section: null, heading_path, anchor: null, paragraph: 1, char_start: 0, char_end: text.length, text, excerpt: null });
  const passages = [
    passage(0, ['Install'], 'Run the installer once on every machine that serves requests. It needs Node.'),
    passage(0, ['Install'], 'The installer writes its configuration to the home folder of the current user and then exits with a summary of what it did.'),
    passage(1, ['Other'], 'Only a title here, and one sentence long enough to count as a question.'),
  ];
  const documents = [{ title: 'Guide' }, { title: 'Other' }] as DocumentRecord[];

  it('asks each section heading with all of the passages under it held out, but not a heading that restates the page title', () => {
    const install = pseudoQuestions({ passages, documents }).find((q) => q.q === 'Install');
    expect(install?.held).toEqual(new Set([0, 1]));
    expect(pseudoQuestions({ passages, documents }).some((q) => q.q === 'Other')).toBe(false);
  });

  it('cuts sentence openings to the length of a typed question and holds out their own passage', () => {
    const questions = pseudoQuestions({ passages, documents }).filter((q) => q.q !== 'Install');
    expect(questions.map((q) => q.q)).toEqual([
      'Run the installer once on every machine that serves requests.',
      'The installer writes its configuration to the home folder of the current',
      'Only a title here, and one sentence long enough to count as',
    ]);
    expect(questions.every((q) => q.q.split(' ').length <= QUESTION_WORDS)).toBe(true);
    expect(questions.map((q) => [...q.held])).toEqual([[0], [1], [2]]);
  });

  it('leaves an index too small to fit on uncalibrated rather than fitting noise', () => {
    const few = Array.from({ length: MIN_QUESTIONS - 1 }, () => ({ cosine: 0.5, coverage: 0.5, unseen: 0, margin: 0.1, agreement: 0.5, specificity: 0.5, names: 0 }));
    expect(fitCalibration({ questions: few, probes: few.map((e) => ({ ...e, cosine: 0.1 })) })).toBeNull();
  });
});

/**
 * Two corpora of different domains, each calibrated when it is built: questions each answers are
 * answerable, questions from elsewhere are not — with the same probe bank and no per-corpus setting.
 */
describe.each([
  {
    corpus: 'seeds (news articles)',
    input: 'seeds',
    answered: ['Who estimated North Korean casualties in Kursk?', 'Which Chinese official led the delegation to Pyongyang?', 'What did Kim promise the families of soldiers killed fighting for Russia?'],
    elsewhere: ['How long should I boil an egg for a runny yolk?', 'How do I reverse a linked list in Python?', 'How do I configure a Kubernetes ingress?', 'What is the capital of Peru?'],
  },
  {
    corpus: 'beekeeping (Markdown docs)',
    input: 'test/fixtures/beekeeping',
    answered: ['How often should I open the hive to check on the colony?', 'What should I do when my bees are about to swarm?', 'When can I take the honey off the hive?'],
    elsewhere: ['How do I configure a Kubernetes ingress?', 'Who won the 2018 football World Cup?', 'What is the capital of Peru?', 'Why did Kim Jong Un visit Beijing?'],
  },
])('an index of $corpus', ({ input, answered, elsewhere }) => {
  const out = mkdtempSync(join(tmpdir(), 'calibrate-'));
  let engine: SearchEngine;
  beforeAll(async () => {
    await buildIndex({ input, out, log: () => {} });
    engine = openEngineFromDisk(out);
  });

  it('is calibrated at build time on its own questions and the whole probe bank, and the manifest says so', () => {
    const { calibration } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(calibration).toEqual(engine.artifact.manifest.calibration);
    expect(calibration.fitted_on.questions).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    expect(calibration.fitted_on.probes).toBe(readProbes().length);
    expect(calibration.weights.cosine).toBeGreaterThan(0);
    expect(calibration.weights.unseen).toBeLessThan(0);
  });

  it('answers the questions it holds, with confidence ≥ 0.5', async () => {
    for (const q of answered) {
      const answer = await engine.search(q);
      expect(answer.answerable, q).toBe(true);
      expect(answer.confidence, q).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('flags questions from other domains as not answerable', async () => {
    for (const q of elsewhere) expect((await engine.search(q)).answerable, q).toBe(false);
  });

  it('reports confidence as the calibration computes it, whatever the ranking mode', async () => {
    const q = answered[0];
    const modes = await Promise.all((['hybrid', 'semantic', 'lexical'] as const).map((mode) => engine.search(q, { mode })));
    expect(new Set(modes.map((a) => a.confidence)).size).toBe(1);
    const expected = confidence(engine.artifact.manifest.calibration, await heldOutEvidence(engine, q));
    expect(modes[0].confidence).toBeCloseTo(expected, 4);
  });

  it('lets a client demand more confidence before calling a question answerable', async () => {
    const answer = await engine.search(answered[0]);
    const strict = await engine.search(answered[0], { minConfidence: Math.min(1, answer.confidence + 1e-3) });
    expect(strict.answerable).toBe(false);
    expect(strict.confidence).toBe(answer.confidence);
  });
});

describe('two corpora, two calibrations', () => {
  it('fits different weights for different corpora', async () => {
    const weights = [];
    for (const input of ['seeds', 'test/fixtures/beekeeping']) {
      const out = mkdtempSync(join(tmpdir(), 'calibrate-'));
      await buildIndex({ input, out, log: () => {} });
      weights.push(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).calibration.weights);
    }
    expect(weights[0]).not.toEqual(weights[1]);
  });
});

describe('a question with no results', () => {
  it('is never answerable (a misspelt question in lexical mode)', async () => {
    const engine = openEngineFromDisk();
    const answer = await engine.search('Pyongyangg delegashun anniversery', { mode: 'lexical' });
    expect(answer.results).toEqual([]);
    expect(answer.answerable).toBe(false);
  });
});

/**
 * Look-alike questions: about another tool, in the corpus's own words. The lanternctl docs as
 * mdBook built them (test/fixtures/generators/mdbook) answer how to fade the lamp; they never
 * mention Arduino or Philips Hue.
 */
describe('look-alike questions on a documentation site', () => {
  const out = mkdtempSync(join(tmpdir(), 'calibrate-'));
  let engine: SearchEngine;
  beforeAll(async () => {
    await buildIndex({ input: 'test/fixtures/generators/mdbook', out, log: () => {} });
    engine = openEngineFromDisk(out);
  });

  it('the calibration sets a weight against unseen names, and the manifest records it', () => {
    expect(engine.artifact.manifest.calibration.weights.names).toBe(PRIOR_WEIGHTS.names);
    expect(PRIOR_WEIGHTS.names).toBeLessThan(0);
  });

  it('a question naming a framework the corpus never mentions loses at least the names\' weight in log-odds', async () => {
    // The docs answer the rest of the question well (the page reading leaves no chrome to dilute it), so
    // one unseen name cannot flag it alone on so small a corpus; the eval's look-alike sets measure the rate.
    const logit = (p: number) => Math.log(p / (1 - p));
    for (const [named, plain] of [['How do I fade the lamp slowly to a new level with Arduino?', 'How do I fade the lamp slowly to a new level?'], ['Which brightness level does Philips Hue use for dense fog?', 'Which brightness level is for dense fog?']]) {
      const [withName, without] = [await engine.search(named), await engine.search(plain)];
      expect(withName.results.length, named).toBeGreaterThan(0);
      expect(logit(without.confidence) - logit(withName.confidence), named).toBeGreaterThanOrEqual(-(PRIOR_WEIGHTS.names ?? 0) - 1e-9);
    }
  });

  it('the same question without the name is answered', async () => {
    for (const q of ['How do I fade the lamp slowly to a new level?', 'Which brightness level is for dense fog?']) expect((await engine.search(q)).answerable, q).toBe(true);
  });

  it('an unseen name adds one to the names evidence, an everyday word nothing', async () => {
    const q = 'How do I fade the lamp slowly to a new level?';
    const plain = await heldOutEvidence(engine, q);
    expect((await heldOutEvidence(engine, `${q} With Arduino`)).names - plain.names).toBe(1);
    expect((await heldOutEvidence(engine, `${q} please`)).names - plain.names).toBe(0);
  });

  it('a file name made of words the docs use counts as unseen when they never write it whole', async () => {
    // The docs load "night.txt" and say "lamp" and "level"; "lamp.level" they never write.
    const q = 'How do I load a schedule from';
    const plain = await heldOutEvidence(engine, `${q} a file?`);
    expect((await heldOutEvidence(engine, `${q} night.txt?`)).names - plain.names).toBe(0);
    expect((await heldOutEvidence(engine, `${q} lamp.level?`)).names - plain.names).toBe(1);
  });
});

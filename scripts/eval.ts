/**
 * npm run eval -- [--dataset seeds|vitest|pyfaq|scifact|levers|calibration|all] [--vitest-docs dir] [--mode hybrid|semantic|lexical] [--url URL] [--out file] [--model dir]
 * npm run eval -- --questions my.jsonl [--offtopic off.jsonl] [--input dir | --index dir | --url URL] [--mode …] [--model dir]
 *                  [--lexical-sweep]   (BM25 settings on SciFact)
 *
 * Without --url: runs the Worker's search core in-process over a grid of ranking settings (or just
 * --mode) on the seeds dev/off-topic questions (dist/index) and on BEIR SciFact (indexed on the fly
 * by the same indexer), and writes the table to docs/eval.md. With --url: asks a running server
 * (e.g. `npm run dev`) the seeds questions over HTTP with its defaults. Starts nothing by itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLexicalIndex, DEFAULT_LEXICAL, type LexicalParams, lexicalDocuments } from '../src/core/lexical/index.js';
import { DEFAULT_OPTIONS, SearchEngine, type Answer, type SearchOptions } from '../src/core/search/index.js';
import { hasScifact, readCorpusOffTopic, readDevQuestions, readOffTopicQuestions, readScifact, readVitestQuestions, scifactDocuments, SCIFACT_DIR, VITEST_DOCS_DIR, type DevQuestion } from '../src/eval/datasets.js';
import { engineForDocuments, openEngineFromDisk } from '../src/eval/engine.js';
import { replaceBlock, table } from '../src/eval/markdown.js';
import { buildPyFaq, hasPyFaq, PYFAQ_DIR } from '../src/eval/pyfaq.js';
import { evaluateQuestions, evaluateSeeds, type QuestionsReport, type Searcher } from '../src/eval/run-questions.js';
import { headingSignal, staticNeighbourExpansion, wordnetExpansion } from '../src/eval/levers.js';
import { readOffTopicFile, readQuestionFile } from '../src/eval/own-questions.js';
import { evaluateNoAnswer, formatNoAnswer, printNoAnswer, type OffTopicSet } from '../src/eval/run-no-answer.js';
import { buildScifactEngine, evaluateScifact } from '../src/eval/run-scifact.js';
import { indexDocuments, type IndexOptions } from '../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../src/indexing/model/load.js';
import { resolveModel } from '../src/indexing/model/choice.js';
import { loadCorpus, type SourceDocument } from '../src/indexing/load/index.js';
import { CALIBRATION_FEATURES, calibrationData, fitCalibration, QUESTION_WORDS, readProbes, uncalibratedEngine, type CalibrationData } from '../src/indexing/calibrate/index.js';
import { confidence, type Evidence, type EvidenceName } from '../src/core/confidence/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    dataset: { type: 'string', default: 'all' },
    mode: { type: 'string' },
    index: { type: 'string', default: 'dist/index' },
    out: { type: 'string', default: 'docs/eval.md' },
    'lexical-sweep': { type: 'boolean', default: false },
    'vitest-docs': { type: 'string', default: VITEST_DOCS_DIR },
    model: { type: 'string' },
    questions: { type: 'string' },
    offtopic: { type: 'string' },
    input: { type: 'string' },
  },
});

/**
 * `--model <folder>`: index every corpus with that transformers.js model and ask with it in Node —
 * the production configuration of a Workers AI deployment of the same weights. Its tables are
 * written beside the bundled model's (`<dataset>-model` blocks).
 */
const model = values.model ? await resolveModel({ model: values.model }) : undefined;
if (model && ['levers', 'calibration'].includes(values.dataset)) throw new Error(`--model measures the datasets, not --dataset ${values.dataset}`);

if (values['lexical-sweep']) {
  // BM25 settings on SciFact, lexical mode only: the measurements behind DEFAULT_LEXICAL.
  const engine = await buildScifactEngine(undefined, (m) => console.error(`scifact: ${m}`));
  const { artifact } = engine;
  const variants: LexicalParams[] = [
    DEFAULT_LEXICAL,
    { ...DEFAULT_LEXICAL, stem: false },
    { ...DEFAULT_LEXICAL, k1: 1.2, b: 0.75 },
    { ...DEFAULT_LEXICAL, titleWeight: 1, sectionWeight: 1 },
    { ...DEFAULT_LEXICAL, titleWeight: 0, sectionWeight: 0 },
  ];
  for (const params of variants) {
    const lexical = buildLexicalIndex(lexicalDocuments(artifact), params);
    const report = await evaluateScifact(new SearchEngine({ ...artifact, lexical }, engine.encoder), { mode: 'lexical' });
    console.log(`scifact lexical ${JSON.stringify(params)}: nDCG@10 ${report.ndcg10.toFixed(3)}  Recall@100 ${report.recall100.toFixed(3)}`);
  }
  process.exit(0);
}

type Setting = Pick<SearchOptions, 'mode' | 'fusion' | 'ratio'>;
const GRID: Setting[] = [
  { mode: 'lexical', fusion: 'weighted', ratio: 0 },
  { mode: 'semantic', fusion: 'weighted', ratio: 1 },
  { mode: 'hybrid', fusion: 'rrf', ratio: 0.5 },
  ...[0.1, 0.2, 0.3, 0.5, 0.7].map((ratio): Setting => ({ mode: 'hybrid', fusion: 'weighted', ratio })),
];
const label = (s: Setting) => (s.mode === 'hybrid' ? `hybrid ${s.fusion} ratio=${s.ratio}` : s.mode);
const isDefault = (s: Setting) => s.mode === DEFAULT_OPTIONS.mode && (s.mode !== 'hybrid' || (s.fusion === DEFAULT_OPTIONS.fusion && s.ratio === DEFAULT_OPTIONS.ratio));

function printQuestions(name: string, r: QuestionsReport) {
  console.log(`${name}: Hit@1 ${r.hit1.toFixed(3)}  Hit@5 ${r.hit5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  off-topic "no answer" ${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions}  dev wrongly flagged ${r.devFlaggedUnanswerable}/${r.questions}`);
}

/** Asks a running server (`npm run dev`) over HTTP, with its defaults (and --mode). */
function httpSearcher(url: string): Searcher {
  const base = url.replace(/\/$/, '');
  return async (q, k) => {
    const res = await fetch(`${base}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, k, ...(values.mode ? { mode: values.mode } : {}) }) });
    if (!res.ok) throw new Error(`${base}/search answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Awaited<ReturnType<Searcher>>;
  };
}

if (values.questions) {
  // A site owner's own question set, against their index (built, in memory from --input, or over HTTP).
  try {
    const dev = readQuestionFile(values.questions);
    const offTopic = values.offtopic ? readOffTopicFile(values.offtopic) : [];
    let search: Searcher;
    let against: string;
    if (values.url) [search, against] = [httpSearcher(values.url), values.url];
    else {
      const engine = values.input ? await engineForDocuments(loadCorpus(values.input, { warn: () => {} }), { model }) : openEngineFromDisk(values.index);
      search = (q, k) => engine.search(q, { k, highlights: false, ...(values.mode ? { mode: values.mode as SearchOptions['mode'] } : {}) });
      against = `${values.input ?? values.index} (${engine.artifact.passages.length} passages)`;
    }
    const r = await evaluateQuestions(search, dev, offTopic);
    console.log(`${values.questions} against ${against}, top 5:`);
    console.log(`  Hit@1 ${r.hit1.toFixed(3)}  Hit@5 ${r.hit5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  (${r.questions} question${r.questions === 1 ? '' : 's'})`);
    console.log(`  "no answer": ${r.devFlaggedUnanswerable}/${r.questions} answerable questions flagged${offTopic.length ? `, ${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions} off-topic questions flagged` : ' (no --offtopic set)'}`);
    if (r.misses.length) console.log(`  misses (gold not in the top 5):\n${r.misses.map((m) => `    - ${m.q}\n      expected ${m.doc}, first result ${m.top ?? 'none'}`).join('\n')}`);
    process.exit(0);
  } catch (error) {
    console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (values.url) {
  printQuestions(`seeds via ${values.url}`, await evaluateSeeds(httpSearcher(values.url)));
  process.exit(0);
}

const settings = values.mode ? GRID.filter((s) => s.mode === values.mode) : GRID;
if (settings.length === 0) throw new Error(`--mode must be hybrid, semantic or lexical, got "${values.mode}"`);
const DATASETS = ['seeds', 'vitest', 'pyfaq', 'scifact', 'levers', 'calibration'];
// `levers` and `calibration` measure indexing choices, run on request only.
const wanted = values.dataset === 'all' ? DATASETS.filter((d) => d !== 'levers' && d !== 'calibration') : [values.dataset];
if (!wanted.every((d) => DATASETS.includes(d))) throw new Error(`--dataset must be ${DATASETS.join(', ')} or all, got "${values.dataset}"`);
/** Each dataset's table, rewritten only when that dataset ran (the others keep their last figures). */
const tables = new Map<string, string[]>();
const cell = (x: number) => x.toFixed(3);
const questionRow = (s: Setting, r: QuestionsReport) => [label(s) + (isDefault(s) ? ' **(default)**' : ''), cell(r.hit1), cell(r.hit5), cell(r.mrr), `${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions}`, `${r.devFlaggedUnanswerable}/${r.questions}`];
const QUESTION_HEADERS = ['ranking', 'Hit@1', 'Hit@5', 'MRR', 'off-topic → no answer', 'dev wrongly "no answer"'];

async function questionTable(name: string, engine: SearchEngine, dev: DevQuestion[], offTopic: string[]) {
  const rows: string[][] = [];
  for (const s of settings) {
    const report = await evaluateQuestions(async (q, k) => engine.search(q, { ...s, k }), dev, offTopic);
    printQuestions(`${name} ${label(s)}`, report);
    rows.push(questionRow(s, report));
  }
  tables.set(blockName(name), withModelLine(table(QUESTION_HEADERS, rows)));
}

/** With `--model`, each dataset's tables go to their own `-model` blocks, headed by the model's identity. */
function blockName(name: string): string {
  return model ? `${name}-model` : name;
}
function withModelLine(lines: string[]): string[] {
  return model ? [`Indexed and asked with **${model.identity.id}** (transformers.js in Node, ${model.identity.pooling} pooling, hash ${model.identity.hash.slice(0, 12)}).`, '', ...lines] : lines;
}

/** The "no answer" figures of one corpus (default search), in its own docs/eval.md block. */
async function noAnswerTable(name: string, engine: SearchEngine, answerable: string[], offTopic: OffTopicSet[]) {
  const report = await evaluateNoAnswer(engine, answerable, offTopic);
  printNoAnswer(name, report);
  const { fitted_on: on, in_sample: misjudged } = engine.artifact.manifest.calibration;
  const fit = `Calibrated at build time on ${on.questions} of the corpus's own pseudo-questions and ${on.probes} off-domain probes (in sample: ${Math.round(misjudged.questions_flagged * 100)}% of the former flagged, ${Math.round(misjudged.probes_answered * 100)}% of the latter answered).`;
  tables.set(blockName(`no-answer-${name}`), withModelLine([formatNoAnswer(name, report), '', fit]));
}
const scifactSetIfPresent = hasScifact() ? readScifact() : null;

if (wanted.includes('seeds')) {
  const engine = model ? await engineForDocuments(loadCorpus('seeds', { warn: () => {} }), { model }) : openEngineFromDisk(values.index);
  await questionTable('seeds', engine, readDevQuestions(), readOffTopicQuestions());
  const offTopic: OffTopicSet[] = [{ name: 'written', questions: readOffTopicQuestions() }];
  if (scifactSetIfPresent) offTopic.push({ name: 'SciFact queries', questions: scifactSetIfPresent.queries.map((q) => q.text) });
  await noAnswerTable('seeds', engine, readDevQuestions().map((q) => q.q), offTopic);
}
if (wanted.includes('vitest')) {
  const dir = values['vitest-docs'];
  if (!existsSync(join(dir, 'guide', 'filtering.md'))) {
    console.error(`vitest: skipped — Vitest's docs/ folder not found at ${dir} (a checkout of vitest-dev/vitest; --vitest-docs or VITEST_DOCS)`);
    if (values.dataset === 'vitest') process.exit(1);
  } else {
    // The same files twice: parsed as Markdown, and read as plain-text articles (the former indexer).
    const docs = loadCorpus(dir, { warn: () => {} });
    const asPlainText = docs.map((d) => ({ ...d, format: 'text' as const }));
    for (const [name, corpus] of (model ? [['vitest', docs]] : [['vitest', docs], ['vitest-plain', asPlainText]]) as Array<[string, SourceDocument[]]>) {
      const engine = await engineForDocuments([...corpus], { model });
      console.error(`${name}: ${readVitestQuestions().length} questions over ${engine.artifact.passages.length} passages from ${engine.artifact.documents.length} pages`);
      await questionTable(name, engine, readVitestQuestions(), readCorpusOffTopic('vitest'));
      if (name === 'vitest') await noAnswerTable(name, engine, readVitestQuestions().map((q) => q.q), [{ name: 'other technologies', questions: readCorpusOffTopic('vitest') }]);
    }
  }
}
if (wanted.includes('levers')) {
  // Indexing levers for documentation, each measured on the Vitest docs and the seeds with the default ranking.
  const dir = values['vitest-docs'];
  if (!existsSync(join(dir, 'guide', 'filtering.md'))) {
    console.error(`levers: Vitest's docs/ folder not found at ${dir} (--vitest-docs or VITEST_DOCS)`);
    process.exit(1);
  }
  type Ask = (question: string, options: Partial<SearchOptions>) => Promise<Answer>;
  /** An indexing choice (`options`) and/or a query-time one (`ask`: how a question is put to the engine). */
  const LEVERS: Array<{ name: string; options?: IndexOptions; ask?: (engine: SearchEngine) => Ask }> = [
    { name: 'shipped: page title and heading path in front of the embedded words of Markdown/HTML pages; BM25 title and headings weight 2' },
    { name: 'no context for the vectors', options: { embedContext: 'none' } },
    { name: 'context for plain-text articles too', options: { embedContext: 'title-and-headings' } },
    { name: 'BM25 title and headings weight 1', options: { lexical: { ...DEFAULT_LEXICAL, titleWeight: 1, sectionWeight: 1 } } },
    { name: 'BM25 title and headings weight 0 (body only)', options: { lexical: { ...DEFAULT_LEXICAL, titleWeight: 0, sectionWeight: 0 } } },
    { name: 'BM25 code weight 0.5 (code counts half as much as prose)', options: { lexical: { ...DEFAULT_LEXICAL, codeWeight: 0.5 } } },
    { name: 'BM25 code weight 2', options: { lexical: { ...DEFAULT_LEXICAL, codeWeight: 2 } } },
    { name: 'code left out of the vectors (kept for BM25)', options: { embedCode: false } },
    { name: 'WordNet bridge for unseen words (synonyms, related forms 0.4; gloss words 0.15)', ask: (engine) => { const expand = wordnetExpansion(engine); return (q, o) => engine.search(q, { ...o, expansion: expand(q) }); } },
    { name: 'static-model bridge for unseen words (3 nearest corpus terms, cosine ≥ 0.6, weight 0.3)', ask: (engine) => { const expand = staticNeighbourExpansion(engine); return (q, o) => engine.search(q, { ...o, expansion: expand(q) }); } },
    { name: 'pseudo-relevance feedback (RM3: 10 terms of the 5 best BM25 passages, weight 0.3)', ask: (engine) => (q, o) => engine.search(q, { ...o, feedback: { passages: 5, terms: 10, weight: 0.3 } }) },
    { name: 'heading-only matching as a separate signal (weight 0.2)', ask: (engine) => headingSignal(engine) },
  ];
  const corpora = { vitest: loadCorpus(dir, { warn: () => {} }), seeds: loadCorpus('seeds', { warn: () => {} }) };
  const scifactSet = scifactSetIfPresent;
  const faq = hasPyFaq() ? buildPyFaq() : null;
  const rows: string[][] = [];
  // Query-time levers share the shipped index: each corpus is indexed once per indexing choice.
  const engines = new Map<string, Promise<SearchEngine>>();
  const indexedOnce = (docs: SourceDocument[], options: IndexOptions = {}) => {
    const key = `${docs[0]?.source}\u0000${docs.length}\u0000${JSON.stringify(options)}`;
    if (!engines.has(key)) engines.set(key, engineForDocuments(docs, options));
    return engines.get(key)!;
  };
  for (const lever of LEVERS) {
    const cells: string[] = [lever.name];
    const askWith = (engine: SearchEngine): Ask => lever.ask?.(engine) ?? ((q, o) => engine.search(q, o));
    for (const [name, questions] of [['vitest', readVitestQuestions()], ['seeds', readDevQuestions()]] as const) {
      const engine = await indexedOnce([...corpora[name]], lever.options);
      const ask = askWith(engine);
      for (const mode of ['hybrid', 'semantic'] as const) {
        const r = await evaluateQuestions(async (q, k) => ask(q, { mode, k }), questions, []);
        cells.push(`${cell(r.hit5)} / ${cell(r.mrr)}`);
      }
    }
    if (faq) {
      const engine = await indexedOnce(loadCorpus(faq.corpusDir, { warn: () => {} }), lever.options);
      const ask = askWith(engine);
      const r = await evaluateQuestions(async (q, k) => ask(q, { k }), faq.questions, []);
      cells.push(`${cell(r.hit5)} / ${cell(r.mrr)}`);
    } else cells.push('–');
    if (scifactSet) {
      const engine = await indexedOnce(scifactDocuments(scifactSet), lever.options);
      cells.push(cell((await evaluateScifact(engine, {}, scifactSet, askWith(engine))).ndcg10));
    } else cells.push('–');
    console.log(cells.join(' | '));
    rows.push(cells);
  }
  tables.set('levers', table(['lever', 'Vitest hybrid Hit@5 / MRR', 'Vitest semantic', 'seeds hybrid', 'seeds semantic', 'FAQ hybrid', 'SciFact hybrid nDCG@10'], rows));
}
if (wanted.includes('calibration')) {
  // Choices of the "no answer" calibration (src/indexing/calibrate), on every dev corpus present.
  const corpora: Array<{ name: string; docs: SourceDocument[]; answerable: string[]; offTopic: string[] }> = [
    { name: 'seeds', docs: loadCorpus('seeds', { warn: () => {} }), answerable: readDevQuestions().map((q) => q.q), offTopic: readOffTopicQuestions() },
  ];
  if (existsSync(join(values['vitest-docs'], 'guide', 'filtering.md'))) corpora.push({ name: 'vitest', docs: loadCorpus(values['vitest-docs'], { warn: () => {} }), answerable: readVitestQuestions().map((q) => q.q), offTopic: readCorpusOffTopic('vitest') });
  if (hasPyFaq()) {
    const faq = buildPyFaq();
    corpora.push({ name: 'pyfaq', docs: loadCorpus(faq.corpusDir, { warn: () => {} }), answerable: faq.questions.map((q) => q.q), offTopic: readCorpusOffTopic('pyfaq') });
  }
  const WORDS = [8, QUESTION_WORDS, 20];
  const FEATURES: Array<{ name: string; features: readonly EvidenceName[] }> = [
    { name: CALIBRATION_FEATURES.join(', '), features: CALIBRATION_FEATURES },
    { name: '+ agreement', features: [...CALIBRATION_FEATURES, 'agreement'] },
    { name: '+ specificity', features: [...CALIBRATION_FEATURES, 'specificity'] },
    { name: '− coverage', features: CALIBRATION_FEATURES.filter((f) => f !== 'coverage') },
    { name: '− margin', features: CALIBRATION_FEATURES.filter((f) => f !== 'margin') },
  ];
  const probes = readProbes();
  const measured = [];
  for (const corpus of corpora) {
    const { artifact } = await indexDocuments(corpus.docs, { log: () => {} });
    const engine = uncalibratedEngine(artifact, loadStaticEncoder(DEFAULT_MODEL_DIR));
    const evidenceOf = (qs: string[]) => Promise.all(qs.map((q) => engine.heldOutEvidence(q)));
    const data = new Map<number, CalibrationData>();
    for (const words of WORDS) data.set(words, await calibrationData(engine, probes, words));
    measured.push({ ...corpus, data, answerableEvidence: await evidenceOf(corpus.answerable), offTopicEvidence: await evidenceOf(corpus.offTopic) });
  }
  const rows: string[][] = [];
  for (const words of WORDS) {
    for (const variant of FEATURES) {
      const cells = [`${words} words; ${variant.name}${words === QUESTION_WORDS && variant.features === CALIBRATION_FEATURES ? ' **(shipped)**' : ''}`];
      for (const m of measured) {
        const calibration = fitCalibration(m.data.get(words)!, variant.features);
        const flagged = (xs: Evidence[]) => (calibration ? xs.filter((e) => confidence(calibration, e) < 0.5).length : 0);
        cells.push(`${flagged(m.answerableEvidence)}/${m.answerable.length} · ${flagged(m.offTopicEvidence)}/${m.offTopic.length}`);
      }
      console.log(cells.join(' | '));
      rows.push(cells);
    }
  }
  tables.set('calibration', table(['pseudo-question length; evidence', ...measured.map((m) => `${m.name}: answerable flagged · off-topic flagged`)], rows));
}
if (wanted.includes('pyfaq')) {
  if (!hasPyFaq()) {
    console.error(`pyfaq: skipped — the Python 3.11 FAQ is not installed (${PYFAQ_DIR}; apt-get install python3.11-doc)`);
    if (values.dataset === 'pyfaq') process.exit(1);
  } else {
    const faq = buildPyFaq();
    const engine = await engineForDocuments(loadCorpus(faq.corpusDir, { warn: () => {} }), { model });
    console.error(`pyfaq: ${faq.questions.length} questions over ${engine.artifact.passages.length} passages (plain-text indexing)`);
    await questionTable('pyfaq', engine, faq.questions, readCorpusOffTopic('pyfaq'));
    await noAnswerTable('pyfaq', engine, faq.questions.map((q) => q.q), [{ name: 'written', questions: readCorpusOffTopic('pyfaq') }]);
  }
}
if (wanted.includes('scifact')) {
  if (!hasScifact()) {
    // SciFact is optional (large, kept beside the repository): say so, and fail only when it was asked for by name.
    console.error(`scifact: skipped — not found in ${SCIFACT_DIR} (put the BEIR SciFact test split there or set EVAL_DIR)`);
    if (values.dataset === 'scifact') process.exit(1);
  } else {
    const started = performance.now();
    console.error('scifact: indexing 5,183 abstracts with the project indexer…');
    const engine = await buildScifactEngine(undefined, (m) => m.startsWith('passages') && console.error(`scifact: ${m}`), undefined, model);
    console.error(`scifact: indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const rows: string[][] = [];
    for (const s of settings) {
      const report = await evaluateScifact(engine, s);
      console.log(`scifact ${label(s)}: nDCG@10 ${report.ndcg10.toFixed(3)}  Recall@100 ${report.recall100.toFixed(3)}`);
      rows.push([label(s) + (isDefault(s) ? ' **(default)**' : ''), cell(report.ndcg10), cell(report.recall100)]);
    }
    tables.set(blockName('scifact'), withModelLine(table(['ranking', 'nDCG@10', 'Recall@100'], rows)));
    await noAnswerTable('scifact', engine, readScifact().queries.map((q) => q.text), [{ name: 'seeds dev questions', questions: readDevQuestions().map((q) => q.q) }]);
  }
}

if (values.out) {
  let doc: string;
  try {
    doc = readFileSync(values.out, 'utf8');
  } catch {
    doc = '# Evaluation\n';
  }
  const flagList = [values.dataset !== 'all' ? `--dataset ${values.dataset}` : '', values.mode ? `--mode ${values.mode}` : '', values.model ? `--model ${values.model}` : ''].filter(Boolean);
  const flags = flagList.length ? ` -- ${flagList.join(' ')}` : '';
  for (const [name, lines] of tables) doc = replaceBlock(doc, `eval:${name}`, `${lines.join('\n')}\n\n_Generated by \`npm run eval${flags}\`._`);
  writeFileSync(values.out, doc);
  console.error(`updated ${values.out} (${[...tables.keys()].join(', ')})`);
}

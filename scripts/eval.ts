/**
 * npm run eval -- [--dataset seeds|vitest|vitest-html|rustbook|pyfaq|scifact|levers|ranking-levers|calibration|all] [--vitest-docs dir] [--vitest-html dir] [--mode hybrid|semantic|lexical] [--url URL] [--out file] [--model dir]
 * npm run eval -- --questions my.jsonl [--offtopic off.jsonl] [--input dir | --index dir | --url URL] [--mode …] [--model dir]
 *                  [--lexical-sweep]   (BM25 settings on SciFact)
 * npm run eval -- --dataset levers [--lever <text>] [--no-scifact]   (some levers; printed, docs/eval.md untouched)
 *
 * Without --url: runs the Worker's search core in-process over a grid of ranking settings (or just
 * --mode) on the seeds dev/off-topic questions (dist/index) and on BEIR SciFact (indexed on the fly
 * by the same indexer), and writes the table to docs/eval.md. With --url: asks a running server
 * (e.g. `npm run dev`) the seeds questions over HTTP with its defaults. Starts nothing by itself.
 * The measuring lives in src/eval/experiments; this file parses flags, orders it and writes the Markdown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { SearchEngine, SearchMode } from '../src/core/search/index.js';
import { hasScifact, hasVitestDocs, hasVitestHtml, onBuiltPages, readCorpusOffTopic, readDevQuestions, readLookAlike, readOffTopicQuestions, readRustBookQuestions, readScifact, readVitestQuestions, SCIFACT_DIR, VITEST_DOCS_DIR, VITEST_HTML_DIR, type DevQuestion } from '../src/eval/datasets.js';
import { assertGoldReachable } from '../src/eval/gold.js';
import { hasRustBook, loadRustBook, RUST_BOOK_DIR } from '../src/eval/rustbook.js';
import { engineForDocuments, openEngineFromFolder } from '../src/eval/engine.js';
import { SERVED_INDEX_DIR } from '../src/indexing/config/index.js';
import { formatParity } from '../src/eval/experiments/format-parity.js';
import { calibrationCorpora, calibrationSweep } from '../src/eval/experiments/calibration-sweep.js';
import { lexicalSweep } from '../src/eval/experiments/lexical-sweep.js';
import { LEVERS, leverCorpora, measureLevers, RANKING_LEVERS, selectLevers } from '../src/eval/experiments/levers.js';
import { noAnswerBlock } from '../src/eval/experiments/no-answer.js';
import { questionGrid, rankingSettings, scifactGrid } from '../src/eval/experiments/ranking-grid.js';
import { httpSearcher } from '../src/eval/http-searcher.js';
import { replaceBlock, table, type Table } from '../src/eval/markdown.js';
import { ownQuestionsReport, readOffTopicFile, readQuestionFile } from '../src/eval/own-questions.js';
import { buildPyFaq, hasPyFaq, PYFAQ_DIR } from '../src/eval/pyfaq.js';
import { lookAlikeSet, type OffTopicSet } from '../src/eval/run-no-answer.js';
import { evaluateQuestions, evaluateSeeds, questionsSummary, type Searcher } from '../src/eval/run-questions.js';
import { buildScifactEngine } from '../src/eval/run-scifact.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../src/indexing/model/load.js';
import { loadCorpus } from '../src/indexing/load/index.js';
import { resolveModel } from '../src/indexing/model/choice.js';
import { cliProgram, parseOrExit } from './lib/cli.js';

const DATASETS = ['seeds', 'vitest', 'vitest-html', 'rustbook', 'pyfaq', 'scifact', 'levers', 'ranking-levers', 'calibration'] as const;
type Dataset = (typeof DATASETS)[number];

const program = cliProgram('eval', "Measures the search core on the dev sets and SciFact and rewrites docs/eval.md's tables (or asks your own question set).")
  .addOption(new Option('--dataset <name>', 'what to measure; levers, ranking-levers and calibration run only when named').choices([...DATASETS, 'all']).default('all'))
  .addOption(new Option('--mode <mode>', 'only this ranking mode (default: the whole grid)').choices(['hybrid', 'semantic', 'lexical']))
  .option('--url <url>', 'ask a running server (npm run dev) over HTTP instead of the in-process core')
  .option('--index <dir>', `a built index to ask the seeds questions (or --questions) against (default: the seeds indexed in memory; with --questions, ${SERVED_INDEX_DIR})`)
  .option('--out <file>', 'the Markdown file whose eval:<dataset> blocks are rewritten', 'docs/eval.md')
  .option('--lexical-sweep', 'BM25 settings on SciFact, lexical mode only')
  .option('--lever <text>', 'with --dataset levers or ranking-levers: only the levers whose name contains this, or one of its |-separated parts (and the shipped row)')
  .option('--no-scifact', 'with --dataset levers or ranking-levers: leave SciFact out (quick runs while tuning)')
  .option('--vitest-docs <dir>', "Vitest's docs/ folder (a checkout of vitest-dev/vitest)", VITEST_DOCS_DIR)
  .option('--vitest-html <dir>', 'the same docs built by VitePress (bash scripts/fixtures/build-vitest-html.sh writes it)', VITEST_HTML_DIR)
  .option('--model <dir|hub id>', 'index and ask every corpus with this transformers.js model (tables go to <dataset>-model blocks)')
  .option('--questions <file>', 'your own question set (JSONL: {"q", "doc", "gold"})')
  .option('--offtopic <file>', 'with --questions: questions the corpus does not answer (JSONL: {"q"})')
  .option('--input <dir>', 'with --questions: index this folder in memory instead of reading --index');

const { options } = parseOrExit<{
  dataset: Dataset | 'all';
  mode?: SearchMode;
  url?: string;
  index?: string;
  out: string;
  lexicalSweep?: boolean;
  lever?: string;
  scifact: boolean;
  vitestDocs: string;
  vitestHtml: string;
  model?: string;
  questions?: string;
  offtopic?: string;
  input?: string;
}>(program, 'eval');
const quiet = { warn: () => {} };

/**
 * `--model <folder>`: index every corpus with that transformers.js model and ask with it in Node —
 * the production configuration of a Workers AI deployment of the same weights. Its tables are
 * written beside the bundled model's (`<dataset>-model` blocks).
 */
const model = options.model ? await resolveModel({ model: options.model }) : undefined;
if (model && (options.dataset === 'levers' || options.dataset === 'ranking-levers' || options.dataset === 'calibration')) throw new Error(`--model measures the datasets, not --dataset ${options.dataset}`);

if (options.lexicalSweep) {
  const engine = await buildScifactEngine(undefined, (m) => console.error(`scifact: ${m}`));
  await lexicalSweep(engine, undefined, undefined, console.log);
  process.exit(0);
}

if (options.questions) {
  // A site owner's own question set, against their index (built, in memory from --input, or over HTTP).
  try {
    const dev = readQuestionFile(options.questions);
    const offTopic = options.offtopic ? readOffTopicFile(options.offtopic) : [];
    let search: Searcher;
    let against: string;
    if (options.url) [search, against] = [httpSearcher(options.url, options.mode), options.url];
    else {
      const index = options.index ?? SERVED_INDEX_DIR;
      const engine = options.input ? await engineForDocuments(loadCorpus(options.input, quiet), { model }) : await openEngineFromFolder(index);
      search = (q, k) => engine.search(q, { k, highlights: false, ...(options.mode ? { mode: options.mode } : {}) });
      against = `${options.input ?? index} (${engine.artifact.manifest.counts.passages} passages)`;
    }
    for (const line of ownQuestionsReport(options.questions, against, await evaluateQuestions(search, dev, offTopic))) console.log(line);
    process.exit(0);
  } catch (error) {
    console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (options.url) {
  console.log(questionsSummary(`seeds via ${options.url}`, await evaluateSeeds(httpSearcher(options.url, options.mode))));
  process.exit(0);
}

const settings = rankingSettings(options.mode);
// `levers` and `calibration` measure indexing choices, run on request only.
const wanted: Dataset[] = options.dataset === 'all' ? DATASETS.filter((d) => d !== 'levers' && d !== 'ranking-levers' && d !== 'calibration') : [options.dataset];
/** Each dataset's table, rewritten only when that dataset ran (the others keep their last figures). */
const tables = new Map<string, string[]>();

/** An optional dataset that is not on this machine: say so, and fail only when it was asked for by name. */
function present(dataset: Dataset, found: boolean, missing: string): boolean {
  if (found) return true;
  console.error(`${dataset}: skipped — ${missing}`);
  if (options.dataset === dataset) process.exit(1);
  return false;
}
const VITEST_MISSING = `Vitest's docs/ folder not found at ${options.vitestDocs} (a checkout of vitest-dev/vitest; --vitest-docs or VITEST_DOCS)`;
const VITEST_HTML_MISSING = `Vitest's docs built as HTML not found at ${options.vitestHtml} (bash scripts/fixtures/build-vitest-html.sh builds them from the Markdown with VitePress; --vitest-html or VITEST_HTML)`;

/** With `--model`, each dataset's tables go to their own `-model` blocks, headed by the model's identity. */
function setTable(name: string, lines: string[]): void {
  const modelLine = model && `Indexed and asked with **${model.identity.id}** (transformers.js in Node, ${model.identity.pooling} pooling, hash ${model.identity.hash.slice(0, 12)}).`;
  tables.set(model ? `${name}-model` : name, modelLine ? [modelLine, '', ...lines] : lines);
}
const markdown = (t: Table) => table(t.headers, t.rows);

async function measureQuestions(name: string, engine: SearchEngine, dev: DevQuestion[], offTopic: string[]): Promise<void> {
  setTable(name, markdown(await questionGrid(name, engine, dev, offTopic, settings, console.log)));
}
async function measureNoAnswer(name: string, engine: SearchEngine, answerable: string[], offTopic: OffTopicSet[]): Promise<void> {
  setTable(`no-answer-${name}`, await noAnswerBlock(name, engine, answerable, offTopic, console.log));
}
const scifactSet = hasScifact() ? readScifact() : null;

if (wanted.includes('seeds')) {
  // The seeds are indexed in memory, by the same indexer: eval never rebuilds dist/index, which a
  // running wrangler dev would reload (and which may hold the owner's site).
  const engine = options.index && !model ? await openEngineFromFolder(options.index) : await engineForDocuments(loadCorpus('seeds', quiet), { model });
  await measureQuestions('seeds', engine, readDevQuestions(), readOffTopicQuestions());
  const offTopic: OffTopicSet[] = [{ name: 'written', questions: readOffTopicQuestions() }, lookAlikeSet(readLookAlike('seeds'))];
  if (scifactSet) offTopic.push({ name: 'SciFact queries', questions: scifactSet.queries.map((q) => q.text) });
  await measureNoAnswer('seeds', engine, readDevQuestions().map((q) => q.q), offTopic);
}
/** The Vitest docs indexed from their Markdown, once per run (the vitest and vitest-html datasets share it). */
let vitestMarkdown: Promise<SearchEngine> | undefined;
const vitestMarkdownEngine = () => (vitestMarkdown ??= engineForDocuments(loadCorpus(options.vitestDocs, quiet), { model }));
const describeCorpus = (name: string, engine: SearchEngine) => console.error(`${name}: ${readVitestQuestions().length} questions over ${engine.artifact.passages.length} passages from ${engine.artifact.documents.length} pages`);

if (wanted.includes('vitest') && present('vitest', hasVitestDocs(options.vitestDocs), VITEST_MISSING)) {
  // The same files twice: parsed as Markdown, and read as plain-text articles (the former indexer).
  const engine = await vitestMarkdownEngine();
  describeCorpus('vitest', engine);
  // The shipped indexer must cut every gold whole; the plain-text reading is measured as it cuts them.
  assertGoldReachable('vitest', readVitestQuestions(), engine.artifact);
  await measureQuestions('vitest', engine, readVitestQuestions(), readCorpusOffTopic('vitest'));
  await measureNoAnswer('vitest', engine, readVitestQuestions().map((q) => q.q), [{ name: 'other technologies', questions: readCorpusOffTopic('vitest') }, lookAlikeSet(readLookAlike('vitest'))]);
  if (!model) {
    const asPlainText = loadCorpus(options.vitestDocs, quiet).map((d) => ({ ...d, format: 'text' as const }));
    const plain = await engineForDocuments(asPlainText, { model });
    describeCorpus('vitest-plain', plain);
    await measureQuestions('vitest-plain', plain, readVitestQuestions(), readCorpusOffTopic('vitest'));
  }
}
if (wanted.includes('rustbook') && present('rustbook', hasRustBook(), `The Rust Programming Language is not installed at ${RUST_BOOK_DIR} (apt-get install rust-doc, or set RUST_BOOK)`)) {
  // mdBook's generated HTML, a subset of the book's pages (src/eval/rustbook.ts).
  const engine = await engineForDocuments(loadRustBook(), { model });
  const questions = readRustBookQuestions();
  console.error(`rustbook: ${questions.length} questions over ${engine.artifact.passages.length} passages from ${engine.artifact.documents.length} pages`);
  assertGoldReachable('rustbook', questions, engine.artifact);
  await measureQuestions('rustbook', engine, questions, readLookAlike('rustbook'));
  await measureNoAnswer('rustbook', engine, questions.map((q) => q.q), [lookAlikeSet(readLookAlike('rustbook'))]);
}
if (wanted.includes('vitest-html') && present('vitest-html', hasVitestDocs(options.vitestDocs), VITEST_MISSING) && present('vitest-html', hasVitestHtml(options.vitestHtml), VITEST_HTML_MISSING)) {
  // The same pages as built HTML (VitePress), against their Markdown sources: what reading generator output costs.
  const html = await engineForDocuments(loadCorpus(options.vitestHtml, quiet), { model });
  const htmlQuestions = onBuiltPages(readVitestQuestions());
  describeCorpus('vitest-html', html);
  await measureQuestions('vitest-html', html, htmlQuestions, readCorpusOffTopic('vitest'));
  const parity = await formatParity({ readFrom: 'Markdown sources', engine: await vitestMarkdownEngine(), questions: readVitestQuestions() }, { readFrom: 'built HTML (VitePress)', engine: html, questions: htmlQuestions }, console.log);
  console.log(`vitest-html: ${parity.verdict}`);
  setTable('vitest-formats', [...markdown(parity.table), '', parity.verdict]);
}
for (const [dataset, levers] of [['levers', LEVERS], ['ranking-levers', RANKING_LEVERS]] as const) {
  if (!wanted.includes(dataset) || !present(dataset, hasVitestDocs(options.vitestDocs), VITEST_MISSING)) continue;
  const corpora = leverCorpora(options.vitestDocs, hasPyFaq() ? buildPyFaq() : null, options.scifact ? scifactSet : null);
  const measured = markdown(await measureLevers(corpora, selectLevers(options.lever, levers), console.log));
  // A partial run (some levers, or no SciFact) prints its table and leaves docs/eval.md's as it is.
  if (options.lever || !options.scifact) console.log(measured.join('\n'));
  else tables.set(dataset, measured);
}
if (wanted.includes('calibration')) {
  const corpora = calibrationCorpora(options.vitestDocs, hasPyFaq() ? buildPyFaq() : null);
  tables.set('calibration', markdown(await calibrationSweep(corpora, loadStaticEncoder(DEFAULT_MODEL_DIR), {}, console.log)));
}
if (wanted.includes('pyfaq') && present('pyfaq', hasPyFaq(), `the Python 3.11 FAQ is not installed (${PYFAQ_DIR}; apt-get install python3.11-doc)`)) {
  const faq = buildPyFaq();
  const engine = await engineForDocuments(loadCorpus(faq.corpusDir, quiet), { model });
  console.error(`pyfaq: ${faq.questions.length} questions over ${engine.artifact.passages.length} passages (plain-text indexing)`);
  await measureQuestions('pyfaq', engine, faq.questions, readCorpusOffTopic('pyfaq'));
  await measureNoAnswer('pyfaq', engine, faq.questions.map((q) => q.q), [{ name: 'written', questions: readCorpusOffTopic('pyfaq') }]);
}
// SciFact is optional: large, kept beside the repository.
if (wanted.includes('scifact') && present('scifact', scifactSet !== null, `not found in ${SCIFACT_DIR} (put the BEIR SciFact test split there or set EVAL_DIR)`) && scifactSet) {
  const started = performance.now();
  console.error('scifact: indexing 5,183 abstracts with the project indexer…');
  const engine = await buildScifactEngine(scifactSet, (m) => m.startsWith('passages') && console.error(`scifact: ${m}`), undefined, model);
  console.error(`scifact: indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  setTable('scifact', markdown(await scifactGrid(engine, settings, scifactSet, console.log)));
  await measureNoAnswer('scifact', engine, scifactSet.queries.map((q) => q.text), [{ name: 'seeds dev questions', questions: readDevQuestions().map((q) => q.q) }]);
}

if (options.out) {
  let doc: string;
  try {
    doc = readFileSync(options.out, 'utf8');
  } catch {
    doc = '# Evaluation\n';
  }
  const flagList = [options.dataset !== 'all' ? `--dataset ${options.dataset}` : '', options.mode ? `--mode ${options.mode}` : '', options.model ? `--model ${options.model}` : ''].filter(Boolean);
  const flags = flagList.length ? ` -- ${flagList.join(' ')}` : '';
  for (const [name, lines] of tables) doc = replaceBlock(doc, `eval:${name}`, `${lines.join('\n')}\n\n_Generated by \`npm run eval${flags}\`._`);
  writeFileSync(options.out, doc);
  console.error(`updated ${options.out} (${[...tables.keys()].join(', ')})`);
}

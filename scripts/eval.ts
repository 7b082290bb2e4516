/**
 * npm run eval -- [--dataset seeds|scifact|all] [--mode hybrid|semantic|lexical] [--url URL] [--out file]
 *                  [--lexical-sweep]   (BM25 settings on SciFact)
 *
 * Without --url: runs the Worker's search core in-process over a grid of ranking settings (or just
 * --mode) on the seeds dev/off-topic questions (dist/index) and on BEIR SciFact (indexed on the fly
 * by the same indexer), and writes the table to docs/eval.md. With --url: asks a running server
 * (e.g. `npm run dev`) the seeds questions over HTTP with its defaults. Starts nothing by itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildLexicalIndex, DEFAULT_LEXICAL, type LexicalParams, lexicalDocuments } from '../src/core/lexical/index.js';
import { DEFAULT_OPTIONS, SearchEngine, type SearchOptions } from '../src/core/search/index.js';
import { openEngineFromDisk } from '../src/eval/engine.js';
import { evaluateScifact, buildScifactEngine, type ScifactReport } from '../src/eval/run-scifact.js';
import { evaluateSeeds, type SeedsReport, type Searcher } from '../src/eval/run-seeds.js';
import { hasScifact, SCIFACT_DIR } from '../src/eval/datasets.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    dataset: { type: 'string', default: 'all' },
    mode: { type: 'string' },
    index: { type: 'string', default: 'dist/index' },
    out: { type: 'string', default: 'docs/eval.md' },
    'lexical-sweep': { type: 'boolean', default: false },
  },
});

if (values['lexical-sweep']) {
  // BM25 settings on SciFact, lexical mode only: the measurements behind DEFAULT_LEXICAL.
  const engine = await buildScifactEngine(undefined, (m) => console.error(`scifact: ${m}`));
  const { artifact } = engine;
  const variants: LexicalParams[] = [
    DEFAULT_LEXICAL,
    { ...DEFAULT_LEXICAL, stem: false },
    { ...DEFAULT_LEXICAL, k1: 1.2, b: 0.75 },
    { ...DEFAULT_LEXICAL, titleWeight: 2 },
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

function printSeeds(name: string, r: SeedsReport) {
  console.log(`${name}: Hit@1 ${r.hit1.toFixed(3)}  Hit@5 ${r.hit5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  off-topic "no answer" ${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions}  dev wrongly flagged ${r.devFlaggedUnanswerable}/${r.questions}`);
}

if (values.url) {
  const base = values.url.replace(/\/$/, '');
  const search: Searcher = async (q, k) => {
    const res = await fetch(`${base}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, k, ...(values.mode ? { mode: values.mode } : {}) }) });
    if (!res.ok) throw new Error(`${base}/search answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Awaited<ReturnType<Searcher>>;
  };
  printSeeds(`seeds via ${base}`, await evaluateSeeds(search));
  process.exit(0);
}

const settings = values.mode ? GRID.filter((s) => s.mode === values.mode) : GRID;
if (settings.length === 0) throw new Error(`--mode must be hybrid, semantic or lexical, got "${values.mode}"`);
const seeds = new Map<Setting, SeedsReport>();
const scifact = new Map<Setting, ScifactReport>();

if (values.dataset === 'seeds' || values.dataset === 'all') {
  const engine = openEngineFromDisk(values.index);
  for (const s of settings) {
    const report = await evaluateSeeds(async (q, k) => engine.search(q, { ...s, k }));
    seeds.set(s, report);
    printSeeds(`seeds ${label(s)}`, report);
  }
}
const scifactWanted = values.dataset === 'scifact' || values.dataset === 'all';
if (scifactWanted && !hasScifact()) {
  // SciFact is optional (large, kept beside the repository): say so, and fail only when it was asked for by name.
  console.error(`scifact: skipped — not found in ${SCIFACT_DIR} (put the BEIR SciFact test split there or set EVAL_DIR)`);
  if (values.dataset === 'scifact') process.exit(1);
}
if (scifactWanted && hasScifact()) {
  const started = performance.now();
  console.error('scifact: indexing 5,183 abstracts with the project indexer…');
  const engine = await buildScifactEngine(undefined, (m) => m.startsWith('passages') && console.error(`scifact: ${m}`));
  console.error(`scifact: indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const s of settings) {
    const report = await evaluateScifact(engine, s);
    scifact.set(s, report);
    console.log(`scifact ${label(s)}: nDCG@10 ${report.ndcg10.toFixed(3)}  Recall@100 ${report.recall100.toFixed(3)}`);
  }
}

if (values.out) {
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
  const rows = settings.map((s) => {
    const a = seeds.get(s);
    const b = scifact.get(s);
    const off = a ? `${a.offTopic.flaggedUnanswerable}/${a.offTopic.questions}` : '–';
    const wrong = a ? `${a.devFlaggedUnanswerable}/${a.questions}` : '–';
    return `| ${label(s)}${isDefault(s) ? ' **(default)**' : ''} | ${f(a?.hit1)} | ${f(a?.hit5)} | ${f(a?.mrr)} | ${off} | ${wrong} | ${f(b?.ndcg10)} | ${f(b?.recall100)} |`;
  });
  const table = [
    '| ranking | seeds Hit@1 | seeds Hit@5 | seeds MRR | off-topic → no answer | dev wrongly "no answer" | SciFact nDCG@10 | SciFact Recall@100 |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const begin = '<!-- eval:begin -->';
  const end = '<!-- eval:end -->';
  const block = `${begin}\n${table}\n\n_Generated by \`npm run eval\`${values.dataset !== 'all' || values.mode ? ` (--dataset ${values.dataset}${values.mode ? ` --mode ${values.mode}` : ''})` : ''}._\n${end}`;
  let doc: string;
  try {
    doc = readFileSync(values.out, 'utf8');
  } catch {
    doc = '# Evaluation\n';
  }
  writeFileSync(values.out, doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), block) : `${doc}\n${block}\n`);
  console.error(`updated ${values.out}`);
}

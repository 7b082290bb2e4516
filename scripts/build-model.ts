/**
 * npm run build:model — distils the teacher (USE lite) into the static model the indexer and the
 * Worker share, and writes it to src/core/model/assets/ (weights.bin, tokenizer.json,
 * manifest.json). Deterministic: the same teacher package and WordNet give byte-identical files.
 * Needs Debian's wordnet-base for the fit recipe (apt-get install wordnet-base).
 */
import { parseArgs } from 'node:util';
import { buildStaticModel, DEFAULT_RECIPE, writeStaticModel } from '../src/indexing/model/build.js';
import { loadModelManifest } from '../src/indexing/model/load.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'src/core/model/assets' },
    recipe: { type: 'string', default: DEFAULT_RECIPE.recipe },
    dims: { type: 'string', default: String(DEFAULT_RECIPE.dims) },
    lambda: { type: 'string', default: String(DEFAULT_RECIPE.lambda) },
    sif: { type: 'string', default: String(DEFAULT_RECIPE.sifA) },
    stride: { type: 'string', default: String(DEFAULT_RECIPE.stride) },
    iterations: { type: 'string', default: String(DEFAULT_RECIPE.iterations) },
    cache: { type: 'string', default: 'dist/cache' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run build:model -- [--out dir] [--recipe fit|token] [--dims N] [--lambda x] [--sif a] [--stride N] [--iterations N] [--check]
  --check  rebuild and compare with the committed files instead of writing (exit 1 when they differ)`);
  process.exit(0);
}
const recipe = values.recipe === 'token' ? 'token' : values.recipe === 'fit' ? 'fit' : null;
if (!recipe) throw new Error(`--recipe must be "fit" or "token", got "${values.recipe}"`);

const model = await buildStaticModel(
  {
    ...DEFAULT_RECIPE,
    recipe,
    dims: Number(values.dims),
    lambda: Number(values.lambda),
    sifA: Number(values.sif),
    stride: Number(values.stride),
    iterations: Number(values.iterations),
  },
  { cacheDir: values.cache, log: (m) => console.error(m) },
);
if (values.check) {
  const committed = loadModelManifest(values.out);
  const same = committed.hash === model.manifest.hash;
  console.error(same ? `reproduced ${values.out} byte for byte (hash ${committed.hash})` : `MISMATCH: rebuilt hash ${model.manifest.hash}, committed ${committed.hash}`);
  process.exit(same ? 0 : 1);
}
const manifest = writeStaticModel(model, values.out);
console.error(`wrote ${values.out}: ${manifest.id}, ${manifest.dims} dims, hash ${manifest.hash}`);

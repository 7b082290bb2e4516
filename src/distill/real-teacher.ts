/**
 * A real sentence encoder as a teacher: a transformers.js model folder written by
 * `npm run fetch:teacher` (teacher.json beside the ONNX model), run offline through the same
 * embedder the indexer uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dot } from '../core/vector/index.js';
import { withPrefix } from '../core/encoder/index.js';
import { ENCODER_EMBEDDING, loadPassageEmbedder } from '../indexing/embed/index.js';
import type { TeacherManifest } from '../indexing/model/teacher-manifest.js';

export interface SentenceTeacher {
  manifest: TeacherManifest;
  /** Unit vectors; `role` picks the model's query or passage prefix. */
  embed(texts: string[], role: 'query' | 'passage', onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** Each vocabulary token alone ([CLS] t [SEP]): the token prior of the distillation. */
  embedTokens(ids: number[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export function loadTeacherManifest(dir: string): TeacherManifest {
  const file = join(dir, 'teacher.json');
  if (!existsSync(file)) throw new Error(`no teacher in ${dir} (teacher.json missing): run "npm run fetch:teacher" first`);
  return JSON.parse(readFileSync(file, 'utf8')) as TeacherManifest;
}

export async function loadSentenceTeacher(dir: string): Promise<SentenceTeacher> {
  const manifest = loadTeacherManifest(dir);
  const embedder = await loadPassageEmbedder(dir, { ...ENCODER_EMBEDDING, pooling: manifest.pooling });
  return {
    manifest,
    embed: (texts, role, onBatch) => embedder.embed(withPrefix(texts, manifest.prefixes[role]), onBatch),
    embedTokens: (ids, onBatch) => embedder.embedTokens(ids, onBatch),
  };
}

/** Cosine between the package's own vectors (reference.json, from convert.py) and the port's. */
export async function verifyPort(dir: string): Promise<number[]> {
  const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as { sentences: string[]; vectors: number[][] };
  // The reference sentences were embedded without a prefix, as the package's encode() does.
  const embedder = await loadPassageEmbedder(dir, { ...ENCODER_EMBEDDING, pooling: loadTeacherManifest(dir).pooling });
  const mine = await embedder.embed(reference.sentences);
  return reference.vectors.map((v, i) => dot(Float32Array.from(v), 0, mine[i], 0, v.length));
}

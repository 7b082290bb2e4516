/**
 * A transformers.js model chosen with `build:index -- --model <hub id or folder>`: where it is on
 * disk, how it pools and which prefixes it wants, and its content hash — the identity the artifact
 * records so that the Worker can refuse a query encoder that does not match.
 *
 * Offline by default: a hub id is looked up in transformers.js' cache only; `--allow-download`
 * lets transformers.js fetch it from the Hugging Face hub (on a connected machine).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import { withPrefix, type QueryEncoder } from '../../core/encoder/index.js';
import { knownModel, workersAiPair, type EncoderIdentity, type Pooling } from '../../core/model/encoders.js';
import { ENCODER_EMBEDDING, loadPassageEmbedder, type PassageEmbedder } from '../embed/index.js';
import type { TeacherManifest } from './teacher-manifest.js';

export interface ModelChoice {
  /** A transformers.js model folder, or a hub id ("Xenova/bge-small-en-v1.5"). */
  model: string;
  /** The id the artifact records (default: the hub id, or the folder's name). */
  id?: string;
  pooling?: Pooling;
  queryPrefix?: string;
  passagePrefix?: string;
  allowDownload?: boolean;
}

/** A resolved model: its folder and the identity of the vectors it makes (dims known once it ran). */
export interface TransformersModel {
  dir: string;
  identity: Omit<EncoderIdentity, 'dims'>;
  /** Whether the folder only has onnx/model_quantized.onnx (the full-precision graph is preferred). */
  quantized: boolean;
  /** Where pooling and prefixes came from, for the build log. */
  settingsFrom: string;
}

export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}

const looksLikeHubId = (s: string) => /^[\w.-]+\/[\w.-]+$/.test(s) && !s.startsWith('.');

export async function resolveModel(choice: ModelChoice): Promise<TransformersModel> {
  let dir = resolve(choice.model);
  let hubId: string | undefined;
  if (!isDirectory(dir)) {
    if (!looksLikeHubId(choice.model)) throw new ModelNotFoundError(`--model ${choice.model}: no such folder (a transformers.js model folder with config.json, tokenizer.json and onnx/, or a hub id such as Xenova/bge-small-en-v1.5)`);
    hubId = choice.model;
    dir = join(env.cacheDir ?? '.cache', hubId);
    if (!isDirectory(dir)) {
      if (!choice.allowDownload) {
        throw new ModelNotFoundError(`model ${hubId} is not on this machine (looked in ${dir}); add --allow-download to fetch it from the Hugging Face hub on a connected machine, or pass a local transformers.js model folder`);
      }
      await download(hubId);
    }
  }
  const onnx = ['model.onnx', 'model_quantized.onnx'].map((f) => join(dir, 'onnx', f)).find((f) => existsSync(f));
  const missing = ['config.json', 'tokenizer.json'].filter((f) => !existsSync(join(dir, f)));
  if (missing.length || !onnx) {
    throw new ModelNotFoundError(`${dir} is not a transformers.js model folder: missing ${[...missing, ...(onnx ? [] : ['onnx/model.onnx'])].join(', ')}`);
  }
  const id = choice.id ?? hubId ?? readTeacher(dir)?.hub_id ?? basename(dir);
  const { pooling, query_prefix, passage_prefix, from } = settings(dir, id, choice);
  const hash = createHash('sha256');
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', basename(onnx))]) {
    if (existsSync(join(dir, file))) hash.update(file).update(readFileSync(join(dir, file)));
  }
  return {
    dir,
    identity: { id, hash: hash.digest('hex'), kind: 'transformers', pooling, query_prefix, passage_prefix },
    quantized: onnx.endsWith('model_quantized.onnx'),
    settingsFrom: from,
  };
}

/**
 * Pooling and prefixes: flags first, then the folder's own configuration (sentence-transformers'
 * 1_Pooling/config.json and prompts, or the teacher.json of `npm run fetch:teacher`), then the
 * table of known models, then mean pooling without prefixes.
 */
function settings(dir: string, id: string, choice: ModelChoice) {
  const teacher = readTeacher(dir);
  const poolingConfig = readJson<Record<string, unknown>>(join(dir, '1_Pooling', 'config.json'));
  const prompts = readJson<{ prompts?: Record<string, string> }>(join(dir, 'config_sentence_transformers.json'))?.prompts;
  const known = knownModel(id) ?? knownModel(basename(dir));
  const folderPooling: Pooling | undefined = teacher?.pooling ?? (poolingConfig?.pooling_mode_cls_token ? 'cls' : poolingConfig?.pooling_mode_mean_tokens ? 'mean' : undefined);
  const folderPrefixes = teacher?.prefixes ?? (prompts ? { query: prompts.query ?? '', passage: prompts.passage ?? prompts.document ?? '' } : undefined);
  const from = [choice.pooling || choice.queryPrefix !== undefined || choice.passagePrefix !== undefined ? 'flags' : '', folderPooling || folderPrefixes ? 'the model folder' : '', known ? 'the known-models table' : ''].filter(Boolean).join(', ') || 'defaults (mean pooling, no prefixes)';
  return {
    pooling: choice.pooling ?? folderPooling ?? known?.pooling ?? 'mean',
    query_prefix: choice.queryPrefix ?? folderPrefixes?.query ?? known?.query_prefix ?? '',
    passage_prefix: choice.passagePrefix ?? folderPrefixes?.passage ?? known?.passage_prefix ?? '',
    from,
  };
}

/** Lets transformers.js fetch the model into its cache (the only networked step, and only when asked). */
async function download(hubId: string): Promise<void> {
  env.allowRemoteModels = true;
  try {
    await pipeline('feature-extraction', hubId, { quantized: false });
  } finally {
    env.allowRemoteModels = false;
  }
}

export interface ModelEncoder extends QueryEncoder {
  /** Passage vectors for the index, the passage prefix applied. */
  embedPassages(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

/** The model run through transformers.js in Node: passages at index time, questions in eval and calibration. */
export async function loadModelEncoder(model: TransformersModel): Promise<ModelEncoder> {
  const embedder: PassageEmbedder = await loadPassageEmbedder(model.dir, { ...ENCODER_EMBEDDING, pooling: model.identity.pooling, quantized: model.quantized });
  const [probe] = await embedder.embed(['dimensions']);
  return {
    dims: probe.length,
    name: `transformers.js ${model.identity.id}`,
    embed: (texts, role) => embedder.embed(withPrefix(texts, role === 'query' ? model.identity.query_prefix : model.identity.passage_prefix)),
    embedPassages: (texts, onBatch) => embedder.embed(withPrefix(texts, model.identity.passage_prefix), onBatch),
  };
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

function readTeacher(dir: string): TeacherManifest | undefined {
  return readJson<TeacherManifest>(join(dir, 'teacher.json'));
}

/** What the Worker needs to serve an index built with a transformers.js model (printed by build:index). */
export function modelServingAdvice(identity: EncoderIdentity): string {
  const pair = workersAiPair(identity);
  return pair
    ? `the Worker encodes questions for this index with Workers AI (${pair}): add to wrangler.toml\n\n  [ai]\n  binding = "AI"\n\n(docs/models.md). Without that binding it answers 503 INDEX_MODEL_MISMATCH.`
    : `warning: no Workers AI model serves ${identity.id}: the Worker cannot encode questions for this index (503 INDEX_MODEL_MISMATCH). Use it for evaluation (npm run eval -- --model), or distil a static model from it (npm run build:model -- --teacher <folder>) and index with that (docs/models.md).`;
}

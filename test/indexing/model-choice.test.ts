/**
 * Bring your own model (`build:index -- --model`): any transformers.js feature-extraction model
 * indexes the corpus, the artifact records its identity, and the Worker encodes questions with a
 * matching encoder — Workers AI for the bge family (tested with a stand-in binding), or refuses.
 * Offline: the model is the bundled static model exported as a transformers.js package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toArrayBuffer } from '../../src/core/bytes.js';
import { KNOWN_MODELS } from '../../src/core/model/encoders.js';
import type { ModelManifest } from '../../src/core/model/index.js';
import type { Bundle } from '../../src/core/search/open.js';
import { SearchEngine } from '../../src/core/search/index.js';
import { decodeArtifact } from '../../src/core/artifact/index.js';
import { readDevQuestions, isHit } from '../../src/eval/datasets.js';
import { buildIndex } from '../../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadStaticEncoder } from '../../src/indexing/model/load.js';
import { loadModelEncoder, ModelNotFoundError, resolveModel } from '../../src/indexing/model/choice.js';
import { writeTransformersPackage } from '../../src/distill/package.js';
import { createApp } from '../../src/worker/app.js';
import { engineLoader } from '../../src/worker/engine/index.js';
import type { WorkersAiRunner } from '../../src/worker/engine/workers-ai.js';

const work = mkdtempSync(join(tmpdir(), 'model-choice-'));
/** The bundled static model as a transformers.js model folder, under a name of our choosing. */
const packaged = (name: string) => writeTransformersPackage(DEFAULT_MODEL_DIR, join(work, 'models', name));
const quiet = () => {};
const BGE = 'Xenova/bge-small-en-v1.5';

describe('choosing a model', () => {
  it('fails in one line, saying where it looked, for a hub model that is not on this machine', async () => {
    const error = await resolveModel({ model: 'Xenova/no-such-model' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as Error).message).toMatch(/^model Xenova\/no-such-model is not on this machine \(looked in .*Xenova\/no-such-model\); add --allow-download/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names what a folder lacks to be a transformers.js model', async () => {
    const dir = join(work, 'not-a-model');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{}');
    await expect(resolveModel({ model: dir })).rejects.toThrow(/missing tokenizer\.json, onnx\/model\.onnx/);
    await expect(resolveModel({ model: join(work, 'absent') })).rejects.toThrow(/no such folder/);
  });

  it('takes pooling and prefixes from the known-models table, unless the folder or flags say otherwise', async () => {
    const bge = await resolveModel({ model: packaged('bge-small-en-v1.5') });
    expect(bge.identity).toMatchObject({ id: 'bge-small-en-v1.5', kind: 'transformers', pooling: 'cls', query_prefix: KNOWN_MODELS['bge-small-en-v1.5'].query_prefix, passage_prefix: '' });

    const own = packaged('my-encoder');
    mkdirSync(join(own, '1_Pooling'), { recursive: true });
    writeFileSync(join(own, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
    writeFileSync(join(own, 'config_sentence_transformers.json'), JSON.stringify({ prompts: { query: 'query: ', document: 'passage: ' } }));
    expect((await resolveModel({ model: own })).identity).toMatchObject({ pooling: 'cls', query_prefix: 'query: ', passage_prefix: 'passage: ' });

    const flagged = await resolveModel({ model: own, id: BGE, pooling: 'mean', queryPrefix: '', passagePrefix: '' });
    expect(flagged.identity).toMatchObject({ id: BGE, pooling: 'mean', query_prefix: '', passage_prefix: '' });
  });

  it('identifies a model by the content of its files', async () => {
    const a = await resolveModel({ model: packaged('copy-a') });
    const b = await resolveModel({ model: packaged('copy-b') });
    expect(a.identity.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.identity.hash).toBe(b.identity.hash);
  });

  it('is reported by the build:index command line in one line when missing', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--model', 'Xenova/no-such-model', '--out', join(work, 'never')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--allow-download');
  });
});

describe('an index built with a transformers.js model', () => {
  const out = join(work, 'index-own');
  let engine: SearchEngine;
  beforeAll(async () => {
    const model = await resolveModel({ model: packaged('my-minilm-port') });
    await buildIndex({ input: 'seeds', out, model, log: quiet });
    const artifact = decodeArtifact(toArrayBuffer(readFileSync(join(out, 'index.bin'))));
    engine = new SearchEngine(artifact, await loadModelEncoder(model));
  });

  it('records the model identity in the artifact', () => {
    const { model } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(model).toMatchObject({ id: 'my-minilm-port', kind: 'transformers', dims: 128, pooling: 'mean', query_prefix: '', passage_prefix: '' });
    expect(model.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers the seeds questions with the model in Node (what `npm run eval -- --model` runs)', async () => {
    let hits = 0;
    for (const q of readDevQuestions()) if ((await engine.search(q.q, { highlights: false })).results.some((r) => isHit(q, r))) hits++;
    expect(hits / readDevQuestions().length).toBeGreaterThan(0.75);
  });
});

describe('the Worker serving an index built with a bge model', () => {
  const staticEncoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
  const bundleOf = (dir: string): Bundle => ({
    index: toArrayBuffer(readFileSync(join(dir, 'index.bin'))),
    weights: toArrayBuffer(readFileSync(join(DEFAULT_MODEL_DIR, 'weights.bin'))),
    tokenizer: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'tokenizer.json'), 'utf8')),
    modelManifest: JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'manifest.json'), 'utf8')) as ModelManifest,
  });
  /** A stand-in for the `AI` binding: the packaged model's vectors are the static encoder's, so it can play bge here. */
  const fakeAi = (dims?: number) => {
    const calls: Array<{ model: string; text: string[]; pooling?: string }> = [];
    const ai: WorkersAiRunner & { calls: typeof calls } = {
      calls,
      async run(model, input) {
        calls.push({ model, ...input });
        return { shape: [input.text.length, dims ?? staticEncoder.dims], data: input.text.map((t) => Array.from(dims ? new Float32Array(dims).fill(0.1) : staticEncoder.encode(t))) };
      },
    };
    return ai;
  };
  const ask = (dir: string, path: string, env: Record<string, unknown>) => createApp(engineLoader(() => bundleOf(dir))).request(path, {}, env as unknown as Env);
  const bgeIndex = join(work, 'index-bge');
  const unknownIndex = join(work, 'index-unknown');
  const staticIndex = join(work, 'index-static');
  beforeAll(async () => {
    await buildIndex({ input: 'seeds', out: bgeIndex, model: await resolveModel({ model: packaged('bge-port'), id: BGE, pooling: 'mean' }), log: quiet });
    await buildIndex({ input: 'seeds', out: unknownIndex, model: await resolveModel({ model: packaged('unknown-port') }), log: quiet });
    await buildIndex({ input: 'seeds', out: staticIndex, log: quiet });
  });

  it('encodes questions with the Workers AI model of the same weights, pooled and prefixed as the index was built', async () => {
    const ai = fakeAi();
    const res = await ask(bgeIndex, '/search?q=Who+estimated+North+Korean+casualties+in+Kursk', { AI: ai });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ text: string }>; answerable: boolean };
    expect(body.results.length).toBeGreaterThan(0);
    expect(ai.calls[0]).toEqual({ model: '@cf/baai/bge-small-en-v1.5', pooling: 'mean', text: [`${KNOWN_MODELS['bge-small-en-v1.5'].query_prefix}Who estimated North Korean casualties in Kursk`] });
  });

  it('gives the answers the same model gives in Node', async () => {
    const model = await resolveModel({ model: packaged('bge-port'), id: BGE, pooling: 'mean' });
    const node = new SearchEngine(decodeArtifact(toArrayBuffer(readFileSync(join(bgeIndex, 'index.bin')))), await loadModelEncoder(model));
    for (const q of ['What did Putin and Kim sign?', 'armoured train', 'military parade in Beijing']) {
      const worker = (await (await ask(bgeIndex, `/search?q=${encodeURIComponent(q)}`, { AI: fakeAi() })).json()) as { results: Array<{ id: string }> };
      expect(worker.results.map((r) => r.id), q).toEqual((await node.search(q)).results.map((r) => r.id));
    }
  });

  it('names the index model and the query encoder on /health', async () => {
    const body = (await (await ask(bgeIndex, '/health', { AI: fakeAi() })).json()) as { model: { id: string; kind: string }; query_encoder: string };
    expect(body.model).toMatchObject({ id: BGE, kind: 'transformers' });
    expect(body.query_encoder).toBe('workers-ai @cf/baai/bge-small-en-v1.5');
    const bundled = (await (await ask(staticIndex, '/health', { AI: fakeAi() })).json()) as { model: { kind: string }; query_encoder: string };
    expect(bundled.model.kind).toBe('static');
    expect(bundled.query_encoder).toMatch(/^static /);
  });

  it('keeps the bundled static model for a static index even with an AI binding', async () => {
    const ai = fakeAi();
    expect((await ask(staticIndex, '/search?q=armoured+train', { AI: ai })).status).toBe(200);
    expect(ai.calls).toEqual([]);
  });

  it.each([
    ['without an AI binding', bgeIndex, {}, /\[ai\] binding = "AI"/],
    ['for a model Workers AI does not serve', unknownIndex, { AI: fakeAi() }, /no Workers AI model serves the same weights/],
    ['when Workers AI gives other dimensions', bgeIndex, { AI: fakeAi(384) }, /384 dimensions/],
  ])('refuses to answer %s (503 INDEX_MODEL_MISMATCH)', async (_, dir, env, message) => {
    const res = await ask(dir, '/search?q=armoured+train', env);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INDEX_MODEL_MISMATCH');
    expect(body.error.message).toMatch(message);
  });

  it('answers 503 QUERY_ENCODER_UNAVAILABLE when Workers AI fails', async () => {
    const failing: WorkersAiRunner = { run: async () => { throw new Error('capacity exceeded'); } };
    const res = await ask(bgeIndex, '/search?q=armoured+train', { AI: failing });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'QUERY_ENCODER_UNAVAILABLE', message: expect.stringContaining('capacity exceeded') });
  });
});

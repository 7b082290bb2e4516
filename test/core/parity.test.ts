/**
 * Parity: the Worker's hand-written tokenizers and encoder against transformers.js, on every seed
 * passage, every dev question and awkward inputs — for the shipped model (vectors too) and for each
 * tokenizer family the Worker supports (Unigram from a fixture, WordPiece from the shipped model).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenizer, type TokenizerJson } from '../../src/core/tokenizer/index.js';
import { readDevQuestions } from '../../src/eval/datasets.js';
import { passagesOf } from '../../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest, loadStaticEncoder } from '../../src/indexing/model/load.js';
import { loadPassageEmbedder, type PassageEmbedder } from '../../src/indexing/embed/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { writeTransformersPackage } from '../../src/distill/package.js';

const AWKWARD = [
  'Ｆｕｌｌｗｉｄｔｈ ＡＢＣ and ligatures ﬁ ﬂ',
  'emoji 🚀🚀 rocket 👩‍👩‍👧 family',
  'zero\u200bwidth joiner\u200d and NUL \u0000 control',
  'RTL: مرحبا بالعالم and עברית',
  '   leading\t\ttabs\n\nand newlines   ',
  'literal <s> </s> <unk> [CLS] [SEP] [UNK] [sep] tokens',
  'lone surrogate \ud800 here',
  'Kim Jong-un’s “quotes” — dashes… ellipsis',
  'Café naïve São Paulo Ångström',
  '日本語の文章も少し含めます。𠀀𠀁 한국어',
  'const app = new Hono(); app.get("/", (c) => c.text("Hello"))',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  `${'x'.repeat(150)} y`,
  'a'.repeat(3000),
  'x',
  '',
];

const { passages } = passagesOf(loadCorpus('seeds', { warn: () => {} }));
const TEXTS = [...passages.map((p) => p.text), ...readDevQuestions().map((d) => d.q), ...AWKWARD];
const MAX_LENGTH = 512;

/** transformers.js' tokenizer for a tokenizer.json, from a throwaway model folder. */
async function referenceTokenizer(dir: string, name: string, spec: unknown, config: Record<string, unknown>) {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'tokenizer.json'), JSON.stringify(spec));
  writeFileSync(join(dir, name, 'tokenizer_config.json'), JSON.stringify({ model_max_length: MAX_LENGTH, ...config }));
  env.allowRemoteModels = false;
  env.localModelPath = `${dir}/`;
  return AutoTokenizer.from_pretrained(name);
}

const FAMILIES: Array<{ name: string; file: string; config: Record<string, unknown> }> = [
  { name: 'Unigram (SentencePiece teachers)', file: 'test/fixtures/tokenizers/unigram-use-lite.json', config: { pad_token: '</s>', unk_token: '<unk>' } },
  { name: 'the shipped model', file: join(DEFAULT_MODEL_DIR, 'tokenizer.json'), config: { pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]' } },
];

describe.each(FAMILIES)('tokenizer of $name ≡ transformers.js', ({ file, config }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenizer-parity-'));
  const spec = JSON.parse(readFileSync(file, 'utf8')) as TokenizerJson;
  const mine = createTokenizer(spec, { maxLength: MAX_LENGTH });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces identical token ids (with the truncation transformers.js applies)', async () => {
    const reference = await referenceTokenizer(dir, 'tok', spec, config);
    expect(TEXTS.length).toBeGreaterThan(passages.length + 30);
    for (const text of TEXTS) {
      const encoded = reference(text, { truncation: true }) as { input_ids: { data: BigInt64Array } };
      expect(mine.encode(text), JSON.stringify(text.slice(0, 60))).toEqual(Array.from(encoded.input_ids.data, Number));
    }
  });
});

describe('Worker encoder ≡ transformers.js running the exported ONNX graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  const manifest = loadModelManifest(DEFAULT_MODEL_DIR);
  const packageDir = join(dir, manifest.id);
  const encoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
  let embedder: PassageEmbedder;

  beforeAll(async () => {
    writeTransformersPackage(DEFAULT_MODEL_DIR, packageDir);
    embedder = await loadPassageEmbedder(packageDir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces vectors with cosine ≥ 0.999', async () => {
    const nonEmpty = TEXTS.filter((t) => encoder.encode(t).some((x) => x !== 0));
    const reference = await embedder.embed(nonEmpty);
    nonEmpty.forEach((text, i) => {
      const mine = encoder.encode(text);
      let dot = 0;
      for (let d = 0; d < mine.length; d++) dot += mine[d] * reference[i][d];
      expect(dot, JSON.stringify(text.slice(0, 60))).toBeGreaterThanOrEqual(0.999);
    });
  });
});

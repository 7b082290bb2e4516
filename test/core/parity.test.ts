/**
 * Parity: the Worker's hand-written tokenizer and encoder against transformers.js running the
 * exported ONNX graph, on every seed passage and every dev question (plus awkward inputs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevQuestions } from '../../src/eval/datasets.js';
import { DEFAULT_MODEL_DIR, passagesOf } from '../../src/indexing/index.js';
import { loadPassageEmbedder, type PassageEmbedder } from '../../src/indexing/embed/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { loadModelManifest, loadStaticEncoder } from '../../src/indexing/model/load.js';
import { writeTransformersPackage } from '../../src/indexing/model/package.js';

const AWKWARD = [
  'Ｆｕｌｌｗｉｄｔｈ ＡＢＣ and ligatures ﬁ ﬂ',
  'emoji 🚀🚀 rocket 👩‍👩‍👧 family',
  'zero\u200bwidth joiner\u200d and NUL \u0000 control',
  'RTL: مرحبا بالعالم and עברית',
  '   leading\t\ttabs\n\nand newlines   ',
  'literal <s> </s> <unk> tokens',
  'lone surrogate \ud800 here',
  'Kim Jong-un’s “quotes” — dashes… ellipsis',
  'a'.repeat(3000),
  'x',
];

describe('Worker encoder ≡ transformers.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  const manifest = loadModelManifest(DEFAULT_MODEL_DIR);
  const packageDir = join(dir, manifest.id);
  const encoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
  const { passages } = passagesOf(loadCorpus('seeds', { warn: () => {} }));
  const texts = [...passages.map((p) => p.text), ...readDevQuestions().map((d) => d.q), ...AWKWARD];
  let embedder: PassageEmbedder;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;

  beforeAll(async () => {
    writeTransformersPackage(DEFAULT_MODEL_DIR, packageDir);
    embedder = await loadPassageEmbedder(packageDir);
    env.localModelPath = `${dir}/`;
    tokenizer = await AutoTokenizer.from_pretrained(manifest.id);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every seed passage and every dev question', () => {
    expect(passages.length).toBeGreaterThan(20);
    expect(texts.length).toBeGreaterThan(passages.length + 30);
  });

  it('produces identical token ids (with the truncation the pipeline applies)', () => {
    for (const text of texts) {
      const encoded = tokenizer(text, { truncation: true }) as { input_ids: { data: BigInt64Array } };
      const expected = Array.from(encoded.input_ids.data, Number);
      expect(encoder.tokenize(text), JSON.stringify(text.slice(0, 60))).toEqual(expected);
    }
  });

  it('produces vectors with cosine ≥ 0.999', async () => {
    const reference = await embedder.embed(texts.filter((t) => encoder.tokenize(t).length > 0));
    texts
      .filter((t) => encoder.tokenize(t).length > 0)
      .forEach((text, i) => {
        const mine = encoder.encode(text);
        let dot = 0;
        for (let d = 0; d < mine.length; d++) dot += mine[d] * reference[i][d];
        expect(dot, JSON.stringify(text.slice(0, 60))).toBeGreaterThanOrEqual(0.999);
      });
  });
});

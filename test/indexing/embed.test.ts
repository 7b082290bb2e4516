/**
 * The indexer's embedding loop drives transformers.js' pipeline step by step (its own pooling is
 * too slow at corpus scale): the vectors must stay bit-identical to the pipeline's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from '@xenova/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { passagesOf } from '../../src/indexing/index.js';
import { DEFAULT_MODEL_DIR, loadModelManifest, loadStaticEncoder } from '../../src/indexing/model/load.js';
import { loadPassageEmbedder, meanPool } from '../../src/indexing/embed/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { writeTransformersPackage } from '../../src/distill/package.js';

describe('meanPool', () => {
  it('averages only the positions the mask keeps, wherever the padding is', () => {
    // batch 2 × length 3 × width 2; row 0 padded on the right, row 1 on the left
    const hidden = new Float32Array([1, 2, 3, 4, 99, 99, 99, 99, 5, 6, 7, 8]);
    const mask = new BigInt64Array([1n, 1n, 0n, 0n, 1n, 1n]);
    expect(Array.from(meanPool(hidden, [2, 3, 2], mask))).toEqual([2, 3, 6, 7]);
  });
});

describe('loadPassageEmbedder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns, in input order, the exact vectors of pipeline(…)(texts, { pooling: "mean", normalize: true })', async () => {
    const packageDir = writeTransformersPackage(DEFAULT_MODEL_DIR, join(dir, loadModelManifest(DEFAULT_MODEL_DIR).id));
    const { passages } = passagesOf(loadCorpus('seeds', { warn: () => {} }));
    // Mixed lengths, so the embedder's length-sorted batches differ from the reference's padding.
    const texts = [...passages.map((p) => p.text), 'What did Putin and Kim sign?', 'Who paid for the parade', 'x', 'a'.repeat(3000), 'emoji 🚀 and ﬁ'];
    const vectors = await (await loadPassageEmbedder(packageDir)).embed(texts);
    const reference = await pipeline('feature-extraction', basename(packageDir), { quantized: true });
    const expected = await reference(texts, { pooling: 'mean', normalize: true });
    const width = expected.dims[1];
    expect(vectors).toHaveLength(texts.length);
    texts.forEach((text, i) => {
      // Where the pipeline normalises a zero vector into NaN, the embedder keeps zeros (next test).
      const reference = Array.from((expected.data as Float32Array).subarray(i * width, (i + 1) * width), (x) => (Number.isNaN(x) ? 0 : x));
      expect(Array.from(vectors[i]), JSON.stringify(text.slice(0, 40))).toEqual(reference);
    });
  });

  it('embeds a text whose tokens the static model pruned as a zero vector, as the Worker encoder does, never NaN', async () => {
    const packageDir = writeTransformersPackage(DEFAULT_MODEL_DIR, join(dir, 'pruned'));
    const encoder = loadStaticEncoder(DEFAULT_MODEL_DIR);
    // Words the training text never made frequent enough to keep (their rows are zero).
    const text = 'township squadron';
    expect(Array.from(encoder.encode(text)).every((x) => x === 0)).toBe(true);
    const [vector] = await (await loadPassageEmbedder(packageDir)).embed([text]);
    expect(Array.from(vector).every((x) => x === 0)).toBe(true);
  });
});

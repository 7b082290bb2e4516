/** The indexer fingerprint that keys cached artifacts (src/eval/fingerprint.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { filesUnder, indexerFingerprint } from '../../src/eval/fingerprint.js';

let root: string;
let model: string;
let sources: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fingerprint-'));
  model = join(root, 'model');
  sources = [join(root, 'core'), join(root, 'indexing')];
  for (const dir of [model, ...sources, join(root, 'indexing', 'embed')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(model, 'weights.bin'), 'weights');
  writeFileSync(join(root, 'core', 'artifact.ts'), 'export const FORMAT = 5;');
  writeFileSync(join(root, 'indexing', 'embed', 'index.ts'), 'export const BATCH = 32;');
});

describe('the indexer fingerprint', () => {
  it('is the same for the same files', () => {
    expect(indexerFingerprint(model, sources)).toBe(indexerFingerprint(model, sources));
  });

  it('changes when any indexing file changes, however deep', () => {
    const before = indexerFingerprint(model, sources);
    writeFileSync(join(root, 'indexing', 'embed', 'index.ts'), 'export const BATCH = 64;');
    expect(indexerFingerprint(model, sources)).not.toBe(before);
  });

  it('changes when a file is added or removed, with no list to update', () => {
    const before = indexerFingerprint(model, sources);
    writeFileSync(join(root, 'indexing', 'onnx.ts'), 'export {};');
    const added = indexerFingerprint(model, sources);
    expect(added).not.toBe(before);
    rmSync(join(root, 'indexing', 'onnx.ts'));
    expect(indexerFingerprint(model, sources)).toBe(before);
  });

  it('changes with the model files, or with a transformers.js model content hash', () => {
    const before = indexerFingerprint(model, sources);
    writeFileSync(join(model, 'weights.bin'), 'other weights');
    expect(indexerFingerprint(model, sources)).not.toBe(before);
    expect(indexerFingerprint({ identity: { hash: 'a' } }, sources)).not.toBe(indexerFingerprint({ identity: { hash: 'b' } }, sources));
  });

  it('walks folders in sorted order with / separators', () => {
    expect(filesUnder(root)).toEqual(['core/artifact.ts', 'indexing/embed/index.ts', 'model/weights.bin']);
  });

  it('covers the real indexer: src/core and src/indexing, embed and model packaging included', () => {
    const files = ['src/core', 'src/indexing'].flatMap((dir) => filesUnder(dir).map((f) => `${dir}/${f}`));
    expect(files).toEqual(expect.arrayContaining(['src/indexing/embed/index.ts', 'src/core/artifact/index.ts', 'src/core/model/assets/weights.bin']));
  });
});

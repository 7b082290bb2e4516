/**
 * Passage records read on demand (src/core/artifact/lazy-records.ts, src/core/storage/assets.ts):
 * the bundled artifact parses a record when it is read; an index in static assets keeps passage
 * files up to a budget and reads a dropped one again, never answering with a wrong or missing record.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArtifact, encodeArtifact, type IndexArtifact } from '../../src/core/artifact/index.js';
import { lazyRecords } from '../../src/core/artifact/lazy-records.js';
import { openAssetIndex } from '../../src/core/storage/assets.js';
import { splitArtifact, type AssetLayout } from '../../src/core/storage/split.js';
import { indexDocuments } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { toArrayBuffer } from '../../src/core/bytes.js';

let artifact: IndexArtifact;
let layout: AssetLayout;

beforeAll(async () => {
  ({ artifact } = await indexDocuments(loadCorpus('test/fixtures/beekeeping', { warn: () => {} }), { log: () => {} }));
  layout = await splitArtifact(artifact, { postingsBytes: 512, passagesBytes: 1024, vectorsBytes: 4096 });
});

/** The layout's files by path, counting how often each is read. */
function reader() {
  const reads = new Map<string, number>();
  const byPath = new Map(layout.files.map((f) => [`_index/${f.entry.name}`, f.bytes]));
  const read = async (path: string) => {
    reads.set(path, (reads.get(path) ?? 0) + 1);
    return toArrayBuffer(byPath.get(path)!);
  };
  return { read, reads };
}

describe('passage records read on demand', () => {
  it('decode, bundled, to the records the indexer wrote, one at a time', () => {
    const decoded = decodeArtifact(toArrayBuffer(encodeArtifact(artifact)));
    expect(decoded.passages.length).toBe(artifact.passages.length);
    expect(decoded.passages[3]).toEqual(artifact.passages[3]);
    expect(decoded.passages.map((p) => p.id)).toEqual(artifact.passages.map((p) => p.id));
    expect(decoded.passages[artifact.passages.length]).toBeUndefined();
    expect(Array.from(decoded.passageDocs!)).toEqual(artifact.passages.map((p) => p.doc));
  });

  it('are read-only', () => {
    const view = lazyRecords(2, (i) => ({ i }));
    expect(view[1]).toEqual({ i: 1 });
    expect(() => view.push({ i: 2 })).toThrow(TypeError);
    expect(() => {
      view[0] = { i: 9 };
    }).toThrow(TypeError);
  });

  it('in static assets, are dropped past the budget, least recently used first, and read again when asked', async () => {
    const passageFiles = layout.files.filter((f) => f.entry.kind === 'passages');
    expect(passageFiles.length).toBeGreaterThan(4);
    const { read, reads } = reader();
    const largest = Math.max(...passageFiles.map((f) => f.bytes.length));
    const { artifact: opened, parts } = await openAssetIndex(toArrayBuffer(layout.root), read, { keptPassageBytes: 2 * largest });
    const [first, second, third] = passageFiles.map((f) => f.entry);
    const pathOf = (f: typeof first) => `_index/${f.name}`;

    expect((await parts.loadPassages([first.first]))[first.first]).toEqual(artifact.passages[first.first]);
    await parts.loadPassages([second.first]);
    expect(opened.passages[first.first]).toEqual(artifact.passages[first.first]);
    // A third file goes over the budget of two: the least recently used (the second) is dropped.
    await parts.loadPassages([third.first]);
    expect(opened.passages[second.first]).toBeUndefined();
    expect(reads.get(pathOf(second))).toBe(1);
    expect((await parts.loadPassages([second.first]))[second.first]).toEqual(artifact.passages[second.first]);
    expect(reads.get(pathOf(second))).toBe(2);
    expect(reads.get(pathOf(first))).toBe(1);

    // Every record, file after file through the small budget, is the indexer's.
    for (let i = 0; i < artifact.passages.length; i++) expect((await parts.loadPassages([i]))[i], artifact.passages[i].id).toEqual(artifact.passages[i]);
    expect(await parts.findPassage(artifact.passages[5].id)).toBe(5);
    expect(await parts.findPassage(`${artifact.documents[0].doc_id}:999`)).toBe(-1);
  });
});

/**
 * Splits an artifact into the static-assets layout (format.ts): the root to bundle and the files to
 * serve. Pure and deterministic: shards are cut at fixed byte targets in term and passage order.
 */
import { encodeSectionFile, graphSections, toGaps, type IndexArtifact, type SectionArray } from '../artifact/index.js';
import { encodeRecords } from '../artifact/lazy-records.js';
import { ROOT_MAGIC, SHARD_MAGIC, STORAGE_FORMAT_VERSION, INDEX_ASSETS_PREFIX, sha256Hex, type AssetFile, type AssetKind } from './format.js';

/**
 * Shard sizes: a question reads one postings shard per term and one passages shard per result, so
 * small shards keep a cold question's reads small; the vectors are read whole at open, in files
 * well under the 25 MiB a static asset may weigh.
 */
export interface ShardTargets {
  postingsBytes: number;
  passagesBytes: number;
  vectorsBytes: number;
}
export const SHARD_TARGETS: ShardTargets = { postingsBytes: 128 * 1024, passagesBytes: 64 * 1024, vectorsBytes: 16 * 1024 * 1024 };

export interface AssetLayout {
  /** The root file the Worker bundles (dist/index/index.bin). */
  root: Uint8Array;
  /** The files to serve, by name (under INDEX_ASSETS_PREFIX), in the root's order. */
  files: Array<{ entry: AssetFile; bytes: Uint8Array }>;
}

export async function splitArtifact(artifact: IndexArtifact, targets: ShardTargets = SHARD_TARGETS): Promise<AssetLayout> {
  checkPassageIds(artifact);
  const files: AssetLayout['files'] = [];
  const add = async (kind: AssetKind, first: number, count: number, header: object, arrays: Array<[string, SectionArray]>) => {
    const bytes = encodeSectionFile(SHARD_MAGIC, STORAGE_FORMAT_VERSION, { kind, first, count, ...header }, arrays);
    const sha256 = await sha256Hex(bytes);
    files.push({ entry: { name: `${kind}-${sha256.slice(0, 16)}.bin`, kind, sha256, bytes: bytes.length, first, count }, bytes });
  };

  const { vectors, lexical, graph, documents, passages } = artifact;
  const rowsPerFile = Math.max(1, Math.floor(targets.vectorsBytes / (vectors.dims + 4)));
  for (let first = 0; first < vectors.scales.length; first += rowsPerFile) {
    const count = Math.min(rowsPerFile, vectors.scales.length - first);
    await add('vectors', first, count, {}, [
      ['codes', vectors.codes.subarray(first * vectors.dims, (first + count) * vectors.dims)],
      ['scales', vectors.scales.subarray(first, first + count)],
    ]);
  }
  await add('graph', 0, graph.levels.length, { entry_point: graph.entryPoint }, graphSections(graph));
  await add('lexicon', 0, lexical.terms.size, { params: lexical.params }, [
    ['terms', lexical.terms.bytes],
    ['term_offsets', lexical.terms.offsets],
    ['offsets', lexical.offsets],
    ['lengths', lexical.lengths],
    ['names', lexical.names],
  ]);
  // The manifest's source list (a path and SHA-256 per file) grows with the site: it goes with the
  // documents, so the bundled root stays the same small size whatever the corpus.
  await add('documents', 0, documents.length, { documents, sources: artifact.manifest.sources }, [['passage_docs', Uint32Array.from(passages, (p) => p.doc)]]);

  for (const [first, count] of ranges(lexical.terms.size, (t) => 8 * (lexical.offsets[t + 1] - lexical.offsets[t]), targets.postingsBytes)) {
    const from = lexical.offsets[first];
    const to = lexical.offsets[first + count];
    const local = lexical.offsets.slice(first, first + count + 1).map((o) => o - from);
    await add('postings', first, count, {}, [
      ['gaps', toGaps(local, lexical.passages.subarray(from, to))],
      ['frequencies', lexical.frequencies.subarray(from, to)],
    ]);
  }
  // The records as the bundled artifact stores them (lazy-records.ts): each shard holds its range's bytes and their offsets.
  const records = encodeRecords(passages);
  for (const [first, count] of ranges(passages.length, (p) => records.offsets[p + 1] - records.offsets[p], targets.passagesBytes)) {
    const from = records.offsets[first];
    await add('passages', first, count, {}, [
      ['passages.records', records.bytes.subarray(from, records.offsets[first + count])],
      ['passages.offsets', records.offsets.slice(first, first + count + 1).map((o) => o - from)],
    ]);
  }

  const root = encodeSectionFile(ROOT_MAGIC, STORAGE_FORMAT_VERSION, { manifest: { ...artifact.manifest, sources: [] }, prefix: INDEX_ASSETS_PREFIX, files: files.map((f) => f.entry) }, [['vectors.signs', vectors.signs]]);
  return { root, files };
}

/** Consecutive ranges [first, count] of 0..n-1 whose weights add up to about `target` each (at least one item). */
function ranges(n: number, weight: (i: number) => number, target: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (i > first && total + w > target) {
      out.push([first, i - first]);
      first = i;
      total = 0;
    }
    total += w;
  }
  if (n > first) out.push([first, n - first]);
  return out;
}

/**
 * The Worker finds a passage by its id without loading every record: `<doc_id>:<n>` is the n-th
 * passage of its document, and a document's passages are consecutive. The indexer always writes
 * them so (indexing/index.ts: passagesOf); an artifact that does not cannot be split.
 */
function checkPassageIds({ passages, documents }: Pick<IndexArtifact, 'passages' | 'documents'>): void {
  let ordinal = 0;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    ordinal = i > 0 && passages[i - 1].doc === p.doc ? ordinal + 1 : 1;
    if ((i > 0 && p.doc < passages[i - 1].doc) || p.id !== `${documents[p.doc].doc_id}:${ordinal}`) {
      throw new Error(`static assets: passage ${i} (${JSON.stringify(p.id)}) breaks the id rule "<doc_id>:<n>, in document order" the Worker finds passages by`);
    }
  }
}

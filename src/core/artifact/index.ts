/**
 * The index artifact: everything the Worker needs to answer questions, in one binary file that
 * Wrangler bundles as a `Data` module. Written offline by the indexer, read by the Worker.
 * Layout, little-endian:
 *   bytes 0..3  magic "SSIX"
 *   u32         artifact format version
 *   u32         byte length J of the JSON header
 *   u8[J]       JSON header (UTF-8): manifest, documents, lexical params, HNSW entry point and level
 *               count, and the list of binary sections that follow (name, element type, element count)
 *   sections    typed arrays, each starting at a multiple of 4 bytes, in header order:
 *               vectors: codes i8[P×D], scales f32[P], rotation signs f32[D] (see vector/int8.ts)
 *               · lexical postings (offsets u32[T+1], passage gaps, frequencies) · passage lengths
 *               · lexical terms: UTF-8 bytes of the sorted terms end to end, u32[T+1] byte offsets
 *                 (lexical/dictionary.ts: looked up by binary search, never decoded whole)
 *               · lexical names: sorted u32 hashes of the file names and dotted paths the passages
 *                 write (lexical/joined-names.ts), for the "no answer" evidence
 *               · passages: each record's JSON in UTF-8 end to end, u32[P+1] byte offsets, and the
 *                 document of every passage u32[P] (lazy-records.ts: a record is parsed when read)
 *               · HNSW graph levels (offsets, neighbours per level)
 * Opening views every section where it lies: nothing is parsed but the small header, and the
 * postings' gaps are summed (a prefix sum).
 */
import type { Calibration } from '../confidence/index.js';
import { TermDictionary } from '../lexical/dictionary.js';
import type { LexicalIndex, LexicalParams } from '../lexical/index.js';
import type { EncoderIdentity } from '../model/encoders.js';
import type { HnswGraph } from '../vector/hnsw.js';
import type { QuantizedVectors } from '../vector/int8.js';
import type { DocumentRecord, PassageRecord } from '../records.js';
import { checkRecordBytes, decodeRecord, encodeRecords, lazyRecords, type RecordBytes } from './lazy-records.js';

export const ARTIFACT_MAGIC = 'SSIX';
/**
 * 6: the passage records and the BM25 terms moved from the JSON header to byte sections, read on
 *    demand (opening no longer parses every passage's text); the names the passages write, hashed.
 * 5: the manifest carries the index's own "no answer" calibration and the full identity of the
 *    encoder (kind, pooling, prefixes).
 * 4: documents carry format, page URL and metadata; passages their heading path, anchor and clean
 * excerpt. (3: vectors as rotated int8 codes with per-vector scales, postings as gaps.)
 */
export const ARTIFACT_FORMAT_VERSION = 6;

export interface HnswParams {
  M: number;
  efConstruction: number;
  seed: number;
  space: 'ip';
}

export interface ArtifactManifest {
  format_version: number;
  build_id: string;
  /** The encoder the passage vectors came from; questions must be encoded by the same model. */
  model: EncoderIdentity;
  counts: { documents: number; passages: number };
  /** split_items: lists and tables were cut at their items and rows (`ChunkOptions.splitItems`); absent: cut like prose. */
  chunking: { min_words: number; max_words: number; split_items?: boolean };
  hnsw: HnswParams;
  lexical: LexicalParams;
  /**
   * The index's default ranking, chosen at build time: its hybrid ratio (for its kind of corpus) and
   * the factor on code-only passages' scores. Absent (older indexes): 0.3 and 1. `code_only`: the
   * indices of the passages the factor applies to, so an index whose passages load on demand (static
   * assets) ranks as the bundled one does without reading every passage; absent: told from the passages.
   */
  ranking?: { ratio: number; code_only_factor: number; code_only?: number[] };
  /**
   * Where the passage vectors are: in this artifact ("bundled"), or in a Cloudflare Vectorize index
   * ("vectorize": the artifact keeps only the rotation; see `npm run build:index -- --vectors`).
   */
  vectors: VectorPlacement;
  /** What each passage's vector was computed from (`EmbedContext`). */
  embed_context: EmbedContext;
  /**
   * 'spelled': identifiers were followed by their parts in words in the embedded text, and questions
   * are embedded the same way (`spellIdentifiers`); absent or 'as-written': as they are.
   */
  embed_identifiers?: EmbedIdentifiers;
  /** How evidence becomes `confidence` for this corpus: fitted at build time (src/indexing/calibrate). */
  calibration: Calibration;
  /** The documentation site the pages belong to (`--base-url`), or null. */
  site: { base_url: string; url_style: 'clean' | 'html' | 'directory' } | null;
  sources: Array<{ source: string; sha256: string; bytes: number }>;
}

export type VectorPlacement = 'bundled' | 'vectorize';

/**
 * What a passage's vector is computed from: its indexed words alone ('none'), or with its page
 * title and heading path in front — for every document, or for Markdown/HTML pages only; and
 * 'headings-and-lead-of-pages': on pages, the first sentence of its section too, when the passage
 * does not begin the section itself.
 */
export type EmbedContext = 'none' | 'title-and-headings' | 'headings-of-pages' | 'headings-and-lead-of-pages';

export type EmbedIdentifiers = 'as-written' | 'spelled';

type SectionType = 'f32' | 'u32' | 'i8' | 'u8';
export type SectionArray = Float32Array | Uint32Array | Int8Array | Uint8Array;
export interface SectionEntry {
  name: string;
  type: SectionType;
  length: number;
}

export interface ArtifactHeader {
  manifest: ArtifactManifest;
  documents: DocumentRecord[];
  lexical: { params: LexicalParams };
  hnsw: { entry_point: number; levels: number };
  sections: SectionEntry[];
}

export interface IndexArtifact {
  manifest: ArtifactManifest;
  documents: DocumentRecord[];
  /** Every passage's record; in a decoded artifact a read-only view that parses a record when it is read. */
  passages: PassageRecord[];
  /** The document of every passage, when the records are read on demand (so that nothing parses them all to know it). */
  passageDocs?: Uint32Array;
  /** P unit vectors, int8-quantised. */
  vectors: QuantizedVectors;
  lexical: LexicalIndex;
  /** The HNSW graph hnswlib-node built offline, for the Worker's TypeScript search. */
  graph: HnswGraph;
}

/**
 * The artifact for a Worker whose passage vectors live in Vectorize: no vectors and no graph,
 * only the rotation its queries need (`--vectors vectorize`).
 */
export function withoutVectors(artifact: IndexArtifact): IndexArtifact {
  return {
    ...artifact,
    manifest: { ...artifact.manifest, vectors: 'vectorize' },
    vectors: { ...artifact.vectors, codes: new Int8Array(0), scales: new Float32Array(0) },
    graph: { entryPoint: 0, levels: [] },
  };
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

const utf8 = new TextEncoder();
const align4 = (n: number) => (n + 3) & ~3;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const typeOf = (a: SectionArray): SectionType => (a instanceof Float32Array ? 'f32' : a instanceof Int8Array ? 'i8' : a instanceof Uint8Array ? 'u8' : 'u32');

/**
 * Each term's passage list is ascending; storing the gaps between neighbours (the first one as
 * is) makes mostly-small numbers that gzip packs much better than absolute passage numbers
 * (`npm run bench` shows what postings weigh). Undone once per isolate at open (a prefix sum).
 */
export function toGaps(offsets: Uint32Array, passages: Uint32Array): Uint32Array {
  const gaps = new Uint32Array(passages.length);
  for (let t = 0; t + 1 < offsets.length; t++) {
    for (let k = offsets[t]; k < offsets[t + 1]; k++) gaps[k] = k === offsets[t] ? passages[k] : passages[k] - passages[k - 1];
  }
  return gaps;
}

export function fromGaps(offsets: Uint32Array, gaps: Uint32Array): Uint32Array {
  const passages = new Uint32Array(gaps.length);
  for (let t = 0; t + 1 < offsets.length; t++) {
    for (let k = offsets[t]; k < offsets[t + 1]; k++) passages[k] = k === offsets[t] ? gaps[k] : passages[k - 1] + gaps[k];
  }
  return passages;
}

export function encodeArtifact(artifact: IndexArtifact): Uint8Array {
  const { lexical } = artifact;
  const records = encodeRecords(artifact.passages);
  const arrays: Array<[string, SectionArray]> = [
    ['vectors.codes', artifact.vectors.codes],
    ['vectors.scales', artifact.vectors.scales],
    ['vectors.signs', artifact.vectors.signs],
    ['lexical.offsets', lexical.offsets],
    ['lexical.gaps', toGaps(lexical.offsets, lexical.passages)],
    ['lexical.frequencies', lexical.frequencies],
    ['lexical.lengths', lexical.lengths],
    ['lexical.terms', lexical.terms.bytes],
    ['lexical.term_offsets', lexical.terms.offsets],
    ['lexical.names', lexical.names],
    ['passages.records', records.bytes],
    ['passages.offsets', records.offsets],
    ['passages.docs', Uint32Array.from(artifact.passages, (p) => p.doc)],
    ...graphSections(artifact.graph),
  ];
  const header: Omit<ArtifactHeader, 'sections'> = {
    manifest: artifact.manifest,
    documents: artifact.documents,
    lexical: { params: lexical.params },
    hnsw: { entry_point: artifact.graph.entryPoint, levels: artifact.graph.levels.length },
  };
  return encodeSectionFile(ARTIFACT_MAGIC, ARTIFACT_FORMAT_VERSION, header, arrays);
}

/** The HNSW graph's levels as sections (`hnsw.<level>.offsets`, `hnsw.<level>.neighbours`). */
export function graphSections(graph: HnswGraph): Array<[string, Uint32Array]> {
  return graph.levels.flatMap((level, l): Array<[string, Uint32Array]> => [
    [`hnsw.${l}.offsets`, level.offsets],
    [`hnsw.${l}.neighbours`, level.neighbours],
  ]);
}

/**
 * One file of typed-array sections behind a JSON header: the artifact's layout, shared by the
 * static-assets files (core/storage). Deterministic: the same header and arrays give the same bytes.
 */
export function encodeSectionFile(magic: string, version: number, header: object, arrays: Array<[string, SectionArray]>): Uint8Array {
  const json = utf8.encode(JSON.stringify({ ...header, sections: arrays.map(([name, a]): SectionEntry => ({ name, type: typeOf(a), length: a.length })) }));
  let size = align4(12 + json.length);
  for (const [, a] of arrays) size += align4(a.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, magic.charCodeAt(i));
  view.setUint32(4, version, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let at = align4(12 + json.length);
  for (const [, a] of arrays) {
    // The file is little-endian: on a little-endian host (every target) an array's bytes are copied as they are.
    if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    } else {
      for (let i = 0; i < a.length; i++) {
        if (a instanceof Float32Array) view.setFloat32(at + i * 4, a[i], true);
        else view.setUint32(at + i * 4, a[i], true);
      }
    }
    at += align4(a.byteLength);
  }
  return out;
}

/**
 * The header and the raw typed-array sections, unparsed (`npm run bench` weighs them one by one),
 * with the passage records as a lazy view beside the header (they are sections since version 6).
 */
export function readSections(buffer: ArrayBuffer): { header: ArtifactHeader & { passages: PassageRecord[] }; headerBytes: number; sections: Map<string, SectionArray> } {
  const { header, headerBytes, sections } = readSectionFile<ArtifactHeader>(buffer, ARTIFACT_MAGIC, ARTIFACT_FORMAT_VERSION, 'index artifact');
  const { u8, u32 } = sectionReader(sections, 'index artifact');
  return { header: { ...header, passages: recordsView(recordSections(u8, u32, header.manifest.counts.passages)) }, headerBytes, sections };
}

/** The passage records' bytes and offsets of the artifact, checked against its passage count. */
function recordSections(u8: (name: string) => Uint8Array, u32: (name: string) => Uint32Array, count: number): RecordBytes {
  const records = { bytes: u8('passages.records'), offsets: u32('passages.offsets') };
  if (!checkRecordBytes(records, count)) throw new ArtifactError('index artifact: the passage records and their offsets disagree; rebuild the index');
  return records;
}

const recordsView = (records: RecordBytes): PassageRecord[] => lazyRecords(records.offsets.length - 1, (i) => decodeRecord<PassageRecord>(records, i));

/** Reads a file `encodeSectionFile` wrote; `label` names it in errors ("index artifact", "index shard …"). */
export function readSectionFile<Header extends { sections: SectionEntry[] }>(
  buffer: ArrayBuffer,
  expectedMagic: string,
  expectedVersion: number,
  label: string,
): { header: Header; headerBytes: number; sections: Map<string, SectionArray> } {
  if (buffer.byteLength < 12) throw new ArtifactError(`${label}: file too short`);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== expectedMagic) throw new ArtifactError(`${label}: bad magic "${magic}"`);
  const version = view.getUint32(4, true);
  if (version !== expectedVersion) {
    throw new ArtifactError(`${label}: format version ${version}, this build reads ${expectedVersion}; rebuild the index`);
  }
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > buffer.byteLength) throw new ArtifactError(`${label}: header runs past the end of the file`);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 12, jsonLength))) as Header;
  // Typed arrays view the bundled buffer directly (little-endian hosts: every Workers and Node target).
  const sections = new Map<string, SectionArray>();
  let at = align4(12 + jsonLength);
  for (const s of header.sections) {
    const bytes = s.type === 'i8' || s.type === 'u8' ? s.length : s.length * 4;
    if (at + bytes > buffer.byteLength) throw new ArtifactError(`${label}: section ${s.name} runs past the end of the file`);
    sections.set(s.name, sectionView(buffer, at, s));
    at += align4(bytes);
  }
  if (at !== buffer.byteLength) throw new ArtifactError(`${label}: unexpected bytes after the last section`);
  return { header, headerBytes: jsonLength, sections };
}

function sectionView(buffer: ArrayBuffer, at: number, s: SectionEntry): SectionArray {
  if (s.type === 'f32') return new Float32Array(buffer, at, s.length);
  if (s.type === 'i8') return new Int8Array(buffer, at, s.length);
  if (s.type === 'u8') return new Uint8Array(buffer, at, s.length);
  return new Uint32Array(buffer, at, s.length);
}

/** Typed section getters that name the missing one (`label`: the file, for the message). */
export function sectionReader(sections: Map<string, SectionArray>, label: string) {
  const get = <T extends SectionArray>(name: string, type: new (...args: never[]) => T): T => {
    const a = sections.get(name);
    if (!(a instanceof type)) throw new ArtifactError(`${label}: missing section ${name}`);
    return a;
  };
  return {
    f32: (name: string) => get(name, Float32Array),
    u32: (name: string) => get(name, Uint32Array),
    i8: (name: string) => get(name, Int8Array),
    u8: (name: string) => get(name, Uint8Array),
  };
}

/** The term dictionary of a file's sections, checked (`label`: the file, for the message). */
export function termDictionary(bytes: Uint8Array, offsets: Uint32Array, label: string): TermDictionary {
  if (offsets.length < 1 || offsets[offsets.length - 1] !== bytes.length) throw new ArtifactError(`${label}: the terms and their offsets disagree; rebuild the index`);
  return new TermDictionary(bytes, offsets);
}

/** The graph `graphSections` wrote. */
export function readGraph(u32: (name: string) => Uint32Array, entryPoint: number, levels: number): HnswGraph {
  return { entryPoint, levels: Array.from({ length: levels }, (_, l) => ({ offsets: u32(`hnsw.${l}.offsets`), neighbours: u32(`hnsw.${l}.neighbours`) })) };
}

export function decodeArtifact(buffer: ArrayBuffer): IndexArtifact {
  const { header, sections } = readSectionFile<ArtifactHeader>(buffer, ARTIFACT_MAGIC, ARTIFACT_FORMAT_VERSION, 'index artifact');
  const { f32, u32, i8, u8 } = sectionReader(sections, 'index artifact');
  const codes = i8('vectors.codes');
  const vectors: QuantizedVectors = { codes, scales: f32('vectors.scales'), signs: f32('vectors.signs'), dims: header.manifest.model.dims };
  const { passages } = header.manifest.counts;
  const stored = header.manifest.vectors === 'vectorize' ? 0 : passages;
  const records = recordSections(u8, u32, passages);
  const passageDocs = u32('passages.docs');
  if (codes.length !== stored * vectors.dims || vectors.scales.length !== stored || vectors.signs.length !== vectors.dims || passageDocs.length !== passages) {
    throw new ArtifactError('index artifact: passage count and vectors disagree');
  }
  return {
    manifest: header.manifest,
    documents: header.documents,
    passages: recordsView(records),
    passageDocs,
    vectors,
    lexical: {
      params: header.lexical.params,
      terms: termDictionary(u8('lexical.terms'), u32('lexical.term_offsets'), 'index artifact'),
      offsets: u32('lexical.offsets'),
      passages: fromGaps(u32('lexical.offsets'), u32('lexical.gaps')),
      frequencies: f32('lexical.frequencies'),
      lengths: f32('lexical.lengths'),
      names: u32('lexical.names'),
    },
    graph: readGraph(u32, header.hnsw.entry_point, header.hnsw.levels),
  };
}

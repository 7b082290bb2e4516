/**
 * The index artifact: everything the Worker needs to answer questions, in one binary file that
 * Wrangler bundles as a `Data` module. Written offline by the indexer, read by the Worker.
 * Layout, little-endian:
 *   bytes 0..3  magic "SSIX"
 *   u32         artifact format version
 *   u32         byte length J of the JSON header
 *   u8[J]       JSON header (UTF-8): manifest, documents, passages (text + citation fields)
 *   padding to a multiple of 4
 *   f32[P×D]    passage vectors, L2-normalised, row-major
 */

export const ARTIFACT_MAGIC = 'SSIX';
export const ARTIFACT_FORMAT_VERSION = 1;

export interface HnswParams {
  M: number;
  efConstruction: number;
  seed: number;
  space: 'ip';
}

export interface ArtifactManifest {
  format_version: number;
  build_id: string;
  model: { id: string; hash: string; dims: number };
  counts: { documents: number; passages: number };
  chunking: { min_words: number; max_words: number };
  hnsw: HnswParams;
  sources: Array<{ source: string; sha256: string; bytes: number }>;
}

export interface DocumentRecord {
  doc_id: string;
  source: string;
  title: string;
  title_derived: boolean;
  author: string | null;
}

export interface PassageRecord {
  /** Stable id: `<doc_id>:<ordinal within the document, 1-based>`. */
  id: string;
  /** Index into `documents`. */
  doc: number;
  section: string | null;
  paragraph: number;
  char_start: number;
  char_end: number;
  text: string;
}

export interface ArtifactHeader {
  manifest: ArtifactManifest;
  documents: DocumentRecord[];
  passages: PassageRecord[];
}

export interface IndexArtifact extends ArtifactHeader {
  /** P×D row-major unit vectors. */
  vectors: Float32Array;
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

const utf8 = new TextEncoder();

export function encodeArtifact(artifact: IndexArtifact): Uint8Array {
  const header: ArtifactHeader = { manifest: artifact.manifest, documents: artifact.documents, passages: artifact.passages };
  const json = utf8.encode(JSON.stringify(header));
  const vectorsAt = align4(12 + json.length);
  const out = new Uint8Array(vectorsAt + artifact.vectors.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, ARTIFACT_MAGIC.charCodeAt(i));
  view.setUint32(4, ARTIFACT_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (let i = 0; i < artifact.vectors.length; i++) view.setFloat32(vectorsAt + i * 4, artifact.vectors[i], true);
  return out;
}

export function decodeArtifact(buffer: ArrayBuffer): IndexArtifact {
  if (buffer.byteLength < 12) throw new ArtifactError('index artifact: file too short');
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== ARTIFACT_MAGIC) throw new ArtifactError(`index artifact: bad magic "${magic}"`);
  const version = view.getUint32(4, true);
  if (version !== ARTIFACT_FORMAT_VERSION) {
    throw new ArtifactError(`index artifact: format version ${version}, this build reads ${ARTIFACT_FORMAT_VERSION}; rebuild the index`);
  }
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 12, jsonLength))) as ArtifactHeader;
  const vectorsAt = align4(12 + jsonLength);
  const { passages } = header.manifest.counts;
  const dims = header.manifest.model.dims;
  if (buffer.byteLength !== vectorsAt + passages * dims * 4) throw new ArtifactError('index artifact: vector section has the wrong size');
  return { ...header, vectors: new Float32Array(buffer, vectorsAt, passages * dims) };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

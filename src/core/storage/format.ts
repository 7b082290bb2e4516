/**
 * The index as Workers static assets (`npm run build:index -- --storage assets`): a small root file
 * bundled with the Worker (in place of the artifact, dist/index/index.bin) and content-addressed
 * files served through the `ASSETS` binding, split by what a question touches (docs/scaling.md):
 *
 *   kind        loaded                        holds
 *   vectors     at open, every one            int8 codes and scales of a range of rows (≤ 16 MiB a file)
 *   graph       at open                       the HNSW levels (offsets, neighbours)
 *   lexicon     at open                       the terms (UTF-8 end to end, byte offsets), postings offsets, passage lengths, names
 *   documents   at open                       document records, the manifest's source list, the document of every passage
 *   postings    for a question's terms        the postings of a range of terms (gaps, frequencies)
 *   passages    for the passages returned     the records (text, citation fields) of a range of passages:
 *                                             each one's JSON in UTF-8 end to end and byte offsets, parsed when read
 *
 * Every file, root included, has the artifact's layout (core/artifact): magic, u32 version, u32
 * length of a JSON header, the header, typed-array sections aligned to 4 bytes. The root's magic is
 * "SSAR", the others' "SSAS"; both at STORAGE_FORMAT_VERSION. The root lists every file with its
 * SHA-256, size and range; a file's name is its kind and the first 16 hex digits of its SHA-256, and
 * the Worker checks the whole hash of each file it loads: a missing, stale or corrupt file makes the
 * index unavailable (503), never a wrong answer. The same artifact always gives the same bytes.
 */
import type { ArtifactManifest, SectionEntry } from '../artifact/index.js';

export const ROOT_MAGIC = 'SSAR';
export const SHARD_MAGIC = 'SSAS';
/**
 * 2: the lexicon's terms are a dictionary (UTF-8 and byte offsets, lexical/dictionary.ts); passage
 *    records are byte sections parsed one at a time, not a JSON header.
 * 1: the first layout.
 */
export const STORAGE_FORMAT_VERSION = 2;

/** The URL path (and folder under the assets directory) the index files live under. */
export const INDEX_ASSETS_PREFIX = '_index';

/**
 * How many bytes of passage files an isolate keeps: about 250 files of 64 KiB, five times what the
 * largest question (k = 50, each result in another file) reads. Past it the least recently used are
 * dropped, so that a long-lived isolate over a large site stays within its 128 MB.
 */
export const PASSAGE_FILES_KEPT_BYTES = 16 * 1024 * 1024;

/** Cloudflare's static-assets limits per Worker version. */
export const ASSETS_LIMITS = { files: 20_000, fileBytes: 25 * 1024 * 1024 } as const;

export type AssetKind = 'vectors' | 'graph' | 'lexicon' | 'documents' | 'postings' | 'passages';

export interface AssetFile {
  /** `<kind>-<first 16 hex digits of sha256>.bin`, under INDEX_ASSETS_PREFIX. */
  name: string;
  kind: AssetKind;
  sha256: string;
  bytes: number;
  /** The first row, term or passage the file holds, and how many (0 and the total for the others). */
  first: number;
  count: number;
}

export interface AssetRootHeader {
  /** The artifact's manifest, its `sources` left to the documents file (they grow with the site). */
  manifest: ArtifactManifest;
  prefix: string;
  files: AssetFile[];
  sections: SectionEntry[];
}

/** A shard's own header: what it holds, checked against the root's entry when it is read. */
export interface AssetShardHeader {
  kind: AssetKind;
  first: number;
  count: number;
  sections: SectionEntry[];
}

export const assetPath = (prefix: string, name: string) => `${prefix}/${name}`;

/** Whether these bytes are an asset root (else, presumably, a bundled artifact). */
export function isAssetRoot(buffer: ArrayBuffer): boolean {
  if (buffer.byteLength < 4) return false;
  const b = new Uint8Array(buffer, 0, 4);
  return String.fromCharCode(b[0], b[1], b[2], b[3]) === ROOT_MAGIC;
}

/** SHA-256 in hex, with the platform's Web Crypto (Workers and Node alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

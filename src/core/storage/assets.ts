/**
 * Opens an index kept in static assets (format.ts): the files every question needs are read at open,
 * postings and passage records when a question needs them. What is read stays in memory for the
 * isolate's later questions — postings for good (their arrays are allocated at open), passage files
 * up to PASSAGE_FILES_KEPT_BYTES, the least recently used dropped beyond (read again if asked) —
 * and a read that fails is retried by the next question that needs it.
 */
import { ArtifactError, fromGaps, readGraph, readSectionFile, sectionReader, termDictionary, type ArtifactManifest, type IndexArtifact } from '../artifact/index.js';
import { checkRecordBytes, decodeRecord, lazyRecords, passageLocator, type RecordBytes } from '../artifact/lazy-records.js';
import type { LexicalParams } from '../lexical/index.js';
import type { DocumentRecord, PassageRecord } from '../records.js';
import { assetPath, PASSAGE_FILES_KEPT_BYTES, ROOT_MAGIC, SHARD_MAGIC, sha256Hex, STORAGE_FORMAT_VERSION, type AssetFile, type AssetKind, type AssetRootHeader, type AssetShardHeader } from './format.js';
import type { IndexParts } from './parts.js';

/** Reads one index file by its path under the assets root (the Worker: env.ASSETS). Throws when it cannot. */
export type ReadAsset = (path: string) => Promise<ArrayBuffer>;

/** An index file is missing, corrupt or of another build: the index cannot answer (503 INDEX_UNAVAILABLE). */
export class IndexFileError extends ArtifactError {
  override name = 'IndexFileError';
  /**
   * Whether reading again may succeed: a file that could not be read may be there later (a deploy
   * under way); one of another build or corrupt stays so for this Worker version.
   */
  readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.retryable = options?.retryable ?? false;
  }
}

interface OpenedIndex {
  artifact: IndexArtifact;
  parts: IndexParts;
}

/** `keptPassageBytes`: how many bytes of passage files stay in memory (PASSAGE_FILES_KEPT_BYTES). */
export async function openAssetIndex(root: ArrayBuffer, read: ReadAsset, { keptPassageBytes = PASSAGE_FILES_KEPT_BYTES } = {}): Promise<OpenedIndex> {
  const { header, sections } = readSectionFile<AssetRootHeader>(root, ROOT_MAGIC, STORAGE_FORMAT_VERSION, 'index root');
  const files = new AssetFiles(header, read);
  const { manifest } = header;
  const signs = sectionReader(sections, 'index root').f32('vectors.signs');

  const [vectorFiles, graphFile, lexiconFile, documentsFile] = await Promise.all([
    Promise.all(header.files.filter((f) => f.kind === 'vectors').map((f) => files.read(f))),
    files.read(files.only('graph')),
    files.read(files.only('lexicon')),
    files.read(files.only('documents')),
  ]);

  const dims = manifest.model.dims;
  const rows = vectorFiles.reduce((n, f) => n + f.header.count, 0);
  const { codes, scales } = joinVectors(vectorFiles, rows, dims);
  const stored = manifest.vectors === 'vectorize' ? 0 : manifest.counts.passages;
  if (rows !== stored || codes.length !== rows * dims || scales.length !== rows || signs.length !== dims) throw new IndexFileError('index files: passage count and vectors disagree; rebuild the index');

  const lexicon = lexiconFile.header as AssetShardHeader & { params: LexicalParams };
  const offsets = lexiconFile.u32('offsets');
  const terms = termDictionary(lexiconFile.u8('terms'), lexiconFile.u32('term_offsets'), 'index files');
  if (terms.size !== lexicon.count || offsets.length !== lexicon.count + 1) throw new IndexFileError('index files: the term list and its postings offsets disagree; rebuild the index');
  const total = offsets[lexicon.count];
  const { documents, sources } = documentsFile.header as AssetShardHeader & { documents: DocumentRecord[]; sources: ArtifactManifest['sources'] };
  const passageDocs = documentsFile.u32('passage_docs');
  if (passageDocs.length !== manifest.counts.passages) throw new IndexFileError('index files: passage count and documents disagree; rebuild the index');

  const graphHeader = graphFile.header as AssetShardHeader & { entry_point: number };
  const artifact: IndexArtifact = {
    manifest: { ...manifest, sources },
    documents,
    // The records of the passage files in memory, parsed when read (a hole for the others): what a question reads comes from AssetParts.loadPassages.
    passages: lazyRecords(manifest.counts.passages, (i) => parts.recordIfKept(i)),
    passageDocs,
    vectors: { codes, scales, signs, dims },
    lexical: { params: lexicon.params, terms, offsets, passages: new Uint32Array(total), frequencies: new Float32Array(total), lengths: lexiconFile.f32('lengths'), names: lexiconFile.u32('names') },
    graph: readGraph(graphFile.u32, graphHeader.entry_point, graphHeader.count),
  };
  const parts = new AssetParts(artifact, passageDocs, files, keptPassageBytes);
  return { artifact, parts };
}

/** The vector files' rows as one store: a single file's arrays as they lie (no copy to hold twice at open), several copied end to end. */
function joinVectors(files: ReadFile[], rows: number, dims: number): { codes: Int8Array; scales: Float32Array } {
  if (files.length === 1) return { codes: files[0].i8('codes'), scales: files[0].f32('scales') };
  const codes = new Int8Array(rows * dims);
  const scales = new Float32Array(rows);
  for (const f of files) {
    codes.set(f.i8('codes'), f.header.first * dims);
    scales.set(f.f32('scales'), f.header.first);
  }
  return { codes, scales };
}

type ReadFile = ReturnType<typeof sectionReader> & { header: AssetShardHeader };

/** The index's files by kind and range, each read once (concurrent readers share the read). */
class AssetFiles {
  private readonly byKind = new Map<AssetKind, AssetFile[]>();

  constructor(
    private readonly root: AssetRootHeader,
    private readonly readAsset: ReadAsset,
  ) {
    for (const f of root.files) {
      const list = this.byKind.get(f.kind) ?? [];
      list.push(f);
      this.byKind.set(f.kind, list);
    }
  }

  only(kind: AssetKind): AssetFile {
    const [file, ...more] = this.byKind.get(kind) ?? [];
    if (!file || more.length) throw new IndexFileError(`index root: expected one ${kind} file, found ${more.length + (file ? 1 : 0)}; rebuild the index`);
    return file;
  }

  /** The file of `kind` (postings, passages) whose range holds `item`. */
  holding(kind: AssetKind, item: number): AssetFile {
    const list = this.byKind.get(kind) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (item < list[mid].first) hi = mid - 1;
      else if (item >= list[mid].first + list[mid].count) lo = mid + 1;
      else return list[mid];
    }
    throw new IndexFileError(`index root: no ${kind} file holds ${item}; rebuild the index`);
  }

  /** Reads a file and checks it is the one the root lists: its SHA-256, magic, version, kind and range. */
  async read(file: AssetFile): Promise<ReadFile> {
    const path = assetPath(this.root.prefix, file.name);
    let buffer: ArrayBuffer;
    try {
      buffer = await this.readAsset(path);
    } catch (error) {
      throw new IndexFileError(`index file ${path} could not be read (${error instanceof Error ? error.message : String(error)}); deploy the static assets built with this Worker ("npm run build:index -- --storage assets")`, { cause: error, retryable: true });
    }
    if (buffer.byteLength !== file.bytes || (await sha256Hex(new Uint8Array(buffer))) !== file.sha256) {
      throw new IndexFileError(`index file ${path} is not the one this Worker was built with (size or SHA-256 differ); deploy the Worker and its static assets from one build`);
    }
    const { header, sections } = readSectionFile<AssetShardHeader>(buffer, SHARD_MAGIC, STORAGE_FORMAT_VERSION, `index file ${path}`);
    if (header.kind !== file.kind || header.first !== file.first || header.count !== file.count) throw new IndexFileError(`index file ${path}: holds another range than the root lists; rebuild the index`);
    return { header, ...sectionReader(sections, `index file ${path}`) };
  }
}

/** What the engine asks for as questions come (IndexParts): each file read once, postings kept, passage files kept up to a budget. */
class AssetParts implements IndexParts {
  private readonly loaded = new Map<string, Promise<void>>();
  /** The passage files in memory by name, least recently used first (Map order), and their bytes. */
  private readonly passageFiles = new Map<string, { first: number; records: RecordBytes; bytes: number }>();
  private passageBytes = 0;
  readonly locatePassage: (id: string) => number;

  constructor(
    private readonly artifact: IndexArtifact,
    readonly passageDocs: Uint32Array,
    private readonly files: AssetFiles,
    private readonly keptPassageBytes: number,
  ) {
    this.locatePassage = passageLocator(artifact.documents, passageDocs);
  }

  async loadTerms(ids: readonly number[]): Promise<void> {
    await Promise.all(ids.map((id) => this.load(this.files.holding('postings', id), (f) => this.storePostings(f))));
  }

  /**
   * The records asked for, parsed now: the question holds them, so that other questions' reads
   * dropping their file later cannot take them away. A file dropped between its read and this
   * (other questions read the whole budget meanwhile) is read again.
   */
  async loadPassages(indices: readonly number[]): Promise<PassageRecord[]> {
    const records: PassageRecord[] = [];
    let missing = indices;
    for (let attempt = 0; missing.length > 0; attempt++) {
      if (attempt === 3) throw new IndexFileError('index files: passage files were dropped from memory as fast as they were read; try again', { retryable: true });
      await Promise.all(missing.map((i) => this.load(this.files.holding('passages', i), (f) => this.storePassages(f))));
      missing = missing.filter((i) => {
        const record = this.recordIfKept(i);
        if (record) records[i] = record;
        return !record;
      });
    }
    return records;
  }

  /** Passage `i`'s record if its file is in memory, else undefined (artifact.passages reads through this). */
  recordIfKept(i: number): PassageRecord | undefined {
    const { name } = this.files.holding('passages', i);
    const kept = this.passageFiles.get(name);
    if (!kept) return undefined;
    // The most recently used goes last.
    this.passageFiles.delete(name);
    this.passageFiles.set(name, kept);
    return decodeRecord<PassageRecord>(kept.records, i - kept.first);
  }

  async findPassage(id: string): Promise<number> {
    const index = this.locatePassage(id);
    if (index < 0) return -1;
    const records = await this.loadPassages([index]);
    return records[index].id === id ? index : -1;
  }

  /** One read per file; a failed read is forgotten so the next question tries again. */
  private load(file: AssetFile, store: (f: ReadFile) => void): Promise<void> {
    let pending = this.loaded.get(file.name);
    if (!pending) {
      pending = this.files.read(file).then(store);
      pending.catch(() => this.loaded.delete(file.name));
      this.loaded.set(file.name, pending);
    }
    return pending;
  }

  private storePostings(f: ReadFile): void {
    const { offsets, passages, frequencies } = this.artifact.lexical;
    const { first, count } = f.header;
    const from = offsets[first];
    const local = offsets.slice(first, first + count + 1).map((o) => o - from);
    const gaps = f.u32('gaps');
    const tf = f.f32('frequencies');
    if (gaps.length !== local[count] || tf.length !== local[count]) throw new IndexFileError('index files: a postings file and the term list disagree; rebuild the index');
    passages.set(fromGaps(local, gaps), from);
    frequencies.set(tf, from);
  }

  private storePassages(f: ReadFile): void {
    const { first, count } = f.header;
    const { name, bytes } = this.files.holding('passages', first);
    const records = { bytes: f.u8('passages.records'), offsets: f.u32('passages.offsets') };
    if (!checkRecordBytes(records, count)) throw new IndexFileError('index files: a passages file holds another count than it says; rebuild the index');
    this.passageFiles.set(name, { first, records, bytes });
    this.passageBytes += bytes;
    // Drop the least recently used beyond the budget (never the one just read); a dropped file is read again when asked.
    for (const [oldName, old] of this.passageFiles) {
      if (this.passageBytes <= this.keptPassageBytes || oldName === name) break;
      this.passageFiles.delete(oldName);
      this.loaded.delete(oldName);
      this.passageBytes -= old.bytes;
    }
  }
}

/**
 * Opens an index kept in static assets (format.ts): the files every question needs are read at open,
 * postings and passage records when a question needs them. What is read stays in memory for the
 * isolate's later questions; a read that fails is retried by the next question that needs it.
 */
import { ArtifactError, fromGaps, readGraph, readSectionFile, sectionReader, type ArtifactManifest, type IndexArtifact } from '../artifact/index.js';
import type { LexicalParams } from '../lexical/index.js';
import type { DocumentRecord, PassageRecord } from '../records.js';
import { assetPath, ROOT_MAGIC, SHARD_MAGIC, sha256Hex, STORAGE_FORMAT_VERSION, type AssetFile, type AssetKind, type AssetRootHeader, type AssetShardHeader } from './format.js';
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

export async function openAssetIndex(root: ArrayBuffer, read: ReadAsset): Promise<OpenedIndex> {
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
  const codes = new Int8Array(rows * dims);
  const scales = new Float32Array(rows);
  for (const f of vectorFiles) {
    codes.set(f.i8('codes'), f.header.first * dims);
    scales.set(f.f32('scales'), f.header.first);
  }
  const stored = manifest.vectors === 'vectorize' ? 0 : manifest.counts.passages;
  if (rows !== stored || signs.length !== dims) throw new IndexFileError('index files: passage count and vectors disagree; rebuild the index');

  const lexicon = lexiconFile.header as AssetShardHeader & { params: LexicalParams };
  const offsets = lexiconFile.u32('offsets');
  const terms = new TextDecoder().decode(lexiconFile.u8('terms')).split('\n');
  if (terms.length !== lexicon.count || offsets.length !== lexicon.count + 1) throw new IndexFileError('index files: the term list and its postings offsets disagree; rebuild the index');
  const total = offsets[lexicon.count];
  const { documents, sources } = documentsFile.header as AssetShardHeader & { documents: DocumentRecord[]; sources: ArtifactManifest['sources'] };
  const passageDocs = documentsFile.u32('passage_docs');
  if (passageDocs.length !== manifest.counts.passages) throw new IndexFileError('index files: passage count and documents disagree; rebuild the index');

  const graphHeader = graphFile.header as AssetShardHeader & { entry_point: number };
  const artifact: IndexArtifact = {
    manifest: { ...manifest, sources },
    documents,
    // Filled in as questions need them (AssetParts).
    passages: new Array<PassageRecord>(manifest.counts.passages),
    vectors: { codes, scales, signs, dims },
    lexical: { params: lexicon.params, terms, offsets, passages: new Uint32Array(total), frequencies: new Float32Array(total), lengths: lexiconFile.f32('lengths') },
    graph: readGraph(graphFile.u32, graphHeader.entry_point, graphHeader.count),
  };
  return { artifact, parts: new AssetParts(artifact, passageDocs, files) };
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

/** What the engine asks for as questions come (IndexParts): each shard read once, then kept. */
class AssetParts implements IndexParts {
  private readonly loaded = new Map<string, Promise<void>>();
  private docIndex: Map<string, number> | undefined;
  private firstPassage: Uint32Array | undefined;

  constructor(
    private readonly artifact: IndexArtifact,
    readonly passageDocs: Uint32Array,
    private readonly files: AssetFiles,
  ) {}

  async loadTerms(ids: readonly number[]): Promise<void> {
    await Promise.all(ids.map((id) => this.load(this.files.holding('postings', id), (f) => this.storePostings(f))));
  }

  async loadPassages(indices: readonly number[]): Promise<void> {
    await Promise.all(indices.map((i) => this.load(this.files.holding('passages', i), (f) => this.storePassages(f))));
  }

  /** `<doc_id>:<n>` is the n-th passage of its document (checked when the index was split). */
  locatePassage(id: string): number {
    const colon = id.lastIndexOf(':');
    const doc = this.documentIndex().get(id.slice(0, colon));
    const ordinal = Number(id.slice(colon + 1));
    if (colon < 0 || doc === undefined || !Number.isInteger(ordinal) || ordinal < 1 || String(ordinal) !== id.slice(colon + 1)) return -1;
    const index = this.passageStarts()[doc] + ordinal - 1;
    return index < this.passageStarts()[doc + 1] ? index : -1;
  }

  async findPassage(id: string): Promise<number> {
    const index = this.locatePassage(id);
    if (index < 0) return -1;
    await this.loadPassages([index]);
    return this.artifact.passages[index].id === id ? index : -1;
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
    const records = (f.header as AssetShardHeader & { records: PassageRecord[] }).records;
    if (records.length !== count) throw new IndexFileError('index files: a passages file holds another count than it says; rebuild the index');
    records.forEach((r, j) => (this.artifact.passages[first + j] = r));
  }

  private documentIndex(): Map<string, number> {
    this.docIndex ??= new Map(this.artifact.documents.map((d, i) => [d.doc_id, i]));
    return this.docIndex;
  }

  /** starts[d]: the first passage of document d (documents' passages are consecutive); starts[D] = P. */
  private passageStarts(): Uint32Array {
    if (!this.firstPassage) {
      const starts = new Uint32Array(this.artifact.documents.length + 1).fill(this.passageDocs.length);
      for (let i = this.passageDocs.length - 1; i >= 0; i--) starts[this.passageDocs[i]] = i;
      this.firstPassage = starts;
    }
    return this.firstPassage;
  }
}

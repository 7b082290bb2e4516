/**
 * The corpora of the scale benchmark (`npm run bench:scale`): about 1,000, 17,000 (a Django-size
 * site) and 100,000 passages, each written as a folder the real indexer reads
 * (`npm run build:index -- --input <folder>`). SciFact's abstracts come first (as text files), then
 * documentation that Debian packages install as built HTML — the product's real input — in a fixed
 * order, each package cut at a whole page once the corpus holds its share of passages.
 *
 * Passages are counted by the indexer's own chunker (`passagesOf`, no embedding), one package at a
 * time, so the corpora hold about the target: the build reports the exact count. The same sources
 * and the same indexer give the same folder, byte for byte; it is cached under dist/bench-corpora
 * by a hash of both, so a rerun writes nothing and counts nothing.
 *
 * Never the held-out sites (Django's, Hono's, Fastify's docs — no python-django-doc here).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readScifact, scifactDocuments, type ScifactSet } from '../eval/datasets.js';
import { indexerFingerprint } from '../eval/fingerprint.js';
import { passagesOf } from '../indexing/index.js';
import { loadCorpus, type SourceDocument } from '../indexing/load/index.js';
import { DEFAULT_MODEL_DIR } from '../indexing/model/load.js';

export interface DocumentationSource {
  /** The corpus folder it is written to, and its name in the benchmark's text. */
  name: string;
  /** The Debian package that installs it (named by the error when it is missing). */
  aptPackage: string;
  /** Its installed HTML, first match wins (the PostgreSQL folder carries the major version). */
  roots: () => string[];
  /** Files and folders under the root left out, as `--exclude` globs. */
  exclude: string[];
}

/** Only the built pages: Sphinx and Asciidoc packages also ship their sources (`.txt`) beside them, Sphinx its highlighted code (`_modules`). */
const NOT_HTML = ['**/*.txt', '**/*.md', '**/*.markdown', '**/*.mdx', '**/_sources/**', '**/_modules/**'];
/** mdBook's print.html holds every page of its book again, on one page. */
const MDBOOK = [...NOT_HTML, '**/print.html'];

const postgresqlRoots = () =>
  readdirSync('/usr/share/doc', { withFileTypes: true })
    .filter((e) => /^postgresql-doc-\d+$/.test(e.name))
    .map((e) => join('/usr/share/doc', e.name, 'html'))
    .sort()
    .reverse();

/**
 * In the order they are taken: Sphinx (Python, SQLAlchemy, Sphinx), DocBook (PostgreSQL), Asciidoc
 * (Git), hand-written HTML (SQLite), mdBook (the Rust books) and rustdoc (Rust's std, last: only
 * the 100k corpus reaches it).
 */
export const DOCUMENTATION_SOURCES: readonly DocumentationSource[] = [
  { name: 'python3.11', aptPackage: 'python3.11-doc', roots: () => ['/usr/share/doc/python3.11/html'], exclude: NOT_HTML },
  { name: 'postgresql', aptPackage: 'postgresql-doc', roots: postgresqlRoots, exclude: NOT_HTML },
  { name: 'git', aptPackage: 'git-doc', roots: () => ['/usr/share/doc/git-doc'], exclude: NOT_HTML },
  { name: 'sqlite', aptPackage: 'sqlite3-doc', roots: () => ['/usr/share/doc/sqlite3'], exclude: NOT_HTML },
  ...['book', 'reference', 'rust-by-example', 'nomicon', 'edition-guide', 'unstable-book', 'embedded-book', 'rustc'].map((book) => ({
    name: `rust-${book}`,
    aptPackage: 'rust-doc',
    roots: () => [`/usr/share/doc/rust-doc/html/${book}`],
    exclude: MDBOOK,
  })),
  { name: 'sqlalchemy', aptPackage: 'python-sqlalchemy-doc', roots: () => ['/usr/share/doc/python-sqlalchemy-doc/html'], exclude: NOT_HTML },
  { name: 'sphinx', aptPackage: 'sphinx-doc', roots: () => ['/usr/share/doc/sphinx-doc/html'], exclude: NOT_HTML },
  { name: 'rust-std', aptPackage: 'rust-doc', roots: () => ['/usr/share/doc/rust-doc/html/std'], exclude: NOT_HTML },
];

export interface ScaleCorpusSpec {
  /** Its name in the tables. */
  label: string;
  /** About how many passages. */
  passages: number;
}

export const SCALE_CORPORA: readonly ScaleCorpusSpec[] = [
  { label: '1k', passages: 1_000 },
  { label: '17k (Django-size)', passages: 17_000 },
  { label: '100k', passages: 100_000 },
];

export class MissingCorpusSourceError extends Error {
  override name = 'MissingCorpusSourceError';
}

export interface ScaleCorpus {
  /** The folder to index (`build:index -- --input`). */
  dir: string;
  /** Its key: a hash of the sources, the indexer and the target. */
  key: string;
  /** Passages the indexer's chunker counted, by part (SciFact, then each documentation package). */
  parts: Array<{ name: string; files: number; passages: number }>;
  passages: number;
  files: number;
}

interface CorpusPart {
  name: string;
  docs: SourceDocument[];
  passages: number;
}

/** Passages per document of `docs`, by the indexer's chunker (the page conventions of the whole part). */
function passagesPerDocument(docs: SourceDocument[]): number[] {
  const { documents, passages } = passagesOf(docs);
  const bySource = new Map<string, number>();
  for (const p of passages) {
    const source = documents[p.doc].source;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  return docs.map((d) => bySource.get(d.source) ?? 0);
}

/** The installed pages of a documentation source, sorted by path; a missing package is an error naming it. */
export function readDocumentationSource(source: DocumentationSource): SourceDocument[] {
  const root = source.roots().find((dir) => existsSync(dir));
  if (!root) throw new MissingCorpusSourceError(`the ${source.name} documentation is not installed (looked in ${source.roots().join(', ') || `/usr/share/doc/${source.aptPackage}*`}): apt-get install ${source.aptPackage}`);
  return loadCorpus(root, { exclude: source.exclude, warn: () => {} })
    .filter((d) => d.format === 'html')
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/**
 * The documents of a corpus of about `target` passages: SciFact's abstracts in their order, then
 * each documentation source in turn (`pages`: its installed pages, by name), the last one taken cut
 * after the page that reaches the target.
 */
function selectParts(target: number, scifact: ScifactSet, pages: ReadonlyMap<string, SourceDocument[]>): CorpusPart[] {
  const parts: CorpusPart[] = [];
  let total = 0;
  const take = (name: string, docs: SourceDocument[]) => {
    const counts = passagesPerDocument(docs);
    let end = 0;
    let passages = 0;
    while (end < docs.length && total + passages < target) passages += counts[end++];
    total += passages;
    parts.push({ name, docs: docs.slice(0, end), passages });
  };
  take('SciFact', scifactDocuments(scifact));
  for (const source of DOCUMENTATION_SOURCES) {
    if (total >= target) break;
    // Only a source the corpus needs has to be installed.
    take(source.name, pages.get(source.name) ?? readDocumentationSource(source));
  }
  if (total < target * 0.9) throw new MissingCorpusSourceError(`the installed sources give ${total} passages, short of the ${target} asked for`);
  return parts;
}

/** Where a part's document is written in the corpus folder: SciFact as `<id>.txt` (title, blank line, abstract), pages at their path. */
const fileOf = (part: string, doc: SourceDocument) => join(part === 'SciFact' ? 'scifact' : part, part === 'SciFact' ? `${doc.id}.txt` : doc.source);

/**
 * The corpus of about `target` passages, written once under `cacheDir` (a folder named by its key)
 * and reused while the sources and the indexer are the same.
 */
export function scaleCorpus(target: number, options: { scifact?: ScifactSet; cacheDir?: string; log?: (m: string) => void } = {}): ScaleCorpus {
  const log = options.log ?? (() => {});
  const cacheDir = options.cacheDir ?? join('dist', 'bench-corpora');
  const scifact = options.scifact ?? readScifact();
  // Keyed by what shapes it: the target, the chunker (the indexer's source), SciFact and every installed page.
  const hash = createHash('sha256').update(`scale-corpus 1\0${target}\0${indexerFingerprint(DEFAULT_MODEL_DIR)}\0`);
  for (const d of scifactDocuments(scifact)) hash.update(`${d.id}\0${d.sha256}\0`);
  const installed = DOCUMENTATION_SOURCES.map((source) => ({ source, root: source.roots().find((dir) => existsSync(dir)) }));
  for (const { source, root } of installed) hash.update(`${source.name}\0${root ?? 'missing'}\0`);
  // Page contents enter the key through their hashes, read only for sources that are installed.
  const pages = new Map<string, SourceDocument[]>();
  for (const { source, root } of installed) {
    if (!root) continue;
    const docs = readDocumentationSource(source);
    pages.set(source.name, docs);
    for (const d of docs) hash.update(`${d.source}\0${d.sha256}\0`);
  }
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(cacheDir, `${target}-${key}`);
  const summaryFile = join(dir, '..', `${target}-${key}.json`);
  if (existsSync(summaryFile) && existsSync(dir)) {
    log(`corpus of ~${target} passages: cached in ${dir}`);
    return { dir, key, ...(JSON.parse(readFileSync(summaryFile, 'utf8')) as Omit<ScaleCorpus, 'dir' | 'key'>) };
  }
  log(`corpus of ~${target} passages: counting passages with the indexer's chunker…`);
  const parts = selectParts(target, scifact, pages);
  // Written beside its place and renamed into it: an interrupted run leaves no half corpus behind.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  for (const part of parts) {
    for (const doc of part.docs) {
      const file = join(partial, fileOf(part.name, doc));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, doc.text);
    }
  }
  const summaryParts = parts.map((p) => ({ name: p.name, files: p.docs.length, passages: p.passages }));
  const summary = { parts: summaryParts, passages: summaryParts.reduce((s, p) => s + p.passages, 0), files: summaryParts.reduce((s, p) => s + p.files, 0) };
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  log(`corpus of ~${target} passages: ${summary.passages} passages in ${summary.files} files (${summaryParts.map((p) => `${p.name} ${p.passages}`).join(', ')}) → ${dir}`);
  return { dir, key, ...summary };
}

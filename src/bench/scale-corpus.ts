/**
 * The corpora of the scale benchmark (`npm run bench:scale`): about 1,000, 17,000 (a Django-size
 * site) and 100,000 passages, each written as a folder the real indexer reads
 * (`npm run build:index -- --input <folder>`). SciFact's abstracts come first (as text files), then
 * documentation that Debian packages install as built HTML — the product's real input — in a fixed
 * order, the last package cut at a fixed page.
 *
 * A corpus is defined by its pages, not by a passage count, so that it stays the same input while
 * the indexer changes (runs before and after a change compare like with like); the cuts were chosen
 * with the indexer's chunker of 2026-12-02 (1,002, 17,016 and 100,035 passages), and the build
 * reports the exact count of each run. The same installed packages give the same folder, byte for
 * byte; it is cached under dist/bench-corpora by a hash of its contents.
 *
 * Never the held-out sites (Django's, Hono's, Fastify's docs — no python-django-doc here).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readScifact, scifactDocuments, type ScifactSet } from '../eval/datasets.js';
import { loadCorpus, type SourceDocument } from '../indexing/load/index.js';

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
 * Taken in this order. Their generators: Sphinx (Python, SQLAlchemy, Sphinx), DocBook (PostgreSQL),
 * Asciidoc (Git), hand-written HTML (SQLite), mdBook (the Rust books) and rustdoc (Rust's std, last:
 * only the 100k corpus reaches it).
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

/** A part of a corpus: SciFact or a documentation source by name, its first `take` abstracts or pages (all without). */
export interface CorpusPartSpec {
  name: string;
  take?: number;
}

export interface ScaleCorpusSpec {
  /** Its name in the tables. */
  label: string;
  /** About how many passages it makes. */
  passages: number;
  parts: readonly CorpusPartSpec[];
}

const ALL_DOCUMENTATION = (last: CorpusPartSpec): CorpusPartSpec[] => [...DOCUMENTATION_SOURCES.slice(0, -1).map((s) => ({ name: s.name })), last];

export const SCALE_CORPORA: readonly ScaleCorpusSpec[] = [
  { label: '1k', passages: 1_000, parts: [{ name: 'SciFact', take: 381 }] },
  { label: '17k (Django-size)', passages: 17_000, parts: [{ name: 'SciFact' }, { name: 'python3.11', take: 93 }] },
  { label: '100k', passages: 100_000, parts: [{ name: 'SciFact' }, ...ALL_DOCUMENTATION({ name: 'rust-std', take: 225 })] },
];

export class MissingCorpusSourceError extends Error {
  override name = 'MissingCorpusSourceError';
}

export interface ScaleCorpus {
  /** The folder to index (`build:index -- --input`). */
  dir: string;
  /** Its key: a hash of its files. */
  key: string;
  /** Files taken from each part. */
  parts: Array<{ name: string; files: number }>;
  files: number;
}

/** The installed pages of a documentation source, sorted by path; a missing package is an error naming it. */
export function readDocumentationSource(source: DocumentationSource): SourceDocument[] {
  const root = source.roots().find((dir) => existsSync(dir));
  if (!root) throw new MissingCorpusSourceError(`the ${source.name} documentation is not installed (looked in ${source.roots().join(', ') || `/usr/share/doc/${source.aptPackage}*`}): apt-get install ${source.aptPackage}`);
  return loadCorpus(root, { exclude: source.exclude, warn: () => {} })
    .filter((d) => d.format === 'html')
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** Where a part's document is written in the corpus folder: SciFact as `<id>.txt` (title, blank line, abstract), pages at their path. */
const fileOf = (part: string, doc: SourceDocument) => join(part === 'SciFact' ? 'scifact' : part, part === 'SciFact' ? `${doc.id}.txt` : doc.source);

function partDocuments(part: CorpusPartSpec, scifact: () => ScifactSet): SourceDocument[] {
  if (part.name === 'SciFact') return scifactDocuments(scifact());
  const source = DOCUMENTATION_SOURCES.find((s) => s.name === part.name);
  if (!source) throw new Error(`no documentation source "${part.name}"`);
  return readDocumentationSource(source);
}

/**
 * The corpus `spec` as a folder under `cacheDir` named by a hash of its files: written once, then
 * reused while the installed packages are the same.
 */
export function scaleCorpus(spec: ScaleCorpusSpec, options: { scifact?: ScifactSet; cacheDir?: string; log?: (m: string) => void } = {}): ScaleCorpus {
  const log = options.log ?? (() => {});
  const cacheDir = options.cacheDir ?? join('dist', 'bench-corpora');
  const scifact = () => options.scifact ?? readScifact();
  const files: Array<{ path: string; text: string }> = [];
  const parts = spec.parts.map((part) => {
    const all = partDocuments(part, scifact);
    if (part.take !== undefined && all.length < part.take) throw new MissingCorpusSourceError(`${part.name} has ${all.length} documents, the ${spec.label} corpus takes ${part.take}: is another version of its package installed?`);
    const docs = all.slice(0, part.take);
    for (const doc of docs) files.push({ path: fileOf(part.name, doc), text: doc.text });
    return { name: part.name, files: docs.length };
  });
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.text}\0`);
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(cacheDir, `${spec.passages}-${key}`);
  const corpus = { dir, key, parts, files: files.length };
  if (existsSync(dir)) {
    log(`${spec.label} corpus: ${dir} (written by an earlier run)`);
    return corpus;
  }
  // Another corpus of this size (other packages installed), its builds, or a run's leftovers: stale.
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(cacheDir)) if (name.startsWith(`${spec.passages}-`)) rmSync(join(cacheDir, name), { recursive: true, force: true });
  // Written beside its place and renamed into it: an interrupted run leaves no half corpus behind.
  const partial = `${dir}.partial`;
  for (const f of files) {
    const path = join(partial, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  renameSync(partial, dir);
  log(`${spec.label} corpus: ${files.length} files (${parts.map((p) => `${p.name} ${p.files}`).join(', ')}) → ${dir}`);
  return corpus;
}

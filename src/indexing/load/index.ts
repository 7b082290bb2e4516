/**
 * Reads a folder tree of articles and documentation pages exactly as stored (UTF-8, or UTF-16 with
 * its byte-order mark; nothing normalised), so that citation offsets index into the file as read.
 * Every file that is not indexed is reported with its reason; a tree with nothing usable is an
 * error. Sources are paths relative to the input root (POSIX separators): citations never reveal
 * the build machine's layout. The input root is a boundary: a symbolic link that leads out of it
 * is not followed unless asked (`followSymlinks`), since whatever is indexed ends up public.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/** How a document's structure is read: plain text (articles), Markdown/MDX, or HTML. */
export type SourceFormat = 'text' | 'markdown' | 'html';

export interface SourceDocument {
  /** Relative path without extension, folders joined by ".": stable, readable, unique in a corpus. */
  id: string;
  /** Path relative to the input root, e.g. `guide/routing.md`. */
  source: string;
  text: string;
  sha256: string;
  format: SourceFormat;
}

export type SkipReason =
  | 'unsupported type'
  | 'empty'
  | 'binary'
  | 'too large'
  | 'not UTF-8'
  | 'invalid UTF-16'
  | 'excluded'
  | 'not a regular file'
  | 'unreadable'
  | 'symlink outside input'
  | 'dangling symlink'
  | 'symlink loop';

export interface LoadOptions {
  /** Files larger than this are skipped: default 10 MiB. */
  maxFileBytes?: number;
  /** Glob patterns (relative to the input root) of files and folders to leave out. */
  exclude?: string[];
  /** Follow symbolic links that lead out of the input root too (default: report and skip them). */
  followSymlinks?: boolean;
  warn?: (message: string) => void;
  /** Lines that are no warning: files of types never indexed (a theme's .js, .css, fonts), one line per extension. */
  note?: (message: string) => void;
  /** List each file of a type never indexed under its extension's line (`--explain`). */
  explain?: boolean;
  /** Every file not indexed, with why (the build summary counts them). */
  onSkip?: (source: string, reason: SkipReason) => void;
}

export const FORMATS: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Never documentation: dependencies and dot-folders (.git, .vitepress/cache, …) and dot-files. */
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.*/**', '**/.*'];

export class CorpusError extends Error {
  constructor(
    readonly code: 'INPUT_NOT_FOUND' | 'INPUT_NOT_A_FOLDER' | 'INPUT_EMPTY' | 'DUPLICATE_DOC_ID',
    message: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

/** A file to read (`path`, through links), or an entry of the tree that is not one, with why. */
type Entry = { source: string; path: string } | { source: string; reason: SkipReason; detail: string };

/**
 * Every entry of the tree under `root` that is not a folder, with its source path. Links are
 * resolved here, once: links out of the root (unless followed), dangling links, loops and anything
 * but regular files are entries with a reason, so one bad entry never stops the walk.
 */
function listEntries(root: string, followSymlinks: boolean, excluded: (source: string) => boolean): Entry[] {
  const rootReal = realpathSync(root);
  const entries: Entry[] = [];
  // Real paths of the folders from the root down to the one being read: a link back to one is a loop.
  const walk = (dir: string, dirReal: string, prefix: string, ancestors: Set<string>) => {
    let children: Dirent[];
    try {
      children = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (prefix === '') throw error;
      entries.push({ source: prefix.slice(0, -1), reason: 'unreadable', detail: ` (a folder: ${errorCode(error)})` });
      return;
    }
    for (const child of children) {
      const source = prefix + child.name;
      const path = join(dir, child.name);
      if (!child.isDirectory() && excluded(source)) {
        entries.push({ source, reason: 'excluded', detail: '' });
        continue;
      }
      let kind: Dirent | Stats = child;
      let real = join(dirReal, child.name);
      if (child.isSymbolicLink()) {
        try {
          real = realpathSync(path);
          kind = statSync(real);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ELOOP') entries.push({ source, reason: 'symlink loop', detail: '' });
          else if (code === 'ENOENT' || code === 'ENOTDIR') entries.push({ source, reason: 'dangling symlink', detail: '' });
          else entries.push({ source, reason: 'unreadable', detail: ` (${code})` });
          continue;
        }
        const inside = isWithin(real, rootReal);
        if (!followSymlinks && !inside) {
          entries.push({ source, reason: 'symlink outside input', detail: ` (→ ${real}; --follow-symlinks indexes what it points to)` });
          continue;
        }
        // A link is no way around the exclusions: `notes.md → .env` stays out like `.env` itself.
        if (inside && real !== rootReal && excluded(relative(rootReal, real).split(sep).join('/'))) {
          entries.push({ source, reason: 'excluded', detail: '' });
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (ancestors.has(real)) entries.push({ source, reason: 'symlink loop', detail: ` (→ ${real}, a folder it is in)` });
        else walk(path, real, `${source}/`, new Set(ancestors).add(real));
      } else if (kind.isFile()) entries.push({ source, path });
      else entries.push({ source, reason: 'not a regular file', detail: ` (${specialKind(kind)}; never opened)` });
    }
  };
  walk(root, rootReal, '', new Set([rootReal]));
  // Sorted by source, as plain strings: deterministic builds, and skip reports in path order.
  return entries.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

function isWithin(path: string, root: string): boolean {
  const rest = relative(root, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}

function specialKind(kind: Dirent | Stats): string {
  if (kind.isFIFO()) return 'a FIFO';
  if (kind.isSocket()) return 'a socket';
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'a device';
  return 'not a file';
}

function errorCode(error: unknown): string {
  return (error instanceof Error && (error as NodeJS.ErrnoException).code) || String(error);
}

/**
 * Reads a regular file whole, or says why not. Opened non-blocking and checked on the open file:
 * a FIFO put in its place after the walk is never read (it would block the build for ever).
 */
function readRegularFile(path: string, maxBytes: number): { bytes: Buffer } | { reason: SkipReason; detail: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { reason: 'unreadable', detail: ` (${errorCode(error)})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { reason: 'not a regular file', detail: ` (${specialKind(stats)}; never opened)` };
    if (stats.size > maxBytes) return { reason: 'too large', detail: ` (${stats.size} bytes, the limit is ${maxBytes})` };
    return { bytes: readFileSync(fd) };
  } catch (error) {
    return { reason: 'unreadable', detail: ` (${errorCode(error)})` };
  } finally {
    closeSync(fd);
  }
}

// ignoreBOM keeps a byte-order mark in the text, so offsets match the file exactly as stored.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/**
 * A file's text: UTF-16 when it starts with a UTF-16 byte-order mark (LE or BE), UTF-8 otherwise.
 * The mark stays in the text, so offsets count from the start of the file as decoded.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: SkipReason; detail: string } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? { decoder: UTF16LE, name: 'LE' } : bytes[0] === 0xfe && bytes[1] === 0xff ? { decoder: UTF16BE, name: 'BE' } : null;
  if (utf16) {
    let text: string;
    try {
      text = utf16.decoder.decode(bytes);
    } catch {
      return { reason: 'invalid UTF-16', detail: ` (starts with the UTF-16 ${utf16.name} byte-order mark, but has an odd byte count or an unpaired surrogate)` };
    }
    // NUL characters after a UTF-16 mark: UTF-32 text, or binary data that happens to start with one.
    return text.includes('\0') ? { reason: 'binary', detail: ' (contains NUL characters)' } : { text };
  }
  if (bytes.includes(0)) return { reason: 'binary', detail: ' (contains NUL bytes; UTF-16 is read only with its byte-order mark)' };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { reason: 'not UTF-8', detail: '' };
  }
}

/**
 * Folders a generator writes beside the built pages that are copies of their sources: Sphinx's
 * `_sources/` (each page's reStructuredText or Markdown as `.txt`, which would be indexed again as
 * plain-text articles). Recognised by the generator's own files at the root (objects.inv, searchindex.js).
 */
export function generatorSourceCopies(dir: string): string[] {
  const sphinx = existsSync(join(dir, '_sources')) && (existsSync(join(dir, 'objects.inv')) || existsSync(join(dir, 'searchindex.js')));
  return sphinx ? ['_sources/**'] : [];
}

/** Examples named on a line of files of one unsupported type; `--explain` lists them all. */
const UNSUPPORTED_EXAMPLES = 2;

/** `skipped 46 .js files: unsupported type (e.g. a.js, b.js, …; indexed: .txt .md …)`, the most frequent type first. */
export function unsupportedLines(byExtension: ReadonlyMap<string, readonly string[]>, explain: boolean): string[] {
  const indexed = `indexed: ${Object.keys(FORMATS).join(' ')}`;
  return [...byExtension]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .flatMap(([extension, files]) => {
      if (files.length === 1) return [`skipped ${files[0]}: unsupported type (${extension || 'no extension'}; ${indexed})`];
      const what = `skipped ${files.length} ${extension ? `${extension} files` : 'files without extension'}: unsupported type`;
      if (explain) return [`${what} (${indexed}):`, ...files.map((f) => `  ${f}`)];
      const examples = `${files.slice(0, UNSUPPORTED_EXAMPLES).join(', ')}${files.length > UNSUPPORTED_EXAMPLES ? ', …' : ''}`;
      return [`${what} (e.g. ${examples}; ${indexed}; --explain lists them)`];
    });
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function loadCorpus(dir: string, options: LoadOptions = {}): SourceDocument[] {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const skip = (source: string, reason: SkipReason, detail = '') => {
    options.onSkip?.(source, reason);
    if (reason !== 'excluded') warn(`skipped ${source}: ${reason}${detail}`);
  };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const excluded = picomatch([...DEFAULT_EXCLUDE, ...generatorSourceCopies(dir), ...(options.exclude ?? [])], { dot: true });
  let entries: Entry[];
  const kind = statOrNull(dir);
  if (kind && !kind.isDirectory()) throw new CorpusError('INPUT_NOT_A_FOLDER', `input folder "${dir}" is a file, not a folder: point --input at the folder that holds the site's pages`);
  try {
    if (!kind) throw new Error('missing');
    entries = listEntries(dir, options.followSymlinks ?? false, excluded);
  } catch {
    throw new CorpusError('INPUT_NOT_FOUND', `input folder "${dir}" does not exist or cannot be read`);
  }
  const docs: SourceDocument[] = [];
  const seen = new Map<string, string>();
  /** Files of types never indexed, by extension: a built site has dozens of theme assets, reported one line per type. */
  const unsupported = new Map<string, string[]>();
  for (const entry of entries) {
    const { source } = entry;
    if ('reason' in entry) {
      skip(source, entry.reason, entry.detail);
      continue;
    }
    const extension = extname(source).toLowerCase();
    const format = FORMATS[extension];
    if (!format) {
      options.onSkip?.(source, 'unsupported type');
      const ofType = unsupported.get(extension);
      if (ofType) ofType.push(source);
      else unsupported.set(extension, [source]);
      continue;
    }
    const read = readRegularFile(entry.path, maxBytes);
    if ('reason' in read) {
      skip(source, read.reason, read.detail);
      continue;
    }
    const decoded = decodeText(read.bytes);
    if ('reason' in decoded) {
      skip(source, decoded.reason, decoded.detail);
      continue;
    }
    const { text } = decoded;
    if (text.trim() === '') {
      skip(source, 'empty');
      continue;
    }
    const id = source.slice(0, source.length - extension.length).replaceAll('/', '.');
    const clash = seen.get(id);
    if (clash) throw new CorpusError('DUPLICATE_DOC_ID', `"${clash}" and "${source}" would both have document id "${id}": rename one or --exclude it`);
    seen.set(id, source);
    docs.push({ id, source, text, sha256: createHash('sha256').update(read.bytes).digest('hex'), format });
  }
  for (const line of unsupportedLines(unsupported, options.explain ?? false)) (options.note ?? warn)(line);
  if (docs.length === 0) {
    throw new CorpusError('INPUT_EMPTY', `no usable documents in "${dir}" (${Object.keys(FORMATS).join(' ')} files, searched recursively)`);
  }
  return docs;
}

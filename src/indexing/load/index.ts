/**
 * Reads a folder tree of articles and documentation pages exactly as stored (UTF-8, nothing
 * normalised), so that citation offsets index into the file as read. Every file that is not
 * indexed is reported with its reason; a tree with nothing usable is an error. Sources are paths
 * relative to the input root (POSIX separators): citations never reveal the build machine's layout.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
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

export type SkipReason = 'unsupported type' | 'empty' | 'binary' | 'too large' | 'not UTF-8' | 'excluded';

export interface LoadOptions {
  /** Files larger than this are skipped: default 10 MiB. */
  maxFileBytes?: number;
  /** Glob patterns (relative to the input root) of files and folders to leave out. */
  exclude?: string[];
  warn?: (message: string) => void;
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
    readonly code: 'INPUT_NOT_FOUND' | 'INPUT_EMPTY' | 'DUPLICATE_DOC_ID',
    message: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

/** Files under `root`, relative POSIX paths, sorted (deterministic builds). */
function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .map((p) => p.split(sep).join('/'))
    .filter((p) => statSync(join(root, p)).isFile())
    .sort();
}

export function loadCorpus(dir: string, options: LoadOptions = {}): SourceDocument[] {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const skip = (source: string, reason: SkipReason, detail = '') => {
    options.onSkip?.(source, reason);
    if (reason !== 'excluded') warn(`skipped ${source}: ${reason}${detail}`);
  };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const excluded = picomatch([...DEFAULT_EXCLUDE, ...(options.exclude ?? [])], { dot: true });
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    files = listFiles(dir);
  } catch {
    throw new CorpusError('INPUT_NOT_FOUND', `input folder "${dir}" does not exist or cannot be read`);
  }
  const docs: SourceDocument[] = [];
  const seen = new Map<string, string>();
  // ignoreBOM keeps a byte-order mark in the text, so offsets match the file exactly as stored.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for (const source of files) {
    if (excluded(source)) {
      skip(source, 'excluded');
      continue;
    }
    const extension = extname(source).toLowerCase();
    const format = FORMATS[extension];
    if (!format) {
      skip(source, 'unsupported type', ` (${extension || 'no extension'}; indexed: ${Object.keys(FORMATS).join(' ')})`);
      continue;
    }
    const path = join(dir, source);
    const size = statSync(path).size;
    if (size > maxBytes) {
      skip(source, 'too large', ` (${size} bytes, the limit is ${maxBytes})`);
      continue;
    }
    const bytes = readFileSync(path);
    if (bytes.includes(0)) {
      skip(source, 'binary', ' (contains NUL bytes)');
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      skip(source, 'not UTF-8');
      continue;
    }
    if (text.trim() === '') {
      skip(source, 'empty');
      continue;
    }
    const id = source.slice(0, source.length - extension.length).replaceAll('/', '.');
    const clash = seen.get(id);
    if (clash) throw new CorpusError('DUPLICATE_DOC_ID', `"${clash}" and "${source}" would both have document id "${id}": rename one or --exclude it`);
    seen.set(id, source);
    docs.push({ id, source, text, sha256: createHash('sha256').update(bytes).digest('hex'), format });
  }
  if (docs.length === 0) {
    throw new CorpusError('INPUT_EMPTY', `no usable documents in "${dir}" (${Object.keys(FORMATS).join(' ')} files, searched recursively)`);
  }
  return docs;
}

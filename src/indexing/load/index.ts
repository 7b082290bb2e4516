/**
 * Reads a folder of `.txt`/`.md` articles exactly as stored (UTF-8, nothing normalised), so that
 * citation offsets index into the file as read. Files that cannot be articles are skipped with a
 * warning; a folder with nothing usable is an error.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface SourceDocument {
  /** File name without extension: stable, human-readable and unique within a corpus. */
  id: string;
  /** The path as given on the command line, joined with the file name (e.g. `seeds/002_….txt`). */
  source: string;
  text: string;
  sha256: string;
}

export interface LoadOptions {
  /** Files larger than this are refused (skipped with a warning): default 10 MiB. */
  maxFileBytes?: number;
  warn?: (message: string) => void;
}

export const ARTICLE_EXTENSIONS = ['.txt', '.md'];
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export class CorpusError extends Error {
  constructor(
    readonly code: 'INPUT_NOT_FOUND' | 'INPUT_EMPTY' | 'DUPLICATE_DOC_ID',
    message: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

export function loadCorpus(dir: string, options: LoadOptions = {}): SourceDocument[] {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new CorpusError('INPUT_NOT_FOUND', `input folder "${dir}" does not exist or cannot be read`);
  }
  const docs: SourceDocument[] = [];
  const seen = new Map<string, string>();
  // ignoreBOM keeps a byte-order mark in the text, so offsets match the file exactly as stored.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for (const name of names) {
    if (!ARTICLE_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (!stat.isFile()) continue;
    if (stat.size > maxBytes) {
      warn(`skipped ${path}: ${stat.size} bytes is over the ${maxBytes}-byte limit per article`);
      continue;
    }
    const bytes = readFileSync(path);
    if (bytes.includes(0)) {
      warn(`skipped ${path}: binary file (contains NUL bytes)`);
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      warn(`skipped ${path}: not valid UTF-8`);
      continue;
    }
    if (text.trim() === '') {
      warn(`skipped ${path}: empty file`);
      continue;
    }
    const id = basename(name, extname(name));
    const clash = seen.get(id);
    if (clash) throw new CorpusError('DUPLICATE_DOC_ID', `"${clash}" and "${path}" would both have document id "${id}": rename one`);
    seen.set(id, path);
    docs.push({ id, source: path, text, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  if (docs.length === 0) {
    throw new CorpusError('INPUT_EMPTY', `no usable .txt or .md articles in "${dir}"`);
  }
  return docs;
}

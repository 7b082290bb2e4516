/**
 * A documentation dev set from a site built by mdBook: The Rust Programming Language as Debian's
 * `rust-doc` ships it (/usr/share/doc/rust-doc/html/book). A subset of the book is indexed — the
 * sections of chapters 3–6, 8–11 and 14–16 (41 pages; chapter introductions `chNN-00` left out) — read
 * from the installed package at eval time, nothing copied into the repo. Questions and gold are
 * src/eval/data/rustbook-dev.jsonl; the look-alike off-topic questions (other languages' tooling in
 * the book's words) are rustbook-lookalike.jsonl. A dev set: never training text.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus, type SourceDocument } from '../indexing/load/index.js';

export const RUST_BOOK_DIR = process.env.RUST_BOOK ?? '/usr/share/doc/rust-doc/html/book';

/** The chapters indexed: the book's language core, collections, errors, generics, tests, Cargo, smart pointers, threads. */
export const RUST_BOOK_CHAPTERS: readonly string[] = ['03', '04', '05', '06', '08', '09', '10', '11', '14', '15', '16'];

/** `ch08-02-strings.html`: chapter 08, section 02. */
const PAGE = /^ch(\d\d)-(\d\d)-[a-z0-9-]+\.html$/;

export function hasRustBook(dir = RUST_BOOK_DIR): boolean {
  return existsSync(join(dir, 'ch04-01-what-is-ownership.html'));
}

/** The file names of the indexed subset, sorted: sections (not introductions) of RUST_BOOK_CHAPTERS. */
export function rustBookPages(files: string[]): string[] {
  return files
    .filter((file) => {
      const m = PAGE.exec(file);
      return m !== null && RUST_BOOK_CHAPTERS.includes(m[1]) && m[2] !== '00';
    })
    .sort();
}

/**
 * The subset as the indexer reads it: the pages are copied into a fresh folder (names unchanged, so
 * a citation's source is the page's file name) and loaded by the indexer's own loader.
 */
export function loadRustBook(dir = RUST_BOOK_DIR): SourceDocument[] {
  if (!hasRustBook(dir)) throw new Error(`The Rust Programming Language is not installed (${dir}): apt-get install rust-doc, or set RUST_BOOK`);
  const pages = rustBookPages(readdirSync(dir));
  const subset = mkdtempSync(join(tmpdir(), 'rustbook-'));
  for (const page of pages) copyFileSync(join(dir, page), join(subset, page));
  return loadCorpus(subset, { warn: () => {} });
}

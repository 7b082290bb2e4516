/**
 * The records every layer shares: a document and its passages as the indexer writes them and the
 * engine, the Worker and the evaluation read them. The ground floor of core (it imports nothing), so
 * that storage formats (core/artifact) and searchers (core/lexical, …) can both depend on it.
 */
export interface DocumentRecord {
  doc_id: string;
  /** Path relative to the input root. */
  source: string;
  /** How its structure was read: plain text, Markdown or HTML. */
  format: 'text' | 'markdown' | 'html';
  title: string;
  title_derived: boolean;
  author: string | null;
  /** The page's URL when the index was built with `--base-url`, else null. */
  url: string | null;
  /** Front matter fields (Markdown), else null. */
  metadata: Record<string, unknown> | null;
}

/**
 * No passage is over this many words (whitespace-separated runs of its text, markup included): 2×
 * the default maximum of 120, so sentence windows are untouched and only blocks with no usable
 * sentence ends (code, tables, lists, endless lines) are cut further (src/indexing/chunk). It bounds
 * what one result weighs in an answer.
 */
export const MAX_PASSAGE_WORDS = 240;
/** Nor over this many UTF-16 code units: long words (URLs, minified code) and long runs of spaces. */
export const MAX_PASSAGE_CHARS = 4_000;

export interface PassageRecord {
  /** Stable id: `<doc_id>:<ordinal within the document, 1-based>`. */
  id: string;
  /** Index into `documents`. */
  doc: number;
  section: string | null;
  /** Headings from the top of the page down to `section` (the page title excluded). */
  heading_path: string[];
  /** The section's anchor slug on its page (Markdown headings), or null. */
  anchor: string | null;
  paragraph: number;
  char_start: number;
  char_end: number;
  /** Exactly `source.slice(char_start, char_end)`: at most MAX_PASSAGE_CHARS characters, and MAX_PASSAGE_WORDS words as a reader sees them (`excerpt ?? text`: markup is no words). */
  text: string;
  /** The visible words of `text` — markup removed — when they differ from it: what is indexed and shown to readers. */
  excerpt: string | null;
  /** Ranges of the indexed words (`excerpt ?? text`) that are code, for showing code as code; absent when none. */
  code?: Array<[number, number]>;
  /**
   * The indexed words of the header row of the table this passage is a later piece of (a long table
   * is cut into passages of rows), or of the lead sentence of the list whose items it holds (with
   * `ChunkOptions.splitItems`); absent otherwise. Outside the passage's span, so in neither
   * `text` nor `excerpt`: indexed after the passage's own words, where `code` ranges stay valid.
   */
  table_header?: string;
}

/** The words of a passage a reader sees: its visible words, markup removed. */
export const excerptOf = (p: Pick<PassageRecord, 'text' | 'excerpt'>) => p.excerpt ?? p.text;

/** The words of a passage that BM25 and the embedding see. */
export const indexedText = (p: Pick<PassageRecord, 'text' | 'excerpt' | 'table_header'>) => (p.table_header === undefined ? excerptOf(p) : `${excerptOf(p)}\n${p.table_header}`);

/** Share of a passage's indexed characters that are code (inline code and code blocks), 0..1. */
export function codeShare(passage: Pick<PassageRecord, 'text' | 'excerpt' | 'table_header' | 'code'>): number {
  const length = indexedText(passage).length;
  const code = (passage.code ?? []).reduce((n, [a, b]) => n + b - a, 0);
  return length > 0 ? code / length : 0;
}

/** A passage whose indexed words are at least this share code is a code-only passage (an example, not an answer). */
export const CODE_ONLY_SHARE = 0.8;

/** Indices of the code-only passages (at least CODE_ONLY_SHARE of their words are code), ascending. */
export function codeOnlyPassages(passages: ReadonlyArray<Pick<PassageRecord, 'text' | 'excerpt' | 'table_header' | 'code'>>): number[] {
  const indices: number[] = [];
  passages.forEach((p, i) => {
    if (p.code !== undefined && codeShare(p) >= CODE_ONLY_SHARE) indices.push(i);
  });
  return indices;
}

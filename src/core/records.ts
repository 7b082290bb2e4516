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
  /** Exactly `source.slice(char_start, char_end)`. */
  text: string;
  /** The visible words of `text` — markup removed — when they differ from it: what is indexed and shown to readers. */
  excerpt: string | null;
  /** Ranges of the indexed words (`excerpt ?? text`) that are code, for showing code as code; absent when none. */
  code?: Array<[number, number]>;
}

/** The words of a passage that BM25 and the embedding see. */
export const indexedText = (p: Pick<PassageRecord, 'text' | 'excerpt'>) => p.excerpt ?? p.text;

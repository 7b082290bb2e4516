/**
 * What every parser of the indexer gives back for a file: the document's title, its paragraphs
 * (blocks with offsets into the source, each under its heading path and anchor), the blocks it
 * left out and why, and the clean words and code ranges of any span. Parsers (text.ts,
 * markdown.ts, html.ts) plug in beside each other in index.ts.
 */
import type { Line } from './boilerplate.js';

export interface Paragraph extends Line {
  /** 1-based position among the document's content paragraphs. */
  number: number;
  /** The nearest heading's text. */
  section: string | null;
  /** Headings from the top down to `section` (the page title excluded). */
  headingPath: string[];
  /** The section heading's anchor slug (Markdown), or null. */
  anchor: string | null;
  /**
   * Words a reader sees, when the source's own count would mislead (HTML: tags and a highlighter's
   * style attributes are no words); absent: the source's whitespace-separated words.
   */
  words?: number;
}

export interface DroppedBlock {
  start: number;
  end: number;
  reason: string;
}

export interface DocumentStructure {
  title: string;
  /** True when the file has no title line and the title was made from its first sentence. */
  titleDerived: boolean;
  author: string | null;
  paragraphs: Paragraph[];
  /** Source spans with words that are not indexed, and why (counted in the build summary; `--explain` lists them). */
  dropped: DroppedBlock[];
  /**
   * The words a span of the source contributes to BM25 and to its vector: the span itself for
   * plain text; visible text without markup for Markdown.
   */
  clean(start: number, end: number): string;
  /** The ranges of `clean(start, end)` that are code (Markdown/HTML; none for plain text). */
  code?(start: number, end: number): Array<[number, number]>;
  /**
   * Set when the file was not read at all, with why (nesting too deep to parse in bounded time):
   * it has no paragraphs, and the build reports it as skipped rather than as empty.
   */
  skip?: { reason: string; /** The page is readable but is no document (a search page, a 404, a redirect): named, not warned about. */ notDocument?: boolean };
  /**
   * The title is the page's metadata (HTML `<title>`, `og:title`), not a heading of its content: a
   * site that writes the same one on many pages is naming itself, not them.
   */
  titleFromMetadata?: boolean;
  /** The page's section headings in order, as read (HTML): depth (2 = h2), visible text, anchor. */
  outline?: Array<{ depth: number; text: string; anchor: string | null }>;
  /** The page's own URL as it declares it (HTML `<link rel="canonical">`), absolute or relative to the page. */
  canonical?: string;
  /** Front matter fields (Markdown), if the page has any. */
  metadata?: Record<string, unknown> | null;
  /** Problems the author should hear about that did not stop the file being indexed (malformed front matter). */
  warnings?: string[];
}

/** The structure of a file that is not parsed, and why (`skip`): no title, no words. */
export function skippedStructure(reason: string): DocumentStructure {
  return { title: '', titleDerived: true, author: null, paragraphs: [], dropped: [], clean: () => '', skip: { reason } };
}

const DERIVED_TITLE_WORDS = 14;

/** The first sentence, cut to a headline's length at a word boundary. */
export function deriveTitle(text: string): string {
  const first = text.split(/(?<=[.!?])\s+/)[0] ?? text;
  const words = first.split(/\s+/).filter(Boolean);
  if (words.length <= DERIVED_TITLE_WORDS) return first.replace(/[.!?]$/, '');
  return `${words.slice(0, DERIVED_TITLE_WORDS).join(' ')}…`;
}

/** The longest title or heading an index keeps, in UTF-16 code units (an ellipsis follows a cut). */
export const MAX_LABEL_CHARS = 200;

/**
 * A title or heading cut to MAX_LABEL_CHARS, at a space when there is one in its second half:
 * a file whose first line is a megabyte of minified code must not put that line in every
 * citation and in the title field BM25 indexes for each of its passages.
 */
export function boundedLabel(text: string): string {
  if (text.length <= MAX_LABEL_CHARS) return text;
  let cut = text.lastIndexOf(' ', MAX_LABEL_CHARS);
  if (cut < MAX_LABEL_CHARS / 2) cut = MAX_LABEL_CHARS;
  // Never between the two halves of a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * The heading path as a parser walks a page: a heading closes every open section at its depth or
 * deeper; each block is filed under the path open when it is met, with the nearest anchor.
 */
export class HeadingPath {
  private readonly open: Array<{ depth: number; text: string }> = [];
  private anchor: string | null = null;

  /** A heading of `depth` (1 = h1) with its visible text and its anchor on the page, if any. */
  enter(depth: number, text: string, anchor: string | null): void {
    while (this.open.length && this.open[this.open.length - 1].depth >= depth) this.open.pop();
    this.open.push({ depth, text });
    this.anchor = anchor;
  }

  /** An explicit anchor met inside the current section (`<a id>`): the blocks from here on cite it. */
  mark(anchor: string): void {
    this.anchor = anchor;
  }

  /** The next paragraph, source[start, end), under the headings open now. */
  paragraph(source: string, start: number, end: number, number: number): Paragraph {
    const path = this.open.map((h) => h.text);
    return { start, end, text: source.slice(start, end), number, section: path.length ? path[path.length - 1] : null, headingPath: path, anchor: this.anchor };
  }
}

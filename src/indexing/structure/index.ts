/**
 * Recovers an article's structure from its non-boilerplate lines: title (or a title derived from
 * the first sentence when the file opens with a heading or straight into text), section headings
 * and paragraphs, all with offsets into the source.
 */
import { findBoilerplate, splitLines, type Line } from '../clean/index.js';

export interface Paragraph extends Line {
  /** 1-based position among the document's content paragraphs. */
  number: number;
  /** The nearest heading's text. */
  section: string | null;
  /** Headings from the top down to `section` (the page title excluded). */
  headingPath: string[];
  /** The section heading's anchor slug (Markdown), or null. */
  anchor: string | null;
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
  skip?: { reason: string };
  /** Problems the author should hear about that did not stop the file being indexed (malformed front matter). */
  warnings?: string[];
}

/** The structure of a file that is not parsed, and why (`skip`): no title, no words. */
export function skippedStructure(reason: string): DocumentStructure {
  return { title: '', titleDerived: true, author: null, paragraphs: [], dropped: [], clean: () => '', skip: { reason } };
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Sentence-final punctuation, possibly inside closing quotes or brackets. */
const ENDS_LIKE_SENTENCE = /[.!:;,…]["'”’)\]]*$/;
const MAX_HEADING_WORDS = 12;
const MAX_QUESTION_HEADING_WORDS = 6;
const MAX_TITLE_WORDS = 30;
const DERIVED_TITLE_WORDS = 14;

/** Short lines without sentence punctuation, or short questions ("Why It's Important?"). */
export function isHeading(text: string): boolean {
  const n = wordCount(text);
  if (text.endsWith('?')) return n <= MAX_QUESTION_HEADING_WORDS;
  return n <= MAX_HEADING_WORDS && !ENDS_LIKE_SENTENCE.test(text) && /\p{L}/u.test(text);
}

/** A first line is a title when it is not a generic heading and does not read like body text. */
function isTitle(text: string): boolean {
  const n = wordCount(text);
  if (n > MAX_TITLE_WORDS || /[.:;,]["'”’)\]]*$/.test(text)) return false;
  return !(isHeading(text) && n <= 4);
}

export function structure(text: string): DocumentStructure {
  const lines = splitLines(text);
  const boilerplate = findBoilerplate(lines);
  const content = lines.filter((_, i) => !boilerplate.lines.has(i));
  let title: string | null = null;
  let rest = content;
  if (content.length > 1 && isTitle(content[0].text)) {
    title = content[0].text;
    rest = content.slice(1);
  }
  const paragraphs: Paragraph[] = [];
  let section: string | null = null;
  rest.forEach((line, i) => {
    const next = rest[i + 1];
    if (isHeading(line.text) && next !== undefined && !isHeading(next.text)) {
      section = line.text;
      return;
    }
    paragraphs.push({ ...line, number: paragraphs.length + 1, section, headingPath: section ? [section] : [], anchor: null });
  });
  const titleDerived = title === null;
  return {
    title: title ?? deriveTitle(paragraphs[0]?.text ?? rest[0]?.text ?? ''),
    titleDerived,
    author: boilerplate.author,
    paragraphs,
    dropped: [...boilerplate.rules].map(([i, rule]) => ({ start: lines[i].start, end: lines[i].end, reason: rule })),
    clean: (start, end) => text.slice(start, end),
  };
}

/** The first sentence, cut to a headline's length at a word boundary. */
export function deriveTitle(text: string): string {
  const first = text.split(/(?<=[.!?])\s+/)[0] ?? text;
  const words = first.split(/\s+/).filter(Boolean);
  if (words.length <= DERIVED_TITLE_WORDS) return first.replace(/[.!?]$/, '');
  return `${words.slice(0, DERIVED_TITLE_WORDS).join(' ')}…`;
}

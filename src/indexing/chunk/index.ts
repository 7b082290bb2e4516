/**
 * Sentence-aware passages: a paragraph is a passage when it is 40–120 words; tiny paragraphs merge
 * with their neighbours, long ones split on sentence boundaries into balanced windows. A passage
 * never crosses a section, and its text is always `source.slice(char_start, char_end)`.
 *
 * No passage is over MAX_PASSAGE_WORDS words or MAX_PASSAGE_CHARS characters, whatever the input:
 * a piece still over the cap after sentence splitting (a code block, a table, a list, a line with no
 * sentence end) is cut at its lines — table rows, list items with their continuation lines — a line
 * still over it at its words, and a word over it (minified text) at characters. Passages under the
 * cap are cut exactly as before.
 */
import { MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS } from '../../core/records.js';
import { countWords, isLowSurrogate, isWhitespace, splitSentences, type Span } from '../../core/sentences/index.js';
import type { Paragraph } from '../parse/index.js';

export interface ChunkOptions {
  minWords: number;
  maxWords: number;
  /**
   * Lists and tables of more than `minWords` words are cut at their items and rows (short neighbours
   * packed up to `minWords`), each piece indexed with the table's header row or the list's lead
   * sentence; absent: false, a list or table is cut like prose.
   */
  splitItems?: boolean;
}

/** Lists and tables cut at their items and rows: measured by `npm run eval -- --dataset levers` (docs/eval.md). */
export const DEFAULT_CHUNKING: ChunkOptions = { minWords: 40, maxWords: 120, splitItems: true };

// The hard cap is part of the artifact's contract (the Worker relies on it): defined there.
export { MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS };
/** What a piece cut below sentences aims at in characters: half the cap, as 120 words is half of 240. */
const TARGET_PIECE_CHARS = 2_000;

export interface Chunk {
  start: number;
  end: number;
  /** Number of the paragraph the passage starts in (1-based). */
  paragraph: number;
  section: string | null;
  headingPath: string[];
  anchor: string | null;
  words: number;
  /**
   * The header row of the table this passage is a later piece of, or the lead sentence of the list
   * whose items it holds (a span of the source outside the passage), or null: the rows' or items'
   * words are indexed with it, since a row or an item means little without it.
   */
  tableHeader: Span | null;
}

export function chunk(source: string, paragraphs: Paragraph[], options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const units = paragraphs.flatMap((p, i) => (options.splitItems && splitItems(source, p, paragraphs[i - 1], options)) || splitParagraph(source, p, options));
  const chunks: Unit[] = [];
  for (const unit of units) {
    const last = chunks[chunks.length - 1];
    const sameSection = last !== undefined && last.section === unit.section && last.anchor === unit.anchor;
    if (
      sameSection &&
      (last.words < options.minWords || unit.words < options.minWords) &&
      last.words + unit.words <= options.maxWords &&
      unit.wholeParagraph &&
      last.wholeParagraph &&
      // What lies between two paragraphs (an HTML page's skipped markup) becomes part of the merged text.
      unit.end - last.start <= MAX_PASSAGE_CHARS
    ) {
      const spanWords = last.spanWords + countWords(source, last.end, unit.start) + unit.spanWords;
      if (spanWords <= MAX_PASSAGE_WORDS) {
        last.end = unit.end;
        last.words += unit.words;
        last.spanWords = spanWords;
        continue;
      }
    }
    chunks.push({ ...unit });
  }
  return chunks.map(({ start, end, paragraph, section, headingPath, anchor, words, tableHeader }) => ({ start, end, paragraph, section, headingPath, anchor, words, tableHeader }));
}

interface Unit extends Chunk {
  wholeParagraph: boolean;
  /** Words of the unit's text, what lies between merged paragraphs included (`words` counts the paragraphs' only). */
  spanWords: number;
}

/** A span with its word count. */
interface Piece extends Span {
  words: number;
}

function splitParagraph(source: string, p: Paragraph, options: ChunkOptions): Unit[] {
  const words = p.words ?? countWords(p.text);
  const base = { paragraph: p.number, section: p.section, headingPath: p.headingPath, anchor: p.anchor };
  if (words <= options.maxWords && p.end - p.start <= MAX_PASSAGE_CHARS) return [{ ...base, start: p.start, end: p.end, words, spanWords: words, wholeParagraph: true, tableHeader: null }];
  const sentences = splitSentences(p.text, p.start).map((s) => ({ ...s, words: countWords(source, s.start, s.end) }));
  // Balanced windows: as many as needed to stay under maxWords, each near the average size.
  const windows = Math.ceil(words / options.maxWords);
  const target = words / windows;
  const pieces: Piece[] = [];
  let current: Piece | null = null;
  for (const s of sentences) {
    if (current && (current.words + s.words > options.maxWords || current.words >= target)) {
      pieces.push(current);
      current = null;
    }
    current = current ? { start: current.start, end: s.end, words: current.words + s.words } : { ...s };
  }
  if (current) pieces.push(current);
  const pieceTarget = { words: Math.min(options.maxWords, MAX_PASSAGE_WORDS), chars: TARGET_PIECE_CHARS };
  const header = tableHeader(p);
  return pieces
    .flatMap((piece) => (withinCap(source, piece) ? [piece] : [...cutBelowSentences(source, piece, pieceTarget)]))
    .map((piece) => ({ ...base, ...piece, spanWords: piece.words, wholeParagraph: false, tableHeader: header && piece.start >= header.end ? header : null }));
}

/**
 * A list's items or a table's rows as units, packed while under `minWords`, with the table's header
 * or the lead sentence before the list (the previous paragraph's last, in the same section) as
 * their context; null when `p` is not a list or table over `minWords` words of two items or more.
 */
function splitItems(source: string, p: Paragraph, previous: Paragraph | undefined, options: ChunkOptions): Unit[] | null {
  const words = countWords(p.text);
  if (words <= options.minWords) return null;
  const lines = linesOf(source, p);
  const header = tableHeader(p);
  // A table's rows after its header and delimiter; a list's items (lines that start none continue the one before).
  const items = header ? lines.slice(2) : listItems(source, lines);
  if (items.length < 2 || (!header && !LIST_ITEM.test(source.slice(items[0].start, items[0].start + 16)))) return null;
  const context = header ?? leadSentence(source, p, previous);
  const target = { words: options.minWords, chars: TARGET_PIECE_CHARS };
  const base = { paragraph: p.number, section: p.section, headingPath: p.headingPath, anchor: p.anchor, wholeParagraph: false, tableHeader: context };
  const pieces = [...pack(words, p.end - p.start, items.flatMap((item) => (withinCap(source, item) ? [item] : [...cutBelowSentences(source, item, target)])), target)];
  // The table's header rows are the first piece's own words; later pieces carry them as context.
  if (header && pieces.length) pieces[0] = { ...pieces[0], start: p.start, words: pieces[0].words + countWords(source, p.start, pieces[0].start) };
  return pieces.map((piece, i) => ({ ...base, ...piece, spanWords: piece.words, tableHeader: header && i === 0 ? null : context }));
}

/** The sentence that leads into a list: the last of the paragraph just before it, when in the same section. */
function leadSentence(source: string, p: Paragraph, previous: Paragraph | undefined): Span | null {
  if (!previous || previous.section !== p.section || previous.anchor !== p.anchor || p.start - previous.end > 4) return null;
  const sentences = splitSentences(previous.text, previous.start);
  const last = sentences[sentences.length - 1];
  return last && countWords(source, last.start, last.end) <= MAX_LEAD_WORDS ? last : null;
}

/** A lead sentence longer than this is prose of its own, not a list's introduction. */
const MAX_LEAD_WORDS = 40;

function withinCap(source: string, span: Span): boolean {
  // Length first: it bounds the words, and a long span is never counted.
  return span.end - span.start <= MAX_PASSAGE_CHARS && countWords(source, span.start, span.end) <= MAX_PASSAGE_WORDS;
}

/** A GFM table's delimiter row once its spaces are removed: `|---|:---:|`, `---|---`. */
const TABLE_DELIMITER_ROW = /^\|?:?-+:?(?:\|:?-+:?)*\|?$/;

/** The header row of a paragraph that is a Markdown (GFM) table, or null. */
function tableHeader(p: Pick<Paragraph, 'start' | 'text'>): Span | null {
  const firstBreak = p.text.indexOf('\n');
  if (firstBreak < 0) return null;
  const header = p.text.slice(0, firstBreak).trimEnd();
  const secondBreak = p.text.indexOf('\n', firstBreak + 1);
  const delimiter = p.text.slice(firstBreak + 1, secondBreak < 0 ? p.text.length : secondBreak).replace(/\s+/g, '');
  if (!header.includes('|') || !TABLE_DELIMITER_ROW.test(delimiter)) return null;
  return { start: p.start, end: p.start + header.length };
}

interface Size {
  words: number;
  chars: number;
}

/**
 * Pieces of an over-cap span, each within the cap: its natural units, the coarsest that divide it,
 * packed into balanced windows near `target`; a unit itself over the cap is cut the same way one
 * level down. Lazy, so a multi-megabyte line is never held as a million word objects.
 */
function* cutBelowSentences(source: string, span: Span, target: Size): Generator<Piece, void, undefined> {
  const fitted = function* (): Generator<Piece, void, undefined> {
    for (const unit of unitsOf(source, span, target)) {
      if (withinCap(source, unit)) yield unit;
      else yield* cutBelowSentences(source, unit, target);
    }
  };
  yield* pack(countWords(source, span.start, span.end), span.end - span.start, fitted(), target);
}

/**
 * Consecutive pieces joined into windows: as many as the totals need to stay under `target`, each
 * near the average, a piece over the target alone in its window (it is within the cap).
 */
function* pack(totalWords: number, totalChars: number, pieces: Iterable<Piece>, target: Size): Generator<Piece, void, undefined> {
  const windows = Math.max(1, Math.ceil(totalWords / target.words), Math.ceil(totalChars / target.chars));
  const share = { words: totalWords / windows, chars: totalChars / windows };
  let current: Piece | null = null;
  for (const piece of pieces) {
    if (current) {
      const full = current.words >= share.words || current.end - current.start >= share.chars;
      const overflows = current.words + piece.words > target.words || piece.end - current.start > target.chars;
      if (full || overflows) {
        yield current;
        current = null;
      }
    }
    current = current ? { start: current.start, end: piece.end, words: current.words + piece.words } : { ...piece };
  }
  if (current) yield current;
}

/** `- item`, `* item`, `+ item`, `1. item`, `1) item`, indented or not. */
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The natural units of a span, coarsest first: its lines (a list's items with their continuation
 * lines; a table's rows; a code block's lines) when it has several, else its words, else pieces of
 * its one word at a character bound. Trimmed: no unit starts or ends with whitespace.
 */
function unitsOf(source: string, span: Span, target: Size): Iterable<Piece> {
  const lines = linesOf(source, span);
  if (lines.length > 1) {
    const items = listItems(source, lines);
    return items.length > 1 ? items : lines;
  }
  // Units are trimmed: any whitespace inside means two words or more.
  if (/\s/.test(source.slice(span.start, span.end))) return wordsOf(source, span);
  return characterPieces(source, span, target.chars);
}

function linesOf(source: string, span: Span): Piece[] {
  const lines: Piece[] = [];
  const pattern = /[^\r\n]+/g;
  const text = source.slice(span.start, span.end);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const trimmed = trimmedSpan(text, m.index, m.index + m[0].length);
    if (trimmed) lines.push({ start: span.start + trimmed.start, end: span.start + trimmed.end, words: countWords(text, trimmed.start, trimmed.end) });
  }
  return lines;
}

/** Lines grouped into list items when the span opens with one: a line that starts no item continues the one before. */
function listItems(source: string, lines: Piece[]): Piece[] {
  const startsItem = (line: Piece) => LIST_ITEM.test(source.slice(line.start, Math.min(line.end, line.start + 16)));
  if (!startsItem(lines[0])) return lines;
  const items: Piece[] = [];
  for (const line of lines) {
    const last = items[items.length - 1];
    if (last && !startsItem(line)) {
      last.end = line.end;
      last.words += line.words;
    } else items.push({ ...line });
  }
  return items;
}

function* wordsOf(source: string, span: Span): Generator<Piece, void, undefined> {
  const pattern = /\S+/g;
  const text = source.slice(span.start, span.end);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) yield { start: span.start + m.index, end: span.start + m.index + m[0].length, words: 1 };
}

/** One word cut into balanced pieces of at most `bound` characters, never inside a surrogate pair. */
function* characterPieces(source: string, span: Span, bound: number): Generator<Piece, void, undefined> {
  const pieces = Math.ceil((span.end - span.start) / bound);
  const size = Math.ceil((span.end - span.start) / pieces);
  let start = span.start;
  while (start < span.end) {
    let end = Math.min(span.end, start + size);
    if (end < span.end && isLowSurrogate(source.charCodeAt(end))) end--;
    yield { start, end, words: 1 };
    start = end;
  }
}

function trimmedSpan(text: string, start: number, end: number): Span | null {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/**
 * The plain-text parser: recovers an article's structure from its non-boilerplate lines: title (or a title derived from
 * the first sentence when the file opens with a heading or straight into text), section headings
 * and paragraphs, all with offsets into the source.
 */
import { findBoilerplate, splitLines } from './boilerplate.js';
import { deriveTitle, type DocumentStructure, type Paragraph } from './document.js';

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Sentence-final punctuation, possibly inside closing quotes or brackets. */
const ENDS_LIKE_SENTENCE = /[.!:;,…]["'”’)\]]*$/;
const MAX_HEADING_WORDS = 12;
const MAX_QUESTION_HEADING_WORDS = 6;
const MAX_TITLE_WORDS = 30;

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

export function textStructure(text: string): DocumentStructure {
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

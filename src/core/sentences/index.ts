/**
 * Sentence boundaries with offsets, for chunking (offline) and best-sentence highlights (Worker).
 * A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by whitespace and a
 * capital, digit or opening quote — unless the word before is a known abbreviation or an initial.
 */

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n no gen col lt sgt capt rep sen gov inc ltd co corp dept est fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx'.split(' '),
);
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Sentence spans of `text`, trimmed, offsets relative to `text` plus `offset`. */
export function splitSentences(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(wordStart(text, start, m.index), m.index);
    const word = before.toLowerCase().replace(/^["'“‘(]+/, '');
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(before))) continue;
    pushTrimmed(text, start, end, offset, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, offset, spans);
  return spans;
}

/** Start of the run of non-space characters that ends at `end` (not before `floor`). */
function wordStart(text: string, floor: number, end: number): number {
  let i = end;
  while (i > floor && !/\s/.test(text[i - 1])) i--;
  return i;
}

function pushTrimmed(text: string, start: number, end: number, offset: number, spans: Span[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) spans.push({ start: start + offset, end: end + offset });
}

/** Whether a UTF-16 code unit is the second half of a surrogate pair: no cut may fall before it. */
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether a UTF-16 code unit is whitespace, exactly as the regular expression `\s` decides. */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The number of whitespace-separated words (`\S+` runs) in `text[start, end)`. A scan of code units
 * rather than a regular expression: the chunker counts every span of multi-megabyte inputs.
 */
export function countWords(text: string, start = 0, end = text.length): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const space = isWhitespace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

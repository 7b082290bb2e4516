/**
 * Lexical terms with their offsets, shared by the offline BM25 build and the Worker's query side
 * and highlights: NFKC, lower case, runs of letters/digits (apostrophes inside words kept), an
 * English stopword list that includes question words, and an optional light stemmer.
 */

export interface Term {
  term: string;
  /** Offsets of the surface word in the text it came from. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Function words and question words: they carry no topic, and questions are full of them. */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing done for from had has have having he her hers him his how i if in into is it its itself just me more most my no nor not of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom whose why will with would you your yours ' +
    'about above after again against all am any because before below between both down during each few further here s t don ll ve re d m o y also yet ever may might must shall us whether within without upon onto via per ' +
    'tell say said says know think much many get got make made let like one'
  ).split(/\s+/),
);

export interface TermOptions {
  stem: boolean;
}

/** Every indexable term of `text`, in order, with offsets (stopwords dropped). */
export function extractTerms(text: string, options: TermOptions): Term[] {
  const out: Term[] = [];
  for (const m of text.matchAll(WORD)) {
    const surface = m[0];
    // Most words are plain ASCII without apostrophes: NFKC and the apostrophe rules leave them as
    // they are, and skipping them halves the cost of highlighting a result.
    const lower = isPlainAscii(surface) ? surface.toLowerCase() : surface.normalize('NFKC').toLowerCase().replace(/['’]s$/u, '').replace(/’/gu, "'");
    if (lower.length === 0 || STOPWORDS.has(lower)) continue;
    out.push({ term: options.stem ? stem(lower) : lower, start: m.index, end: m.index + surface.length });
  }
  return out;
}

function isPlainAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 0x7f || c === 0x27) return false;
  }
  return true;
}

/**
 * A light English suffix stripper (plural and common verb endings). Deliberately conservative:
 * it only has to map question and passage forms onto each other, not produce linguistic roots.
 */
/** Words that look inflected but are not ("news" is not the plural of "new"). */
const UNSTEMMED = new Set(['news', 'series', 'species', 'physics', 'politics', 'economics', 'always', 'perhaps', 'during', 'thing', 'nothing', 'something', 'everything', 'king', 'ring', 'spring', 'string', 'bring', 'sing']);

export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || UNSTEMMED.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ness') && word.length > 6) return word.slice(0, -4);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('es') && /(?:sh|ch|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

function undouble(word: string): string {
  return /([bdfgmnprt])\1$/.test(word) ? word.slice(0, -1) : word;
}

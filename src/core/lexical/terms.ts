/**
 * Lexical terms with their offsets, shared by the offline BM25 build and the Worker's query side
 * and highlights: NFKC, lower case, runs of letters/digits (apostrophes inside words kept), an
 * English stopword list that includes question words, and an optional light stemmer. With
 * `identifiers`, a code identifier (camelCase, PascalCase, snake_case, kebab-case, dotted path)
 * is one term as a whole and, at PART_WEIGHT, one term per part.
 */

export interface Term {
  term: string;
  /** Offsets of the surface word in the text it came from. */
  start: number;
  end: number;
  /** 1 for a word or a whole identifier; PART_WEIGHT for a part of an identifier. */
  weight: number;
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
  /**
   * Split code identifiers into their parts as well as the whole (absent: false, each run of
   * letters is one term — how indexes built before this option read).
   */
  identifiers?: boolean;
  /** What a part of an identifier weighs against the whole (absent: PART_WEIGHT). */
  partWeight?: number;
}

/**
 * What a part of an identifier weighs against the whole: `maxBodySize` matches "body size" at half
 * weight, and a question naming `maxBodySize` still ranks the passage that has it first.
 */
export const PART_WEIGHT = 0.5;

/** Words joined by `_`, `-` or `.` with no space (`keep_alive_timeout`, `ctx.request.query`, `vi-fn`). */
const IDENTIFIER = /[\p{L}\p{N}]+(?:[_.-]+[\p{L}\p{N}]+)+|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** The humps of a camelCase or PascalCase word: `HTTPServer` → HTTP, Server; `toHaveBeenCalled2` → to, Have, Been, Called2. */
const HUMP = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+\p{N}*|\p{Lu}+\p{N}*|\p{N}+/gu;

/** Every indexable term of `text`, in order, with offsets (stopwords dropped). */
export function extractTerms(text: string, options: TermOptions): Term[] {
  if (!options.identifiers) return words(text, 0, options, 1);
  const out: Term[] = [];
  for (const m of text.matchAll(IDENTIFIER)) {
    const surface = m[0];
    const parts = words(surface, m.index, options, options.partWeight ?? PART_WEIGHT, true);
    const joined = surface.includes('.') || surface.includes('_') || surface.includes('-');
    if (!joined && parts.length <= 1) {
      // A plain word (or a one-hump one): itself at full weight.
      out.push(...words(surface, m.index, options, 1));
      continue;
    }
    const whole = normalise(surface);
    if (!STOPWORDS.has(whole)) out.push({ term: options.stem ? stem(whole) : whole, start: m.index, end: m.index + surface.length, weight: 1 });
    out.push(...parts);
  }
  return out;
}

/** The words of `text` (offsets shifted by `offset`), each at `weight`; `humps` also splits camelCase words. */
function words(text: string, offset: number, options: TermOptions, weight: number, humps = false): Term[] {
  const out: Term[] = [];
  for (const m of text.matchAll(WORD)) {
    const pieces = humps && isCamel(m[0]) ? m[0].matchAll(HUMP) : [m];
    for (const piece of pieces) {
      const lower = normalise(piece[0]);
      if (lower.length === 0 || STOPWORDS.has(lower)) continue;
      const start = offset + m.index + (piece === m ? 0 : piece.index);
      out.push({ term: options.stem ? stem(lower) : lower, start, end: start + piece[0].length, weight });
    }
  }
  return out;
}

/** A lower-to-upper step (`setError`) or an acronym before a word (`HTTPServer`). */
const isCamel = (word: string) => /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u.test(word);

function normalise(surface: string): string {
  // Most words are plain ASCII without apostrophes: NFKC and the apostrophe rules leave them as
  // they are, and skipping them halves the cost of highlighting a result.
  return isPlainAscii(surface) ? surface.toLowerCase() : surface.normalize('NFKC').toLowerCase().replace(/['’]s$/u, '').replace(/’/gu, "'");
}

/**
 * `text` with each camelCase, snake_case, kebab-case or dotted identifier followed by its parts in
 * words — `setErrorHandler (set error handler)` — for the embedded text: WordPiece cuts a long
 * identifier into pieces that mean little, its words mean what the question says.
 */
export function spellIdentifiers(text: string): string {
  return text.replace(IDENTIFIER, (surface) => {
    const parts = [...surface.matchAll(WORD)].flatMap((w) => (isCamel(w[0]) ? [...w[0].matchAll(HUMP)].map((h) => h[0]) : [w[0]]));
    return parts.length > 1 && /\p{L}/u.test(surface) ? `${surface} (${parts.join(' ').toLowerCase()})` : surface;
  });
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

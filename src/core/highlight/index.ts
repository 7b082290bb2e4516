/**
 * Highlights for a result: the query terms found in the passage (offsets relative to the passage
 * and to the source file) and the single best-matching sentence — a bounded window of it when it is
 * long, so what a result weighs does not grow with its passage. Small pure functions, like
 * Pagefind's excerpts: the page and widget wrap the offsets in <mark>.
 */
import { extractTerms, type Term, type TermOptions } from '../lexical/terms.js';
import { countWords, isLowSurrogate, splitSentences, type Span } from '../sentences/index.js';

export interface TermHighlight {
  text: string;
  start: number;
  end: number;
  source_start: number;
  source_end: number;
}

export interface SentenceHighlight extends TermHighlight {}

/** What `highlight` finds in a passage's verbatim text. */
export interface PassageHighlights {
  terms: TermHighlight[];
  sentence: SentenceHighlight | null;
}

/** A result's highlights: in its verbatim text, and in its excerpt. */
export interface Highlights extends PassageHighlights {
  /**
   * Ranges [start, end) of the result's `excerpt` holding a query term: the reader's view (markup
   * removed) gets its own marks, so a client never matches words a second time.
   */
  excerpt_terms: Array<[number, number]>;
}

/** The query terms of `text` as [start, end) ranges, bounded like a passage's term highlights. */
export function termRanges(text: string, weights: Map<string, number>, termOptions: TermOptions): Array<[number, number]> {
  const matches = queryTermsIn(text, weights, termOptions);
  return boundedTerms(matches, { start: 0, end: text.length }).map((m): [number, number] => [m.start, m.end]);
}

/**
 * The query terms found in `text`, in order, never overlapping: a whole identifier that matches
 * (`setErrorHandler`) is one range, and its parts are marked only when the whole is not a query term.
 */
export function queryTermsIn(text: string, weights: Map<string, number>, termOptions: TermOptions): Term[] {
  const out: Term[] = [];
  for (const t of extractTerms(text, termOptions)) {
    if (!weights.has(t.term)) continue;
    const last = out[out.length - 1];
    // Wholes come before their parts: a part inside the last kept range is already marked.
    if (last && t.start < last.end) continue;
    out.push(t);
  }
  return out;
}

/** The longest best sentence a result carries: a longer one is cut to the window around its best match. */
export const MAX_HIGHLIGHT_WORDS = 50;
export const MAX_HIGHLIGHT_CHARS = 400;
/** The most term highlights a result carries (a passage of one repeated word would otherwise list every word). */
export const MAX_TERM_HIGHLIGHTS = 20;

/**
 * The sentences whose closeness to the question decides the best sentence: all of them when the
 * passage holds no query term, else none (query terms decide). Lets the caller embed them in one
 * batch before `highlight` runs.
 */
export function sentencesNeedingSimilarity({ text, matches, sentences }: AnalysedPassage): string[] {
  if (matches.length > 0) return [];
  return sentences.map((s) => text.slice(s.start, s.end));
}

/**
 * A passage's query terms and sentences, found once: a result's highlights and the choice of the
 * sentences to embed for it both read them (each used to extract the passage's terms again).
 */
export interface AnalysedPassage {
  text: string;
  matches: Term[];
  sentences: Span[];
}

export function analysePassage(text: string, weights: Map<string, number>, termOptions: TermOptions): AnalysedPassage {
  return { text, matches: queryTermsIn(text, weights, termOptions), sentences: splitSentences(text) };
}

/**
 * @param weights  query term → weight (idf); only these terms are highlighted
 * @param semanticTieBreak  scores a sentence when no sentence contains a query term
 */
export function highlight(
  passage: string,
  sourceOffset: number,
  weights: Map<string, number>,
  termOptions: TermOptions,
  semanticTieBreak?: (sentence: string) => number,
): PassageHighlights {
  return highlightAnalysed(analysePassage(passage, weights, termOptions), sourceOffset, weights, semanticTieBreak);
}

/** `highlight` of a passage whose terms and sentences were found already. */
export function highlightAnalysed({ text: passage, matches, sentences }: AnalysedPassage, sourceOffset: number, weights: Map<string, number>, semanticTieBreak?: (sentence: string) => number): PassageHighlights {
  const at = (start: number, end: number): TermHighlight => ({
    text: passage.slice(start, end),
    start,
    end,
    source_start: sourceOffset + start,
    source_end: sourceOffset + end,
  });
  if (sentences.length === 0) return { terms: boundedTerms(matches, { start: 0, end: 0 }).map((m) => at(m.start, m.end)), sentence: null };
  const lexicalScore = (s: Span) => {
    const seen = new Set<string>();
    let score = 0;
    for (const m of matches) {
      if (m.start >= s.start && m.end <= s.end && !seen.has(m.term)) {
        seen.add(m.term);
        score += weights.get(m.term) ?? 0;
      }
    }
    return score;
  };
  let best = sentences[0];
  let bestScore = -Infinity;
  const anyMatch = matches.length > 0;
  for (const s of sentences) {
    const score = anyMatch || !semanticTieBreak ? lexicalScore(s) : semanticTieBreak(passage.slice(s.start, s.end));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  const shown = sentenceWindow(passage, best, matches, weights);
  return { terms: boundedTerms(matches, shown).map((m) => at(m.start, m.end)), sentence: at(shown.start, shown.end) };
}

/**
 * The part of the best sentence shown as the highlight: the whole sentence when it is within
 * MAX_HIGHLIGHT_WORDS and MAX_HIGHLIGHT_CHARS; else the window of whole words within both bounds
 * that holds the most query weight (distinct terms, as sentences are scored), widened evenly on
 * both sides of its matches. A single word over the character bound is cut around its match.
 */
export function sentenceWindow(passage: string, sentence: Span, matches: Term[], weights: Map<string, number>): Span {
  if (sentence.end - sentence.start <= MAX_HIGHLIGHT_CHARS && countWords(passage, sentence.start, sentence.end) <= MAX_HIGHLIGHT_WORDS) return sentence;
  const words = wordSpans(passage, sentence);
  // The query terms each word holds (a word like "foo-bar" may hold two).
  const termsOf: string[][] = words.map(() => []);
  let w = 0;
  for (const m of matches) {
    while (w < words.length && words[w].end <= m.start) w++;
    if (w < words.length && m.start >= words[w].start && m.end <= words[w].end) termsOf[w].push(m.term);
  }
  const fits = (first: number, last: number) => last - first < MAX_HIGHLIGHT_WORDS && words[last].end - words[first].start <= MAX_HIGHLIGHT_CHARS;
  // Sliding window: the earliest one with the most distinct query weight.
  const inWindow = new Map<string, number>();
  let score = 0;
  let best = { score: -1, first: 0, last: 0 };
  let first = 0;
  for (let last = 0; last < words.length; last++) {
    for (const t of termsOf[last]) {
      const n = inWindow.get(t) ?? 0;
      if (n === 0) score += weights.get(t) ?? 0;
      inWindow.set(t, n + 1);
    }
    while (first < last && !fits(first, last)) {
      for (const t of termsOf[first]) {
        const n = inWindow.get(t) ?? 0;
        if (n === 1) score -= weights.get(t) ?? 0;
        inWindow.set(t, n - 1);
      }
      first++;
    }
    // Sums kept by adding and subtracting drift by rounding: only a clear gain moves the window.
    if (score > best.score + 1e-9) best = { score, first, last };
  }
  // Its matched words, widened one word at a time on each side while the bounds allow.
  let from = best.first;
  let to = best.last;
  while (from < to && termsOf[from].length === 0) from++;
  while (to > from && termsOf[to].length === 0) to--;
  if (!fits(from, to)) return aroundMatch(passage, words[from], matches);
  for (let grew = true; grew; ) {
    grew = false;
    if (to + 1 < words.length && fits(from, to + 1)) {
      to++;
      grew = true;
    }
    if (from > 0 && fits(from - 1, to)) {
      from--;
      grew = true;
    }
  }
  return { start: words[from].start, end: words[to].end };
}

/** MAX_HIGHLIGHT_CHARS of one long word, centred on the first match in it, never inside a surrogate pair. */
function aroundMatch(passage: string, word: Span, matches: Term[]): Span {
  const focus = matches.find((m) => m.start >= word.start && m.end <= word.end) ?? { start: word.start, end: word.start };
  const margin = Math.max(0, Math.floor((MAX_HIGHLIGHT_CHARS - (focus.end - focus.start)) / 2));
  let start = Math.max(word.start, Math.min(focus.start - margin, word.end - MAX_HIGHLIGHT_CHARS));
  let end = Math.min(word.end, start + MAX_HIGHLIGHT_CHARS);
  if (isLowSurrogate(passage.charCodeAt(start))) start++;
  if (end < word.end && isLowSurrogate(passage.charCodeAt(end))) end--;
  return { start, end };
}

function wordSpans(text: string, within: Span): Span[] {
  const spans: Span[] = [];
  const pattern = /\S+/g;
  pattern.lastIndex = within.start;
  for (let m = pattern.exec(text); m && m.index < within.end; m = pattern.exec(text)) spans.push({ start: m.index, end: Math.min(within.end, m.index + m[0].length) });
  return spans;
}

/**
 * At most MAX_TERM_HIGHLIGHTS matches, in passage order, chosen in turn: one of each query term
 * (so a reader's view of the excerpt can mark every query word), the rest of those inside the shown
 * sentence (the widget marks the sentence), then the others.
 */
export function boundedTerms(matches: Term[], shown: Span): Term[] {
  if (matches.length <= MAX_TERM_HIGHLIGHTS) return matches;
  const kept = new Set<number>();
  const inShown = (m: Term) => m.start >= shown.start && m.end <= shown.end;
  // One match of each term (in the shown sentence when it has one), so every query word is marked somewhere.
  const representative = new Map<string, number>();
  matches.forEach((m, i) => {
    const chosen = representative.get(m.term);
    if (chosen === undefined || (!inShown(matches[chosen]) && inShown(m))) representative.set(m.term, i);
  });
  const byPriority = [...representative.values()].concat(
    [...matches.keys()].filter((i) => inShown(matches[i])),
    [...matches.keys()],
  );
  for (const i of byPriority) {
    if (kept.size === MAX_TERM_HIGHLIGHTS) break;
    kept.add(i);
  }
  return matches.filter((_, i) => kept.has(i));
}

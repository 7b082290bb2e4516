import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePassage, boundedTerms, highlight, highlightAnalysed, MAX_HIGHLIGHT_CHARS, MAX_HIGHLIGHT_WORDS, MAX_TERM_HIGHLIGHTS, queryTermsIn, sentencesNeedingSimilarity, sentenceWindow, type PassageHighlights } from '../../src/core/highlight/index.js';
import type { TermOptions } from '../../src/core/lexical/terms.js';
import { countWords, splitSentences, type Span } from '../../src/core/sentences/index.js';

const stem = { stem: true };
const filler = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `filler${from + i}`).join(' ');

describe('the highlighted sentence', () => {
  it('is cut to a window around the best match when the sentence is longer than the bound', () => {
    const passage = `${filler(0, 200)} the treaty was signed ${filler(200, 400)}.`;
    const offset = 500;
    const h = highlight(passage, offset, new Map([['treaty', 3]]), stem);
    const sentence = h.sentence!;
    expect(countWords(sentence.text)).toBeLessThanOrEqual(MAX_HIGHLIGHT_WORDS);
    expect(sentence.text.length).toBeLessThanOrEqual(MAX_HIGHLIGHT_CHARS);
    expect(passage.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(sentence.source_start).toBe(offset + sentence.start);
    // The match sits in the middle of the window, not at one of its edges.
    const at = sentence.text.indexOf('treaty');
    expect(at).toBeGreaterThan(sentence.text.length / 4);
    expect(at).toBeLessThan((sentence.text.length * 3) / 4);
  });

  it('holds the most query weight a window can: two rare terms over one common one', () => {
    const passage = `${filler(0, 100)} delta ${filler(100, 200)} alpha beta ${filler(200, 300)}.`;
    const h = highlight(passage, 0, new Map([['alpha', 2], ['beta', 2], ['delta', 3]]), stem);
    expect(h.sentence!.text).toContain('alpha beta');
    expect(h.sentence!.text).not.toContain('delta');
  });

  it('starts where the sentence starts when no query term is in it', () => {
    const passage = `${filler(0, 300)}.`;
    const h = highlight(passage, 0, new Map(), stem, () => 1);
    expect(h.sentence!.start).toBe(0);
    expect(countWords(h.sentence!.text)).toBeLessThanOrEqual(MAX_HIGHLIGHT_WORDS);
    expect(h.sentence!.text.length).toBeLessThanOrEqual(MAX_HIGHLIGHT_CHARS);
    // As long as the bounds allow: one word more would break one of them.
    const longer = passage.slice(0, passage.indexOf(' ', h.sentence!.end + 1));
    expect(countWords(longer) > MAX_HIGHLIGHT_WORDS || longer.length > MAX_HIGHLIGHT_CHARS).toBe(true);
  });

  it('cuts a single word longer than the bound around the match in it', () => {
    const passage = `${'a'.repeat(3_000)}-treaty-${'b'.repeat(3_000)}`;
    const h = highlight(passage, 0, new Map([['treaty', 1]]), stem);
    expect(h.sentence!.text.length).toBeLessThanOrEqual(MAX_HIGHLIGHT_CHARS);
    expect(h.sentence!.text).toContain('-treaty-');
  });
});

describe('the highlighted terms', () => {
  it('are at most MAX_TERM_HIGHLIGHTS, with every query word among them and those in the sentence first', () => {
    const passage = `${Array.from({ length: 200 }, () => 'treaty').join(' ')}. Then it was signed.`;
    const h = highlight(passage, 0, new Map([['treaty', 1], ['sign', 1]]), stem);
    expect(h.terms).toHaveLength(MAX_TERM_HIGHLIGHTS);
    expect(h.terms.map((t) => t.text)).toContain('signed');
    for (const t of h.terms) expect(passage.slice(t.start, t.end)).toBe(t.text);
    expect(h.terms.map((t) => t.start)).toEqual([...h.terms.map((t) => t.start)].sort((a, b) => a - b));
  });
});

/** `highlight` as it was before a passage's terms were found once per result: it found them itself. */
function referenceHighlight(passage: string, sourceOffset: number, weights: Map<string, number>, termOptions: TermOptions, semanticTieBreak?: (sentence: string) => number): PassageHighlights {
  const at = (start: number, end: number) => ({ text: passage.slice(start, end), start, end, source_start: sourceOffset + start, source_end: sourceOffset + end });
  const matches = queryTermsIn(passage, weights, termOptions);
  const sentences = splitSentences(passage);
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
  for (const s of sentences) {
    const score = matches.length > 0 || !semanticTieBreak ? lexicalScore(s) : semanticTieBreak(passage.slice(s.start, s.end));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  const shown = sentenceWindow(passage, best, matches, weights);
  return { terms: boundedTerms(matches, shown).map((m) => at(m.start, m.end)), sentence: at(shown.start, shown.end) };
}

describe('a passage analysed once for its highlights', () => {
  const words = ['treaty', 'signed', 'setErrorHandler', 'keep_alive', 'Ministers', 'the', 'visa', 'HTTPServer', 'tourism', 'x'];
  const text = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', '. ', '? ', '\n\n', ', ')), { maxLength: 80 }).map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const query = fc.subarray(['treaty', 'sign', 'seterrorhandler', 'error', 'keep', 'minister', 'visa', 'server', 'tourism']);
  const options = fc.record({ stem: fc.constant(true), identifiers: fc.boolean() });

  it('highlights exactly as finding its terms again for each use did', () => {
    fc.assert(
      fc.property(text, query, options, fc.nat({ max: 1000 }), (passage, terms, termOptions, offset) => {
        const weights = new Map(terms.map((t, i) => [t, 1 + (i % 3)]));
        const tieBreak = (sentence: string) => sentence.length % 7;
        const analysed = analysePassage(passage, weights, termOptions);
        expect(highlightAnalysed(analysed, offset, weights, tieBreak)).toEqual(referenceHighlight(passage, offset, weights, termOptions, tieBreak));
        expect(highlight(passage, offset, weights, termOptions)).toEqual(referenceHighlight(passage, offset, weights, termOptions));
        const needing = queryTermsIn(passage, weights, termOptions).length > 0 ? [] : splitSentences(passage).map((s) => passage.slice(s.start, s.end));
        expect(sentencesNeedingSimilarity(analysed)).toEqual(needing);
      }),
      { numRuns: 300 },
    );
  });
});

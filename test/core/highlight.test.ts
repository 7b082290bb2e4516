import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePassage, highlight, highlightAnalysed, MAX_HIGHLIGHT_CHARS, MAX_HIGHLIGHT_WORDS, MAX_TERM_HIGHLIGHTS, queryTermsIn, sentencesNeedingSimilarity } from '../../src/core/highlight/index.js';
import { countWords, splitSentences } from '../../src/core/sentences/index.js';

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

describe('a passage analysed once for its highlights', () => {
  const words = ['treaty', 'signed', 'setErrorHandler', 'keep_alive', 'Ministers', 'the', 'visa', 'HTTPServer', 'tourism', 'x'];
  const text = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', '. ', '? ', '\n\n', ', ')), { maxLength: 80 }).map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const query = fc.subarray(['treaty', 'sign', 'seterrorhandler', 'error', 'keep', 'minister', 'visa', 'server', 'tourism']);
  const options = fc.record({ stem: fc.constant(true), identifiers: fc.boolean() });

  it('holds the terms and sentences each use found for itself before, and highlights as highlight() does', () => {
    fc.assert(
      fc.property(text, query, options, fc.nat({ max: 1000 }), (passage, terms, termOptions, offset) => {
        const weights = new Map(terms.map((t, i) => [t, 1 + (i % 3)]));
        const tieBreak = (sentence: string) => sentence.length % 7;
        const analysed = analysePassage(passage, weights, termOptions);
        expect(analysed.matches).toEqual(queryTermsIn(passage, weights, termOptions));
        expect(analysed.sentences).toEqual(splitSentences(passage));
        expect(highlightAnalysed(analysed, offset, weights, tieBreak)).toEqual(highlight(passage, offset, weights, termOptions, tieBreak));
        const needing = queryTermsIn(passage, weights, termOptions).length > 0 ? [] : splitSentences(passage).map((s) => passage.slice(s.start, s.end));
        expect(sentencesNeedingSimilarity(analysed)).toEqual(needing);
      }),
      { numRuns: 300 },
    );
  });
});

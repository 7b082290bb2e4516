/** The BM25 vocabulary as bytes (src/core/lexical/dictionary.ts): found by binary search over UTF-8, in JavaScript's order. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TermDictionary } from '../../src/core/lexical/dictionary.js';

describe('the term dictionary', () => {
  it('finds every term at its rank, and nothing else, whatever the characters', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 60 }), fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 20 }), (words, probes) => {
        const terms = [...words].sort();
        const dictionary = TermDictionary.of(terms);
        expect(dictionary.size).toBe(terms.length);
        terms.forEach((t, i) => expect(dictionary.lookup(t)).toBe(i));
        for (const p of probes) expect(dictionary.lookup(p)).toBe(terms.indexOf(p));
        expect([...dictionary]).toEqual(terms);
      }),
    );
  });

  it('orders characters beyond U+FFFF as JavaScript sorts them (as surrogates, before U+E000–U+FFFF)', () => {
    const terms = ['a', 'z', '\u{1d465}', '\uff41'].sort();
    expect(terms).toEqual(['a', 'z', '\u{1d465}', '\uff41']);
    const dictionary = TermDictionary.of(terms);
    expect(terms.map((t) => dictionary.lookup(t))).toEqual([0, 1, 2, 3]);
    expect(dictionary.lookup('\u{1d466}')).toBe(-1);
  });

  it('tells a term from its prefixes and extensions', () => {
    const dictionary = TermDictionary.of(['rout', 'route', 'router']);
    expect(['rou', 'rout', 'route', 'router', 'routers', ''].map((t) => dictionary.lookup(t))).toEqual([-1, 0, 1, 2, -1, -1]);
  });

  it('refuses terms out of order or repeated', () => {
    expect(() => TermDictionary.of(['b', 'a'])).toThrow(/sorted and distinct/);
    expect(() => TermDictionary.of(['a', 'a'])).toThrow(/sorted and distinct/);
  });
});

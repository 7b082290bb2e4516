import { describe, expect, it } from 'vitest';
import { countWords, splitSentences } from '../../src/core/sentences/index.js';
import { chunk, DEFAULT_CHUNKING } from '../../src/indexing/chunk/index.js';
import { passagesOf } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { textStructure as structure } from '../../src/indexing/parse/text.js';

const sentence = (i: number) => `Sentence number ${i} says something useful about the topic at hand today.`;

describe('sentences', () => {
  it('splits on sentence ends but not after abbreviations or initials', () => {
    const text = 'Dr. Smith met Mr. J. Doe in the U.S. capital. They talked. “Really?” she asked. Yes!';
    const spans = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Dr. Smith met Mr. J. Doe in the U.S. capital.', 'They talked.', '“Really?” she asked.', 'Yes!']);
  });
});

describe('chunking', () => {
  it('cites every seed passage exactly: source.slice(char_start, char_end) === text', () => {
    const docs = loadCorpus('seeds', { warn: () => {} });
    const { documents, passages } = passagesOf(docs);
    expect(passages.length).toBeGreaterThan(20);
    for (const p of passages) {
      const source = docs.find((d) => d.source === documents[p.doc].source)!.text;
      expect(source.slice(p.char_start, p.char_end)).toBe(p.text);
      expect(p.paragraph).toBeGreaterThanOrEqual(1);
    }
  });

  it('splits a long paragraph on sentence boundaries into passages under the maximum', () => {
    const para = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const s = structure(para);
    const chunks = chunk(para, s.paragraphs);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      const text = para.slice(c.start, c.end);
      expect(countWords(text)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxWords);
      expect(text.endsWith('today.')).toBe(true);
      expect(text.startsWith('Sentence')).toBe(true);
    }
  });

  it('merges tiny paragraphs of one section but never across a section', () => {
    const text = ['Heading One', 'Short one here.', 'Short two here.', 'Heading Two', 'Short three here.'].join('\n');
    const s = structure(`A Proper Title For The Piece\n${text}`);
    const chunks = chunk(`A Proper Title For The Piece\n${text}`, s.paragraphs);
    expect(chunks.map((c) => c.section)).toEqual(['Heading One', 'Heading Two']);
    expect(chunks[0].paragraph).toBe(1);
    expect(chunks[1].paragraph).toBe(3);
  });
});

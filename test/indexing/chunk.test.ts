import { describe, expect, it } from 'vitest';
import { indexedText } from '../../src/core/records.js';
import { countWords, splitSentences } from '../../src/core/sentences/index.js';
import { chunk, DEFAULT_CHUNKING, MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS, type Chunk } from '../../src/indexing/chunk/index.js';
import { htmlStructure } from '../../src/indexing/parse/html.js';
import { passagesOf } from '../../src/indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../src/indexing/load/index.js';
import { markdownStructure } from '../../src/indexing/parse/markdown.js';
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

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const markdownDoc = (text: string): SourceDocument => ({ id: 'page', source: 'page.md', text, sha256: '', format: 'markdown' });

/** Every chunk within the cap, and together they hold every word of the source span in order (`wordsWhole`: none is cut). */
function expectCappedCover(source: string, chunks: Chunk[], from: number, to: number, wordsWhole = true): void {
  expect(chunks.length).toBeGreaterThan(1);
  for (const c of chunks) {
    const text = source.slice(c.start, c.end);
    expect(countWords(text)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
    expect(text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(text).toBe(text.trim());
  }
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  if (wordsWhole) expect(chunks.flatMap((c) => words(source.slice(c.start, c.end)))).toEqual(words(source.slice(from, to)));
}

describe('the passage cap', () => {
  it('cuts a sentence longer than the cap at its words', () => {
    const text = Array.from({ length: 1_000 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunk(text, structure(text).paragraphs);
    expectCappedCover(text, chunks, 0, text.length);
    for (const c of chunks) expect(countWords(text.slice(c.start, c.end))).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxWords);
  });

  it('cuts a long code block at its lines', () => {
    const code = lines(600, (i) => `  const value${i} = compute(input${i}, options); // step ${i}`);
    const source = `# Code\n\n\`\`\`ts\n${code}\n\`\`\`\n`;
    const chunks = chunk(source, markdownStructure(source).paragraphs);
    expectCappedCover(source, chunks, source.indexOf('```'), source.length);
    for (const c of chunks.slice(1)) expect(source.slice(c.start, c.end)).toMatch(/^const value\d+ = [^]*; \/\/ step \d+(?:\n```)?$/);
  });

  it('cuts a long table at its rows and indexes every later piece with the header row', () => {
    const source = `# Options\n\n| Name | Type | Description |\n|---|:---:|---|\n${lines(500, (i) => `| option${i} | string | Sets option ${i} of the parser |`)}\n`;
    const { passages } = passagesOf([markdownDoc(source)]);
    expectCappedCover(source, passages.map((p) => ({ ...p, start: p.char_start, end: p.char_end }) as unknown as Chunk), source.indexOf('| Name'), source.length);
    expect(passages[0].text.startsWith('| Name | Type | Description |')).toBe(true);
    expect(passages[0].table_header).toBeUndefined();
    for (const p of passages.slice(1)) {
      expect(p.text).toMatch(/^\| option\d+ [^]* \|$/);
      expect(p.table_header).toBe('Name Type Description');
      expect(indexedText(p).endsWith('\nName Type Description')).toBe(true);
    }
  });

  it('cuts a long list at its items, keeping continuation lines with their item', () => {
    const source = `# Changes\n\n${lines(300, (i) => `- change ${i} to the router\n  and its middleware ${i}`)}\n`;
    const chunks = chunk(source, markdownStructure(source).paragraphs);
    expectCappedCover(source, chunks, source.indexOf('- change'), source.length);
    for (const c of chunks) expect(source.slice(c.start, c.end)).toMatch(/^- change (\d+) [^]*and its middleware \d+$/);
  });

  it('cuts a word longer than the character cap at characters, never inside a surrogate pair', () => {
    // 5,003 code units cut in three: an even cut would land between the halves of an emoji.
    const word = `xyz${'😀'.repeat(2_500)}`;
    const text = `A Title For The Minified Bundle\n${word}`;
    const chunks = chunk(text, structure(text).paragraphs);
    expectCappedCover(text, chunks, text.indexOf(word), text.length, false);
    const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
    for (const c of chunks) expect(isLowSurrogate(text.charCodeAt(c.start))).toBe(false);
    expect(chunks.map((c) => text.slice(c.start, c.end)).join('')).toBe(word);
  });

  it('does not merge two paragraphs when what lies between them would take the passage over the cap', () => {
    const source = `<main><h1>Page</h1><p>One short paragraph.</p><script>${'var q = 1; '.repeat(500)}</script><p>Another short one.</p></main>`;
    const chunks = chunk(source, htmlStructure(source).paragraphs);
    expect(chunks.map((c) => source.slice(c.start, c.end))).toEqual(['<p>One short paragraph.</p>', '<p>Another short one.</p>']);
  });
});

describe('lists and tables cut by item and row (splitItems)', () => {
  const splitting = { ...DEFAULT_CHUNKING, splitItems: true };
  const asProse = { minWords: 40, maxWords: 120 };
  const item = (i: number) => `- \`option${i}\` sets how the runner treats case number ${i} of the suite`;

  it('cuts a list of more than minWords words at its items and indexes each piece with the list’s lead sentence', () => {
    const source = `# Options\n\nThe runner reads these options:\n\n${lines(8, item)}\n`;
    const { passages } = passagesOf([markdownDoc(source)], splitting);
    const pieces = passages.filter((p) => p.text.startsWith('- '));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.text).toMatch(/^- `option\d+` [^]* suite$/);
      expect(p.table_header).toBe('The runner reads these options:');
    }
    expect(pieces.map((p) => p.text).join('\n')).toBe(lines(8, item));
  });

  it('cuts a table at its rows, the first piece with the header rows and the others with the header as context', () => {
    const source = `# Options\n\n| Name | Effect |\n|---|---|\n${lines(10, (i) => `| option${i} | sets case ${i} of the suite |`)}\n`;
    const { passages } = passagesOf([markdownDoc(source)], splitting);
    expect(passages.length).toBeGreaterThan(1);
    expect(passages[0].text.startsWith('| Name | Effect |\n|---|---|\n| option0')).toBe(true);
    expect(passages[0].table_header).toBeUndefined();
    for (const p of passages.slice(1)) {
      expect(p.text).toMatch(/^\| option\d+ [^]* \|$/);
      expect(p.table_header).toBe('Name Effect');
    }
  });

  it('leaves a short list whole, to merge with its neighbours as before', () => {
    const source = `# Options\n\nThe runner reads these options:\n\n${lines(2, item)}\n`;
    const split = passagesOf([markdownDoc(source)], splitting).passages;
    expect(split.map((p) => p.text)).toEqual(passagesOf([markdownDoc(source)], asProse).passages.map((p) => p.text));
  });

  it('cuts lists as prose without the option, and with it by default', () => {
    const source = `# Options\n\nThe runner reads these options:\n\n${lines(8, item)}\n`;
    expect(passagesOf([markdownDoc(source)], asProse).passages.every((p) => p.table_header === undefined)).toBe(true);
    expect(DEFAULT_CHUNKING.splitItems).toBe(true);
  });
});

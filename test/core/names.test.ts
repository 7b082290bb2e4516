/** Named things a question mentions that the corpus has never seen (src/core/confidence/names.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EVERYDAY_WEIGHT, LIKELY_NAME_WEIGHT, NAME_WEIGHT, RARE_WORD_WEIGHT, typedWords, unseenNames, wordSpecificity } from '../../src/core/confidence/names.js';
import { createTokenizer, type TokenizerJson } from '../../src/core/tokenizer/index.js';

/** A stand-in for the model's vocabulary: a few everyday words and common names. */
const VOCABULARY = new Set(['how', 'do', 'i', 'configure', 'my', 'tests', 'test', 'grieve', 'won', 't', 'give', 'sweden', 'share', 'setup', 'code', 'between', 'fall', 'back', 'initialized']);
const everyday = (word: string) => VOCABULARY.has(word);
const stem = { stem: true };

describe('how specific an unseen word looks', () => {
  it('a file name of another ecosystem is a name', () => {
    for (const word of ['pom.xml', 'CMakeLists.txt', '.mocharc.yml', 'karma.conf.js', 'go.mod']) expect(wordSpecificity(word, false, everyday), word).toBe(NAME_WEIGHT);
  });

  it('an identifier is a name: camelCase, snake_case, dotted calls, kebab-case packages, acronyms', () => {
    for (const word of ['moduleNameMapper', 'keep_alive', 'cy.intercept', 'babel-jest', 'NATO', 'GraphQL']) expect(wordSpecificity(word, false, everyday), word).toBe(NAME_WEIGHT);
  });

  it('a code with digits (a version, a part number, a gene) counts as rare, not as a name', () => {
    for (const word of ['RS232', 'IFIT1', 'es2022']) expect(wordSpecificity(word, false, everyday), word).toBe(RARE_WORD_WEIGHT);
    expect(wordSpecificity('log4j.properties', false, everyday)).toBe(NAME_WEIGHT);
  });

  it('a capitalised word inside a question is a name, the same word opening the question is not', () => {
    expect(wordSpecificity('Gradle', false, everyday)).toBe(NAME_WEIGHT);
    expect(wordSpecificity('Gradle', true, everyday)).toBe(RARE_WORD_WEIGHT);
    expect(wordSpecificity('Configure', true, everyday)).toBe(EVERYDAY_WEIGHT);
  });

  it('a capitalised word the vocabulary holds whole (a country, a demonym) counts as half a name', () => {
    expect(wordSpecificity('Sweden', false, everyday)).toBe(LIKELY_NAME_WEIGHT);
  });

  it('an everyday word weighs nothing, inflected, contracted, compounded or spelt the British way', () => {
    for (const word of ['configure', 'tests', 'grieving', "won't", 'fallback', 'initialised']) expect(wordSpecificity(word, false, everyday), word).toBe(EVERYDAY_WEIGHT);
  });

  it('a lower-case word the vocabulary lacks is rare jargon: a quarter of a name', () => {
    expect(wordSpecificity('virtualenv', false, everyday)).toBe(RARE_WORD_WEIGHT);
  });

  it('without a vocabulary, lower-case words weigh nothing and capitalised ones count as names', () => {
    expect(wordSpecificity('virtualenv', false)).toBe(EVERYDAY_WEIGHT);
    expect(wordSpecificity('Sweden', false)).toBe(NAME_WEIGHT);
  });
});

describe('the names a question mentions that the corpus never saw', () => {
  it('splits a question into words as typed, punctuation and possessives off, file names whole', () => {
    expect(typedWords("How do I use Puppeteer's page.screenshot in karma.conf.js?")).toEqual(['How', 'do', 'I', 'use', 'Puppeteer', 'page.screenshot', 'in', 'karma.conf.js']);
  });

  it('a question naming a framework the corpus never mentions scores that name', () => {
    const corpus = new Set(['configure', 'build', 'release', 'type']);
    expect(unseenNames('How do I configure Gradle build types for a release build?', (t) => corpus.has(t), stem, everyday)).toBe(NAME_WEIGHT);
  });

  it('a question in the corpus words scores nothing, even with words it never saw that are everyday', () => {
    const corpus = new Set(['share', 'setup', 'code', 'test']);
    expect(unseenNames('How do I share setup code between my tests?', (t) => corpus.has(t), stem, everyday)).toBe(0);
  });

  it('a file name counts when one of its parts is unseen, and not when the corpus has them all', () => {
    const corpus = new Set(['conf', 'js', 'go', 'mod']);
    expect(unseenNames('Where is karma.conf.js?', (t) => corpus.has(t), stem, everyday)).toBe(NAME_WEIGHT);
    expect(unseenNames('Where is go.mod?', (t) => corpus.has(t), stem, everyday)).toBe(0);
  });

  it('several unseen names add up', () => {
    expect(unseenNames('How do I mark a Maven dependency as test scope in pom.xml?', (t) => ['mark', 'dependency', 'test', 'scope'].includes(t), stem, everyday)).toBe(2 * NAME_WEIGHT);
  });
});

describe("the model vocabulary as the list of everyday words", () => {
  const tokenizers = [
    { name: 'WordPiece (the bundled model)', file: 'src/core/model/assets/tokenizer.json' },
    { name: 'Unigram (SentencePiece)', file: 'test/fixtures/tokenizers/unigram-use-lite.json' },
  ];
  it.each(tokenizers)('$name holds everyday words whole and splits other ecosystems’ jargon', ({ file }) => {
    const tokenizer = createTokenizer(JSON.parse(readFileSync(file, 'utf8')) as TokenizerJson, { maxLength: 128 });
    for (const word of ['test', 'water', 'house']) expect(tokenizer.hasWord(word), word).toBe(true);
    for (const word of ['virtualenv', 'webpack', 'moduledependencymapper']) expect(tokenizer.hasWord(word), word).toBe(false);
  });
});

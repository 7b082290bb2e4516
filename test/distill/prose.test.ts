import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInstalled } from '../../src/distill/doc-sentences.js';
import { GCIDE_FILE, gcideQuotations, PROSE_SOURCES, readProseSentences } from '../../src/distill/prose.js';
import { readDevQuestions } from '../../src/eval/datasets.js';
import { splitSentences } from '../../src/core/sentences/index.js';

// Lines as dict-gcide's gcide.dict.dz has them (entries "Dichotomize" and "Disparage", abridged).
const DICTD = [
  'Dichotomize \\Di*chot"o*mize\\, v. t.',
  '   1. To cut into two parts; to part into two divisions. [R.]',
  '      [1913 Webster]',
  '',
  '            The apostolical benediction dichotomizes all good',
  '            things into grace and peace.          --Bp. Hall.',
  '      [1913 Webster]',
  '',
  '            A general breach or dichotomy with their church.',
  '                                                  --Sir T.',
  '                                                  Browne.',
  '      [1913 Webster]',
  '',
  '            Connecting disparate thoughts, purely by means of',
  '            resemblances in the words expressing them.',
  '                                                  --Coleridge.',
  '',
  '            The apostolical benediction dichotomizes all good',
  '            things into grace and peace.          --Bp. Hall.',
  '',
  '            Dichotomy (Gr. ? in two) of the stem into equal parts.',
  '                                                  --Gray.',
  '',
  '            * * * * * * * * * * * * * * * * * * * * * * * * * *',
  '',
].join('\n');

describe('the GCIDE quotations', () => {
  it('are the indented blocks that end with an author, joined across lines, without the author, each once; unsigned blocks and unrepresented characters are left out', () => {
    expect(gcideQuotations(DICTD)).toEqual([
      'The apostolical benediction dichotomizes all good things into grace and peace.',
      'A general breach or dichotomy with their church.',
      'Connecting disparate thoughts, purely by means of resemblances in the words expressing them.',
    ]);
  });
});

describe('a missing source', () => {
  it('names the apt package to install', () => {
    expect(() => requireInstalled({ 'dict-gcide': '/nonexistent/gcide.dict.dz' }, 'the GCIDE dictionary')).toThrow(/apt-get install dict-gcide/);
  });
});

const installed = existsSync(GCIDE_FILE) && existsSync('/usr/share/debian-reference') && existsSync('/usr/share/doc/debian-handbook/html/en-US');

describe.skipIf(!installed)('the prose training text from the installed packages', () => {
  const bySource = Object.fromEntries(PROSE_SOURCES.map((s) => [s, readProseSentences(s)]));

  it('gives thousands of sentences per source, each once, the same on every read', () => {
    for (const source of PROSE_SOURCES) {
      const sentences = bySource[source];
      expect(sentences.length, source).toBeGreaterThan(3000);
      expect(new Set(sentences).size, source).toBe(sentences.length);
    }
    expect(readProseSentences('reference')).toEqual(bySource.reference);
  });

  it('holds no seeds dev question, gold answer or seeds passage sentence (never train on an eval set)', () => {
    const seedsDir = join(import.meta.dirname, '../../seeds');
    const seedsSentences = new Set<string>();
    for (const file of readdirSync(seedsDir)) {
      const text = readFileSync(join(seedsDir, file), 'utf8').replace(/\s+/g, ' ');
      for (const span of splitSentences(text)) seedsSentences.add(text.slice(span.start, span.end));
    }
    const dev = readDevQuestions();
    const golds = dev.flatMap((q) => q.gold.map((g) => g.toLowerCase()));
    for (const sentences of Object.values(bySource)) {
      expect(sentences.filter((s) => seedsSentences.has(s))).toEqual([]);
      expect(sentences.filter((s) => dev.some((q) => q.q === s))).toEqual([]);
      expect(sentences.filter((s) => golds.some((g) => s.toLowerCase().includes(g)))).toEqual([]);
    }
  });
});

/**
 * A documentation dev set made from the Python 3.11 FAQ (Debian `python3.11-doc`,
 * `_sources/faq/*.rst.txt`): every question heading is a query and the first sentence of its answer
 * the gold text; the pages are indexed without the question headings, so a hit has to come from the
 * answer itself. Built at eval time from the installed package (nothing copied into the repo). A
 * dev set: never training text (the distillation reads no Python documentation).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWords, splitSentences } from '../core/sentences/index.js';
import type { DevQuestion } from './datasets.js';

export const PYFAQ_DIR = '/usr/share/doc/python3.11/html/_sources/faq';

export function hasPyFaq(dir = PYFAQ_DIR): boolean {
  return existsSync(join(dir, 'general.rst.txt'));
}

/** A heading: a text line followed by an underline of one repeated punctuation character. */
const UNDERLINE = /^([-=~^"'`#*+])\1{2,}\s*$/;
const MIN_GOLD_WORDS = 6;

export interface PyFaqSet {
  /** Folder of the pages to index (headings removed), one .txt per FAQ page. */
  corpusDir: string;
  questions: DevQuestion[];
}

export function buildPyFaq(dir = PYFAQ_DIR): PyFaqSet {
  if (!hasPyFaq(dir)) throw new Error(`the Python FAQ is not installed (${dir}): apt-get install python3.11-doc`);
  const corpusDir = mkdtempSync(join(tmpdir(), 'pyfaq-'));
  const questions: DevQuestion[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.rst.txt') && f !== 'index.rst.txt').sort()) {
    const doc = file.replace(/\.rst\.txt$/, '.txt');
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const isQuestion = lines[i].trim().endsWith('?') && UNDERLINE.test(lines[i + 1] ?? '');
      if (!isQuestion) {
        kept.push(lines[i]);
        continue;
      }
      const gold = firstAnswerSentence(lines, i + 2);
      if (gold) questions.push({ q: lines[i].trim(), doc, gold: [gold] });
      kept.push('', ''); // the heading and its underline leave the page; line count stays
      i++;
    }
    writeFileSync(join(corpusDir, doc), kept.join('\n'));
  }
  return { corpusDir, questions };
}

/** The first prose sentence of the answer that starts at line `from` (skipping code and directives). */
function firstAnswerSentence(lines: string[], from: number): string | null {
  const paragraph: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (UNDERLINE.test(lines[i + 1] ?? '') && line.trim() !== '') break; // next heading
    if (line.trim() === '') {
      if (paragraph.length) break;
      continue;
    }
    if (/^\s/.test(line) || line.startsWith('..')) {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(line.trim());
  }
  const text = paragraph.join(' ');
  const first = splitSentences(text)[0];
  if (!first) return null;
  const sentence = text.slice(first.start, first.end);
  return countWords(sentence) >= MIN_GOLD_WORDS ? sentence : null;
}

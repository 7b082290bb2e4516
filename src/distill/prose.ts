/**
 * General prose for the distillation (`build:model -- --prose`): WordNet glosses and technical
 * documentation teach the student little of how news or everyday text is phrased. Sources, all
 * Debian packages and none an evaluation set:
 *   - handbook: the English Debian Administrator's Handbook (`debian-handbook`), whose paragraphs
 *     (Publican's <div class="para">) explain and narrate (the Falcot Corp case study);
 *   - reference: the English Debian Reference (`debian-reference-en`), <p> paragraphs;
 *   - gcide: the illustrative quotations of the Collaborative International Dictionary of English
 *     (`dict-gcide`: Webster's 1913 plus additions) — literary, but every kind of word in use.
 * Each source reads in a fixed order and keeps a sentence once, so a build is reproducible.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { addSentences, readDocSentences, requireInstalled } from './doc-sentences.js';

export const PROSE_SOURCES = ['handbook', 'reference', 'gcide'] as const;
export type ProseSource = (typeof PROSE_SOURCES)[number];

const HANDBOOK = { 'debian-handbook': '/usr/share/doc/debian-handbook/html/en-US' };
const REFERENCE = { 'debian-reference-en': '/usr/share/debian-reference' };
export const GCIDE_FILE = '/usr/share/dictd/gcide.dict.dz';

const READERS: Record<ProseSource, () => string[]> = {
  handbook: () => readDocSentences(HANDBOOK, { isParagraph: (e) => e.name === 'div' && /\bpara\b/.test(e.attribs.class ?? '') }),
  // The folder also holds the other languages' pages when their packages are installed.
  reference: () => readDocSentences(REFERENCE, { isPage: (f) => f.endsWith('.en.html') }),
  gcide: () => {
    requireInstalled({ 'dict-gcide': GCIDE_FILE }, 'the GCIDE dictionary');
    return gcideQuotations(gunzipSync(readFileSync(GCIDE_FILE)).toString('utf8')); // dictzip is gzip
  },
};

export function readProseSentences(source: ProseSource): string[] {
  return READERS[source]();
}

/** Indentation of a quotation's first line in the dictd text (definitions sit at 3 or 6). */
const QUOTATION_INDENT = '            ';
/** The author after the quotation: " --Milton.", " --Sir W. Scott." (may wrap onto a right-aligned line). */
const ATTRIBUTION = /\s--\s*[A-Z][^]*$/;
/** Accent and symbol codes of the dictionary's ASCII markup ("[=o]", "[a^]"), and "?" for lost Greek. */
const MARKUP = /\[[^\]\s]{1,3}\]|\s\?[\s.,;]/;

/**
 * The quotations of the dictd text of GCIDE, in dictionary order: blocks indented by 12 spaces
 * that end with their author's name (which is dropped). Blocks without an author are tables or
 * notes, and quotations with unrepresented characters are skipped.
 */
export function gcideQuotations(dictText: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const lines = dictText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(QUOTATION_INDENT) || lines[i][QUOTATION_INDENT.length] === ' ' || lines[i - 1]?.trim() !== '') continue;
    const block: string[] = [];
    for (; i < lines.length && lines[i].startsWith(QUOTATION_INDENT); i++) block.push(lines[i].trim());
    const text = block.join(' ').replace(/\s+/g, ' ');
    const attribution = ATTRIBUTION.exec(text);
    if (!attribution || MARKUP.test(text)) continue;
    const quotation = text.slice(0, attribution.index).replace(/[{}]/g, '').replace(/\s?\. \. \.\s?/g, ' … ').trim();
    addSentences(quotation, seen, out);
  }
  return out;
}

/**
 * Sentence-aware passages: a paragraph is a passage when it is 40–120 words; tiny paragraphs merge
 * with their neighbours, long ones split on sentence boundaries into balanced windows. A passage
 * never crosses a section, and its text is always `source.slice(char_start, char_end)`.
 */
import { countWords, splitSentences, type Span } from '../../core/sentences/index.js';
import type { Paragraph } from '../parse/index.js';

export interface ChunkOptions {
  minWords: number;
  maxWords: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { minWords: 40, maxWords: 120 };

export interface Chunk {
  start: number;
  end: number;
  /** Number of the paragraph the passage starts in (1-based). */
  paragraph: number;
  section: string | null;
  headingPath: string[];
  anchor: string | null;
  words: number;
}

export function chunk(source: string, paragraphs: Paragraph[], options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const units = paragraphs.flatMap((p) => splitParagraph(source, p, options));
  const chunks: Unit[] = [];
  for (const unit of units) {
    const last = chunks[chunks.length - 1];
    const sameSection = last !== undefined && last.section === unit.section && last.anchor === unit.anchor;
    if (sameSection && (last.words < options.minWords || unit.words < options.minWords) && last.words + unit.words <= options.maxWords && unit.wholeParagraph && last.wholeParagraph) {
      last.end = unit.end;
      last.words += unit.words;
      continue;
    }
    chunks.push({ ...unit });
  }
  return chunks.map(({ start, end, paragraph, section, headingPath, anchor, words }) => ({ start, end, paragraph, section, headingPath, anchor, words }));
}

interface Unit extends Chunk {
  wholeParagraph: boolean;
}

function splitParagraph(source: string, p: Paragraph, options: ChunkOptions): Unit[] {
  const words = countWords(p.text);
  const base = { paragraph: p.number, section: p.section, headingPath: p.headingPath, anchor: p.anchor };
  if (words <= options.maxWords) return [{ ...base, start: p.start, end: p.end, words, wholeParagraph: true }];
  const sentences = splitSentences(p.text, p.start).map((s) => ({ ...s, words: countWords(source.slice(s.start, s.end)) }));
  // Balanced windows: as many as needed to stay under maxWords, each near the average size.
  const windows = Math.ceil(words / options.maxWords);
  const target = words / windows;
  const out: Unit[] = [];
  let current: (Span & { words: number }) | null = null;
  for (const s of sentences) {
    if (current && (current.words + s.words > options.maxWords || current.words >= target)) {
      out.push({ ...base, start: current.start, end: current.end, words: current.words, wholeParagraph: false });
      current = null;
    }
    current = current ? { start: current.start, end: s.end, words: current.words + s.words } : { ...s };
  }
  if (current) out.push({ ...base, start: current.start, end: current.end, words: current.words, wholeParagraph: false });
  return out;
}

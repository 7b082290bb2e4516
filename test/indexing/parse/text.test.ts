import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isHeading, textStructure as structure } from '../../../src/indexing/parse/text.js';

const P1 = 'The first paragraph explains what happened in some detail, with several clauses and facts.';
const P2 = 'A second paragraph adds context and quotes from people who were there at the time.';

describe('document structure', () => {
  it('takes the first line as the title when it reads like one', () => {
    const s = structure(`Council Approves Budget After Long Debate\n\n${P1}\n\n${P2}`);
    expect(s.title).toBe('Council Approves Budget After Long Debate');
    expect(s.titleDerived).toBe(false);
    expect(s.paragraphs.map((p) => p.number)).toEqual([1, 2]);
  });

  it('derives a title from the first sentence when the file opens with a heading', () => {
    const s = structure(`What's Happening?\n${P1}\nWhy It's Important?\n${P2}`);
    expect(s.titleDerived).toBe(true);
    expect(s.title.startsWith('The first paragraph explains')).toBe(true);
    expect(s.paragraphs.map((p) => p.section)).toEqual(["What's Happening?", "Why It's Important?"]);
  });

  it('derives a title when the file starts straight with body text', () => {
    const s = structure(`${P1}\n${P2}`);
    expect(s.titleDerived).toBe(true);
    expect(s.paragraphs).toHaveLength(2);
  });

  it('recognises section headings as short lines without final punctuation', () => {
    expect(isHeading('Key Insights from the Summit')).toBe(true);
    expect(isHeading("Why It's Important?")).toBe(true);
    expect(isHeading('Kim has declared 2024 to be the “year of friendship.”')).toBe(false);
    expect(isHeading('According to the agency, the letter said:')).toBe(false);
  });

  it('gives every paragraph offsets that slice the source to its text', () => {
    for (const name of readdirSync('seeds')) {
      const text = readFileSync(`seeds/${name}`, 'utf8');
      for (const p of structure(text).paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
    }
  });
});

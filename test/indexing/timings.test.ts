/**
 * The build summary's stage timings are the whole build: every stage is timed, back to back, so a
 * slow step can never hide outside them (line numbers of 10,000 dropped blocks once took 38 s of a
 * 43 s build that reported 5 s).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/indexing/index.js';
import { lineLocator } from '../../src/indexing/lines.js';

/** 1-based line of an offset, by counting: the reference lineLocator must agree with. */
const countedLine = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** A 2.5 MB Markdown page: a few paragraphs of prose among 10,000 raw-HTML blocks, which cleaning drops. */
function pageOfHtmlBlocks(blocks: number): string {
  const prose = (i: number) => `Paragraph ${i} explains how the widget caches its settings between restarts, and why the cache is cleared on upgrade.`;
  const parts = ['# Generated page', ''];
  for (let i = 0; i < blocks; i++) {
    parts.push(`<div class="note" data-index="${i}">Raw HTML block number ${i} with a few words of text in it, padded to about a quarter of a kilobyte so the file is realistic.</div>`, '');
    if (i % 500 === 0) parts.push(prose(i), '');
  }
  return parts.join('\n');
}

describe('build timings', () => {
  it('finds the line of any offset, a newline belonging to the line it ends', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r') }), fc.nat(), (text, n) => {
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        expect(lineLocator(text)(offset)).toBe(countedLine(text, offset));
      }),
    );
  });

  it('add up to the wall time of a build of a 10,000-block Markdown file, within 10%, and the summary prints the total', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blocks-'));
    writeFileSync(join(dir, 'page.md'), pageOfHtmlBlocks(10_000));
    const lines: string[] = [];
    const started = performance.now();
    const built = await buildIndex({ input: dir, out: join(dir, '..', `${dir.split('/').pop()}-index`), log: (m) => lines.push(m) });
    const wallMs = performance.now() - started;
    expect(lines.join('\n')).toMatch(/cleaning: left out 10000 blocks with words in 1 files \(10000 HTML block\)/);
    const stagesMs = Object.values(built.timings).reduce((sum, ms) => sum + ms, 0);
    // A ratio within one run: robust to a busy machine, unlike a time limit.
    expect(stagesMs / wallMs).toBeGreaterThan(0.9);
    expect(stagesMs / wallMs).toBeLessThanOrEqual(1);
    expect(built.totalMs).toBeLessThanOrEqual(wallMs);
    expect(Object.keys(built.timings).sort()).toEqual(['calibrateMs', 'chunkMs', 'embedMs', 'hnswMs', 'lexicalMs', 'loadMs', 'sizeMs', 'structureMs', 'writeMs']);
    expect(lines.join('\n')).toMatch(/passages in \d+\.\d s total \(load .*, calibrate \d+\.\d s, HNSW .*, size check \d+\.\d s\)/);
  });
});

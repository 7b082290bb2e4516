/**
 * The "same pages, Markdown and built HTML" row of npm run eval (--dataset vitest-html), on the
 * generator fixture's own pair: scripts/fixtures/pages/md (the Markdown) and
 * test/fixtures/generators/vitepress (what VitePress built from it).
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/core/search/index.js';
import { isHit, onBuiltPages, type DevQuestion } from '../../src/eval/datasets.js';
import { engineForDocuments } from '../../src/eval/engine.js';
import { formatParity, HTML_HIT5_TOLERANCE } from '../../src/eval/experiments/format-parity.js';
import { loadCorpus } from '../../src/indexing/load/index.js';

const questions: DevQuestion[] = [
  { q: 'how many brightness levels does the controller know', doc: 'guide/dimming.md', gold: ['The controller knows five levels'] },
  // Inline code in the gold: the HTML has <code> where the Markdown has backticks.
  { q: 'which command sets the third brightness level', doc: 'guide/dimming.md', gold: ['The command `lanternctl dim 3` sets the third one'] },
];
let markdown: SearchEngine;
let html: SearchEngine;

beforeAll(async () => {
  const quiet = { warn: () => {} };
  markdown = await engineForDocuments(loadCorpus('scripts/fixtures/pages/md', quiet));
  html = await engineForDocuments(loadCorpus('test/fixtures/generators/vitepress', quiet));
});

describe('the same pages from Markdown and from built HTML', () => {
  it('asks the built pages about their .html files', () => {
    expect(onBuiltPages(questions).map((q) => q.doc)).toEqual(['guide/dimming.html', 'guide/dimming.html']);
    expect(onBuiltPages([{ q: 'x', doc: 'api/index.mdx', gold: [] }])[0].doc).toBe('api/index.html');
  });

  it('counts a gold sentence found in the words a reader sees, whatever markup the source puts between them', () => {
    const [, command] = onBuiltPages(questions);
    const source = { source: 'guide/dimming.html' };
    const text = '<p>The command <code>lanternctl dim 3</code> sets the third one.</p>';
    expect(isHit(command, { text, excerpt: 'The command lanternctl dim 3 sets the third one.', citation: source })).toBe(true);
    expect(isHit(command, { text, citation: source })).toBe(false);
    expect(isHit(command, { text, excerpt: 'The command lanternctl dim 3 sets the third one.', citation: { source: 'install.html' } })).toBe(false);
    expect(isHit(command, { text, excerpt: 'The command lanternctl dim 4 sets the fourth one.', citation: source })).toBe(false);
  });

  it('reports both rows with the shipped ranking, and the Hit@5 gap against the tolerance', async () => {
    const parity = await formatParity({ readFrom: 'Markdown sources', engine: markdown, questions }, { readFrom: 'built HTML (VitePress)', engine: html, questions: onBuiltPages(questions) });
    expect(parity.table.rows.map((r) => r[0])).toEqual(['Markdown sources', 'built HTML (VitePress)']);
    expect(parity.table.rows.map((r) => r[1])).toEqual([String(markdown.artifact.documents.length), String(html.artifact.documents.length)]);
    // Both readings find both answers on these pages, so nothing is lost to the HTML.
    expect(parity.table.rows.map((r) => r[4])).toEqual(['1.000', '1.000']);
    expect(parity.hit5Gap).toBe(0);
    expect(parity.verdict).toContain(`within the ${HTML_HIT5_TOLERANCE}`);
  });

  it('is skipped with a message, and exits 1, when asked for without the pages', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/eval.ts', '--dataset', 'vitest-html', '--vitest-docs', '/nonexistent/docs', '--vitest-html', '/nonexistent/html', '--out', ''], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^vitest-html: skipped — /m);
  });
});

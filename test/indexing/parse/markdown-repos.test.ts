/**
 * Markdown as repos write it (test/fixtures/repo-docs, a docs tree in the style of projects that
 * render their docs on GitHub): a banner heading on every page, explicit `<a id>` anchors, and
 * link-only tables of contents.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, passagesOf } from '../../../src/indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../../src/indexing/load/index.js';
import { bannerHeadings, openingHeading } from '../../../src/indexing/parse/markdown-banner.js';
import { markdownStructure } from '../../../src/indexing/parse/markdown.js';
import { isTableOfContents, TABLE_OF_CONTENTS } from '../../../src/indexing/parse/markdown-toc.js';
import { fromMarkdown } from 'mdast-util-from-markdown';

const ROOT = 'test/fixtures/repo-docs';
const read = passagesOf(loadCorpus(ROOT));
const titleOf = (source: string) => read.documents.find((d) => d.source === source)?.title;
const passagesOfPage = (source: string) => read.passages.filter((p) => read.documents[p.doc].source === source);
const page = (source: string, text: string): SourceDocument => ({ id: source, source, text, sha256: '', format: 'markdown' });

describe('a banner heading on every page of a folder', () => {
  it('is not the title: the first real heading is, whatever its depth', () => {
    expect(titleOf('Reference/Queues.md')).toBe('Queues');
    expect(titleOf('Reference/Errors.md')).toBe('Errors');
    expect(titleOf('Guides/Getting-Started.md')).toBe('Getting started');
    expect(titleOf('Guides/Testing.md')).toBe('Testing your workers');
    // Alone in its folder, a page opening with a banner found in other folders is read the same way.
    expect(titleOf('README.md')).toBe('Documentation');
    for (const d of read.documents) expect(d.title_derived).toBe(false);
  });

  it('skips a heading over nothing but a table of contents when choosing the title', () => {
    expect(titleOf('Reference/Hooks.md')).toBe('Hooks');
    expect(passagesOfPage('Reference/Hooks.md').map((p) => p.heading_path)).toEqual([[], ['onTake'], ['onDone']]);
  });

  it('leaves an H1 the title of a page without a banner, even over its page\'s table of contents', () => {
    const page = markdownStructure('# Routing\n\n- [Params](#params)\n- [Options](#options)\n\n## Params\n\nCapture a segment of the path with a colon.\n');
    expect(page.title).toBe('Routing');
    expect(page.paragraphs.map((p) => p.headingPath)).toEqual([['Params']]);
  });

  it('keeps the title heading out of the heading paths, as an H1 title is', () => {
    expect(passagesOfPage('Guides/Getting-Started.md').map((p) => p.heading_path)).toEqual([[], ['Your first worker']]);
  });

  it('is counted as left out, and never becomes a passage', () => {
    const banners = read.dropped.filter((d) => d.reason.startsWith('banner heading'));
    expect(banners.map((d) => d.source).sort()).toEqual(['Guides/Getting-Started.md', 'Guides/Testing.md', 'README.md', 'Reference/Errors.md', 'Reference/Hooks.md', 'Reference/Queues.md']);
    for (const p of read.passages) expect(p.text).not.toContain('<h1');
  });

  it('is decided across the corpus: one page alone, or a folder whose pages open differently, keeps its own heading as title', () => {
    const alone = passagesOf([page('README.md', '<h1 align="center">Lantern</h1>\n\n## Install\n\nRun the installer with a lamp attached.\n')]);
    expect(alone.documents[0].title).toBe('Lantern');
    expect(alone.passages[0].heading_path).toEqual(['Install']);
    const mixed = passagesOf([
      page('docs/a.md', '# Lantern\n\n## Dimming\n\nTurn the knob to dim the lamp slowly.\n'),
      page('docs/b.md', '# Wicks\n\n## Trimming\n\nTrim the wick before lighting it again.\n'),
    ]);
    expect(mixed.documents.map((d) => d.title)).toEqual(['Lantern', 'Wicks']);
    expect(mixed.dropped).toEqual([]);
  });

  it('leaves a README its own heading for title: after a logo, or named by the logo alone', () => {
    const afterLogo = markdownStructure('<p align="center">\n<img src="assets/lantern.gif" width="60%"/>\n\n<h1 align="center">The brightest lamp controller</h1>\n<p align="center"><a href="https://ci.example.com"><img src="badge.svg"/></a></p>\n\nLantern dims lighthouse lamps from the shell.\n');
    expect(afterLogo.title).toBe('The brightest lamp controller');
    const logoOnly = markdownStructure('<h1 align="center">\n\t<br>\n\t<img width="320" src="media/logo.svg" alt="Lantern logo">\n\t<br>\n</h1>\n\n> Lamps that dim themselves\n\n## Install\n\nRun the installer.\n');
    expect(logoOnly.title).toBe('Lantern');
    const wordsFirst = markdownStructure('<p>Sponsored by a harbour.</p>\n<h1>Lantern</h1>\n\nText of the page.\n');
    expect(wordsFirst.titleDerived).toBe(true);
  });

  it('is told by the heading as written, after front matter and comments, in raw HTML or Markdown', () => {
    expect(openingHeading('---\ntitle: x\n---\n\n<!-- generated -->\n<h1 align="center">\n  Quarry\n</h1>\n\ntext')).toBe('<h1 align="center"> Quarry </h1>');
    expect(openingHeading('# Quarry\n\n## Queues')).toBe('# Quarry');
    expect(openingHeading('Intro sentence first.\n\n# Quarry')).toBeNull();
    const pages = [page('a/x.md', '# Quarry\n\n## X\n'), page('a/y.md', '# Quarry\n\n## Y\n'), page('b/z.md', '# Zed\n\n## Z\n')];
    expect(bannerHeadings(pages)).toEqual(new Map([['a/x.md', '# Quarry'], ['a/y.md', '# Quarry']]));
  });

  it('is still told in a large folder with an index page of its own, never from two of many pages', () => {
    const banner = '<h1 align="center">Quarry</h1>';
    const reference = Array.from({ length: 9 }, (_, i) => page(`ref/page-${i}.md`, `${banner}\n\n## Topic ${i}\n\nText.\n`));
    const withIndex = [...reference, page('ref/Index.md', '# Reference index\n\n- [a](./a.md)\n')];
    const found = bannerHeadings(withIndex);
    expect(found.size).toBe(9);
    expect(found.has('ref/Index.md')).toBe(false);
    const twoOfMany = [page('g/a.md', '# Overview\n\nA.\n'), page('g/b.md', '# Overview\n\nB.\n'), ...['c', 'd', 'e'].map((n) => page(`g/${n}.md`, `# Page ${n}\n\nText.\n`))];
    expect(bannerHeadings(twoOfMany).size).toBe(0);
  });
});

describe('explicit anchors', () => {
  it('name the section of the heading they follow or precede, over its slug', () => {
    const queues = passagesOfPage('Reference/Queues.md');
    expect(queues.map((p) => [p.heading_path.at(-1) ?? null, p.anchor])).toEqual([
      [null, null],
      // `<a id="create"></a>` right after `### Creating a queue`.
      ['Creating a queue', 'create'],
      // `<a id="queue-options"></a>` right before `### Options for a queue`.
      ['Options for a queue', 'queue-options'],
      ['concurrency', 'concurrency'],
      // `#### <a name="visibility-timeout"></a>\`visibilityTimeout\``: inside the heading.
      ['visibilityTimeout', 'visibility-timeout'],
    ]);
  });

  it('name the passages after them inside a section, and never become words', () => {
    const errors = passagesOfPage('Reference/Errors.md');
    expect(errors.map((p) => p.anchor)).toEqual(['error-codes', 'qry_err_queue_name', 'qry_err_job_too_large']);
    for (const p of errors) expect(p.excerpt ?? p.text).not.toMatch(/<a |a id|name=/);
  });
});

describe('tables of contents', () => {
  it('are not passages: link-only lists and link-only paragraphs into the page or site', () => {
    for (const p of read.passages) expect(p.text).not.toMatch(/\]\(#|\]\(\.\/Guides/);
    const contents = read.dropped.filter((d) => d.reason === TABLE_OF_CONTENTS);
    expect(contents.map((d) => `${d.source}:${d.line}`)).toEqual(['README.md:5', 'Reference/Hooks.md:5', 'Reference/Queues.md:8']);
  });

  it('are only links into the site: a list of links elsewhere, or links in a sentence, stay passages', () => {
    expect(passagesOfPage('README.md').map((p) => p.heading_path)).toEqual([[], ['Elsewhere']]);
    const sentence = markdownStructure('# Routes\n\nSee [Errors](./errors.md) and [Hooks](./hooks.md) for what a route can throw.\n');
    expect(sentence.paragraphs).toHaveLength(1);
    expect(sentence.dropped).toEqual([]);
    const one = markdownStructure('# Routes\n\n- [Errors](./errors.md)\n');
    expect(one.paragraphs).toHaveLength(1);
  });

  it('count links under the site\'s base URL as links into the site', () => {
    const [list] = fromMarkdown('- [Queues](https://docs.example.com/queues)\n- [Errors](https://docs.example.com/errors)\n').children;
    expect(isTableOfContents(list, new Map(), 'https://docs.example.com/')).toBe(true);
    expect(isTableOfContents(list, new Map(), 'https://other.example.com/')).toBe(false);
    const [references] = fromMarkdown('[Queues][q] | [Errors][e]\n\n[q]: ./queues.md\n[e]: ./errors.md\n').children;
    expect(isTableOfContents(references, new Map([['q', './queues.md'], ['e', './errors.md']]), null)).toBe(true);
  });

  it('are counted in the build summary\'s cleaning line, and --explain lists them', async () => {
    const lines: string[] = [];
    await buildIndex({ input: ROOT, out: join(mkdtempSync(join(tmpdir(), 'repo-docs-')), 'index'), explain: true, log: (m) => lines.push(m) });
    expect(lines.join('\n')).toMatch(/cleaning: left out 9 blocks with words in 6 files \(6 banner heading \(shared by the pages of a folder\), 3 table of contents \(link-only list\)\):/);
    expect(lines.some((l) => l.startsWith('  Reference/Queues.md:8 [table of contents (link-only list)] "- [Creating a queue](#creating-a-queue)'))).toBe(true);
  });
});

/**
 * One small site built by seven real generator setups (test/fixtures/generators, README there):
 * each folder is read as a crawled site, and what the reader finds is checked against the
 * expected.json written from the built HTML by scripts/fixtures/extract_expected.py.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAll } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../../src/core/records.js';
import { passagesOf } from '../../../src/indexing/index.js';
import { loadCorpus } from '../../../src/indexing/load/index.js';
import { TOC_REASON } from '../../../src/indexing/parse/html-chrome.js';
import { htmlStructure } from '../../../src/indexing/parse/html.js';
import { pageUrl } from '../../../src/indexing/urls.js';

interface ExpectedHeading {
  level: number;
  text: string;
  anchor: string;
  aliases?: string[];
}

interface ExpectedPage {
  path: string;
  title: string;
  html_title: string | null;
  canonical: string | null;
  headings: ExpectedHeading[];
  code_line: string | null;
}

interface Expected {
  generator: string;
  pages: ExpectedPage[];
  other_pages: Array<{ path: string; reason: string }>;
  chrome: string[];
}

const ROOT = 'test/fixtures/generators';
const BASE = 'https://docs.example/';
const GENERATORS = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every fragment a link can land on, found by htmlparser2's DOM and domutils — not by the reader under test. */
function fragmentsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const element of findAll(() => true, parseDocument(html).children)) {
    if (element.attribs.id) ids.add(element.attribs.id);
    if (element.name === 'a' && element.attribs.name) ids.add(element.attribs.name);
  }
  return ids;
}

/** The clean text of a passage, line by line, as a reader is shown it. */
const linesOf = (p: PassageRecord) => (p.excerpt ?? p.text).split('\n');

/** Each expected heading with the heading path open under it (h2 › h3). */
function withPaths(headings: ExpectedHeading[]): Array<ExpectedHeading & { path: string[] }> {
  const open: ExpectedHeading[] = [];
  return headings.map((h) => {
    while (open.length && open[open.length - 1].level >= h.level) open.pop();
    open.push(h);
    return { ...h, path: open.map((o) => o.text) };
  });
}

/** The long script of the command reference, as its source page has it (scripts/fixtures/pages/md/reference/cli.md). */
const SCRIPT_LINES = (/```python\n([\s\S]*?)\n```/.exec(readFileSync('scripts/fixtures/pages/md/reference/cli.md', 'utf8'))?.[1] ?? '').split('\n');

describe.each(GENERATORS)('a site built by %s', (generator) => {
  const folder = join(ROOT, generator);
  const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Expected;
  const read = passagesOf(loadCorpus(folder, { warn: () => {} }), undefined, { baseUrl: BASE, style: 'directory' });

  it('is read as its documents only: the pages that are not (search, index, 404, print) are named with a reason', () => {
    expect(read.documents.map((d) => d.source).sort()).toEqual(expected.pages.map((p) => p.path).sort());
    expect(read.notDocuments.map((d) => d.source).sort()).toEqual(expected.other_pages.map((p) => p.path).sort());
    for (const page of read.notDocuments) expect(page.reason).not.toBe('');
    expect(read.warnings).toEqual([]);
  });

  describe.each(expected.pages)('page $path', (page) => {
    const html = readFileSync(join(folder, page.path), 'utf8');
    const structure = htmlStructure(html, { path: page.path });
    const doc = read.documents.find((d) => d.source === page.path);
    const passages = read.passages.filter((p) => read.documents[p.doc] === doc);

    it("is titled with its own h1, never the site's header or the <title> with the site name", () => {
      expect(doc?.title).toBe(page.title);
      expect(doc?.title_derived).toBe(false);
    });

    it('has its h2/h3 headings without permalink signs, each anchored where the generator links it', () => {
      const outline = (structure.outline ?? []).filter((h) => h.depth <= 3).map((h) => ({ level: h.depth, text: h.text, anchor: h.anchor }));
      expect(outline).toEqual(page.headings.map(({ level, text, anchor }) => ({ level, text, anchor })));
    });

    it("files every passage under its heading path and cites that section's anchor (the page's own before the first section)", () => {
      expect(passages.length).toBeGreaterThan(0);
      const headings = withPaths(page.headings);
      let next = 0;
      for (const p of passages) {
        if (p.heading_path.length === 0) {
          expect(p.anchor).not.toBeNull();
          continue;
        }
        const at = headings.findIndex((h, i) => i >= next && h.path.join(' › ') === p.heading_path.join(' › '));
        expect(at, `${p.id} under ${p.heading_path.join(' › ')}`).toBeGreaterThanOrEqual(0);
        expect(p.anchor).toBe(headings[at].anchor);
        next = at;
      }
    });

    it('leaves the chrome out: no header, sidebar, footer, edit link, prev/next or table-of-contents words in any passage', () => {
      for (const p of passages) for (const word of expected.chrome) expect(p.excerpt ?? p.text, word).not.toContain(word);
      // A line that is only a heading or a page's title is a table of contents' entry: headings are never passage text.
      const labels = new Set([...page.headings.map((h) => h.text), ...expected.pages.map((other) => other.title)]);
      for (const p of passages) for (const line of linesOf(p)) expect(labels.has(line.trim()), line).toBe(false);
      expect(structure.dropped.length).toBeGreaterThan(0);
    });

    it.skipIf(page.code_line === null)('reads code as its source: tokens of the highlighter joined, spacing and line breaks kept, and marked as code', () => {
      const holding = passages.find((p) => linesOf(p).some((line) => line.trimEnd() === page.code_line));
      expect(holding, page.code_line ?? '').toBeDefined();
      const clean = holding?.excerpt ?? '';
      const at = clean.indexOf(page.code_line ?? '');
      expect(holding?.code?.some(([start, end]) => start <= at && at + (page.code_line ?? '').length <= end)).toBe(true);
    });

    it('is cited at the URL it declares (<link rel="canonical">), else where the site serves it', () => {
      expect(doc?.url).toBe(page.canonical ?? pageUrl(page.path, BASE, 'directory'));
    });
  });

  it('cuts a code block longer than a passage between its lines: every line whole, in order, none lost or added', () => {
    const cli = read.documents.find((d) => d.source.startsWith('reference/cli'));
    // The heading as this generator writes it (Sphinx and mdBook curl the apostrophe).
    const section = expected.pages.find((p) => p.path === cli?.source)?.headings.find((h) => h.text.startsWith('Logging the lamp'))?.text;
    const passages = read.passages.filter((p) => read.documents[p.doc] === cli && p.heading_path[0] === section);
    expect(passages.length).toBeGreaterThan(1);
    const lines = passages.flatMap(linesOf).filter((line) => !line.startsWith('A keeper who wants a record'));
    expect(lines.filter((line) => line.trim() !== '')).toEqual(SCRIPT_LINES.filter((line) => line.trim() !== ''));
  });

  it("counts the in-page table of contents it leaves out under the summary's reason", () => {
    const dimming = expected.pages.find((p) => p.path.startsWith('guide/dimming'));
    expect(read.dropped.some((d) => d.source === dimming?.path && d.reason === TOC_REASON)).toBe(true);
  });
});

describe('citations on the generator-built sites', () => {
  it.each(GENERATORS)('%s: at least 95% of passages cite an anchor that exists in their page', (generator) => {
    const folder = join(ROOT, generator);
    const read = passagesOf(loadCorpus(folder, { warn: () => {} }));
    const fragments = new Map(read.documents.map((d) => [d.source, fragmentsIn(readFileSync(join(folder, d.source), 'utf8'))]));
    const anchored = read.passages.filter((p) => p.anchor !== null && fragments.get(read.documents[p.doc].source)?.has(p.anchor));
    expect(read.passages.length).toBeGreaterThan(0);
    expect(anchored.length / read.passages.length).toBeGreaterThanOrEqual(0.95);
  });
});

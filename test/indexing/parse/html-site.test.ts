/**
 * What a site says about its own pages, beyond the generators' conventions: Pagefind's marks,
 * --content-selector / --ignore-selector, canonical links, pages that are no documents, and the
 * small markup habits (line-number gutters, hidden permalink texts) of themes not in the fixtures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passagesOf } from '../../../src/indexing/index.js';
import { readSiteConfig, writeSiteConfig } from '../../../src/indexing/config/index.js';
import { loadCorpus, type SourceDocument } from '../../../src/indexing/load/index.js';
import { htmlStructure, titleWithoutSiteName } from '../../../src/indexing/parse/html.js';
import { pageUrl } from '../../../src/indexing/urls.js';

const page = (source: string, body: string, head = ''): SourceDocument => ({
  id: source.replace(/\.\w+$/, '').replace(/\//g, '.'),
  source,
  text: `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`,
  sha256: '',
  format: 'html',
});
const words = (read: ReturnType<typeof passagesOf>) => read.passages.map((p) => p.excerpt ?? p.text).join('\n');

describe('a site marked up for Pagefind', () => {
  const site = [
    page('guide.html', '<nav>Menu words</nav><div data-pagefind-body><h1>Guide</h1><p>Indexed guide words.</p><p data-pagefind-ignore>Ignored aside words.</p></div><p>Words outside the body region.</p>'),
    page('tags.html', '<main><h1>All tags</h1><p>A page Pagefind would not index.</p></main>'),
  ];
  const read = passagesOf(site);

  it('indexes only the data-pagefind-body regions, and leaves out data-pagefind-ignore with that reason', () => {
    expect(words(read)).toBe('Indexed guide words.');
    expect(read.dropped.map((d) => [d.source, d.reason])).toContainEqual(['guide.html', 'data-pagefind-ignore']);
  });

  it('does not index a page without data-pagefind-body once another page has one, and names it', () => {
    expect(read.documents.map((d) => d.source)).toEqual(['guide.html']);
    expect(read.notDocuments).toEqual([{ source: 'tags.html', reason: expect.stringMatching(/no data-pagefind-body/) }]);
  });

  it('is not switched to Pagefind mode by a page that only writes about the attribute', () => {
    const about = page('pagefind.html', '<main><h1>Search</h1><p>Add <code>&lt;div data-pagefind-body&gt;</code> to your layout.</p></main>');
    expect(passagesOf([about, page('other.html', '<main><h1>Other</h1><p>Other words.</p></main>')]).documents).toHaveLength(2);
  });
});

describe('--content-selector and --ignore-selector', () => {
  const site = [
    page('a.html', '<div class="wiki-body"><h1>Alpha</h1><p>Alpha words.</p><div class="comments"><p>Reader comment words.</p></div></div><div class="ads"><p>Advert words.</p></div>'),
    page('b.html', '<div class="other"><h1>Beta</h1><p>Beta words.</p></div>'),
  ];
  const read = passagesOf(site, undefined, null, { contentSelector: '.wiki-body', ignoreSelector: '.comments, .ads' });

  it('index what the content selector selects, without what the ignore selector selects (counted with that reason)', () => {
    expect(words(read)).toBe('Alpha words.');
    expect(read.dropped.filter((d) => d.reason === '--ignore-selector').map((d) => d.text)).toEqual(['<div class="comments"><p>Reader comment words.</p></div>', '<div class="ads"><p>Advert words.</p></div>']);
  });

  it('name a page the content selector matches nothing on', () => {
    expect(read.notDocuments).toEqual([{ source: 'b.html', reason: 'no element matches --content-selector' }]);
  });

  it('are recorded in the project configuration like the other settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'html-config-'));
    const file = join(dir, 'semantic-search.config.json');
    writeSiteConfig(file, { input: join(dir, 'site'), urlStyle: 'directory', contentSelector: '.wiki-body', ignoreSelector: '.comments' });
    expect(readSiteConfig(file)).toEqual({ input: join(dir, 'site'), urlStyle: 'directory', contentSelector: '.wiki-body', ignoreSelector: '.comments' });
  });

  it('refuse a selector that is not CSS on the command line, before any work, with exit code 2', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/build-index.ts', '--no-config', '--content-selector', 'div[', '--out', join(tmpdir(), 'never-written')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^build:index: option '--content-selector <css>' argument 'div\[' is invalid\. not a CSS selector/);
  });
});

describe('pages that are not documents', () => {
  it.each([
    ['old/page.html', '<p>Moved.</p>', '<meta http-equiv="refresh" content="0; url=../new/page.html">', /redirect/],
    ['py-modindex.html', '<div role="main"><h1>Python Module Index</h1><table class="indextable modindextable"><tr><td>lanternctl</td></tr></table></div>', '', /module index/],
    ['genindex.html', '<div role="main"><h1 id="index">Index</h1><p>Nothing yet.</p></div>', '', /general index/],
    ['genindex-all.html', '<div role="main"><h1 id="index">Index</h1><div class="genindex-jumpbox"><a href="#A">A</a></div><table class="indextable genindextable"><tr><td>apply()</td></tr></table></div>', '', /general index/],
    ['missing.html', '<main><h1>Page not found</h1><p>We could not find it.</p></main>', '', /not-found page/],
    ['search.html', '<main><h1>Search</h1><div id="search-results"></div><p>Searching needs JavaScript.</p></main>', '', /search page/],
    ['print.html', '<main><h1>Everything</h1><p>All chapters.</p></main>', '<meta name="robots" content="noindex">', /noindex/],
  ])('%s is left out and named with its reason', (source, body, head, reason) => {
    const read = passagesOf([page(source, body, head), page('doc.html', '<main><h1>Doc</h1><p>Doc words.</p></main>')]);
    expect(read.documents.map((d) => d.source)).toEqual(['doc.html']);
    expect(read.notDocuments).toEqual([{ source, reason: expect.stringMatching(reason) }]);
  });
});

describe('pages with a search box', () => {
  it("are documents: mdBook's search results list on every page does not make each a search page", () => {
    const body = '<div id="search-wrapper" class="hidden"><input type="search" id="searchbar"><div id="searchresults-outer"><ul id="searchresults"></ul></div></div><div id="content"><main><h1>What Is Ownership?</h1><p>Ownership is a set of rules.</p></main></div>';
    const read = passagesOf([page('ch04-01-what-is-ownership.html', body)]);
    expect(read.notDocuments).toEqual([]);
    expect(read.documents.map((d) => d.title)).toEqual(['What Is Ownership?']);
  });
});

describe('pages about not-found errors', () => {
  it('are documents, and so is a page titled "Index" outside Sphinx\'s general index', () => {
    const index = page('api/index.html', '<main><h1 id="index">Index</h1><p>Every function of the API.</p></main>');
    expect(passagesOf([index]).documents.map((d) => d.title)).toEqual(['Index']);
  });

  it('are documents: only a not-found page\'s own title ("404 - Not found", "Page not found") marks one', () => {
    const about = page('guide/errors.html', '<main><h1>404 errors and how to handle them</h1><p>Return a custom page.</p></main>', '<title>Not found handlers | Site</title>');
    expect(passagesOf([about]).documents.map((d) => d.title)).toEqual(['404 errors and how to handle them']);
    const enoent = page('troubleshooting/enoent.html', '<main><h1>File not found errors</h1><p>ENOENT means the path is wrong.</p></main>');
    expect(passagesOf([enoent]).documents.map((d) => d.title)).toEqual(['File not found errors']);
  });

  it('are documents when they only reload themselves (<meta http-equiv="refresh"> without a url)', () => {
    const status = page('status.html', '<main><h1>Status</h1><p>All lamps are lit.</p></main>', '<meta http-equiv="refresh" content="600">');
    expect(passagesOf([status]).documents.map((d) => d.title)).toEqual(['Status']);
  });
});

describe('lists of links', () => {
  it('into the site are a table of contents; out of it, references that stay passages', () => {
    const internal = '<ul><li><a href="install.html">Installing</a></li><li><a href="#dimming">Dimming</a></li></ul>';
    const external = '<ul><li><a href="https://nodejs.org/api/fs.html">Node fs API reference</a></li><li><a href="https://developer.mozilla.org/docs/Web/API/Streams_API">MDN Streams guide</a></li></ul>';
    const read = passagesOf([page('links.html', `<main><h1>Links</h1><p>See also the references below.</p>${internal}${external}</main>`)]);
    const text = read.passages.map((p) => p.excerpt ?? p.text).join(' ');
    expect(text).toContain('MDN Streams guide');
    expect(text).not.toContain('Installing');
    expect(read.dropped.map((d) => d.reason)).toContain('table of contents (link-only list)');
  });
});

describe('asides', () => {
  it("in the content that are footnotes or topics (docutils writes them as <aside>) are the document's; others are chrome", () => {
    const body = '<div role="main"><h1>Timeouts</h1><p>The lamp gives up after a while.</p><aside class="footnote brackets" id="f1" role="doc-footnote"><p>The timeout is measured from the first byte.</p></aside><aside class="sidebar-ad"><p>Buy lamps now.</p></aside></div>';
    const text = passagesOf([page('timeouts.html', body)]).passages.map((p) => p.excerpt ?? p.text).join(' ');
    expect(text).toContain('measured from the first byte');
    expect(text).not.toContain('Buy lamps');
  });
});

describe('a canonical URL with a fragment', () => {
  it('is the page URL without it, so a citation carries one anchor only', () => {
    const site = [page('guide.html', '<main><h1>Guide</h1><h2 id="install">Install</h2><p>Run the installer.</p></main>', '<link rel="canonical" href="https://x.dev/guide/#top">')];
    const read = passagesOf(site, undefined, { baseUrl: 'https://x.dev/', style: 'html' });
    expect(read.documents.map((d) => d.url)).toEqual(['https://x.dev/guide/']);
  });
});

describe('a built Sphinx site', () => {
  it("is read without _sources/, Sphinx's .txt copies of the pages (else each page would be indexed twice)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sphinx-out-'));
    mkdirSync(join(dir, '_sources'));
    writeFileSync(join(dir, '_sources', 'install.rst.txt'), 'Installing\n==========\n\nThe same words as the page.\n');
    writeFileSync(join(dir, 'objects.inv'), '# Sphinx inventory version 2\n');
    writeFileSync(join(dir, 'install.html'), '<div role="main"><h1>Installing</h1><p>The same words as the page.</p></div>');
    const skipped: string[] = [];
    expect(loadCorpus(dir, { warn: () => {}, onSkip: (source, reason) => skipped.push(`${source}: ${reason}`) }).map((d) => d.source)).toEqual(['install.html']);
    expect(skipped).toContain('_sources/install.rst.txt: excluded');
  });
});

describe('page URLs', () => {
  it('have a directory style: guide/fields.html is served at guide/fields/, an index at its folder', () => {
    expect(pageUrl('ref/forms/fields.html', 'https://example.com/docs', 'directory')).toBe('https://example.com/docs/ref/forms/fields/');
    expect(pageUrl('ref/index.html', 'https://example.com/docs/', 'directory')).toBe('https://example.com/docs/ref/');
  });

  it('come from <link rel="canonical"> when a page has one, resolved against where it is served', () => {
    const site = [page('a.html', '<main><h1>A</h1><p>A words.</p></main>', '<link rel="canonical" href="/docs/a/">'), page('b.html', '<main><h1>B</h1><p>B words.</p></main>')];
    const read = passagesOf(site, undefined, { baseUrl: 'https://example.com/docs/', style: 'html' });
    expect(read.documents.map((d) => d.url)).toEqual(['https://example.com/docs/a/', 'https://example.com/docs/b.html']);
  });
});

describe('titles and headings', () => {
  it("take the <title> without the site's name, else og:title, when the content has no h1", () => {
    expect(titleWithoutSiteName('Form fields — Django 9 documentation')).toBe('Form fields');
    expect(titleWithoutSiteName('Install | lanternctl')).toBe('Install');
    expect(titleWithoutSiteName('Server-side rendering - My Site')).toBe('Server-side rendering');
    expect(titleWithoutSiteName('lanternctl')).toBe('lanternctl');
    expect(htmlStructure('<html><head><meta property="og:title" content="Shared title"></head><body><main><p>Words.</p></main></body></html>').title).toBe('Shared title');
  });

  it("are never a site name that many pages carry as their <title>: those pages are titled by their first sentence", () => {
    const site = ['a', 'b', 'c'].map((name) => page(`${name}.html`, `<main><p>Page ${name} opens here. More words.</p></main>`, '<title>Lantern Wiki</title>'));
    const own = page('d.html', '<main><p>Page d words.</p></main>', '<title>Page d — Lantern Wiki</title>');
    const read = passagesOf([...site, own]);
    expect(read.documents.map((d) => [d.title, d.title_derived])).toEqual([
      ['Page a opens here', true],
      ['Page b opens here', true],
      ['Page c opens here', true],
      ['Page d', false],
    ]);
    expect(passagesOf(site.slice(0, 2)).documents.map((d) => d.title)).toEqual(['Lantern Wiki', 'Lantern Wiki']);
  });

  it('keep a # that is part of the heading, but no permalink or hidden "Direct link" text', () => {
    const s = htmlStructure(
      '<main><h1>Guide</h1><h2 id="c">Using C#</h2><p>C sharp words.</p>' +
        '<h2 id="d">Details<a class="anchor-link" href="#d"><span class="sr-only">Direct link to Details</span></a></h2><p>Detail words.</p></main>',
    );
    expect(s.outline).toEqual([
      { depth: 2, text: 'Using C#', anchor: 'c' },
      { depth: 2, text: 'Details', anchor: 'd' },
    ]);
  });

  it('never give an anchor that is not in the page', () => {
    const s = htmlStructure('<main><h1>Guide</h1><h2><a class="headerlink" href="#gone">¶</a>Moved</h2><p>Words.</p></main>');
    expect(s.outline).toEqual([{ depth: 2, text: 'Moved', anchor: null }]);
  });
});

describe('code', () => {
  it('leaves the line-number gutter of a table-based highlighter out of the text, counted', () => {
    const s = htmlStructure(
      '<main><h1>Code</h1><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>\n<span class="normal">2</span></pre></div></td>' +
        '<td class="code"><div class="highlight"><pre><span></span><span class="n">level</span> <span class="o">=</span> <span class="mi">3</span>\n<span class="n">lamp</span><span class="o">.</span><span class="n">dim</span><span class="p">(</span><span class="n">level</span><span class="p">)</span>\n</pre></div></td></tr></table></main>',
    );
    expect(s.paragraphs.map((p) => s.clean(p.start, p.end))).toEqual(['level = 3\nlamp.dim(level)']);
    expect(s.dropped.map((d) => d.reason)).toEqual(['line numbers']);
  });

  it('cuts a code block longer than a passage at its lines, never inside a line', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `<div class="token-line"><span class="token plain" style="color:#bfc7d5">value_${i} = compute(${i})</span><br></div>`);
    const s = htmlStructure(`<main><h1>Long</h1><pre><code>${lines.join('')}</code></pre></main>`);
    expect(s.paragraphs.length).toBeGreaterThan(1);
    const pieces = s.paragraphs.map((p) => s.clean(p.start, p.end));
    expect(pieces.join('\n').split('\n')).toEqual(Array.from({ length: 120 }, (_, i) => `value_${i} = compute(${i})`));
  });
});

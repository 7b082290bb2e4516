import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, DEFAULT_LEXICAL, lexicalDocuments } from '../../../src/core/lexical/index.js';
import { passagesOf } from '../../../src/indexing/index.js';
import { loadCorpus, type SourceDocument } from '../../../src/indexing/load/index.js';
import { htmlStructure } from '../../../src/indexing/parse/html.js';

const ROOT = 'test/fixtures/site';
const { documents, passages } = passagesOf(loadCorpus(ROOT), undefined, { baseUrl: 'https://example.com/', style: 'html' });
const terms = new Set(buildLexicalIndex(lexicalDocuments({ passages, documents }), DEFAULT_LEXICAL).terms);

describe('HTML pages', () => {
  it('take their title from the first H1 (not the <title> with the site name) and map to their URL', () => {
    expect(documents[0].title).toBe('Middleware');
    expect(documents[0].format).toBe('html');
    expect(documents[0].url).toBe('https://example.com/guide/middleware.html');
  });

  it('slice the source verbatim for every passage', () => {
    const source = readFileSync(join(ROOT, 'guide/middleware.html'), 'utf8');
    for (const p of passages) expect(source.slice(p.char_start, p.char_end)).toBe(p.text);
  });

  it('index only the main content: no navigation, header, footer, sidebar, script or style', () => {
    for (const word of ['zebranav', 'zebraside', 'zebrafooter', 'zebrascript', 'color', 'home']) expect(terms.has(word), word).toBe(false);
    expect(terms.has('middleware')).toBe(true);
  });

  it('count the page chrome they leave out (its words are not content), but not scripts or styles', () => {
    const source = readFileSync(join(ROOT, 'guide/middleware.html'), 'utf8');
    expect(htmlStructure(source).dropped.map((d) => d.reason)).toEqual(['<header>', '<aside>', '<footer>']);
  });

  it('turn h2–h6 into sections with their ids as anchors (the words before them at the title\'s), and decode entities in the indexed words', () => {
    expect(passages.map((p) => [p.heading_path, p.anchor])).toEqual([
      [[], 'middleware'],
      [['Execution order'], 'order'],
      [['Execution order', 'Errors'], 'errors'],
    ]);
    expect(passages[0].excerpt).toBe('Middleware runs before and after a handler & can change the response.');
    expect(passages[1].excerpt).toContain('app.use(async (c, next) => {\n  await next()\n})');
    expect(passages[2].excerpt).toBe('An error thrown in a handler reaches onError.\nMiddleware can catch it too.');
  });

  it('fall back to <title> and then to the first sentence when there is no H1', () => {
    expect(htmlStructure('<title>Only a title</title><body><p>Text here. More.</p></body>').title).toBe('Only a title');
    const derived = htmlStructure('<body><p>First sentence of the page. More.</p></body>');
    expect([derived.title, derived.titleDerived]).toEqual(['First sentence of the page', true]);
  });
});

/** A page as the loader gives it, without a folder on disk. */
const page = (source: string, text: string): SourceDocument => ({ id: source.replace(/\.\w+$/, ''), source, text, sha256: '', format: 'html' });

describe('HTML pages that cannot be read as written', () => {
  it('skip a page of thousands of nested <div>s, naming the file and why, instead of exhausting the stack', () => {
    const deep = `<html><body>\n${'<div>'.repeat(5000)}<p>Deep words.</p>${'</div>'.repeat(5000)}</body></html>`;
    const { documents: read, warnings } = passagesOf([page('deep.html', deep), page('ok.html', '<body><p>A page that is fine.</p></body>')]);
    expect(warnings).toEqual(['skipped deep.html: HTML elements nested more than 512 levels deep (line 2)']);
    expect(read.map((d) => d.source)).toEqual(['ok.html']);
  });

  it('never take a <main> inside <template> or <noscript> as the page, nor an <svg>\'s <title> as its title', () => {
    const s = htmlStructure(
      '<html><body><template><main><h1>Template</h1><p>Template words.</p></main></template>' +
        '<noscript><main><p>Enable JavaScript.</p></main></noscript><svg><title>Close icon</title></svg>' +
        '<article><p>The article words.</p></article></body></html>',
    );
    expect(s.paragraphs.map((p) => s.clean(p.start, p.end))).toEqual(['The article words.']);
    expect([s.title, s.titleDerived]).toEqual(['The article words', true]);
  });
});

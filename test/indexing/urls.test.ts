import { describe, expect, it } from 'vitest';
import { citationUrl } from '../../src/core/search/results.js';
import { passagesOf } from '../../src/indexing/index.js';
import { loadCorpus } from '../../src/indexing/load/index.js';
import { normaliseBaseUrl, pageUrl, UrlError } from '../../src/indexing/urls.js';

describe('page URLs of a documentation site', () => {
  it('map source files to the URLs static-site generators serve them at', () => {
    const base = 'https://example.com/docs/';
    expect(pageUrl('guide/routing.md', base)).toBe('https://example.com/docs/guide/routing');
    expect(pageUrl('guide/routing.md', base, 'html')).toBe('https://example.com/docs/guide/routing.html');
    expect(pageUrl('guide/widget.mdx', base)).toBe('https://example.com/docs/guide/widget');
    expect(pageUrl('index.md', base)).toBe('https://example.com/docs/');
    expect(pageUrl('guide/index.md', base, 'html')).toBe('https://example.com/docs/guide/');
    expect(pageUrl('api/a b.md', base)).toBe('https://example.com/docs/api/a%20b');
  });

  it('accept a base with or without its trailing slash and refuse what is not an http(s) URL', () => {
    expect(normaliseBaseUrl('https://example.com/docs')).toBe('https://example.com/docs/');
    expect(normaliseBaseUrl('https://example.com')).toBe('https://example.com/');
    expect(() => normaliseBaseUrl('docs/')).toThrow(UrlError);
    expect(() => normaliseBaseUrl('ftp://example.com/')).toThrow(/http\(s\)/);
  });

  it('give every citation its page URL with the section anchor', () => {
    const { documents, passages } = passagesOf(loadCorpus('test/fixtures/docs'), undefined, { baseUrl: 'https://example.com/docs/', style: 'clean' });
    const urls = passages.map((p) => citationUrl(documents[p.doc].url, p.anchor));
    expect(urls).toContain('https://example.com/docs/guide/routing#params');
    expect(urls).toContain('https://example.com/docs/#install-1');
    expect(urls).toContain('https://example.com/docs/guide/routing');
    expect(citationUrl(null, 'x')).toBeNull();
  });
});

/**
 * The parse stage of the indexer: a file → its document structure (title, paragraphs with offsets,
 * heading paths and anchors, blocks left out). One parser per source format, beside each other:
 * news-style boilerplate rules apply to plain-text articles only; Markdown and HTML are parsed (their
 * markup is structure, never dropped as boilerplate).
 */
import type { SourceDocument, SourceFormat } from '../load/index.js';
import type { DocumentStructure } from './document.js';
import { htmlStructure, type HtmlOptions } from './html.js';
import { markdownStructure } from './markdown.js';
import { textStructure } from './text.js';
import { bannerHeadings } from './markdown-banner.js';

export type { DocumentStructure, DroppedBlock, Paragraph } from './document.js';
export type { HtmlOptions } from './html.js';

/** How a site's HTML pages are read (`--content-selector`, `--ignore-selector`, Pagefind marks). */
export type ReadOptions = { html?: Omit<HtmlOptions, 'path'> };

/**
 * What only the whole corpus tells about a page: whether its opening heading is a banner shared
 * by its folder's pages (markdown-banner.ts), the site's base URL (links under it are internal),
 * and how its HTML pages are read (Pagefind marks on any page change how every page is read).
 */
export interface CorpusConventions extends ReadOptions {
  /** Per Markdown page (`source`) that opens with one, the banner heading's source. */
  banners: ReadonlyMap<string, string>;
  siteUrl: string | null;
}

/** The corpus-level pass, run over every loaded document before any is parsed. */
export function corpusConventions(docs: readonly SourceDocument[], siteUrl: string | null = null, read: ReadOptions = {}): CorpusConventions {
  return {
    banners: bannerHeadings(docs.filter((d) => d.format === 'markdown')),
    siteUrl,
    html: { ...read.html, pagefindBody: usesPagefindBody(docs) },
  };
}

type Parser = (doc: SourceDocument, corpus: CorpusConventions) => DocumentStructure;

const PARSERS: Record<SourceFormat, Parser> = {
  text: (doc) => textStructure(doc.text),
  markdown: (doc, corpus) => markdownStructure(doc.text, { mdx: doc.source.endsWith('.mdx'), banner: corpus.banners.get(doc.source) ?? null, siteUrl: corpus.siteUrl }),
  html: (doc, corpus) => htmlStructure(doc.text, { ...corpus.html, path: doc.source }),
};

/** A document's structure; `corpus` defaults to the document alone (no banner can be told from one page). */
export function parseDocument(doc: SourceDocument, corpus: CorpusConventions = corpusConventions([doc])): DocumentStructure {
  return PARSERS[doc.format](doc, corpus);
}

/**
 * Pagefind's rule: once any page marks its content with data-pagefind-body, pages without it are
 * not indexed. Looked for as an attribute of a tag, so a page that writes about it (escaped, in
 * code) does not count.
 */
export function usesPagefindBody(docs: readonly SourceDocument[]): boolean {
  return docs.some((d) => d.format === 'html' && /<[a-zA-Z][^<>]*\sdata-pagefind-body(?=[\s=>/])/.test(d.text));
}

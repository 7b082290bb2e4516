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

export type { DocumentStructure, DroppedBlock, Paragraph } from './document.js';
export type { HtmlOptions } from './html.js';

/** How a site's HTML pages are read (`--content-selector`, `--ignore-selector`, Pagefind marks). */
export type ReadOptions = { html?: Omit<HtmlOptions, 'path'> };

type Parser = (doc: SourceDocument, options: ReadOptions) => DocumentStructure;

const PARSERS: Record<SourceFormat, Parser> = {
  text: (doc) => textStructure(doc.text),
  markdown: (doc) => markdownStructure(doc.text, { mdx: doc.source.endsWith('.mdx') }),
  html: (doc, options) => htmlStructure(doc.text, { ...options.html, path: doc.source }),
};

export function parseDocument(doc: SourceDocument, options: ReadOptions = {}): DocumentStructure {
  return PARSERS[doc.format](doc, options);
}

/**
 * Pagefind's rule: once any page marks its content with data-pagefind-body, pages without it are
 * not indexed. Looked for as an attribute of a tag, so a page that writes about it (escaped, in
 * code) does not count.
 */
export function usesPagefindBody(docs: readonly SourceDocument[]): boolean {
  return docs.some((d) => d.format === 'html' && /<[a-zA-Z][^<>]*\sdata-pagefind-body(?=[\s=>/])/.test(d.text));
}

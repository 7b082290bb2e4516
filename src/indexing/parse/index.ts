/**
 * The parse stage of the indexer: a file → its document structure (title, paragraphs with offsets,
 * heading paths and anchors, blocks left out). One parser per source format, beside each other:
 * news-style boilerplate rules apply to plain-text articles only; Markdown and HTML are parsed (their
 * markup is structure, never dropped as boilerplate).
 */
import type { SourceDocument, SourceFormat } from '../load/index.js';
import type { DocumentStructure } from './document.js';
import { htmlStructure } from './html.js';
import { markdownStructure } from './markdown.js';
import { textStructure } from './text.js';

export type { DocumentStructure, DroppedBlock, Paragraph } from './document.js';

type Parser = (doc: SourceDocument) => DocumentStructure;

const PARSERS: Record<SourceFormat, Parser> = {
  text: (doc) => textStructure(doc.text),
  markdown: (doc) => markdownStructure(doc.text, { mdx: doc.source.endsWith('.mdx') }),
  html: (doc) => htmlStructure(doc.text),
};

export function parseDocument(doc: SourceDocument): DocumentStructure {
  return PARSERS[doc.format](doc);
}

/**
 * Structure of a built HTML page (a static documentation site's output), read with a maintained
 * parser that keeps element offsets (htmlparser2), so every block is an exact span of the file:
 * - main content only: <main>, else <article>, else <body>, without nav, header, footer, aside,
 *   scripts, styles, forms and other chrome;
 * - title from the first <h1> (else <title>); h1–h6 become sections with their `id` as anchor;
 * - blocks are paragraphs, list items, code blocks, table cells, definitions; their indexed words
 *   are the decoded visible text (entities resolved), their passage text the HTML as stored.
 */
import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { deriveTitle, type DocumentStructure, type DroppedBlock, type Paragraph } from '../structure/index.js';
import { textAndCode, textOf, type Leaf } from '../structure/leaves.js';

/** Elements that are page chrome or not text at all. */
const SKIPPED = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'svg', 'form', 'button', 'iframe', 'head']);
/** Skipped elements whose words are page chrome rather than code or markup. */
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);
/** Skipped elements that hold no words a reader sees. */
const NOT_WORDS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose text is one block (the first such ancestor wins: a <p> inside an <li> belongs to the <li>). */
const BLOCKS = new Set(['p', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'blockquote', 'summary']);

const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
/** Whitespace runs as one space; zero-width characters (VitePress puts one in its header anchors) dropped. */
const collapse = (text: string) => text.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ');

/** Visible text nodes under `node`, with offsets; code (<pre>, <code>) keeps its whitespace. */
function leaves(node: ChildNode, out: Leaf[], inCode = false): Leaf[] {
  if (node.type === 'text') {
    if (node.startIndex !== null && node.endIndex !== null) out.push({ start: node.startIndex, end: node.endIndex + 1, value: node.data, kind: inCode ? 'code' : 'prose' });
    return out;
  }
  if (!isElement(node) || SKIPPED.has(node.name)) return out;
  const code = inCode || node.name === 'pre' || node.name === 'code';
  for (const child of node.children) leaves(child, out, code);
  return out;
}

function contentRoot(document: ReturnType<typeof parseDocument>): Element | null {
  for (const name of ['main', 'article', 'body']) {
    const found = DomUtils.findOne((e) => e.name === name, document.children, true);
    if (found) return found;
  }
  return null;
}

export function htmlStructure(source: string): DocumentStructure {
  const document = parseDocument(source, { withStartIndices: true, withEndIndices: true });
  const pageTitle = DomUtils.findOne((e) => e.name === 'title', document.children, true);
  let title: string | null = pageTitle ? collapse(DomUtils.textContent(pageTitle)).trim() || null : null;
  const root = contentRoot(document);
  const allLeaves: Leaf[] = [];
  const paragraphs: Paragraph[] = [];
  const path: Array<{ depth: number; text: string }> = [];
  let anchor: string | null = null;
  let h1Seen = false;
  const visible = collapse;
  const textOfSpan = (start: number, end: number) => textOf(allLeaves, source, start, end, visible);

  const dropped: DroppedBlock[] = [];
  const walk = (node: ChildNode) => {
    if (!isElement(node)) return;
    if (SKIPPED.has(node.name)) {
      // Page chrome with words in it (navigation, header, footer, sidebar) is counted; scripts and styles are not words.
      if (CHROME.has(node.name) && node.startIndex !== null && node.endIndex !== null && collapse(DomUtils.textContent(node)).trim()) {
        dropped.push({ start: node.startIndex, end: node.endIndex + 1, reason: `<${node.name}>` });
      }
      return;
    }
    if (HEADINGS.has(node.name)) {
      const text = collapse(DomUtils.textContent(node)).trim();
      const depth = Number(node.name[1]);
      // The page's first H1 names it more precisely than <title>, which often adds the site's name.
      if (depth === 1 && paragraphs.length === 0 && !h1Seen) {
        h1Seen = true;
        title = text || title;
        return;
      }
      while (path.length && path[path.length - 1].depth >= depth) path.pop();
      path.push({ depth, text });
      anchor = node.attribs.id ?? DomUtils.findOne((e) => e.name === 'a' && Boolean(e.attribs.id ?? e.attribs.name), node.children)?.attribs.id ?? null;
      return;
    }
    if (BLOCKS.has(node.name) && node.startIndex !== null && node.endIndex !== null) {
      const start = node.startIndex;
      const end = node.endIndex + 1;
      // Each <li>, <td>, <p> is a block of its own: its words never run into the next one's.
      const blockLeaves = leaves(node, []).map((l) => ({ ...l, block: paragraphs.length }));
      if (textOf(blockLeaves, source, start, end, visible) === '') return;
      allLeaves.push(...blockLeaves);
      paragraphs.push({
        start,
        end,
        text: source.slice(start, end),
        number: paragraphs.length + 1,
        section: path.length ? path[path.length - 1].text : null,
        headingPath: path.map((h) => h.text),
        anchor,
      });
      return;
    }
    for (const child of node.children) walk(child);
  };
  if (root) for (const child of root.children) walk(child);
  // With <main> or <article> as the content, everything else in <body> with words is page chrome.
  const body = DomUtils.findOne((e) => e.name === 'body', document.children, true);
  const countChrome = (node: ChildNode) => {
    if (!isElement(node) || node === root || NOT_WORDS.has(node.name)) return;
    if (root && DomUtils.existsOne((e) => e === root, node.children)) {
      for (const child of node.children) countChrome(child);
    } else if (node.startIndex !== null && node.endIndex !== null && collapse(DomUtils.textContent(node)).trim()) {
      dropped.push({ start: node.startIndex, end: node.endIndex + 1, reason: `<${node.name}>` });
    }
  };
  if (body && root && root !== body) for (const child of body.children) countChrome(child);

  const titleDerived = title === null;
  return {
    title: title ?? deriveTitle(paragraphs[0] ? textOfSpan(paragraphs[0].start, paragraphs[0].end) : ''),
    titleDerived,
    author: null,
    paragraphs,
    dropped,
    clean: textOfSpan,
    code: (start, end) => textAndCode(allLeaves, source, start, end, visible).code,
  };
}

/**
 * Structure of a built HTML page (a static documentation site's output), read with a maintained
 * parser that keeps element offsets (htmlparser2), so every block is an exact span of the file:
 * - main content only: <main>, else <article>, else <body>, without nav, header, footer, aside,
 *   scripts, styles, forms and other chrome;
 * - title from the first <h1> (else <title>); h1–h6 become sections with their `id` as anchor;
 * - blocks are paragraphs, list items, code blocks, table cells, definitions; their indexed words
 *   are the decoded visible text (entities resolved), their passage text the HTML as stored.
 */
import type { ChildNode, Document, Element, ParentNode } from 'domhandler';
import { DomHandler, Parser } from 'htmlparser2';
import { deriveTitle, type DocumentStructure, type DroppedBlock, HeadingPath, type Paragraph, skippedStructure } from './document.js';
import { textAndCode, textOf, type Leaf } from './leaves.js';

/** Elements that are page chrome or not text at all. */
const SKIPPED = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'svg', 'form', 'button', 'iframe', 'head', 'noembed', 'noframes']);
/** Skipped elements whose words are page chrome rather than code or markup. */
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);
/**
 * Skipped elements that hold no words a reader sees: inert (<template> content is never rendered,
 * <noscript> only without JavaScript) or not text. Nothing inside them is ever the page's content
 * or its title (an <svg> has <title>s of its own).
 */
const NOT_WORDS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'noembed', 'noframes']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose text is one block (the first such ancestor wins: a <p> inside an <li> belongs to the <li>). */
const BLOCKS = new Set(['p', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'blockquote', 'summary']);
/**
 * Elements open at once. The parser's work per tag grows with the depth (its open-element stack is
 * searched and shifted), so deeper pages are skipped; browsers flatten beyond the same depth (Blink: 512).
 */
export const MAX_HTML_DEPTH = 512;

const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
/** Whitespace runs as one space; zero-width characters (VitePress puts one in its header anchors) dropped. */
const collapse = (text: string) => text.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ');

/**
 * Calls `visit` on every node under `nodes` in document order, with an explicit stack (a page's
 * nesting is its author's). `visit` returns false to leave a node's children out.
 */
function eachNode(nodes: ChildNode[], visit: (node: ChildNode) => boolean | void): void {
  const stack: ChildNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visit(node) === false || !('children' in node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The first element under `nodes` that `matches`, in document order, never looking inside `opaque` elements. */
function findElement(nodes: ChildNode[], matches: (element: Element) => boolean, opaque: ReadonlySet<string> = new Set()): Element | null {
  let found: Element | null = null;
  eachNode(nodes, (node) => {
    if (found || !isElement(node)) return false;
    if (matches(node)) found = node;
    return !opaque.has(node.name);
  });
  return found;
}

/** All text under `node` (as DomUtils.textContent, without its recursion). */
function textContent(node: ChildNode): string {
  let text = '';
  eachNode([node], (n) => {
    if (n.type === 'text') text += n.data;
  });
  return text;
}

/** Visible text nodes under `node`, with offsets; code (<pre>, <code>) keeps its whitespace. */
function leaves(node: ChildNode): Leaf[] {
  const out: Leaf[] = [];
  const stack: Array<{ node: ChildNode; inCode: boolean }> = [{ node, inCode: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node: n, inCode } = item;
    if (n.type === 'text') {
      if (n.startIndex !== null && n.endIndex !== null) out.push({ start: n.startIndex, end: n.endIndex + 1, value: n.data, kind: inCode ? 'code' : 'prose' });
      continue;
    }
    if (!isElement(n) || SKIPPED.has(n.name)) continue;
    const code = inCode || n.name === 'pre' || n.name === 'code';
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i], inCode: code });
  }
  return out;
}

/** <main>, else <article>, else <body>: never one inside inert content (a <template>'s <main> is not the page). */
function contentRoot(document: Document): Element | null {
  for (const name of ['main', 'article', 'body']) {
    const found = findElement(document.children, (e) => e.name === name, NOT_WORDS);
    if (found) return found;
  }
  return null;
}

/** Builds the DOM like htmlparser2's parseDocument, but stops once elements nest deeper than MAX_HTML_DEPTH. */
class DepthLimitedHandler extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    // tagStack holds the document too.
    if (this.tagStack.length > MAX_HTML_DEPTH) throw new NestingTooDeep();
    super.onopentag(name, attribs);
  }
}

class NestingTooDeep extends Error {}

/** Element offsets kept, for exact citations. */
const PARSE_OPTIONS = { withStartIndices: true, withEndIndices: true };

/** The page's DOM with offsets, or null when it nests deeper than MAX_HTML_DEPTH (with the line where it does). */
function parseBounded(source: string): { document: Document } | { tooDeepAtLine: number } {
  const handler = new DepthLimitedHandler(undefined, PARSE_OPTIONS);
  const parser = new Parser(handler);
  try {
    parser.end(source);
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    return { tooDeepAtLine: source.slice(0, parser.startIndex).split('\n').length };
  }
  return { document: handler.root };
}

export function htmlStructure(source: string): DocumentStructure {
  const parsed = parseBounded(source);
  if ('tooDeepAtLine' in parsed) return skippedStructure(`HTML elements nested more than ${MAX_HTML_DEPTH} levels deep (line ${parsed.tooDeepAtLine})`);
  const { document } = parsed;
  const pageTitle = findElement(document.children, (e) => e.name === 'title', NOT_WORDS);
  let title: string | null = pageTitle ? collapse(textContent(pageTitle)).trim() || null : null;
  const root = contentRoot(document);
  const allLeaves: Leaf[] = [];
  const paragraphs: Paragraph[] = [];
  const headings = new HeadingPath();
  let h1Seen = false;
  const visible = collapse;
  const textOfSpan = (start: number, end: number) => textOf(allLeaves, source, start, end, visible);

  const dropped: DroppedBlock[] = [];
  /** Reads one element of the content; false when its children are not to be walked. */
  const visit = (node: ChildNode): boolean => {
    if (!isElement(node)) return false;
    if (SKIPPED.has(node.name)) {
      // Page chrome with words in it (navigation, header, footer, sidebar) is counted; scripts and styles are not words.
      if (CHROME.has(node.name) && node.startIndex !== null && node.endIndex !== null && collapse(textContent(node)).trim()) {
        dropped.push({ start: node.startIndex, end: node.endIndex + 1, reason: `<${node.name}>` });
      }
      return false;
    }
    if (HEADINGS.has(node.name)) {
      const text = collapse(textContent(node)).trim();
      const depth = Number(node.name[1]);
      // The page's first H1 names it more precisely than <title>, which often adds the site's name.
      if (depth === 1 && paragraphs.length === 0 && !h1Seen) {
        h1Seen = true;
        title = text || title;
        return false;
      }
      headings.enter(depth, text, node.attribs.id ?? findElement(node.children, (e) => e.name === 'a' && Boolean(e.attribs.id ?? e.attribs.name))?.attribs.id ?? null);
      return false;
    }
    if (BLOCKS.has(node.name) && node.startIndex !== null && node.endIndex !== null) {
      const start = node.startIndex;
      const end = node.endIndex + 1;
      // Each <li>, <td>, <p> is a block of its own: its words never run into the next one's.
      const blockLeaves = leaves(node).map((l) => ({ ...l, block: paragraphs.length }));
      if (textOf(blockLeaves, source, start, end, visible) === '') return false;
      allLeaves.push(...blockLeaves);
      paragraphs.push(headings.paragraph(source, start, end, paragraphs.length + 1));
      return false;
    }
    return true;
  };
  if (root) eachNode(root.children, visit);
  // With <main> or <article> as the content, everything else in <body> with words is page chrome.
  const body = findElement(document.children, (e) => e.name === 'body', NOT_WORDS);
  if (body && root && root !== body) {
    const aroundRoot = new Set<ParentNode>();
    for (let p = root.parent; p !== null; p = p.parent) aroundRoot.add(p);
    eachNode(body.children, (node) => {
      if (!isElement(node) || node === root || NOT_WORDS.has(node.name)) return false;
      if (aroundRoot.has(node)) return true;
      if (node.startIndex !== null && node.endIndex !== null && collapse(textContent(node)).trim()) {
        dropped.push({ start: node.startIndex, end: node.endIndex + 1, reason: `<${node.name}>` });
      }
      return false;
    });
  }

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

/**
 * The DOM of a built HTML page with element offsets (htmlparser2), and the small walks the HTML
 * reader needs over it. Walks use an explicit stack: a page's nesting is its author's.
 */
import type { ChildNode, Document, Element } from 'domhandler';
import { DomHandler, Parser } from 'htmlparser2';

/**
 * Elements open at once. The parser's work per tag grows with the depth (its open-element stack is
 * searched and shifted), so deeper pages are skipped; browsers flatten beyond the same depth (Blink: 512).
 */
export const MAX_HTML_DEPTH = 512;

/**
 * Elements that hold no words a reader sees: inert (<template> content is never rendered,
 * <noscript> only without JavaScript) or not text. Nothing inside them is ever the page's content
 * or its title (an <svg> has <title>s of its own).
 */
export const NOT_WORDS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'noembed', 'noframes']);

export const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Whitespace runs as one space; zero-width characters (VitePress and Docusaurus put one in their permalinks) dropped. */
export const collapse = (text: string) => text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ');

/** The element's class names. */
export const classesOf = (element: Element): string[] => (element.attribs.class ?? '').split(/\s+/).filter(Boolean);

/** The element's span of the source, [start, end), or null when the parser gave no offsets. */
export function spanOf(element: Element): { start: number; end: number } | null {
  return element.startIndex !== null && element.endIndex !== null ? { start: element.startIndex, end: element.endIndex + 1 } : null;
}

/**
 * Calls `visit` on every node under `nodes` in document order. `visit` returns false to leave a
 * node's children out.
 */
export function eachNode(nodes: ChildNode[], visit: (node: ChildNode) => boolean | void): void {
  const stack: ChildNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visit(node) === false || !('children' in node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The first element under `nodes` that `matches`, in document order, never looking inside NOT_WORDS elements. */
export function findElement(nodes: ChildNode[], matches: (element: Element) => boolean): Element | null {
  let found: Element | null = null;
  eachNode(nodes, (node) => {
    if (found || !isElement(node)) return false;
    if (matches(node)) found = node;
    return !NOT_WORDS.has(node.name);
  });
  return found;
}

/** Every element under `nodes` that `matches`, in document order, outside NOT_WORDS elements. */
export function findElements(nodes: ChildNode[], matches: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  eachNode(nodes, (node) => {
    if (!isElement(node) || NOT_WORDS.has(node.name)) return false;
    if (matches(node)) found.push(node);
  });
  return found;
}

/** All text under `node`, leaving out what `skip` names (as DomUtils.textContent, without its recursion). */
export function textContent(node: ChildNode, skip: (element: Element) => boolean = (e) => NOT_WORDS.has(e.name)): string {
  let text = '';
  eachNode([node], (n) => {
    if (n.type === 'text') text += n.data;
    else if (isElement(n) && n !== node && skip(n)) return false;
  });
  return text;
}

/** True when `node` lies inside an element that `matches` (itself excluded). */
export function hasAncestor(node: ChildNode, matches: (element: Element) => boolean): boolean {
  for (let p = node.parent; p !== null; p = p.parent) if (p.type !== 'root' && isElement(p as ChildNode) && matches(p as Element)) return true;
  return false;
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

/** The page's DOM with offsets, or the line where it nests deeper than MAX_HTML_DEPTH. */
export function parseBounded(source: string): { document: Document } | { tooDeepAtLine: number } {
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

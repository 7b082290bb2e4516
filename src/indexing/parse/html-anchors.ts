/**
 * Headings of a built page as a citation needs them: their text without permalink signs, and the
 * fragment a link to them lands on. Generators put that fragment in different places — Sphinx on
 * the enclosing <section id> (and labels on an empty <span id> before the heading), MkDocs and
 * Docusaurus on the heading, mdBook and VitePress also in the heading's permalink — so every
 * place is tried, and only a fragment that exists in the page is given.
 */
import type { Document, Element } from 'domhandler';
import { isHidden, isPermalink } from './html-chrome.js';
import { collapse, eachNode, findElement, findElements, isElement, NOT_WORDS, textContent } from './html-dom.js';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Every fragment a link can land on in the page: element ids and <a name>s. */
export function pageIds(document: Document): Set<string> {
  const ids = new Set<string>();
  eachNode(document.children, (node) => {
    if (!isElement(node)) return false;
    if (node.attribs.id) ids.add(node.attribs.id);
    if (node.name === 'a' && node.attribs.name) ids.add(node.attribs.name);
  });
  return ids;
}

/** Permalink signs a theme leaves at a heading's end as text rather than in an element of their own. */
const TRAILING_SIGNS = /[\s¶§\u{1f517}\u{e000}-\u{f8ff}]+$/u;

/** The heading as a reader sees it: no permalink (¶ § #, an icon, an invisible "Direct link to …"), no hidden words. */
export function headingText(heading: Element): string {
  const text = textContent(heading, (e) => NOT_WORDS.has(e.name) || isPermalink(e) || isHidden(e));
  return collapse(text).replace(TRAILING_SIGNS, '').trim();
}

function fragmentOf(href: string): string | null {
  if (!href.startsWith('#') || href.length < 2) return null;
  try {
    return decodeURIComponent(href.slice(1));
  } catch {
    return href.slice(1);
  }
}

/** Ids on an element that holds no words (Sphinx's `<span id="label"></span>` before a heading). */
const emptyMarkerId = (e: Element) => ((e.name === 'span' || e.name === 'a') && e.attribs.id && collapse(textContent(e)).trim() === '' ? e.attribs.id : null);

/** Elements that are a heading's section: <section>, Sphinx's older <div class="section">. */
const isSection = (e: Element) => e.name === 'section' || (e.name === 'div' && /(?:^|\s)section(?:\s|$)/.test(e.attribs.class ?? ''));

/**
 * Where a link to `heading` lands, in the order generators mean it: the permalink's fragment, the
 * heading's id, an id inside it, the id of the section it opens, an empty marker just before it.
 * The page's title may also land on any region that opens with it (Docusaurus gives its <h1> no
 * id, but the content region it opens has one). Only ids that exist in the page (`ids`) count;
 * null when none does.
 */
export function headingAnchor(heading: Element, ids: ReadonlySet<string>, isTitle = false): string | null {
  const candidates: Array<string | null | undefined> = [];
  for (const link of findElements(heading.children, isPermalink)) candidates.push(fragmentOf(link.attribs.href ?? ''));
  candidates.push(heading.attribs.id);
  for (const inner of findElements(heading.children, (e) => Boolean(e.attribs.id) || (e.name === 'a' && Boolean(e.attribs.name)))) candidates.push(inner.attribs.id ?? inner.attribs.name);
  // The section (or Sphinx's older <div class="section">) that this heading opens.
  for (let parent = heading.parent; parent !== null && parent.type === 'tag'; parent = parent.parent) {
    if (findElement(parent.children, (e) => HEADINGS.has(e.name)) !== heading) break;
    if (isTitle || isSection(parent)) candidates.push(parent.attribs.id);
  }
  for (let sibling = heading.prev; sibling !== null; sibling = sibling.prev) {
    if (sibling.type === 'text' && sibling.data.trim() === '') continue;
    const id = isElement(sibling) ? emptyMarkerId(sibling) : null;
    if (!id) break;
    candidates.push(id);
  }
  return candidates.find((c): c is string => typeof c === 'string' && c !== '' && ids.has(c)) ?? null;
}

/**
 * Banner headings of Markdown docs trees: repos whose every page opens with the project's name —
 * `<h1 align="center">Acme</h1>` or `# Acme` — put each page's own title in its first real heading.
 * One page cannot tell a banner from a title, so it is decided across the corpus: a heading is a
 * banner when it opens (nearly) every Markdown page of a folder, two pages at least (BANNER_SHARE),
 * and then on every page that opens with it. Headings are compared as written (their source,
 * spaces collapsed), so the parser can find the same block again in its tree.
 */
import { dirname } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';

/** Source text compared as written, whatever its line breaks and indentation. */
export const collapsedSource = (text: string) => text.replace(/\s+/g, ' ').trim();

const FRONT_MATTER = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** Blank lines and HTML comments before a page's first block. */
const LEADING_NOISE = /^(?:[ \t]*\r?\n|[ \t]*<!--[\s\S]*?-->[ \t]*(?:\r?\n|$))+/;
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+[^\r\n]*/;
/** A raw HTML heading, possibly over several lines (bounded: a banner is short). */
const HTML_HEADING = /^ {0,3}<h([1-6])\b[^>]*>[\s\S]{0,2000}?<\/h\1\s*>/i;

/** The source of the heading a Markdown page opens with (after front matter and comments), collapsed; or null. */
export function openingHeading(source: string): string | null {
  let rest = source.replace(/^\uFEFF/, '');
  rest = rest.replace(FRONT_MATTER, '').replace(LEADING_NOISE, '');
  const heading = ATX_HEADING.exec(rest) ?? HTML_HEADING.exec(rest);
  return heading ? collapsedSource(heading[0]) : null;
}

/**
 * Of a folder's pages, the share that must open with the same heading for it to be a banner: all
 * of a small folder, nearly all of a large one (an index page or a changelog of its own may
 * open differently; two unrelated pages rarely share a title, twenty never do).
 */
export const BANNER_SHARE = 0.8;

/** The banner heading of each page that has one (by `source`), decided over all the corpus's Markdown pages. */
export function bannerHeadings(pages: Array<{ source: string; text: string }>): Map<string, string> {
  const byFolder = new Map<string, Array<{ source: string; opening: string | null }>>();
  for (const page of pages) {
    const folder = dirname(page.source);
    const list = byFolder.get(folder) ?? [];
    list.push({ source: page.source, opening: openingHeading(page.text) });
    byFolder.set(folder, list);
  }
  const banners = new Set<string>();
  for (const list of byFolder.values()) {
    const counts = new Map<string, number>();
    for (const { opening } of list) if (opening !== null) counts.set(opening, (counts.get(opening) ?? 0) + 1);
    for (const [opening, n] of counts) if (n >= 2 && n >= Math.ceil(BANNER_SHARE * list.length)) banners.add(opening);
  }
  // Once told, a banner is one on every page that opens with it, in any folder (a README alone in its own).
  const out = new Map<string, string>();
  for (const list of byFolder.values()) for (const page of list) if (page.opening !== null && banners.has(page.opening)) out.set(page.source, page.opening);
  return out;
}

/** A raw HTML heading anywhere in a block (bounded: a heading is short). */
const ANY_HTML_HEADING = /<h([1-6])\b[^>]*>[\s\S]{0,2000}?<\/h\1\s*>/i;

/**
 * The text of the raw HTML heading (`<h1 align="center">Acme</h1>`) that `html` opens with — a
 * logo or badges may come first, words may not — or null. A heading that is only a logo is named
 * by the logo's alt text ("Acme logo" → "Acme").
 */
export function htmlHeadingText(html: string): string | null {
  const heading = ANY_HTML_HEADING.exec(html);
  if (!heading) return null;
  // htmlparser2 decodes entities and drops tags.
  if (collapsedSource(DomUtils.textContent(parseDocument(html.slice(0, heading.index))))) return null;
  const dom = parseDocument(heading[0]);
  const text = collapsedSource(DomUtils.textContent(dom));
  if (text) return text;
  const logo = DomUtils.findOne((element) => element.name === 'img' && Boolean(element.attribs.alt?.trim()), dom.children, true);
  return (logo && collapsedSource(logo.attribs.alt.replace(/\blogo\b/i, ''))) || null;
}

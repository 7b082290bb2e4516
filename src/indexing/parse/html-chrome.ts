/**
 * What of a generator-built page is the document and what is the site around it: the content
 * region (as Sphinx, MkDocs Material, Docusaurus, VitePress and mdBook mark it, or as the site
 * says with Pagefind attributes or --content-selector), the chrome inside and around it (navigation,
 * sidebars, breadcrumbs, prev/next, footers, edit links, tables of contents, line-number gutters),
 * the permalink signs of headings, and pages that are not documents at all (search, index, 404,
 * redirects). Rules are the generators' markup conventions, not any one site's text.
 */
import { basename } from 'node:path';
import { compile } from 'css-select';
import type { ChildNode, Document, Element } from 'domhandler';
import { classesOf, collapse, eachNode, findElement, findElements, hasAncestor, isElement, NOT_WORDS, textContent } from './html-dom.js';
import { isInternalLink } from './markdown-toc.js';

/** The reason a link-only list is left out, in the words every build summary uses for it. */
export const TOC_REASON = 'table of contents (link-only list)';

/** Elements that are controls, not words (a copy button, a search box). */
export const CONTROLS = new Set(['button', 'input', 'select', 'textarea', 'option', 'dialog']);

const hasClass = (element: Element, name: string) => classesOf(element).includes(name);

/**
 * Where the generators put a page's own content, most specific first; the first that matches is
 * the content. Plain tests rather than CSS: every element of every page is tried against them.
 */
const CONTENT_REGIONS: Array<(element: Element, classes: readonly string[]) => boolean> = [
  (_, c) => c.includes('theme-doc-markdown'), // Docusaurus (its <main> holds breadcrumbs and prev/next too)
  (_, c) => c.includes('vp-doc'), // VitePress
  (_, c) => c.includes('md-content'), // MkDocs Material (its <main> holds both sidebars)
  (e) => e.attribs.role === 'main', // Sphinx: alabaster and the basic themes (.body), Read the Docs (.document), Furo (article)
  (e) => e.name === 'main', // mdBook, and most hand-made layouts
  (e) => e.name === 'article',
  (e, c) => c.includes('body') && hasAncestor(e, (a) => hasClass(a, 'document')), // Sphinx themes without a role attribute
  (_, c) => c.includes('document'),
  (e) => e.name === 'body',
];

export type Selector = (element: Element) => boolean;

/** A CSS selector compiled by css-select (it throws on one it cannot read). */
export function compileSelector(selector: string): Selector {
  return compile<ChildNode, Element>(selector);
}

/** `selector` as css-select reads it, or the parser's complaint: build:index checks its flags before any work. */
export function selectorProblem(selector: string): string | null {
  try {
    compileSelector(selector);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Matches of `selects` under `nodes` that are visible (not in <template> or <noscript>) and not inside another match. */
function outermost(nodes: ChildNode[], selects: Selector): Element[] {
  const found = findElements(nodes, selects);
  const set = new Set(found);
  return found.filter((e) => !hasAncestor(e, (a) => set.has(a)));
}

export interface ContentOptions {
  contentSelector?: Selector;
  /** Some page of the site marks its content with data-pagefind-body: then only such regions are indexed. */
  pagefindBody?: boolean;
}

const PAGEFIND_BODY: Selector = (e) => e.attribs['data-pagefind-body'] !== undefined;

/** The page's content regions in document order, or why the page has none. */
export function contentRoots(document: Document, options: ContentOptions): { roots: Element[] } | { none: string } {
  if (options.contentSelector) {
    const roots = outermost(document.children, options.contentSelector);
    return roots.length ? { roots } : { none: 'no element matches --content-selector' };
  }
  if (options.pagefindBody) {
    const roots = outermost(document.children, PAGEFIND_BODY);
    return roots.length ? { roots } : { none: 'no data-pagefind-body region (other pages of the site have one, and Pagefind indexes only those)' };
  }
  // One walk: the first element of each kind, then the most specific kind found.
  const first: Array<Element | undefined> = [];
  eachNode(document.children, (node) => {
    if (!isElement(node) || NOT_WORDS.has(node.name)) return false;
    const classes = node.attribs.class ? classesOf(node) : [];
    CONTENT_REGIONS.forEach((matches, i) => {
      if (first[i] === undefined && matches(node, classes)) first[i] = node;
    });
  });
  const found = first.find((e) => e !== undefined);
  return { roots: found ? [found] : [] };
}

const PERMALINK_CLASS = /^(?:headerlink|header-anchor|hash-link|anchorjs-link|anchor-link|heading-anchor|heading-link|permalink|anchor)$/i;
/** What a permalink shows: ¶ § # 🔗, an icon font's private-use glyph (Read the Docs), or nothing. */
const PERMALINK_SIGNS = /^[\s¶§#\u{1f517}\u{e000}-\u{f8ff}]*$/u;

/** A heading's permalink: an in-page link that shows a sign (or nothing) or has a permalink class. */
export function isPermalink(element: Element): boolean {
  if (element.name !== 'a' || !(element.attribs.href ?? '').startsWith('#')) return false;
  return classesOf(element).some((c) => PERMALINK_CLASS.test(c)) || PERMALINK_SIGNS.test(collapse(textContent(element)));
}

/** Words meant for screen readers only, or hidden from them ("Direct link to …", icons). */
export function isHidden(element: Element): boolean {
  return element.attribs['aria-hidden'] === 'true' || element.attribs.hidden !== undefined || classesOf(element).some((c) => /^(?:sr-only|visually-hidden|screen-reader-text)$/i.test(c));
}

/** Elements whose words never belong to a block's text: permalinks, line numbers, language labels of code. */
export function isNoiseInBlock(element: Element): boolean {
  return isPermalink(element) || LINE_NUMBERS.test(element.attribs.class ?? '') || (element.name === 'span' && classesOf(element).includes('lang') && hasAncestor(element, (a) => /\blanguage-/.test(a.attribs.class ?? '')));
}

const LINE_NUMBERS = /(?:^|\s)(?:linenos|linenodiv|lineno|line-numbers?(?:-rows)?|gutter|codeLineNumber\w*)(?:\s|$)/;

/** Class names that mark chrome, with the reason the summary gives; tested on each class name. */
const CHROME_CLASSES: Array<[RegExp, string]> = [
  [/breadcrumb|^md-path$/i, 'breadcrumbs'],
  [/edit-?this-?page|^edit-(?:link|info)$|edit-meta|^md-content__button$/i, 'edit link'],
  [/pagination|prev-?next|^related(?:-pages)?$|footer-buttons|^pager$|^nav-wrapper$|^nav-wide-wrapper$/i, 'prev/next links'],
  [/^(?!(?:has|with|no)-sidebar$).*sidebar|^aside$/i, 'sidebar'],
  [/^(?:toc|table-of-contents)$|^toc-|toc-?(?:mobile|desktop|drawer|tree|wrapper|container)|tableOfContents|tocCollapsible/i, TOC_REASON],
  [/^(?:menu-bar|navbar|theme-layout-navbar|top-bar|topbar|VPNav|VPLocalNav)$/i, 'menu bar'],
  [/^(?:footer|site-footer|page-footer)$/i, '<footer>'],
  [/^back-to-top$/i, 'back-to-top link'],
  [/^md-source-file$|last-?updated/i, 'page metadata (last update)'],
  [/skip-?link|skip-?to-?content|^md-skip$/i, 'skip link'],
  [LINE_NUMBERS, 'line numbers'],
];
const CHROME_TAGS: Record<string, string> = { aside: '<aside>', footer: '<footer>', form: '<form>', nav: '<nav>' };
const CHROME_ROLES: Record<string, string> = { navigation: '[role=navigation]', banner: '[role=banner]', contentinfo: '[role=contentinfo]', complementary: '[role=complementary]', search: '[role=search]' };
const EDIT_LINK_TEXT = /^(?:edit (?:this page|on github|on gitlab|on bitbucket)|show source|view (?:page )?source|suggest an edit|improve this page)$/i;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** An <aside> that is part of the text: a footnote or endnote (DPUB-ARIA doc-* roles), a topic or an admonition. */
function isDocumentAside(element: Element): boolean {
  return /^doc-/.test(element.attribs.role ?? '') || classesOf(element).some((c) => /^(?:footnote|topic|admonition)$/.test(c));
}

/**
 * Why `element` is page chrome rather than the document, or null when it is content. Inside the
 * content region a <header> holding a heading is the document's own (Docusaurus puts the <h1> in one).
 */
export function chromeReason(element: Element, inContent: boolean): string | null {
  // A heading is the document's, whatever its classes say (Docusaurus: "anchorTargetStickyNavbar").
  if (HEADINGS.has(element.name)) return null;
  // docutils (Sphinx) writes footnotes and topics as <aside>: inside the content, the document's own words.
  if (element.name === 'aside' && inContent && isDocumentAside(element)) return null;
  const tagReason = CHROME_TAGS[element.name];
  if (tagReason && element.name !== 'nav') return tagReason;
  if (element.name === 'header' && !(inContent && findElement(element.children, (e) => HEADINGS.has(e.name)))) return '<header>';
  for (const name of classesOf(element)) for (const [pattern, reason] of CHROME_CLASSES) if (pattern.test(name)) return reason;
  const label = element.attribs['aria-label'] ?? '';
  if (/breadcrumb/i.test(label)) return 'breadcrumbs';
  if (isTableOfContents(element)) return TOC_REASON;
  if (tagReason) return tagReason;
  const role = CHROME_ROLES[element.attribs.role ?? ''];
  if (role) return role;
  if (element.name === 'a' && EDIT_LINK_TEXT.test(collapse(textContent(element)).trim())) return 'edit link';
  // A wrapper of one element is what it wraps (MkDocs' <div data-md-component="skip"><a class="md-skip">).
  const children = element.children.filter(isElement);
  const bareText = element.children.some((c) => c.type === 'text' && c.data.trim() !== '');
  return children.length === 1 && !bareText && !HEADINGS.has(children[0].name) ? chromeReason(children[0], inContent) : null;
}

/** Separators that link-only lists put between their links ("Home » Guide", "a · b"). */
const LINK_SEPARATORS = /^[\s|·•,»›/–—:-]*$/;

/** A list whose words are all link text, with at least two links into the site: a table of contents, not prose. */
export function isLinkOnlyList(list: Element): boolean {
  let links = 0;
  let loose = false;
  eachNode(list.children, (node) => {
    if (loose) return false;
    if (node.type === 'text') {
      if (!LINK_SEPARATORS.test(collapse(node.data))) loose = true;
      return false;
    }
    if (!isElement(node) || NOT_WORDS.has(node.name) || CONTROLS.has(node.name)) return false;
    if (node.name === 'a' && node.attribs.href !== undefined) {
      // Links out of the site are references, not a table of contents (the Markdown rule too).
      if (!isInternalLink(node.attribs.href, null)) loose = true;
      else if (collapse(textContent(node)).trim()) links++;
      return false;
    }
  });
  return !loose && links >= 2;
}

const LIST = new Set(['ul', 'ol']);
const TOC_CLASS = /toc|contents/i;
const TOC_TITLE_WORDS = 8;

/**
 * A list of links, or a region (a <nav>, Sphinx's `.. contents::` and toctree wrappers) whose lists
 * are all link-only and whose other words are at most a title ("Table of contents").
 */
export function isTableOfContents(element: Element): boolean {
  if (LIST.has(element.name)) return isLinkOnlyList(element);
  // Only regions that can be one are searched: every <div> of a page asking would be quadratic.
  if (element.name !== 'nav' && element.attribs.role !== 'navigation' && !classesOf(element).some((c) => TOC_CLASS.test(c))) return false;
  const lists = outermost(element.children, (e) => LIST.has(e.name));
  if (lists.length === 0 || !lists.every(isLinkOnlyList)) return false;
  const inLists = new Set(lists);
  const outside = collapse(textContent(element, (e) => NOT_WORDS.has(e.name) || inLists.has(e))).trim();
  return outside.split(' ').filter(Boolean).length <= TOC_TITLE_WORDS;
}

/** A not-found page's own title ("404", "404 - Not found", "Page Not Found", "Document not found (404)"), not a page about 404s. */
const NOT_FOUND = /^404(?:\s*[-–—:|·]\s*.*)?$|^(?:page|document|file) not found(?:\s*[-–—:|·(].*)?$/i;

/**
 * Why the page is not a document to index (search page, general or module index, 404, redirect,
 * a page that asks not to be indexed), or null when it is one.
 */
export function notDocumentReason(document: Document, path: string, titles: Array<string | null>): string | null {
  // One walk for every mark: pages are read once each, and most are documents.
  const marks = new Set<'refresh' | 'search' | 'genindex' | 'modindex' | 'noindex'>();
  eachNode(document.children, (node) => {
    if (!isElement(node) || NOT_WORDS.has(node.name)) return false;
    const { attribs } = node;
    if (node.name === 'meta') {
      // A redirect names where to go; a bare delay (`content="600"`) only reloads the page.
      if ((attribs['http-equiv'] ?? '').toLowerCase() === 'refresh' && /\burl\s*=/i.test(attribs.content ?? '')) marks.add('refresh');
      if ((attribs.name ?? '').toLowerCase() === 'robots' && /\bnoindex\b/i.test(attribs.content ?? '')) marks.add('noindex');
    }
    // Sphinx's search page. Not mdBook's `searchresults`: that list is the search box every page has.
    if (attribs.id === 'search-results') marks.add('search');
    if (node.name === 'table' && hasClass(node, 'modindextable')) marks.add('modindex');
    else if ((node.name === 'table' && (hasClass(node, 'indextable') || hasClass(node, 'genindextable'))) || hasClass(node, 'genindex-jumpbox')) marks.add('genindex');
  });
  // Sphinx's own pages: their names are reserved (a document cannot be called genindex).
  const name = basename(path).toLowerCase();
  if (marks.has('refresh')) return 'redirect (<meta http-equiv="refresh">)';
  if (marks.has('search')) return 'search page';
  if (marks.has('modindex') || name === 'py-modindex.html') return 'module index';
  if (marks.has('genindex') || name === 'genindex.html') return 'general index';
  if (name === '404.html' || titles.some((t) => t !== null && NOT_FOUND.test(t))) return 'not-found page (404)';
  if (marks.has('noindex')) return 'asks not to be indexed (<meta name="robots" content="noindex">)';
  return null;
}

/**
 * Structure of a built HTML page (a static documentation site's output, as Sphinx, MkDocs,
 * Docusaurus, VitePress, mdBook and hand-made layouts write it), read with a maintained parser that
 * keeps element offsets (htmlparser2), so every block is an exact span of the file:
 * - the content region only (html-chrome.ts: the generator's content element, the site's
 *   data-pagefind-body or --content-selector), without navigation, sidebars, breadcrumbs, prev/next,
 *   footers, edit links, tables of contents and line numbers — each counted with its reason;
 * - the title is the content's first <h1>, else <title> without the site's name, else og:title;
 *   h2–h6 become sections, anchored where the generator lets a link land (html-anchors.ts);
 * - blocks are paragraphs, list items, code blocks, table cells, definitions; their indexed words
 *   are the visible text (entities resolved, highlighter markup gone, code spacing kept), their
 *   passage text the HTML as stored;
 * - pages that are not documents (search, general index, 404, redirects) are not read.
 */
import type { ChildNode, Element, ParentNode } from 'domhandler';
import { deriveTitle, type DocumentStructure, type DroppedBlock, HeadingPath, type Paragraph, skippedStructure } from './document.js';
import { headingAnchor, headingText, pageIds } from './html-anchors.js';
import { chromeReason, compileSelector, contentRoots, CONTROLS, isNoiseInBlock, notDocumentReason, type Selector } from './html-chrome.js';
import { collapse, findElement, isElement, MAX_HTML_DEPTH, NOT_WORDS, parseBounded, spanOf, textContent } from './html-dom.js';
import { textAndCode, textOf, type Leaf } from './leaves.js';
import { MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS } from '../../core/records.js';
import { countWords } from '../../core/sentences/index.js';

export { MAX_HTML_DEPTH } from './html-dom.js';

export interface HtmlOptions {
  /** CSS selector of the content regions (`--content-selector`): pages where it matches nothing are not indexed. */
  contentSelector?: string;
  /** CSS selector of regions left out of the content (`--ignore-selector`), counted in the summary. */
  ignoreSelector?: string;
  /** Some page of the site has data-pagefind-body: only such regions are indexed, pages without one are not (as Pagefind does). */
  pagefindBody?: boolean;
  /** The page's path in the site, to know its 404 page. */
  path?: string;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose text is one block (the first such ancestor wins: a <p> inside an <li> belongs to the <li>). */
const BLOCKS = new Set(['p', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'blockquote', 'summary']);
/** Elements that end a line of text inside a block (a <p> in an <li>, a line <div> of highlighted code). */
const LINE_ELEMENTS = new Set(['p', 'div', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'ul', 'ol', 'table', 'pre', 'blockquote', 'section', 'figure', 'figcaption', 'details', 'summary', ...HEADINGS]);
/** Inside a block, words the reader does not see as the block's text. */
const SILENT = new Set([...NOT_WORDS, ...CONTROLS]);

/** How text is laid out where it sits: prose collapses spaces, <pre> keeps every one, inline code keeps them one for one. */
type Layout = 'prose' | 'pre' | 'inline-code';

/**
 * Visible text under a block, with offsets. Every visible space of HTML is a text node, so the
 * leaves carry all the spacing: a <br> is a line break, so is a line <div> in code (Docusaurus)
 * unless the line already ended with one; the markup between two highlighter <span>s is nothing.
 */
function blockLeaves(source: string, block: Element, leaveOut: (element: Element) => boolean): { leaves: Leaf[]; lineStarts: number[] } {
  const out: Leaf[] = [];
  /** Where the lines of code start in the source: a long code block is cut there, never inside a token's markup. */
  const lineStarts: number[] = [];
  const endsLine = () => out.length === 0 || out[out.length - 1].value.endsWith('\n');
  const push = (start: number, value: string, layout: Layout, end = start + value.length) => out.push({ start, end, value, kind: layout === 'prose' ? 'prose' : 'code' });
  const stack: Array<{ node: ChildNode; layout: Layout }> = [{ node: block, layout: block.name === 'pre' ? 'pre' : 'prose' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, layout } = item;
    if (node.type === 'text') {
      if (node.startIndex === null || node.endIndex === null) continue;
      const raw = source.slice(node.startIndex, node.endIndex + 1).split('\n');
      const decoded = node.data.split('\n');
      if (layout === 'pre' && raw.length > 1 && raw.length === decoded.length) {
        // Unhighlighted code (mdBook) is one text node: one leaf per line, each at its own offsets
        // even when entities (&quot;) make the decoded text shorter than the source.
        let at = node.startIndex;
        decoded.forEach((line, i) => {
          if (i > 0) lineStarts.push(at);
          const last = i === decoded.length - 1;
          push(at, last ? line : `${line}\n`, layout, at + raw[i].length + (last ? 0 : 1));
          at += raw[i].length + 1;
        });
        continue;
      }
      // Inline code is laid out as prose is, but its characters are kept one for one so offsets stay exact.
      push(node.startIndex, layout === 'inline-code' ? node.data.replace(/\s/g, ' ') : node.data, layout, node.endIndex + 1);
      continue;
    }
    if (!isElement(node) || node.startIndex === null) continue;
    if (node !== block && (SILENT.has(node.name) || leaveOut(node) || isNoiseInBlock(node))) continue;
    // A separator stands on the element's first character ("<"): a one-character span, cut exactly like any leaf.
    if (node.name === 'br') {
      push(node.startIndex, layout === 'pre' ? '\n' : ' ', layout, node.startIndex + 1);
      if (layout === 'pre' && node.endIndex !== null) lineStarts.push(node.endIndex + 1);
    } else if (node !== block && LINE_ELEMENTS.has(node.name)) {
      if (layout === 'pre' && !endsLine()) push(node.startIndex, '\n', layout, node.startIndex + 1);
      else if (layout === 'prose') push(node.startIndex, ' ', layout, node.startIndex + 1);
      if (layout === 'pre') lineStarts.push(node.startIndex);
    }
    const inner: Layout = layout === 'prose' && node.name === 'pre' ? 'pre' : layout === 'prose' && (node.name === 'code' || node.name === 'kbd' || node.name === 'samp') ? 'inline-code' : layout;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], layout: inner });
  }
  return { leaves: out, lineStarts };
}

/**
 * What a piece of a long code block aims at: half a passage, so that two neighbours still make
 * one — in characters of the source (the verbatim text's cap), and in the words a reader sees.
 */
const CODE_PIECE_CHARS = MAX_PASSAGE_CHARS / 2;
/** A passage of the chunker's default size is half the word cap (120 of 240 words). */
const PASSAGE_WORDS = MAX_PASSAGE_WORDS / 2;
const CODE_PIECE_WORDS = PASSAGE_WORDS / 2;

/**
 * A block's span, cut at its code lines into pieces of about CODE_PIECE_CHARS / CODE_PIECE_WORDS
 * when it is longer than one passage of the chunker's default size. Highlighters spend far more
 * markup than text (Docusaurus writes a style attribute per token), so a code block of twenty lines
 * is over that size: left to the chunker's sentence cuts, a passage would start in the middle of a
 * line, or of a tag.
 */
export function codePieces(source: string, start: number, end: number, lineStarts: readonly number[], wordsIn: (from: number, to: number) => number = (from, to) => countWords(source, from, to)): Array<[number, number]> {
  if (end - start <= MAX_PASSAGE_CHARS && wordsIn(start, end) <= PASSAGE_WORDS) return [[start, end]];
  const cuts = [...new Set(lineStarts)].filter((c) => c > start && c < end).sort((a, b) => a - b);
  const pieces: Array<[number, number]> = [];
  let from = start;
  let previous = start;
  const tooLong = (to: number) => to - from > CODE_PIECE_CHARS || wordsIn(from, to) > CODE_PIECE_WORDS;
  for (const cut of [...cuts, end]) {
    if (previous > from && tooLong(cut)) {
      pieces.push([from, previous]);
      from = previous;
    }
    previous = cut;
  }
  pieces.push([from, end]);
  return pieces;
}

/** A <div> with words of its own and no blocks inside (an admonition's title in Docusaurus): a block too. */
function isLooseTextDiv(element: Element): boolean {
  if (element.name !== 'div' || !element.children.some((c) => c.type === 'text' && c.data.trim() !== '')) return false;
  return findElement(element.children, (e) => BLOCKS.has(e.name) || HEADINGS.has(e.name) || LINE_ELEMENTS.has(e.name)) === null;
}

/** The <title> without the site's name after its last separator ("Install — Site 2.4", "Install | Site", "Install - Site"). */
export function titleWithoutSiteName(title: string): string {
  const match = /^(.*?\S)\s+[—–|·-]\s+(?!.*\s[—–|·-]\s)\S.*$/.exec(title);
  return match ? match[1] : title;
}

const compiled = new Map<string, Selector>();
/** Selectors compiled once per build, not once per page. */
function selectorOf(selector: string | undefined): Selector | undefined {
  if (selector === undefined) return undefined;
  let selects = compiled.get(selector);
  if (!selects) {
    selects = compileSelector(selector);
    compiled.set(selector, selects);
  }
  return selects;
}

/** The page's skip: not a document, and why (the build names such pages apart from files it could not read). */
const notADocument = (reason: string): DocumentStructure => ({ ...skippedStructure(reason), skip: { reason, notDocument: true } });

export function htmlStructure(source: string, options: HtmlOptions = {}): DocumentStructure {
  const parsed = parseBounded(source);
  if ('tooDeepAtLine' in parsed) return skippedStructure(`HTML elements nested more than ${MAX_HTML_DEPTH} levels deep (line ${parsed.tooDeepAtLine})`);
  const { document } = parsed;
  const element = (matches: (e: Element) => boolean) => findElement(document.children, matches);
  const titleElement = element((e) => e.name === 'title');
  const htmlTitle = titleElement ? collapse(textContent(titleElement)).trim() || null : null;
  const ogTitle = element((e) => e.name === 'meta' && (e.attribs.property ?? e.attribs.name) === 'og:title')?.attribs.content?.trim() || null;
  const canonical = element((e) => e.name === 'link' && (e.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.attribs.href?.trim() || undefined;

  const found = contentRoots(document, { contentSelector: selectorOf(options.contentSelector), pagefindBody: options.pagefindBody });
  if ('none' in found) return notADocument(found.none);
  const { roots } = found;
  const firstH1 = roots.map((r) => findElement(r.children, (e) => e.name === 'h1')).find((h) => h !== null) ?? null;
  const ownTitle = firstH1 ? headingText(firstH1) || null : null;
  const notDocument = notDocumentReason(document, options.path ?? '', [ownTitle, htmlTitle]);
  if (notDocument) return notADocument(notDocument);

  const ids = pageIds(document);
  const ignore = selectorOf(options.ignoreSelector);
  /** Why an element of the content is left out, or null: the site's own marks first, then chrome. */
  const leftOutReason = (e: Element, inContent: boolean): string | null => {
    if (e.attribs['data-pagefind-ignore'] !== undefined) return 'data-pagefind-ignore';
    if (ignore?.(e)) return '--ignore-selector';
    return chromeReason(e, inContent);
  };
  const leaveOutInBlock = (e: Element) => e.attribs['data-pagefind-ignore'] !== undefined || (ignore?.(e) ?? false);

  let title: string | null = ownTitle ?? (htmlTitle ? titleWithoutSiteName(htmlTitle) : null) ?? ogTitle;
  let titleAnchor: string | null = null;
  const allLeaves: Leaf[] = [];
  const paragraphs: Paragraph[] = [];
  const headings = new HeadingPath();
  const dropped: DroppedBlock[] = [];
  const outline: NonNullable<DocumentStructure['outline']> = [];
  const textOfSpan = (start: number, end: number) => textOf(allLeaves, source, start, end, collapse, 'leaves');
  /** Counts a region with words that is not indexed (scripts and styles are not words). */
  const drop = (e: Element, reason: string) => {
    const span = spanOf(e);
    if (span && collapse(textContent(e)).trim()) dropped.push({ ...span, reason });
  };

  /** Reads one element of the content; false when its children are not to be walked. */
  const visit = (node: ChildNode): boolean => {
    if (!isElement(node) || SILENT.has(node.name)) return false;
    const reason = leftOutReason(node, true);
    if (reason) {
      drop(node, reason);
      return false;
    }
    if (HEADINGS.has(node.name)) {
      const text = headingText(node);
      const anchor = headingAnchor(node, ids, node === firstH1);
      if (node === firstH1) titleAnchor = anchor;
      else {
        headings.enter(Number(node.name[1]), text, anchor);
        outline.push({ depth: Number(node.name[1]), text, anchor });
      }
      return false;
    }
    const span = spanOf(node);
    if (span && (BLOCKS.has(node.name) || isLooseTextDiv(node))) {
      // Each <li>, <td>, <p> is a block of its own: its words never run into the next one's.
      const read = blockLeaves(source, node, leaveOutInBlock);
      const leaves = read.leaves.map((l) => ({ ...l, block: paragraphs.length }));
      if (textOf(leaves, source, span.start, span.end, collapse, 'leaves') === '') return false;
      allLeaves.push(...leaves);
      // The pieces of one code block are one block for the text: a passage spanning two reads on across the cut.
      // Words as the reader sees them: a highlighter's markup is no words (the chunker sizes passages by them).
      const wordsIn = (from: number, to: number) => countWords(textOf(leaves, source, from, to, collapse, 'leaves'));
      for (const [start, end] of codePieces(source, span.start, span.end, read.lineStarts, wordsIn)) paragraphs.push({ ...headings.paragraph(source, start, end, paragraphs.length + 1), words: wordsIn(start, end) });
      return false;
    }
    return true;
  };
  for (const root of roots) {
    const stack: ChildNode[] = [...root.children].reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (visit(node) && 'children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  // Words before the first section are cited at the title's own anchor, where the page opens.
  for (const p of paragraphs) if (p.headingPath.length === 0 && p.anchor === null) p.anchor = titleAnchor;
  dropped.push(...aroundContent(document.children, roots, (e) => leftOutReason(e, false) ?? 'outside the main content'));
  dropped.sort((a, b) => a.start - b.start);

  const titleDerived = title === null;
  const titleFromMetadata = ownTitle === null && !titleDerived;
  title ??= deriveTitle(paragraphs[0] ? textOfSpan(paragraphs[0].start, paragraphs[0].end) : '');
  return {
    title,
    titleDerived,
    author: null,
    paragraphs,
    dropped,
    clean: textOfSpan,
    code: (start, end) => textAndCode(allLeaves, source, start, end, collapse, 'leaves').code,
    outline,
    ...(titleFromMetadata ? { titleFromMetadata } : {}),
    ...(canonical ? { canonical } : {}),
  };
}

/**
 * Everything in <body> with words that is outside the content regions, as the largest regions
 * that hold no content (the header, each sidebar, the footer), each with its reason.
 */
function aroundContent(nodes: ChildNode[], roots: Element[], reasonOf: (e: Element) => string): DroppedBlock[] {
  const body = findElement(nodes, (e) => e.name === 'body');
  if (!body || roots.length === 0 || roots.includes(body)) return [];
  const holdsContent = new Set<ParentNode>();
  for (const root of roots) for (let p = root.parent; p !== null; p = p.parent) holdsContent.add(p);
  const rootSet = new Set<ChildNode>(roots);
  const out: DroppedBlock[] = [];
  const stack: ChildNode[] = [...body.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isElement(node) || rootSet.has(node) || NOT_WORDS.has(node.name)) continue;
    if (holdsContent.has(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
      continue;
    }
    const span = spanOf(node);
    if (span && collapse(textContent(node)).trim()) out.push({ ...span, reason: reasonOf(node) });
  }
  return out;
}

/**
 * Structure of a Markdown/MDX page (CommonMark + GFM + front matter), read with a maintained
 * parser that keeps source positions (mdast-util-from-markdown), so every block is an exact span
 * of the file:
 * - title from front matter `title`, else the first H1 or an opening raw HTML heading (else
 *   derived from the first paragraph); after a banner heading shared by the folder's pages
 *   (markdown-banner.ts, decided across the corpus), the first real heading of any depth;
 * - headings become sections, each block carries its heading path and the heading's anchor
 *   (GitHub/VitePress slug rules via github-slugger; `{#custom-id}` and explicit `<a id>`/`<a name>`
 *   anchors honoured, markdown-anchors.ts);
 * - tables of contents (lists or paragraphs of links into the page or site) are left out and
 *   counted (markdown-toc.ts);
 * - the words a block contributes to BM25 and to its vector (`clean`) are its visible text —
 *   link text without URLs, code kept as code — while markup is structure, not words: front
 *   matter, HTML/JSX, HTML comments, VitePress/Docusaurus `:::` container lines, GitHub alert
 *   markers, MDX import/export lines.
 */
import GithubSlugger from 'github-slugger';
import type { Code, Heading, InlineCode, Nodes, Root, RootContent, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parseDocument } from 'yaml';
import { deriveTitle, type DocumentStructure, type DroppedBlock, HeadingPath, type Paragraph, skippedStructure } from './document.js';
import { textAndCode, textOf, type Leaf } from './leaves.js';
import { anchorsIn, anchorsInHtml } from './markdown-anchors.js';
import { collapsedSource, htmlHeadingText } from './markdown-banner.js';
import { deepNesting } from './markdown-nesting.js';
import { isTableOfContents, TABLE_OF_CONTENTS } from './markdown-toc.js';

/** `::: tip Title`, `:::warning`, `::: code-group`, closing `:::` — container markers, not words. */
const CONTAINER_LINE = /^[ \t]*:{3,}.*$/;
/** MDX module lines. */
const MDX_MODULE_LINE = /^(?:import|export)\s/;
/** MDX/JSX component tags (capitalised), which CommonMark reads as text when their attributes hold `{…}`. */
const JSX_TAG = /<\/?[A-Z][\w.]*(?:\s(?:[^<>{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*)?\/?>/g;
/** GitHub alert markers: `> [!NOTE]` … */
const ALERT_MARKER = /^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;
/** `## Heading {#custom-id}` (VitePress, Docusaurus). */
const CUSTOM_ID = /\s*\{#([\w-]+)\}\s*$/;

const offset = (node: Nodes, side: 'start' | 'end') => node.position?.[side].offset ?? 0;

/**
 * Visible text leaves of a node, in order, with their source offsets. A leaf whose value stands
 * verbatim in the source (code between its fences, inline code between its backticks, text without
 * escapes) gets exactly that span, so a passage cut through it gets exactly its share. The tree is
 * walked with an explicit stack: its depth is the input's (emphasis nests as deep as it is written).
 */
function leaves(root: Nodes, source: string): Leaf[] {
  const out: Leaf[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    switch (node.type) {
      case 'text':
        out.push(leafOf(node, node.value, 'prose', source));
        break;
      case 'inlineCode':
      case 'code':
        out.push(leafOf(node, node.value, 'code', source));
        break;
      case 'html':
      case 'yaml':
      case 'image':
      case 'imageReference':
      case 'definition':
        break;
      default:
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return out;
}

function leafOf(node: Text | InlineCode | Code, value: string, kind: Leaf['kind'], source: string): Leaf {
  const start = offset(node, 'start');
  const end = offset(node, 'end');
  // Searched within the node only: a value that is not verbatim (escapes) must not scan the rest of the file.
  const at = value === '' ? -1 : source.slice(start, end).indexOf(value);
  return at >= 0 ? { start: start + at, end: start + at + value.length, value, kind } : { start, end, value, kind };
}

function headingText(heading: Heading, source: string): { text: string; customId: string | null } {
  const text = leaves(heading, source)
    .map((l) => l.value)
    .join('')
    .trim();
  const custom = CUSTOM_ID.exec(text);
  return custom ? { text: text.slice(0, custom.index).trim(), customId: custom[1] } : { text, customId: null };
}

/** The words of a text leaf: its lines minus markup lines, JSX tags and alert markers. */
function visibleText(value: string, mdx: boolean): string {
  const lines = value.split('\n').filter((line) => !CONTAINER_LINE.test(line) && !(mdx && MDX_MODULE_LINE.test(line)));
  const text = lines.join('\n').replace(ALERT_MARKER, '');
  return mdx ? text.replace(JSX_TAG, '') : text;
}

export interface MarkdownStructure extends DocumentStructure {
  /** Front matter fields (title, description, tags, …), or null. */
  metadata: Record<string, unknown> | null;
}

/** Aliases a front matter may expand: a few anchors are normal, an "alias bomb" expands exponentially. */
export const MAX_YAML_ALIASES = 100;

/**
 * Front matter fields, or null with the reason they were left out: malformed YAML, an alias
 * bomb, or something other than a mapping of fields. `firstLine` is the file's line of the
 * opening `---`, so YAML's line numbers are reported as the file's.
 */
export function frontMatter(yaml: string, firstLine: number): { metadata: Record<string, unknown> | null; warning: string | null } {
  const ignored = (why: string) => ({ metadata: null, warning: `front matter ignored (${why}): the page has no metadata` });
  try {
    const document = parseDocument(yaml);
    const [error] = document.errors;
    if (error) {
      // yaml's messages end with " at line L, column C:" and a code frame; the file's line is clearer.
      const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const line = error.linePos ? `line ${firstLine + error.linePos[0].line}: ` : '';
      return ignored(`${line}${what}`);
    }
    const value: unknown = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    if (value === null || value === undefined) return { metadata: null, warning: null };
    if (typeof value !== 'object' || Array.isArray(value)) return ignored(`it is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not fields`);
    return { metadata: value as Record<string, unknown>, warning: null };
  } catch (error) {
    // toJS throws a ReferenceError when aliases expand past the limit.
    const message = error instanceof Error ? error.message : String(error);
    return ignored(/alias/i.test(message) ? `its YAML aliases expand more than the limit of ${MAX_YAML_ALIASES} allows` : message);
  }
}

export interface MarkdownOptions {
  /** MDX: module lines and JSX tags are markup. */
  mdx?: boolean;
  /**
   * The banner heading this page opens with, as bannerHeadings() found it across the corpus (the
   * same atop the pages of a folder): left out, and the page's first real heading is its title.
   */
  banner?: string | null;
  /** The site's base URL: links under it lead into the site (for telling a table of contents). */
  siteUrl?: string | null;
}

/** Why a banner heading is left out (the build summary counts them). */
export const BANNER_HEADING = 'banner heading (shared by the pages of a folder)';

/** The index of the page's first block that is content (not front matter, a comment or a link definition), or -1. */
function openingBlock(children: RootContent[]): number {
  return children.findIndex((n) => n.type !== 'yaml' && n.type !== 'definition' && !(n.type === 'html' && /^\s*(?:<!--[\s\S]*?-->\s*)*$/.test(n.value)));
}

/** Whether the heading at `at` heads only tables of contents, up to the next heading. */
function sectionIsOnlyContents(children: RootContent[], at: number, contents: ReadonlySet<number>): boolean {
  let found = false;
  for (let i = at + 1; i < children.length && children[i].type !== 'heading'; i++) {
    if (contents.has(i)) found = true;
    else if (children[i].type !== 'definition' && children[i].type !== 'html') return false;
  }
  return found;
}

export function markdownStructure(source: string, options: MarkdownOptions = {}): MarkdownStructure {
  // Checked before parsing: the parser's time and stack grow faster than the file on deep nesting.
  const tooDeep = deepNesting(source);
  if (tooDeep) return { ...skippedStructure(tooDeep), metadata: null };
  const tree: Root = fromMarkdown(source, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] });
  const mdx = options.mdx ?? false;
  // Prose loses its markup lines and tags; code keeps every character (people search for API names).
  const visible = (prose: string) => visibleText(prose, mdx);
  const textOfSpan = (start: number, end: number) => textOf(allLeaves, source, start, end, visible);
  const slugger = new GithubSlugger();

  let metadata: Record<string, unknown> | null = null;
  let title: string | null = null;
  const headings = new HeadingPath();
  const paragraphs: Paragraph[] = [];
  const dropped: DroppedBlock[] = [];
  const warnings: string[] = [];
  const allLeaves: Leaf[] = [];

  const children = tree.children as RootContent[];
  const definitions = new Map(children.flatMap((n) => (n.type === 'definition' ? [[n.identifier.toLowerCase(), n.url] as const] : [])));
  const contents = new Set(children.flatMap((n, i) => (isTableOfContents(n, definitions, options.siteUrl ?? null) ? [i] : [])));
  const opening = openingBlock(children);
  const bannerAt = options.banner && opening >= 0 && collapsedSource(source.slice(offset(children[opening], 'start'), offset(children[opening], 'end'))).startsWith(options.banner) ? opening : -1;
  // After a banner, the page's title is its first real heading, whatever its depth.
  const titleFromFirstHeading = bannerAt >= 0;
  /** An explicit anchor written just before a heading, for that heading. */
  let anchorForNextHeading: string | null = null;
  /** Whether a heading or words have come yet: before them, raw HTML is a README's logo, badges and title. */
  let pageStarted = false;
  /** `<a id>` before a heading names that heading's section; elsewhere, the section from there on. */
  const placeAnchor = (anchor: string, at: number) => {
    if (children[at + 1]?.type === 'heading') anchorForNextHeading = anchor;
    else headings.mark(anchor);
  };

  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    const start = offset(node, 'start');
    const end = offset(node, 'end');
    if (node.type === 'yaml') {
      // Front matter that cannot be read is left out (never indexed as text), and the author is told.
      const read = frontMatter(node.value, node.position?.start.line ?? 1);
      metadata = read.metadata;
      if (read.warning) warnings.push(read.warning);
      if (typeof metadata?.title === 'string') title = metadata.title;
      continue;
    }
    if (i === bannerAt) {
      dropped.push({ start, end, reason: BANNER_HEADING });
      // A `#` banner still takes its slug: GitHub numbers the headings after it accordingly.
      if (node.type === 'heading') slugger.slug(headingText(node, source).text);
      continue;
    }
    if (node.type === 'heading') {
      pageStarted = true;
      const { text, customId } = headingText(node, source);
      const slug = customId ?? slugger.slug(text);
      const anchor = anchorsIn(node)[0] ?? anchorForNextHeading ?? slug;
      anchorForNextHeading = null;
      // A heading over nothing but a table of contents ("## Contents") heads no passage, and after a
      // banner it is not the title either (an H1 over its page's contents still is).
      const overContentsOnly = sectionIsOnlyContents(children, i, contents);
      if (title === null && (titleFromFirstHeading ? !overContentsOnly : node.depth === 1 && paragraphs.length === 0)) {
        title = text;
        continue;
      }
      if (overContentsOnly) continue;
      headings.enter(node.depth, text, anchor);
      continue;
    }
    if (node.type === 'html') {
      const anchors = anchorsInHtml(node.value);
      if (anchors.length) placeAnchor(anchors[0], i);
      // A README's `<h1 align="center">Acme</h1>` (not a banner shared by its folder) is its title.
      const htmlTitle: string | null = !pageStarted && title === null ? htmlHeadingText(node.value) : null;
      pageStarted ||= htmlTitle !== null;
      if (htmlTitle !== null) {
        title = htmlTitle;
        continue;
      }
      // Raw HTML is left out; when it carries words (not just tags or a comment), say so.
      if (node.value.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '').trim()) {
        pageStarted = true;
        dropped.push({ start, end, reason: 'HTML block' });
      }
      continue;
    }
    if (node.type === 'definition') continue;
    pageStarted = true;
    if (contents.has(i)) {
      dropped.push({ start, end, reason: TABLE_OF_CONTENTS });
      continue;
    }
    const blockLeaves = leaves(node, source);
    const hasWords = textOf(blockLeaves, source, start, end, visible) !== '';
    const [anchor] = anchorsIn(node);
    if (anchor !== undefined) {
      // `<a id="x"></a>` alone on a line is a paragraph of inline HTML without words.
      if (hasWords) headings.mark(anchor);
      else placeAnchor(anchor, i);
    }
    if (!hasWords) continue;
    allLeaves.push(...blockLeaves);
    paragraphs.push(headings.paragraph(source, start, end, paragraphs.length + 1));
  }
  const titleDerived = title === null;
  return {
    title: title ?? deriveTitle(paragraphs[0] ? textOfSpan(paragraphs[0].start, paragraphs[0].end) : ''),
    titleDerived,
    author: typeof metadata?.author === 'string' ? metadata.author : null,
    paragraphs,
    dropped,
    metadata,
    ...(warnings.length ? { warnings } : {}),
    clean: textOfSpan,
    code: (start, end) => textAndCode(allLeaves, source, start, end, visible).code,
  };
}

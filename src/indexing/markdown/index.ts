/**
 * Structure of a Markdown/MDX page (CommonMark + GFM + front matter), read with a maintained
 * parser that keeps source positions (mdast-util-from-markdown), so every block is an exact span
 * of the file:
 * - title from front matter `title`, else the first H1 (else derived from the first paragraph);
 * - headings become sections, each block carries its heading path and the heading's anchor
 *   (GitHub/VitePress slug rules via github-slugger; `{#custom-id}` honoured);
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
import { parse as parseYaml } from 'yaml';
import { deriveTitle, type DocumentStructure, type DroppedBlock, type Paragraph } from '../structure/index.js';
import { textAndCode, textOf, type Leaf } from '../structure/leaves.js';


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
 * escapes) gets exactly that span, so a passage cut through it gets exactly its share.
 */
function leaves(node: Nodes, out: Leaf[], source: string): Leaf[] {
  const push = (value: string, kind: Leaf['kind']) => {
    const start = offset(node, 'start');
    const end = offset(node, 'end');
    const at = value === '' ? -1 : source.indexOf(value, start);
    const exact = at >= 0 && at + value.length <= end;
    out.push({ start: exact ? at : start, end: exact ? at + value.length : end, value, kind });
  };
  switch (node.type) {
    case 'text':
      push((node as Text).value, 'prose');
      return out;
    case 'inlineCode':
      push((node as InlineCode).value, 'code');
      return out;
    case 'code':
      push((node as Code).value, 'code');
      return out;
    case 'html':
    case 'yaml':
    case 'image':
    case 'imageReference':
    case 'definition':
      return out;
    default:
      if ('children' in node) for (const child of node.children) leaves(child as Nodes, out, source);
      return out;
  }
}

function headingText(heading: Heading, source: string): { text: string; customId: string | null } {
  const text = leaves(heading, [], source)
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

export function markdownStructure(source: string, options: { mdx?: boolean } = {}): MarkdownStructure {
  const tree: Root = fromMarkdown(source, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] });
  const mdx = options.mdx ?? false;
  // Prose loses its markup lines and tags; code keeps every character (people search for API names).
  const visible = (prose: string) => visibleText(prose, mdx);
  const textOfSpan = (start: number, end: number) => textOf(allLeaves, source, start, end, visible);
  const slugger = new GithubSlugger();

  let metadata: Record<string, unknown> | null = null;
  let title: string | null = null;
  const path: Array<{ depth: number; text: string }> = [];
  let anchor: string | null = null;
  const paragraphs: Paragraph[] = [];
  const dropped: DroppedBlock[] = [];
  const allLeaves: Leaf[] = [];

  for (const node of tree.children as RootContent[]) {
    if (node.type === 'yaml') {
      try {
        const parsed = parseYaml(node.value) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) metadata = parsed as Record<string, unknown>;
      } catch {
        metadata = null; // malformed front matter is left out, not indexed as text
      }
      if (typeof metadata?.title === 'string') title = metadata.title;
      continue;
    }
    if (node.type === 'heading') {
      const { text, customId } = headingText(node, source);
      const slug = customId ?? slugger.slug(text);
      if (node.depth === 1 && title === null && paragraphs.length === 0) {
        title = text;
        continue;
      }
      while (path.length && path[path.length - 1].depth >= node.depth) path.pop();
      path.push({ depth: node.depth, text });
      anchor = slug;
      continue;
    }
    if (node.type === 'html') {
      // Raw HTML is left out; when it carries words (not just tags or a comment), say so.
      if (node.value.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '').trim()) dropped.push({ start: offset(node, 'start'), end: offset(node, 'end'), reason: 'HTML block' });
      continue;
    }
    if (node.type === 'definition') continue;
    const start = offset(node, 'start');
    const end = offset(node, 'end');
    const blockLeaves = leaves(node, [], source);
    if (textOf(blockLeaves, source, start, end, visible) === '') continue;
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
  }
  const titleDerived = title === null;
  return {
    title: title ?? deriveTitle(paragraphs[0] ? textOfSpan(paragraphs[0].start, paragraphs[0].end) : ''),
    titleDerived,
    author: typeof metadata?.author === 'string' ? metadata.author : null,
    paragraphs,
    dropped,
    metadata,
    clean: textOfSpan,
    code: (start, end) => textAndCode(allLeaves, source, start, end, visible).code,
  };
}

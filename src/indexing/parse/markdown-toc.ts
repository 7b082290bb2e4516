/**
 * Tables of contents in Markdown: a list or paragraph that is only links into the page or the
 * site ("- [Routes](#routes)\n  - [Options](#options)", "[Intro](./intro.md) · [API](./api.md)").
 * They hold no answer, yet their words are every section's headings, so they rank first for many
 * questions: they are left out of the passages (and counted as left out).
 */
import type { Nodes, RootContent } from 'mdast';

export const TABLE_OF_CONTENTS = 'table of contents (link-only list)';

/** Fewer links than this is a link in a sentence of its own, not a table of contents. */
const MIN_LINKS = 2;
/** What may stand between the links: separators and list punctuation. */
const SEPARATORS = /^[\s,;:|/·•–—\-()[\]]*$/;
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** Whether a link target stays on the page or the site: a fragment, a relative path, or under the site's base URL. */
export function isInternalLink(url: string, siteUrl: string | null): boolean {
  const target = url.trim();
  if (siteUrl && target.startsWith(siteUrl)) return true;
  return !SCHEME.test(target) && !target.startsWith('//');
}

/**
 * Whether a top-level block is a table of contents: a list or paragraph whose every word is the
 * text of a link into the page or site, with at least MIN_LINKS links. `definitions` resolves
 * reference links (`[Intro][intro]`).
 */
export function isTableOfContents(block: RootContent, definitions: ReadonlyMap<string, string>, siteUrl: string | null): boolean {
  if (block.type !== 'list' && block.type !== 'paragraph') return false;
  let links = 0;
  const stack: Nodes[] = [block];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    switch (node.type) {
      case 'link':
      case 'linkReference': {
        const url = node.type === 'link' ? node.url : definitions.get(node.identifier.toLowerCase());
        if (url === undefined || !isInternalLink(url, siteUrl)) return false;
        links++;
        break;
      }
      case 'text':
        if (!SEPARATORS.test(node.value)) return false;
        break;
      case 'list':
      case 'listItem':
      case 'paragraph':
      case 'emphasis':
      case 'strong':
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
        break;
      case 'html':
      case 'break':
        break;
      default:
        // Code, tables, quotes, images outside a link: the block says something of its own.
        return false;
    }
  }
  return links >= MIN_LINKS;
}

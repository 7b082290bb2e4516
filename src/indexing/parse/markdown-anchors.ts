/**
 * Explicit anchors in Markdown: `<a id="errors"></a>` or `<a name="errors">` written before, in or
 * after a heading, which repos use for stable links that outlive a heading's wording.
 */
import type { Nodes } from 'mdast';

const ANCHOR_TAG = /<a\s(?:[^>]*?\s)?(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s"'>]+))/gi;

/** The ids of the `<a id>`/`<a name>` tags in a piece of HTML, in order. */
export function anchorsInHtml(html: string): string[] {
  return [...html.matchAll(ANCHOR_TAG)].map((m) => (m[1] ?? m[2] ?? m[3]).trim()).filter(Boolean);
}

/** The explicit anchors of a block: those in its raw HTML, its own or inline. */
export function anchorsIn(node: Nodes): string[] {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'html') out.push(...anchorsInHtml(n.value));
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

/**
 * Visible text of structured documents (Markdown, HTML) as "leaves": runs of words with their
 * offsets in the source. A passage's indexed words are the leaves inside its span, clipped to it,
 * joined as the source separates them — so any span the chunker cuts (a whole section, a window of
 * sentences inside one long paragraph) gets exactly its own words.
 */
import { MAX_PASSAGE_CHARS } from '../../core/records.js';

export interface Leaf {
  start: number;
  end: number;
  /** The words as the parser decoded them (entities and escapes resolved). */
  value: string;
  /** Code keeps every character; prose may lose markup (`visible`). */
  kind: 'prose' | 'code';
  /** The block (paragraph, list item, cell) it belongs to: a new block starts a new line. */
  block?: number;
}

/**
 * The part of a leaf inside [start, end). When the decoded value has the source's length (no
 * entity or escape), offsets map one to one and the leaf is cut exactly. Otherwise a leaf of
 * passage size is kept whole when it starts inside the span (a decoded `&amp;` shifts offsets by a
 * few characters at most); a longer one — a megabyte line with one entity, cut into many passages —
 * is cut in proportion, so each passage gets about its own words, never the whole line.
 */
function clip(leaf: Leaf, start: number, end: number): Leaf | null {
  if (leaf.end <= start || leaf.start >= end) return null;
  if (leaf.start >= start && leaf.end <= end) return leaf;
  const from = Math.max(start, leaf.start);
  const to = Math.min(end, leaf.end);
  const sourceLength = leaf.end - leaf.start;
  if (leaf.value.length === sourceLength) return { ...leaf, start: from, end: to, value: leaf.value.slice(from - leaf.start, to - leaf.start) };
  if (sourceLength <= MAX_PASSAGE_CHARS) return leaf.start >= start ? leaf : null;
  const ratio = leaf.value.length / sourceLength;
  return { ...leaf, start: from, end: to, value: leaf.value.slice(Math.round((from - leaf.start) * ratio), Math.round((to - leaf.start) * ratio)) };
}

/**
 * The visible text of `source[start, end)`: its leaves clipped to the span, prose passed through
 * `visible`, separated as the source separates them (a line break, a space, or nothing — a link's
 * URL between two words is no space).
 */
export function textOf(leaves: Leaf[], source: string, start: number, end: number, visible: (prose: string) => string = (t) => t, spacing: Spacing = 'source'): string {
  return assemble(leaves, source, start, end, visible, false, spacing);
}

/**
 * Where the spaces between leaves come from. 'source': the markup between two leaves (Markdown,
 * where a line break or a space between two words is not a text node). 'leaves': only the leaves
 * themselves (HTML, where every visible space is a text node and the markup between two highlighter
 * <span>s is no space, however many attributes it has).
 */
export type Spacing = 'source' | 'leaves';

/** Private-use characters bracketing code while the text is assembled; never in the output. */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * `textOf` and the ranges of it that are code ([start, end) offsets), so a reader can be shown
 * code as code. The ranges are found by assembling the text once more with code bracketed; if the
 * whitespace clean-up moved a bracket (code ending in spaces at a line end), no ranges are given
 * rather than wrong ones.
 */
export function textAndCode(leaves: Leaf[], source: string, start: number, end: number, visible: (prose: string) => string = (t) => t, spacing: Spacing = 'source'): { text: string; code: Array<[number, number]> } {
  const text = textOf(leaves, source, start, end, visible, spacing);
  const marked = assemble(leaves, source, start, end, visible, true, spacing);
  const code: Array<[number, number]> = [];
  let plain = '';
  let from = -1;
  for (const ch of marked) {
    if (ch === OPEN) from = plain.length;
    else if (ch === CLOSE) {
      if (from >= 0 && plain.length > from) {
        const last = code[code.length - 1];
        if (last && last[1] === from) last[1] = plain.length;
        else code.push([from, plain.length]);
      }
      from = -1;
    } else plain += ch;
  }
  return plain === text ? { text, code } : { text, code: [] };
}

/** Leaves in source order (as parsers give them): the prefix maximum of their ends, for binary search. */
interface LeafOrder {
  length: number;
  sorted: boolean;
  maxEnd: number[];
}

/** Per leaf array, built on first use: every passage asks for its span's words, and a page has thousands. */
const orders = new WeakMap<readonly Leaf[], LeafOrder>();

/**
 * Where to start looking for the leaves inside [start, …): the first leaf that may reach past
 * `start`, so a span costs its own leaves rather than the whole page's. Leaves out of source
 * order (never produced by the parsers) are scanned from the first.
 */
function firstReaching(leaves: readonly Leaf[], start: number): { from: number; sorted: boolean } {
  let order = orders.get(leaves);
  // The arrays only grow while a page is read; a new length means a new order.
  if (order?.length !== leaves.length) {
    const maxEnd: number[] = [];
    let sorted = true;
    leaves.forEach((leaf, i) => {
      maxEnd.push(Math.max(leaf.end, maxEnd[i - 1] ?? -Infinity));
      if (i > 0 && leaf.start < leaves[i - 1].start) sorted = false;
    });
    order = { length: leaves.length, sorted, maxEnd };
    orders.set(leaves, order);
  }
  if (!order.sorted) return { from: 0, sorted: false };
  let low = 0;
  let high = leaves.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order.maxEnd[middle] > start) high = middle;
    else low = middle + 1;
  }
  return { from: low, sorted: true };
}

function assemble(leaves: Leaf[], source: string, start: number, end: number, visible: (prose: string) => string, markCode: boolean, spacing: Spacing): string {
  let out = '';
  let previousEnd = -1;
  let previousBlock: number | undefined;
  const { from, sorted } = firstReaching(leaves, start);
  for (let i = from; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (sorted && leaf.start >= end) break;
    const part = clip(leaf, start, end);
    if (!part) continue;
    let value = part.kind === 'prose' ? visible(part.value) : part.value;
    if (value === '') continue;
    if (spacing === 'leaves') {
      const newBlock = out !== '' && part.block !== previousBlock;
      // Spaces of the source's layout (indentation between tags, the space after a block) are not the text's.
      if (part.kind === 'prose' && (out === '' || newBlock || /\s[\uE000\uE001]*$/.test(out))) value = value.replace(/^\s+/, '');
      else if (part.kind === 'code' && newBlock) value = value.replace(/^\r?\n/, '');
      if (value === '') continue;
      if (newBlock) out += '\n';
    } else if (out && part.block !== previousBlock) out += '\n';
    else if (out && part.start > previousEnd) {
      const gap = source.slice(previousEnd, part.start);
      if (gap.includes('\n')) out += '\n';
      else if (/\s/.test(gap)) out += ' ';
    }
    out += markCode && part.kind === 'code' ? OPEN + value + CLOSE : value;
    previousEnd = part.end;
    previousBlock = part.block;
  }
  if (spacing === 'source') return out.replace(/[ \t]+\n/g, '\n').replace(/\n{2,}/g, '\n').trim();
  // With the leaves' own spacing, blank lines are the code's (prose has none left): they stay, and so
  // does the indentation of a passage's first line of code. The code brackets are looked through, so
  // that the bracketed text cleans up exactly as the plain one.
  return out
    .replace(/[ \t]+([\uE000\uE001]*)\n/g, '$1\n')
    .replace(/^([\uE000\uE001]*)\n+/, '$1')
    .replace(/\s+([\uE000\uE001]*)$/, '$1');
}

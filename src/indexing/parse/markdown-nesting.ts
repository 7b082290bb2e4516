/**
 * A linear pre-scan that finds Markdown the parser cannot read in bounded time, before it is
 * parsed. micromark checks every open container (list item, blockquote) on every line and
 * re-scans pending emphasis openers and link brackets at every closer, so a few kilobytes nested
 * thousands deep take minutes, gigabytes and finally the stack. The scan computes an upper bound
 * on both; real pages stay far below the limits (markdown-it caps nesting at 100 too).
 */

/** Containers (list items, blockquotes) open at once. */
export const MAX_CONTAINER_DEPTH = 100;
/** Emphasis markers (`*`, `_`) or link brackets of one kind pending when a closer of that kind matches: the nesting it closes. */
export const MAX_OPEN_INLINE = 200;

const isBlank = (ch: string) => ch === ' ' || ch === '\t';
const isWhitespace = (ch: string) => ch === '' || /\s/u.test(ch);
const isPunctuation = (ch: string) => /[\p{P}\p{S}]/u.test(ch);

/** Length of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `at` when one starts a container there, else 0. */
function listMarkerLength(line: string, at: number): number {
  const ch = line[at];
  let end = at;
  if (ch === '-' || ch === '*' || ch === '+') end = at + 1;
  else {
    while (end < line.length && end - at < 9 && line[end] >= '0' && line[end] <= '9') end++;
    if (end === at || (line[end] !== '.' && line[end] !== ')')) return 0;
    end++;
  }
  return end === line.length || isBlank(line[end]) ? end - at : 0;
}

/**
 * Upper bound on the containers open on a line: the new ones need a marker each; continued list
 * items need at least two columns of indentation each and blockquotes a `>` each, never more than
 * the previous line had open; a lazy continuation line (no markers at all) may keep them all.
 */
function containerDepth(line: string, previousDepth: number, continuesParagraph: boolean): { depth: number; contentStart: number } {
  let columns = 0;
  let quotes = 0;
  let markers = 0;
  let at = 0;
  while (at < line.length) {
    const ch = line[at];
    if (ch === ' ') columns += 1;
    else if (ch === '\t') columns += 4;
    else if (ch === '>') quotes += 1;
    else {
      const marker = listMarkerLength(line, at);
      if (marker === 0) break;
      markers += 1;
      at += marker;
      continue;
    }
    at += 1;
  }
  const opened = Math.min(previousDepth, quotes + Math.floor(columns / 2)) + quotes + markers;
  return { depth: continuesParagraph ? Math.max(opened, previousDepth) : opened, contentStart: at };
}

/**
 * The paragraph being scanned: emphasis markers and brackets waiting for their closer, and how many
 * marker runs and brackets it has had so far.
 */
interface Paragraph {
  pending: { '*': number; _: number; '[': number };
  runs: number;
}

const newParagraph = (): Paragraph => ({ pending: { '*': 0, _: 0, '[': 0 }, runs: 0 });

/**
 * Scans a line's emphasis runs and brackets by CommonMark's flanking rules. A closer that finds
 * pending markers of its kind matches them (a run of n markers nests n levels deep): the largest
 * number of its kind pending at a match is returned as `nesting`. Code is counted too (the scan
 * cannot tell a fence from text it only looks like), so only hundreds of openers of one kind
 * before a closer of that kind in one blank-free run of lines count. A closer that finds none makes
 * micromark look back through the whole paragraph: `fruitless` adds up how far.
 */
function scanInline(line: string, from: number, paragraph: Paragraph): { nesting: number; fruitless: number } {
  const { pending } = paragraph;
  let nesting = 0;
  let fruitless = 0;
  for (let at = from; at < line.length; at++) {
    const ch = line[at];
    if (ch === '\\') {
      at++; // an escaped character is text
    } else if (ch === '[') {
      paragraph.runs++;
      pending['[']++;
    } else if (ch === ']') {
      paragraph.runs++;
      if (pending['['] > 0) {
        nesting = Math.max(nesting, pending['[']);
        pending['[']--;
      } else fruitless += paragraph.runs;
    } else if (ch === '*' || ch === '_') {
      let end = at;
      while (end < line.length && line[end] === ch) end++;
      const before = line[at - 1] ?? '';
      const after = line[end] ?? '';
      const leftFlanking = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
      const rightFlanking = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
      const canOpen = ch === '*' ? leftFlanking : leftFlanking && (!rightFlanking || isPunctuation(before));
      const canClose = ch === '*' ? rightFlanking : rightFlanking && (!leftFlanking || isPunctuation(after));
      const length = end - at;
      paragraph.runs++;
      if (canClose && pending[ch] > 0) {
        nesting = Math.max(nesting, pending[ch]);
        pending[ch] = Math.max(0, pending[ch] - length);
      } else {
        if (canClose) fruitless += paragraph.runs;
        if (canOpen) pending[ch] += length;
      }
      at = end - 1;
    }
  }
  return { nesting, fruitless };
}

/**
 * How far micromark may look back for closers that close nothing, per character of the file:
 * a page of prose stays near zero; thousands of stray closers in one paragraph are quadratic.
 */
const FRUITLESS_LOOKBACK_PER_CHAR = 100;
const FRUITLESS_LOOKBACK_ALLOWANCE = 1_000_000;

/**
 * Why `source` is too deeply nested to parse (naming the line), or null. One pass, O(length):
 * safe to run on any input before the parser sees it.
 */
export function deepNesting(source: string): string | null {
  let depth = 0;
  let previousBlank = true;
  let paragraph = newParagraph();
  let fruitless = 0;
  const fruitlessLimit = FRUITLESS_LOOKBACK_ALLOWANCE + FRUITLESS_LOOKBACK_PER_CHAR * source.length;
  let lineNumber = 0;
  // CommonMark line endings: \n, \r\n and a lone \r.
  for (const line of source.split(/\r\n|\r|\n/)) {
    lineNumber++;
    let blank = true;
    for (let i = 0; i < line.length && blank; i++) blank = isBlank(line[i]);
    if (blank) {
      // A blank line ends the paragraph (and its pending markers); list items may stay open.
      previousBlank = true;
      paragraph = newParagraph();
      continue;
    }
    const { depth: lineDepth, contentStart } = containerDepth(line, depth, !previousBlank);
    depth = lineDepth;
    previousBlank = false;
    if (depth > MAX_CONTAINER_DEPTH) {
      return `lists or blockquotes nested more than ${MAX_CONTAINER_DEPTH} levels deep (line ${lineNumber})`;
    }
    const inline = scanInline(line, contentStart, paragraph);
    if (inline.nesting > MAX_OPEN_INLINE) {
      return `emphasis or links nested more than ${MAX_OPEN_INLINE} levels deep in one paragraph (line ${lineNumber})`;
    }
    fruitless += inline.fruitless;
    if (fruitless > fruitlessLimit) {
      return `too many emphasis markers or brackets that close nothing in one paragraph (line ${lineNumber})`;
    }
  }
  return null;
}

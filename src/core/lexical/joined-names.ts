/**
 * File names and dotted paths the corpus writes (`vitest.config.ts`, `cy.intercept`, `os.path`),
 * as a sorted set of 32-bit hashes built with the index. BM25 reads `go.mod` as the words "go" and
 * "mod", which a Rust book has plenty of — so without this, a question about another ecosystem's
 * file looks seen. A name is a chain of parts joined by `.`, `_`, `/` or `:` — one joiner not a
 * slash ("and/or", "async/await" are words; "src/main.rs" is a name) — without digits (versions
 * and numbers are paraphrased as often as not) and with two letters in a row ("e.g." is no name);
 * lower case. Every run of two or more consecutive segments (split at `.`, `/`, `:`) of a written
 * name counts as written (`config.ts` of `vitest.config.ts`), and so does each snake_case segment.
 * Hashes, not strings: four bytes a name, and a lookup is a binary search; a collision (about one
 * in 10⁴ at 400,000 names) only makes an unseen name count as seen, as it did before. A chain with
 * a digit anywhere is left out whole, so a name written only inside a versioned path
 * (`python3.11/os.path`) is not recorded from there.
 */

/** A chain's parts, joined by `.`, `_`, `/` or `:`; a leading dot (".mocharc.yml") belongs to no part. */
const CHAIN = /[\p{L}\p{N}]+(?:[._/:]+[\p{L}\p{N}]+)+/gu;
/** A joiner other than the slash: a chain of slashes alone is words, not a name. */
const NAME_JOINER = /[._:]/u;
const SEGMENT_JOINER = /[./:]+/u;
/** "e.g." and "U.S." are abbreviations: a name has two letters in a row somewhere. */
const LETTERS = /\p{L}{2}/u;
const DIGIT = /\p{N}/u;
/** A chain of more parts contributes its pairs and itself, not every run (a long URL would add dozens). */
const ALL_RUNS_UP_TO = 4;

/** 32-bit FNV-1a over the UTF-16 code units: the same on both sides, no dependency. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The segments of `word` when it is a name this set holds (split at `.`, `/` and `:`; a snake_case
 * segment stays whole), or null for a plain word, words joined by slashes, a number or an abbreviation.
 */
export function nameParts(word: string): string[] | null {
  const chain = word.normalize('NFKC').toLowerCase().replace(/^[._/:]+|[._/:]+$/gu, '');
  if (!NAME_JOINER.test(chain) || DIGIT.test(chain) || !LETTERS.test(chain)) return null;
  const segments = chain.split(SEGMENT_JOINER);
  return segments.some((s) => s === '' || s.startsWith('_') || s.endsWith('_')) ? null : segments;
}

/** Each name of `text` and the runs of its segments that count as written too (snake_case segments are names of their own). */
function namesIn(text: string, out: Set<number>): void {
  for (const m of text.normalize('NFKC').matchAll(CHAIN)) {
    const segments = nameParts(m[0]);
    if (!segments) continue;
    out.add(nameHash(segments.join('.')));
    const longest = segments.length <= ALL_RUNS_UP_TO ? segments.length - 1 : 2;
    for (let length = 2; length <= longest; length++) for (let i = 0; i + length <= segments.length; i++) out.add(nameHash(segments.slice(i, i + length).join('.')));
    for (const segment of segments) if (segment.includes('_')) out.add(nameHash(segment));
  }
}

/** The sorted, distinct hashes of the names `texts` write (built with the index: deterministic). */
export function buildJoinedNames(texts: Iterable<string>): Uint32Array {
  const hashes = new Set<number>();
  for (const text of texts) namesIn(text, hashes);
  return Uint32Array.from(hashes).sort();
}

/** Whether the corpus writes `word` as a name, by binary search in `names` (from buildJoinedNames). */
export function writesName(names: Uint32Array, word: string): boolean {
  const segments = nameParts(word);
  return segments !== null && holds(names, nameHash(segments.join('.')));
}

/** Whether `word` is a name (a file name, a dotted path) that the corpus never writes whole. */
export function isUnwrittenName(names: Uint32Array, word: string): boolean {
  const segments = nameParts(word);
  return segments !== null && !holds(names, nameHash(segments.join('.')));
}

function holds(names: Uint32Array, hash: number): boolean {
  let lo = 0;
  let hi = names.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid] === hash) return true;
    if (names[mid] < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The BM25 vocabulary as bytes: every term's UTF-8, in the index's term order (JavaScript's default
 * string order: UTF-16 code units), one after another, and an offsets table (term t is bytes
 * [offsets[t], offsets[t+1])). Shared by the bundled artifact and the static-assets lexicon, which
 * store both as typed-array sections: opening an index views them where they lie, instead of
 * decoding every term into a string and a Map (the larger part of opening a big index). A term is
 * found by binary search, comparing the query's UTF-16 code units with the stored bytes decoded on
 * the fly — about 18 probes for 250,000 terms, no string built.
 */
const utf8 = new TextEncoder();
const decoder = new TextDecoder();

export class TermDictionary implements Iterable<string> {
  /** Views, as stored; a reader of a file checks that the offsets end at `bytes.length` (artifact: termDictionary). */
  constructor(
    readonly bytes: Uint8Array,
    /** T + 1 byte offsets into `bytes`. */
    readonly offsets: Uint32Array,
  ) {}

  /** The dictionary of these terms, which must be sorted (JavaScript's default order) and distinct. */
  static of(terms: readonly string[]): TermDictionary {
    const encoded = terms.map((t) => utf8.encode(t));
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) {
      if (t > 0 && !(terms[t - 1] < terms[t])) throw new Error(`term dictionary: terms must be sorted and distinct (${JSON.stringify(terms[t - 1])} before ${JSON.stringify(terms[t])})`);
      offsets[t + 1] = offsets[t] + encoded[t].length;
    }
    const bytes = new Uint8Array(offsets[terms.length]);
    encoded.forEach((e, t) => bytes.set(e, offsets[t]));
    return new TermDictionary(bytes, offsets);
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** The id of `term`, or -1 when the corpus never saw it. */
  lookup(term: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = compareWithStored(term, this.bytes, this.offsets[mid], this.offsets[mid + 1]);
      if (order === 0) return mid;
      if (order < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  termAt(id: number): string {
    return decoder.decode(this.bytes.subarray(this.offsets[id], this.offsets[id + 1]));
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let t = 0; t < this.size; t++) yield this.termAt(t);
  }
}

/**
 * `term` against the UTF-8 bytes [start, end) in UTF-16 code-unit order (how the terms were
 * sorted): negative when `term` comes first, 0 when equal. A code point above U+FFFF counts as
 * its two surrogates, so the order is exactly JavaScript's.
 */
function compareWithStored(term: string, bytes: Uint8Array, start: number, end: number): number {
  let i = 0;
  let at = start;
  let pendingLow = -1;
  while (i < term.length) {
    let unit: number;
    if (pendingLow >= 0) {
      unit = pendingLow;
      pendingLow = -1;
    } else {
      if (at >= end) return 1;
      const b = bytes[at];
      let cp: number;
      if (b < 0x80) {
        cp = b;
        at += 1;
      } else if (b < 0xe0) {
        cp = ((b & 0x1f) << 6) | (bytes[at + 1] & 0x3f);
        at += 2;
      } else if (b < 0xf0) {
        cp = ((b & 0x0f) << 12) | ((bytes[at + 1] & 0x3f) << 6) | (bytes[at + 2] & 0x3f);
        at += 3;
      } else {
        cp = ((b & 0x07) << 18) | ((bytes[at + 1] & 0x3f) << 12) | ((bytes[at + 2] & 0x3f) << 6) | (bytes[at + 3] & 0x3f);
        at += 4;
      }
      if (cp > 0xffff) {
        unit = 0xd800 + ((cp - 0x10000) >> 10);
        pendingLow = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else unit = cp;
    }
    const diff = term.charCodeAt(i) - unit;
    if (diff !== 0) return diff;
    i++;
  }
  return pendingLow >= 0 || at < end ? -1 : 0;
}

/**
 * BM25 over passages with title and section as weighted fields (BM25F-style: field term
 * frequencies are added with weights before saturation). Built offline into the artifact, searched
 * in the Worker. Hand-written: a few dozen lines over typed arrays, where a search library would
 * bring its own index format and blow the bundle budget.
 */
import { indexedText, type PassageRecord } from '../records.js';
import { TopK, type AllowedPassages, type Scored } from '../scored.js';
import { TermDictionary } from './dictionary.js';
import { buildJoinedNames } from './joined-names.js';
import { extractTerms, type TermOptions } from './terms.js';

export interface LexicalParams extends TermOptions {
  k1: number;
  b: number;
  titleWeight: number;
  sectionWeight: number;
  /** Weight of code (inline code, code blocks) against prose; absent: 1, code counts as prose. */
  codeWeight?: number;
  /**
   * A query term's idf is saturated towards this bound (S·tanh(idf/S)): near-linear for common
   * words, so that one rare word cannot outweigh the rest of the question. Absent: plain idf.
   */
  idfSaturation?: number;
  /**
   * A query term's idf is capped at this many times the mean idf of the question's known terms: a
   * word far rarer than the rest of the question (a tool named in passing) counts no more than
   * that, while a question of rare words (a scientific claim) keeps them all. Absent: no cap.
   */
  rareTermCap?: number;
}

/** Title and headings weigh twice the body: measured by `npm run eval -- --dataset levers` (docs/eval.md). */
export const DEFAULT_LEXICAL: LexicalParams = { stem: true, k1: 0.9, b: 0.4, titleWeight: 2, sectionWeight: 2 };

/** Postings in CSR form: term t's entries are [offsets[t], offsets[t+1]). */
export interface LexicalIndex {
  params: LexicalParams;
  /** The vocabulary, sorted; a term's id is its rank here. */
  terms: TermDictionary;
  offsets: Uint32Array;
  passages: Uint32Array;
  /** Field-weighted term frequency of the term in the passage. */
  frequencies: Float32Array;
  /** Field-weighted length of each passage, in terms. */
  lengths: Float32Array;
  /** The file names and dotted paths the passages write, as sorted hashes (joined-names.ts): "no answer" evidence. */
  names: Uint32Array;
}

export interface QueryTerms {
  /** Distinct query terms the corpus knows, with their idf (times PART_WEIGHT for a part of an identifier; unknown terms cannot match). */
  known: Array<{ term: string; id: number; idf: number }>;
  /** Sum of idf over all distinct query terms, unknown ones counted at the maximum idf. */
  weight: number;
  /** How many distinct query terms the corpus has never seen. */
  unseen: number;
}


export class LexicalSearcher {
  private readonly averageLength: number;
  private readonly idf: Float64Array;

  constructor(readonly index: LexicalIndex) {
    const n = index.lengths.length;
    this.averageLength = index.lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
    // Typed and a few milliseconds even at 100k passages: cheaper to compute at open than to store.
    this.idf = new Float64Array(index.terms.size);
    for (let t = 0; t < index.terms.size; t++) {
      const df = index.offsets[t + 1] - index.offsets[t];
      // Lucene's BM25 idf: always positive, so common terms still count a little.
      this.idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
  }

  /** The query's terms, analysed once and shared by search, confidence and highlights. */
  analyse(query: string): QueryTerms {
    // A term's query weight is its heaviest occurrence: a word typed on its own outweighs the same word as part of an identifier.
    const termWeights = new Map<string, number>();
    for (const { term, weight } of extractTerms(query, this.index.params)) termWeights.set(term, Math.max(weight, termWeights.get(term) ?? 0));
    const known: QueryTerms['known'] = [];
    let weight = 0;
    let unseen = 0;
    for (const [term, share] of termWeights) {
      const id = this.index.terms.lookup(term);
      if (id < 0) {
        weight += share * this.maxIdf;
        unseen++;
        continue;
      }
      known.push({ term, id, idf: share * this.idf[id] });
      weight += share * this.idf[id];
    }
    return { known, weight, unseen };
  }

  /** A (stemmed) term's id and idf, or undefined when the corpus never saw it. */
  lookup(term: string): { id: number; idf: number } | undefined {
    const id = this.index.terms.lookup(term);
    return id < 0 ? undefined : { id, idf: this.idf[id] };
  }

  /** The idf a term would have if it occurred in no passage: what an unseen word weighs. */
  get maxIdf(): number {
    return Math.log(1 + (this.index.lengths.length + 0.5) / 0.5);
  }

  /** Terms as if the `held` passages were not indexed: terms only they contain become unseen. */
  withoutPassages(terms: QueryTerms, held: ReadonlySet<number>): QueryTerms {
    if (held.size === 0) return terms;
    const known = terms.known.filter((t) => {
      let inHeld = 0;
      for (const p of held) if (this.contains(t.id, p)) inHeld++;
      return this.index.offsets[t.id + 1] - this.index.offsets[t.id] > inHeld;
    });
    const lost = terms.known.filter((t) => !known.includes(t));
    const weight = terms.weight + lost.reduce((s, t) => s + this.maxIdf - t.idf, 0);
    return { known, weight, unseen: terms.unseen + lost.length };
  }

  /** Whether term `id` occurs in passage `passage` (binary search in its sorted postings). */
  contains(id: number, passage: number): boolean {
    let lo = this.index.offsets[id];
    let hi = this.index.offsets[id + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.index.passages[mid];
      if (p === passage) return true;
      if (p < passage) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** How a query term's idf counts in the score: as it is, saturated, or capped against the question's other terms. */
  private queryIdf(terms: QueryTerms): (idf: number) => number {
    const { idfSaturation, rareTermCap } = this.index.params;
    if (idfSaturation) return (idf) => idfSaturation * Math.tanh(idf / idfSaturation);
    if (!rareTermCap || terms.known.length < 2) return (idf) => idf;
    const cap = (rareTermCap * terms.known.reduce((s, t) => s + t.idf, 0)) / terms.known.length;
    return (idf) => Math.min(idf, cap);
  }

  /**
   * The `limit` best (allowed) passages by BM25 among those holding a query term, best first (ties
   * by passage order). Term at a time into a dense score array reused from search to search (only
   * the passages touched are reset), then a bounded heap: no Map, no object per matched passage, no
   * full sort. Each passage's score is summed in the question's term order, as before.
   *
   * Measured against a document-at-a-time MaxScore search with per-term bounds (same results): on
   * SciFact (4,630 postings per question) MaxScore took 266 µs a question for 100 passages and this
   * 94 µs; on a 103k-passage corpus (32k postings) 1,157 µs and 354 µs; at 10 passages 558 and 288 µs
   * — with a pool of 100 the bound to beat stays low and skipping saves less than it costs.
   */
  search(query: string | QueryTerms, limit: number, allowed?: AllowedPassages): Scored[] {
    const terms = typeof query === 'string' ? this.analyse(query) : query;
    const count = Math.min(Math.floor(limit), this.index.lengths.length);
    if (!(count > 0) || terms.known.length === 0) return [];
    const { k1 } = this.index.params;
    const { offsets, passages, frequencies } = this.index;
    const { norms, scores, seen, touched } = this.scratch();
    const queryIdf = this.queryIdf(terms);
    let matched = 0;
    for (const known of terms.known) {
      const idf = queryIdf(known.idf);
      const end = offsets[known.id + 1];
      for (let k = offsets[known.id]; k < end; k++) {
        const p = passages[k];
        if (allowed && !allowed.has(p)) continue;
        const tf = frequencies[k];
        if (seen[p] === 0) {
          seen[p] = 1;
          touched[matched++] = p;
        }
        scores[p] += (idf * tf * (k1 + 1)) / (tf + norms[p]);
      }
    }
    const top = this.top.reset(count);
    for (let i = 0; i < matched; i++) {
      const p = touched[i];
      top.push(p, scores[p]);
      scores[p] = 0;
      seen[p] = 0;
    }
    return top.drain();
  }

  /** Per-passage arrays of `search`, allocated on the first search and reused (searches are synchronous: one at a time). */
  private scratchArrays: { norms: Float64Array; scores: Float64Array; seen: Uint8Array; touched: Uint32Array } | undefined;
  private readonly top = new TopK(0);

  private scratch() {
    if (this.scratchArrays) return this.scratchArrays;
    const { k1, b } = this.index.params;
    const { lengths } = this.index;
    // BM25's length normalisation k1·(1 − b + b·length/average), once per passage instead of once per posting.
    const norms = new Float64Array(lengths.length);
    for (let p = 0; p < lengths.length; p++) norms[p] = k1 * (1 - b + (b * lengths[p]) / this.averageLength);
    return (this.scratchArrays = { norms, scores: new Float64Array(lengths.length), seen: new Uint8Array(lengths.length), touched: new Uint32Array(lengths.length) });
  }
}

export interface LexicalDocument {
  text: string;
  title: string;
  section: string | null;
  /** Ranges of `text` that are code (weighted by `codeWeight` when it is not 1). */
  code?: Array<[number, number]>;
}

/**
 * The lexical fields of an artifact's passages: its indexed words (the clean excerpt when markup
 * was removed), its document's title, and its heading path as the section field.
 */
export function lexicalDocuments({ passages, documents }: { passages: Array<Pick<PassageRecord, 'text' | 'excerpt' | 'doc' | 'section' | 'heading_path' | 'code'>>; documents: Array<{ title: string }> }): LexicalDocument[] {
  return passages.map((p) => ({ text: indexedText(p), title: documents[p.doc].title, section: p.heading_path.length > 1 ? p.heading_path.join(' ') : p.section, ...(p.code ? { code: p.code } : {}) }));
}

/** Builds the postings offline (deterministic: terms sorted, passages in order). */
export function buildLexicalIndex(docs: LexicalDocument[], params: LexicalParams = DEFAULT_LEXICAL): LexicalIndex {
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = new Float32Array(docs.length);
  docs.forEach((doc, p) => {
    const tf = new Map<string, number>();
    const add = (text: string, weight: number) => {
      const terms = extractTerms(text, params);
      let length = 0;
      for (const term of terms) {
        tf.set(term.term, (tf.get(term.term) ?? 0) + weight * term.weight);
        length += term.weight;
      }
      return length * weight;
    };
    const codeWeight = params.codeWeight ?? 1;
    const body = codeWeight !== 1 && doc.code?.length ? add(withoutRanges(doc.text, doc.code), 1) + add(doc.code.map(([a, b]) => doc.text.slice(a, b)).join('\n'), codeWeight) : add(doc.text, 1);
    lengths[p] = body + add(doc.title, params.titleWeight) + (doc.section ? add(doc.section, params.sectionWeight) : 0);
    for (const [term, f] of tf) {
      if (!postings.has(term)) postings.set(term, []);
      postings.get(term)!.push([p, f]);
    }
  });
  const terms = [...postings.keys()].sort();
  const offsets = new Uint32Array(terms.length + 1);
  let total = 0;
  terms.forEach((t, i) => {
    offsets[i] = total;
    total += postings.get(t)!.length;
  });
  offsets[terms.length] = total;
  const passages = new Uint32Array(total);
  const frequencies = new Float32Array(total);
  terms.forEach((t, i) => {
    postings.get(t)!.forEach(([p, f], j) => {
      passages[offsets[i] + j] = p;
      frequencies[offsets[i] + j] = f;
    });
  });
  const names = buildJoinedNames(docs.flatMap((doc) => [doc.text, doc.title, doc.section ?? '']));
  return { params, terms: TermDictionary.of(terms), offsets, passages, frequencies, lengths, names };
}

/** `text` with the given ranges blanked out (replaced by spaces, so words on either side stay apart). */
export function withoutRanges(text: string, ranges: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${text.slice(at, start)} `;
    at = end;
  }
  return out + text.slice(at);
}

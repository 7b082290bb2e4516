/**
 * Unigram (SentencePiece-style) tokenizer that reproduces the token ids `@xenova/transformers`
 * produces for the `tokenizer.json` our model build writes (NFKC → collapse whitespace → strip →
 * Metaspace → Unigram Viterbi → fuse consecutive unknowns → truncate).
 *
 * Hand-written on purpose: it runs in the Worker on every question, must be a few KB, and must
 * match transformers.js id for id (see the parity test), including its quirks:
 * - the lattice walks UTF-16 code units, so a piece with an astral character can never match;
 * - on equal scores the longest piece ending at a position wins (first inserted);
 * - a piece listed twice in the vocabulary resolves to its last id.
 */

/** The subset of a Hugging Face `tokenizer.json` that this tokenizer understands. */
export interface TokenizerJson {
  normalizer: unknown;
  pre_tokenizer: { type: 'Metaspace'; replacement: string; add_prefix_space: boolean };
  model: { type: 'Unigram'; unk_id: number; vocab: Array<[string, number]> };
}

export interface TokenizerOptions {
  /** Sequences longer than this are cut, as transformers.js does with `truncation: true`. */
  maxLength: number;
}

const WHITESPACE_RUN = /\s+/gu;

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Vocabulary id of the piece that ends here, or -1. */
  id: number;
}

export class UnigramTokenizer {
  readonly vocabSize: number;
  readonly unkId: number;
  private readonly scores: Float64Array;
  private readonly root: TrieNode = { next: new Map(), id: -1 };
  private readonly replacement: string;

  constructor(
    spec: TokenizerJson,
    private readonly options: TokenizerOptions,
  ) {
    if (spec.model?.type !== 'Unigram') throw new Error('tokenizer.json: model.type must be "Unigram"');
    if (spec.pre_tokenizer?.type !== 'Metaspace') throw new Error('tokenizer.json: pre_tokenizer must be Metaspace');
    const vocab = spec.model.vocab;
    this.vocabSize = vocab.length;
    this.unkId = spec.model.unk_id;
    this.replacement = spec.pre_tokenizer.replacement;
    this.scores = new Float64Array(vocab.length);
    let minScore = Infinity;
    for (let i = 0; i < vocab.length; i++) {
      this.scores[i] = vocab[i][1];
      if (vocab[i][1] < minScore) minScore = vocab[i][1];
    }
    // transformers.js scores the unknown piece 10 below the worst real piece.
    this.scores[this.unkId] = minScore - 10;
    for (let i = 0; i < vocab.length; i++) this.insert(vocab[i][0], i);
  }

  /** A word is whole when the vocabulary has it as a word-initial piece (`▁word`). */
  hasWord(word: string): boolean {
    let node: TrieNode | undefined = this.root;
    const piece = this.replacement + word;
    for (let i = 0; i < piece.length && node; i++) node = node.next.get(piece.charCodeAt(i));
    return node !== undefined && node.id >= 0 && node.id !== this.unkId;
  }

  private insert(piece: string, id: number): void {
    for (const ch of piece) if (ch.length > 1) return; // astral: unreachable by a code-unit walk
    let node = this.root;
    for (let i = 0; i < piece.length; i++) {
      const code = piece.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map(), id: -1 };
        node.next.set(code, child);
      }
      node = child;
    }
    node.id = id; // later duplicates win, like a Map built from the vocabulary
  }

  /** Text as the model sees it before the lattice: normalised, with word-start markers. */
  normalize(text: string): string {
    const cleaned = text.normalize('NFKC').replace(WHITESPACE_RUN, ' ').trim();
    if (cleaned.length === 0) return '';
    const marked = cleaned.replaceAll(' ', this.replacement);
    return marked.startsWith(this.replacement) ? marked : this.replacement + marked;
  }

  encode(text: string): number[] {
    const sentence = this.normalize(text);
    const ids = this.viterbi(sentence);
    const fused: number[] = [];
    for (const id of ids) {
      if (id === this.unkId && fused.length > 0 && fused[fused.length - 1] === this.unkId) continue;
      fused.push(id);
    }
    return fused.length > this.options.maxLength ? fused.slice(0, this.options.maxLength) : fused;
  }

  private viterbi(sentence: string): number[] {
    const len = sentence.length;
    if (len === 0) return [];
    // best[p]: best score of a segmentation of sentence[0, p); the winning last piece is
    // (fromPos[p], pieceId[p]). Filled left to right; ties keep the earlier start (longer piece).
    const best = new Float64Array(len + 1).fill(-Infinity);
    const fromPos = new Int32Array(len + 1).fill(-1);
    const pieceId = new Int32Array(len + 1).fill(-1);
    best[0] = 0;
    for (let begin = 0; begin < len; begin++) {
      const base = best[begin];
      let node: TrieNode | undefined = this.root;
      let hasSingle = false;
      for (let end = begin; end < len; end++) {
        node = node.next.get(sentence.charCodeAt(end));
        if (!node) break;
        if (node.id < 0) continue;
        if (end === begin) hasSingle = true;
        this.relax(best, fromPos, pieceId, begin, end + 1, base + this.scores[node.id], node.id);
      }
      if (!hasSingle) this.relax(best, fromPos, pieceId, begin, begin + 1, base + this.scores[this.unkId], this.unkId);
    }
    const ids: number[] = [];
    for (let pos = len; pos > 0; pos = fromPos[pos]) ids.push(pieceId[pos]);
    return ids.reverse();
  }

  private relax(best: Float64Array, fromPos: Int32Array, pieceId: Int32Array, begin: number, end: number, score: number, id: number): void {
    // Strictly greater: among equal scores the piece inserted first (earliest start) wins.
    if (fromPos[end] === -1 || score > best[end]) {
      best[end] = score;
      fromPos[end] = begin;
      pieceId[end] = id;
    }
  }
}

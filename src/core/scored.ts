/**
 * One scored item, shared by every ranking stage: the vector stores (cosine), BM25 (its score)
 * and fusion (the fused score) all hand back passages as `{ index, score }`, best first.
 */
export interface Scored {
  /** Passage index in the artifact. */
  index: number;
  score: number;
}

/** Highest scores first; ties broken by passage order so results are deterministic. */
export function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.index - b.index;
}

/** The passages a metadata filter keeps (src/core/metadata): every stage searches only these. */
export interface AllowedPassages {
  has(index: number): boolean;
  /** The kept passage indices, ascending. */
  readonly indices: Uint32Array;
}

export function allowedPassages(indices: number[]): AllowedPassages {
  const set = new Uint8Array(indices.reduce((max, i) => Math.max(max, i + 1), 0));
  for (const i of indices) set[i] = 1;
  return { has: (i) => set[i] === 1, indices: Uint32Array.from(indices) };
}

/**
 * Binary heap of (index, score) pairs in `byScore` order, on growable typed arrays with the
 * comparison inline (a comparator callback per step cost a third of a graph walk). `bestOnTop`:
 * the best pair is on top (a queue of what to look at next); else the worst (what a bounded top-k
 * drops first). Scores and indices are stored times ∓1, so one "greater on top" rule serves both.
 */
export class ScoreHeap {
  private keys = new Float64Array(64);
  private ties = new Float64Array(64);
  size = 0;
  private readonly sign: 1 | -1;

  constructor(bestOnTop: boolean) {
    this.sign = bestOnTop ? 1 : -1;
  }

  clear(): void {
    this.size = 0;
  }

  get topScore(): number {
    return this.sign * this.keys[0];
  }

  get topIndex(): number {
    // + 0: index 0 of a best-on-top heap is stored as −0.
    return -this.sign * this.ties[0] + 0;
  }

  push(index: number, score: number): void {
    if (this.size === this.keys.length) this.grow();
    const { keys, ties } = this;
    const key = this.sign * score;
    // Ties: the lower passage index is the better one, so it is "greater" when the best is on top.
    const tie = -this.sign * index;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] > key || (keys[parent] === key && ties[parent] >= tie)) break;
      keys[i] = keys[parent];
      ties[i] = ties[parent];
      i = parent;
    }
    keys[i] = key;
    ties[i] = tie;
  }

  /** Drops the top pair. */
  pop(): void {
    const last = --this.size;
    if (last <= 0) return;
    this.siftDown(this.keys[last], this.ties[last], last);
  }

  /** Replaces the top pair with this one (a pop and a push in one sift). */
  replaceTop(index: number, score: number): void {
    this.siftDown(this.sign * score, -this.sign * index, this.size);
  }

  private siftDown(key: number, tie: number, size: number): void {
    const { keys, ties } = this;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (keys[right] > keys[child] || (keys[right] === keys[child] && ties[right] > ties[child]))) child = right;
      if (keys[child] < key || (keys[child] === key && ties[child] <= tie)) break;
      keys[i] = keys[child];
      ties[i] = ties[child];
      i = child;
    }
    keys[i] = key;
    ties[i] = tie;
  }

  private grow(): void {
    const keys = new Float64Array(this.size * 2);
    keys.set(this.keys);
    this.keys = keys;
    const ties = new Float64Array(this.size * 2);
    ties.set(this.ties);
    this.ties = ties;
  }
}

/**
 * The `capacity` best of a stream of (index, score) pairs, in `byScore` order, in O(log capacity)
 * per pair and no object per pair: what every stage that keeps the best few of many (BM25, the
 * exact scan, the graph walk) uses instead of sorting everything. Reusable: `reset` keeps its arrays.
 */
export class TopK {
  private readonly heap = new ScoreHeap(false);
  private capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  reset(capacity: number): this {
    this.capacity = capacity;
    this.heap.clear();
    return this;
  }

  get size(): number {
    return this.heap.size;
  }

  get full(): boolean {
    return this.heap.size >= this.capacity;
  }

  /** The score a pair must beat (or equal, with a lower index) to be kept; −Infinity until full. */
  get threshold(): number {
    return this.full ? this.heap.topScore : -Infinity;
  }

  /** Keeps the pair if it is among the best so far; says whether it was kept. */
  push(index: number, score: number): boolean {
    const heap = this.heap;
    if (heap.size < this.capacity) {
      heap.push(index, score);
      return true;
    }
    if (heap.size === 0) return false;
    const worst = heap.topScore;
    if (score < worst || (score === worst && index > heap.topIndex)) return false;
    heap.replaceTop(index, score);
    return true;
  }

  /** The best `limit` kept pairs (all by default), best first; empties it. */
  drain(limit = Infinity): Scored[] {
    const heap = this.heap;
    while (heap.size > limit) heap.pop();
    const out: Scored[] = new Array(heap.size);
    for (let i = heap.size - 1; i >= 0; i--) {
      out[i] = { index: heap.topIndex, score: heap.topScore };
      heap.pop();
    }
    return out;
  }
}

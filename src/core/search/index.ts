/**
 * The search core, shared by the Worker and the offline evaluation: question → semantic and
 * lexical candidates → fusion → filters → ranked results with exact citations and highlights,
 * plus an answer-level "is this answerable here" judgement.
 */
import type { DocumentRecord, IndexArtifact, PassageRecord } from '../artifact/index.js';
import type { TextEncoder } from '../encoder/index.js';
import { fuse, type FusionMethod } from '../fusion/index.js';
import { highlight, type Highlights } from '../highlight/index.js';
import { LexicalSearcher, type QueryTerms } from '../lexical/index.js';
import { HnswVectorStore } from '../vector/hnsw.js';
import { dot, ExactVectorStore, scoreRows, type VectorStore } from '../vector/index.js';

export interface Citation {
  doc_id: string;
  source: string;
  title: string;
  author: string | null;
  section: string | null;
  paragraph: number;
  char_start: number;
  char_end: number;
}

export interface SearchResult {
  rank: number;
  /** The score the ranking used: fused (hybrid), cosine (semantic) or BM25 (lexical). */
  score: number;
  id: string;
  text: string;
  citation: Citation;
  scores: { semantic: number | null; lexical: number | null; fused: number };
  highlights: Highlights;
}

export type SearchMode = 'hybrid' | 'semantic' | 'lexical';

export interface SearchOptions {
  k: number;
  mode: SearchMode;
  fusion: FusionMethod;
  /** Semantic share of the fused score, 0..1. */
  ratio: number;
  /** At most this many passages per document (0: no limit). */
  perDoc: number;
  /** Drop results whose ranking score is below this. */
  minScore: number;
  /** Drop a result whose vector is nearly identical (cosine ≥ 0.95) to a better one. */
  dedupe: boolean;
  /** Compute highlights (evaluation turns them off to save time). */
  highlights: boolean;
}

export interface Answer {
  results: SearchResult[];
  /** False when the corpus most likely holds no answer (results are still returned). */
  answerable: boolean;
  /** 0..1: how likely the best passage is about the question. */
  confidence: number;
}

export const DEFAULT_K = 5;
export const MAX_K = 50;
/** Defaults chosen by `npm run eval` (see docs/eval.md). */
export const DEFAULT_OPTIONS: SearchOptions = { k: DEFAULT_K, mode: 'hybrid', fusion: 'weighted', ratio: 0.2, perDoc: 0, minScore: 0, dedupe: false, highlights: true };
/**
 * Confidence ramps (value → 0 at *Zero, → 1 at *One), calibrated on the dev and off-topic questions
 * (docs/eval.md); answerable when confidence ≥ 0.5. A question that shares no word with the corpus
 * needs much stronger semantic evidence: a static model finds loose topical neighbours for anything.
 */
export const CONFIDENCE = {
  cosineZero: 0.13,
  cosineOne: 0.33,
  noOverlapCosineZero: 0.4,
  noOverlapCosineOne: 0.65,
  coverageZero: 0.3,
  coverageOne: 0.8,
};

const CANDIDATES = 100;
/**
 * Up to this many passages the engine scans exactly: it costs about 1 ms per question there and
 * never misses; beyond, the graph walk is several times faster (crossover table in docs/bench.md).
 */
export const EXACT_SCAN_MAX = 2000;
const DUPLICATE_COSINE = 0.95;

/** The artifact was built for Vectorize (`--vectors vectorize`) but no Vectorize store was given. */
export class VectorsElsewhereError extends Error {
  override name = 'VectorsElsewhereError';
}

export class SearchEngine {
  readonly vectors: VectorStore;
  readonly lexical: LexicalSearcher;
  private ids: Map<string, number> | undefined;

  constructor(
    readonly artifact: IndexArtifact,
    readonly encoder: TextEncoder,
    vectors?: VectorStore,
  ) {
    const passages = artifact.passages.length;
    if (!vectors && artifact.manifest.vectors === 'vectorize') {
      throw new VectorsElsewhereError('this index keeps its passage vectors in Cloudflare Vectorize (built with --vectors vectorize); bind that Vectorize index as VECTORIZE');
    }
    // Exact scan below the crossover measured by `npm run bench` (docs/bench.md), HNSW above it.
    this.vectors = vectors ?? (passages >= EXACT_SCAN_MAX ? new HnswVectorStore(artifact.vectors, artifact.graph) : new ExactVectorStore(artifact.vectors));
    this.lexical = new LexicalSearcher(artifact.lexical);
  }

  /** Async because a `VectorStore` may be remote (Vectorize); the bundled ones answer at once. */
  async search(query: string, options: Partial<SearchOptions> = {}): Promise<Answer> {
    const o = { ...DEFAULT_OPTIONS, ...options };
    const pool = Math.max(CANDIDATES, o.k * 4);
    const queryVector = this.encoder.encode(query);
    const terms = this.lexical.analyse(query);
    const semantic = o.mode === 'lexical' ? [] : await this.vectors.nearest(queryVector, pool);
    const lexical = o.mode === 'semantic' ? [] : this.lexical.search(terms, pool);
    const fused =
      o.mode === 'hybrid'
        ? fuse(semantic, lexical, o.fusion, o.ratio)
        : (o.mode === 'semantic' ? semantic : lexical).map((s) => ({
            index: s.index,
            fused: s.score,
            semantic: o.mode === 'semantic' ? s.score : null,
            lexical: o.mode === 'lexical' ? s.score : null,
          }));

    const weights = new Map(terms.known.map((t) => [t.term, t.idf]));
    const cosine = this.passageCosine();
    const perDoc = new Map<number, number>();
    const kept: typeof fused = [];
    for (const candidate of fused) {
      if (kept.length >= o.k) break;
      if (candidate.fused < o.minScore) break;
      const doc = this.artifact.passages[candidate.index].doc;
      if (o.perDoc > 0 && (perDoc.get(doc) ?? 0) >= o.perDoc) continue;
      if (o.dedupe && kept.some((k) => cosine(k.index, candidate.index) >= DUPLICATE_COSINE)) continue;
      perDoc.set(doc, (perDoc.get(doc) ?? 0) + 1);
      kept.push(candidate);
    }
    const results = kept.map((c, i) => this.result(c.index, i + 1, c, o.highlights ? weights : null, queryVector));
    // The best cosine of any passage: the top of the semantic list, or one lookup when the mode skipped it.
    const bestCosine = o.mode === 'lexical' ? (await this.vectors.nearest(queryVector, 1))[0]?.score : semantic[0]?.score;
    const confidence = this.confidence(terms, bestCosine ?? 0, lexical);
    return { results, answerable: confidence >= 0.5, confidence: round(confidence) };
  }

  /**
   * Confidence that the corpus answers the question, from two independent signals: the best
   * cosine of any passage, and the share of the question's idf mass that the best lexical passage
   * contains. Each is mapped linearly onto 0..1 between calibrated bounds; the stronger one wins.
   */
  private confidence(terms: QueryTerms, cosine: number, lexical: Array<{ index: number }>): number {
    let coverage = 0;
    if (terms.weight > 0) {
      for (const hit of (lexical.length ? lexical : this.lexical.search(terms, 10)).slice(0, 10)) {
        let matched = 0;
        for (const t of terms.known) if (this.lexical.contains(t.id, hit.index)) matched += t.idf;
        coverage = Math.max(coverage, matched / terms.weight);
      }
    }
    const ramp = (x: number, zero: number, one: number) => Math.min(1, Math.max(0, (x - zero) / (one - zero)));
    const semantic = coverage > 0 ? ramp(cosine, CONFIDENCE.cosineZero, CONFIDENCE.cosineOne) : ramp(cosine, CONFIDENCE.noOverlapCosineZero, CONFIDENCE.noOverlapCosineOne);
    return Math.max(semantic, ramp(coverage, CONFIDENCE.coverageZero, CONFIDENCE.coverageOne));
  }

  /**
   * Cosine of two passages, for near-duplicate checks: from the bundled vectors, or — when they
   * live in Vectorize — by encoding the few passages compared (the encoder gives the indexed
   * vectors up to int8 rounding, far below the 0.95 duplicate threshold's margin).
   */
  private passageCosine(): (a: number, b: number) => number {
    const { vectors, passages } = this.artifact;
    if (vectors.codes.length > 0) return (a, b) => scoreRows(vectors, a, b);
    const encoded = new Map<number, Float32Array>();
    const vectorOf = (i: number) => {
      let v = encoded.get(i);
      if (!v) encoded.set(i, (v = this.encoder.encode(passages[i].text)));
      return v;
    };
    return (a, b) => dot(vectorOf(a), 0, vectorOf(b), 0, vectors.dims);
  }

  /** Index of the passage with this id, or -1. */
  passageIndex(id: string): number {
    this.ids ??= new Map(this.artifact.passages.map((p, i) => [p.id, i]));
    return this.ids.get(id) ?? -1;
  }

  passage(index: number): { passage: PassageRecord; document: DocumentRecord } {
    const passage = this.artifact.passages[index];
    return { passage, document: this.artifact.documents[passage.doc] };
  }

  citation(index: number): Citation {
    const { passage, document } = this.passage(index);
    return {
      doc_id: document.doc_id,
      source: document.source,
      title: document.title,
      author: document.author,
      section: passage.section,
      paragraph: passage.paragraph,
      char_start: passage.char_start,
      char_end: passage.char_end,
    };
  }

  private result(
    index: number,
    rank: number,
    c: { fused: number; semantic: number | null; lexical: number | null },
    weights: Map<string, number> | null,
    queryVector: Float32Array,
  ): SearchResult {
    const { passage } = this.passage(index);
    const sentenceSimilarity = (sentence: string) => dot(this.encoder.encode(sentence), 0, queryVector, 0, queryVector.length);
    return {
      rank,
      score: round(c.fused),
      id: passage.id,
      text: passage.text,
      citation: this.citation(index),
      scores: { semantic: c.semantic === null ? null : round(c.semantic), lexical: c.lexical === null ? null : round(c.lexical), fused: round(c.fused) },
      highlights: weights ? highlight(passage.text, passage.char_start, weights, this.artifact.lexical.params, sentenceSimilarity) : { terms: [], sentence: null },
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

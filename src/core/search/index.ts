/**
 * The search core, shared by the Worker and the offline evaluation: question → vector → nearest
 * passages → ranked results with exact citations.
 */
import type { DocumentRecord, IndexArtifact, PassageRecord } from '../artifact/index.js';
import type { TextEncoder } from '../encoder/index.js';
import { ExactVectorStore, type VectorStore } from '../vector/index.js';

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
  score: number;
  id: string;
  text: string;
  citation: Citation;
}

export interface SearchOptions {
  k: number;
}

export const DEFAULT_K = 5;
export const MAX_K = 50;

export class SearchEngine {
  readonly vectors: VectorStore;
  private ids: Map<string, number> | undefined;

  constructor(
    readonly artifact: IndexArtifact,
    readonly encoder: TextEncoder,
    vectors?: VectorStore,
  ) {
    this.vectors = vectors ?? new ExactVectorStore(artifact.vectors, artifact.manifest.model.dims);
  }

  search(query: string, options: SearchOptions): SearchResult[] {
    const vector = this.encoder.encode(query);
    return this.vectors.nearest(vector, options.k).map((n, i) => this.result(n.index, i + 1, n.score));
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

  private result(index: number, rank: number, score: number): SearchResult {
    const { passage } = this.passage(index);
    return { rank, score: round(score), id: passage.id, text: passage.text, citation: this.citation(index) };
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

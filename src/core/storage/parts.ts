/**
 * The seam between the search engine and where an index lives. A bundled artifact is all in memory;
 * an index in static assets (core/storage/assets.ts) keeps only what every question needs in memory
 * (vectors, graph, term dictionary, documents) and loads the rest — postings of the question's terms,
 * the records of the passages it returns — when a question needs them, then keeps them (passage
 * files up to a budget).
 */
import type { PassageRecord } from '../records.js';

export interface IndexParts {
  /** The document of every passage: `artifact.passages` holds only the records loaded so far. */
  readonly passageDocs: Uint32Array;
  /** Makes the postings of these terms readable in `artifact.lexical`. */
  loadTerms(ids: readonly number[]): Promise<void>;
  /** These passages' records, at their indices (a sparse array): the question reads them from here. */
  loadPassages(indices: readonly number[]): Promise<PassageRecord[]>;
  /** The index the passage with this id has, or -1, without loading its record. */
  locatePassage(id: string): number;
  /** The index of the passage with this id (its record loaded and checked), or -1. */
  findPassage(id: string): Promise<number>;
}

/**
 * What a metadata filter costs a search: each question asked with no filter and with each filter,
 * interleaved in the same loop (these machines are noisy; a baseline from another moment would
 * not compare).
 */
import type { SearchEngine } from '../core/search/index.js';

export interface FilterLatency {
  name: string;
  filter: string | undefined;
  kept: number;
  /** The first search with this filter (it parses and compiles it; later ones reuse it). */
  firstMs: number;
  searchMs: number[];
}

export async function measureFilters(engine: SearchEngine, questions: string[], filters: Array<{ name: string; filter: string }>, rounds = 3): Promise<FilterLatency[]> {
  const all: Array<{ name: string; filter: string | undefined }> = [{ name: 'no filter', filter: undefined }, ...filters];
  const out: FilterLatency[] = all.map(({ name, filter }) => ({ name, filter, kept: filter ? engine.allowedBy(filter).indices.length : engine.artifact.passages.length, firstMs: 0, searchMs: [] }));
  // The first use of a filter parses and compiles it; the engine then remembers it by its text, so
  // the cold cost is timed on a spelling the cache has not seen (a trailing space).
  for (const row of out) {
    const t = performance.now();
    await engine.search(questions[0], { k: 5, filter: row.filter === undefined ? undefined : `${row.filter} ` });
    row.firstMs = performance.now() - t;
  }
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      for (const row of out) {
        const t = performance.now();
        await engine.search(q, { k: 5, filter: row.filter });
        row.searchMs.push(performance.now() - t);
      }
    }
  }
  return out;
}

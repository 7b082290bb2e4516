/**
 * Grouping by page (`group=page`): ranked passages become ranked pages, each holding its passages in
 * ranking order, the pages ordered by their best passage. The passages are left as they are, so a
 * grouped answer cites exactly what the ungrouped one does.
 */
import type { PageResult, SearchResult } from './results.js';

/** `pageUrl`: the page's own URL (no section anchor) for a passage of it, or null when the index has none. */
export function groupByPage(results: SearchResult[], pages: number, pageUrl: (result: SearchResult) => string | null): PageResult[] {
  const byDocument = new Map<string, PageResult>();
  for (const result of results) {
    const { doc_id, source, title } = result.citation;
    const page = byDocument.get(doc_id);
    if (page) {
      page.results.push(result);
      continue;
    }
    if (byDocument.size === pages) continue;
    byDocument.set(doc_id, { rank: byDocument.size + 1, score: result.score, doc_id, source, title, url: pageUrl(result), results: [result] });
  }
  return [...byDocument.values()];
}

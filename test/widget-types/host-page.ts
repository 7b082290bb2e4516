/**
 * A host page written against src/worker/ui/semantic-search.d.ts: type-checked by `npm test`
 * (`tsc -p test/widget-types`, with the DOM library), so the declarations stay usable.
 */
import type { SemanticSearchAttributes, SemanticSearchResult } from '../../src/worker/ui/semantic-search.js';

const box = document.querySelector('semantic-search');
if (box) {
  const endpoint: URL = box.endpoint;
  box.addEventListener('semantic-search:results', (event) => {
    const first: SemanticSearchResult | undefined = event.detail.results[0];
    console.log(endpoint.href, event.detail.answerable, event.detail.confidence.toFixed(2), first?.citation.heading_path.join(' › '));
  });
  box.addEventListener('semantic-search:select', (event) => {
    if (event.detail.result.citation.url?.startsWith('/')) {
      event.preventDefault();
      history.pushState(null, '', event.detail.result.citation.url);
    }
  });
  void box.search();
}

const attributes: SemanticSearchAttributes = { endpoint: '/search', k: 5, filter: 'tags = guide' };
export const element = Object.assign(document.createElement('semantic-search'), { title: 'search' });
for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));

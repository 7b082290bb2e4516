/**
 * A host page written against src/worker/ui/semantic-search.d.ts: type-checked by `npm test`
 * (`tsc -p test/widget-types`, with the DOM library), so the declarations stay usable.
 */
import type { SemanticSearchAttributes, SemanticSearchPart, SemanticSearchResult } from '../../src/worker/ui/semantic-search.js';

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

// The dialog variant, its texts and events, and the ::part() names a stylesheet may use.
const dialog = document.createElement('semantic-search');
dialog.setAttribute('variant', 'dialog');
dialog.strings = { noResults: 'Nothing about “{query}”', buttonLabel: 'Search' };
const noResults: string = dialog.strings.noResults;
dialog.addEventListener('semantic-search:open', () => console.log('opened', dialog.variant, noResults));
dialog.addEventListener('semantic-search:close', () => dialog.close());
dialog.addEventListener('semantic-search:results', (event) => console.log(event.detail.pages.map((page) => `${page.title} (${page.results.length})`)));
dialog.addEventListener('semantic-search:select', (event) => console.log(event.detail.page.url, event.detail.result.citation.url));
export const parts: SemanticSearchPart[] = ['button', 'dialog', 'panel', 'option', 'breadcrumb', 'mark'];
export const themed: SemanticSearchAttributes = { variant: 'dialog', theme: 'dark', lang: 'fr', 'no-results': 'Aucun résultat pour « {query} »' };
dialog.open();

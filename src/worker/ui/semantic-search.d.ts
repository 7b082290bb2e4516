/**
 * Types for the <semantic-search> element served at /widget.js, for host pages written in
 * TypeScript (copy this file into your project, or reference it). Declares the element in
 * `HTMLElementTagNameMap` and its events in `HTMLElementEventMap`, so
 * `document.querySelector('semantic-search')` and `addEventListener('semantic-search:select', …)`
 * are typed. React and Vue examples: README, "A search box for your site".
 */

/** One ranked passage, as /search returns it. */
export interface SemanticSearchResult {
  rank: number;
  score: number;
  /** Passage id; /passages/{id} shows it in context. */
  id: string;
  /** The passage exactly as in the source file. */
  text: string;
  /** What a reader should see (Markdown/HTML markup removed). */
  excerpt: string;
  /** Ranges [start, end) of `excerpt` that are code. */
  excerpt_code: Array<[number, number]>;
  citation: {
    doc_id: string;
    source: string;
    title: string;
    author: string | null;
    section: string | null;
    heading_path: string[];
    /** The page URL with the section's #anchor, when the index was built with --base-url. */
    url: string | null;
    paragraph: number;
    char_start: number;
    char_end: number;
  };
  scores: { semantic: number | null; lexical: number | null; fused: number | null };
  highlights: {
    terms: Array<{ text: string; start: number; end: number; source_start: number; source_end: number }>;
    sentence: { text: string; start: number; end: number; source_start: number; source_end: number } | null;
    /** Ranges [start, end) of `excerpt` holding a query term. */
    excerpt_terms: Array<[number, number]>;
  };
}

/** A page with its best passages (/search with group=page, which the element asks for). */
export interface SemanticSearchPage {
  rank: number;
  /** Its best passage's score. */
  score: number;
  doc_id: string;
  source: string;
  title: string;
  /** The page URL without a section anchor, when the index was built with --base-url. */
  url: string | null;
  /** Its best passages, best first. */
  results: SemanticSearchResult[];
}

/** `semantic-search:results`: after each answer (also when the corpus has no answer). */
export interface SemanticSearchResultsDetail {
  query: string;
  answerable: boolean;
  confidence: number;
  /** The pages shown, best first. */
  pages: SemanticSearchPage[];
  /** Every passage shown, in ranking order (the pages' passages, flattened). */
  results: SemanticSearchResult[];
}

/** `semantic-search:select` (cancellable): a result is being opened; preventDefault() keeps the page. */
export interface SemanticSearchSelectDetail {
  result: SemanticSearchResult;
  /** The page the result is listed under. */
  page: SemanticSearchPage;
  /** Position of the result among all shown, 0-based (as ↑/↓ walk them). */
  index: number;
  /** Where the link goes: the page URL with the section's #anchor, or the passage on the Worker. */
  url: string;
}

/**
 * Every text the element shows, with docs-site defaults. Each is also an attribute: the key in
 * kebab-case (`noResults` → `no-results`); an attribute wins over the `strings` property.
 * `{query}`, `{count}` and `{message}` are filled in.
 */
export interface SemanticSearchStrings {
  /** Default "Search docs". */
  placeholder: string;
  /** Accessible name of the field, the result list and the dialog. Default "Search docs". */
  label: string;
  /** Text of the dialog variant's button. Default "Search docs". */
  buttonLabel: string;
  /** Default "No results for “{query}”". */
  noResults: string;
  /** Default "{count} results". */
  resultCount: string;
  /** Default "1 result". */
  oneResult: string;
  /** Default "Searching…". */
  searching: string;
  /** Default "Search failed: {message}". */
  failed: string;
  /** Keyboard hints in the dialog's footer. Default "↑ ↓ to move · Enter to open · Esc to close". */
  hints: string;
  /** The dialog's close button. Default "Close". */
  close: string;
}

/**
 * `::part()` names for styling beyond the custom properties (--ss-font, --ss-code-font, --ss-radius,
 * --ss-text, --ss-muted, --ss-bg, --ss-surface, --ss-border, --ss-accent, --ss-active-bg, --ss-mark,
 * --ss-code-bg, --ss-error, --ss-shadow, --ss-backdrop, --ss-z-index).
 */
export type SemanticSearchPart =
  | 'button'
  | 'kbd'
  | 'dialog'
  | 'close'
  | 'hints'
  | 'input'
  | 'panel'
  | 'status'
  | 'listbox'
  | 'page'
  | 'page-title'
  | 'option'
  | 'breadcrumb'
  | 'snippet'
  | 'mark'
  | 'code';

export interface SemanticSearchElement extends HTMLElement {
  /** The /search URL the element asks (its `endpoint` attribute, resolved against the page). */
  readonly endpoint: URL;
  /** `inline` (default) or `dialog`, from the `variant` attribute. */
  readonly variant: 'inline' | 'dialog';
  /** The texts in use; set a partial object to change some (attributes still win). */
  get strings(): SemanticSearchStrings;
  set strings(value: Partial<SemanticSearchStrings>);
  /** Runs the search for what is typed (as Enter does). */
  search(): Promise<void>;
  /** Opens the dialog (inline: focuses the field), as the button and the shortcuts do. */
  open(): void;
  /** Closes the dialog; focus goes back to where it was before it opened. */
  close(): void;
}

/** The element's attributes, for JSX and templates. */
export interface SemanticSearchAttributes {
  endpoint?: string;
  /** `inline` (default): a field with its results in an overlay; `dialog`: a button, ⌘K/Ctrl K and "/" open a modal dialog. */
  variant?: 'inline' | 'dialog';
  /** Forces a theme; by default it follows the visitor's `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  /** Language of the texts, passed to everything the element renders (the dialog too). */
  lang?: string;
  /** Number of pages, 1..50 (default 5). */
  k?: number | string;
  /** A metadata filter (README, "Filters and facets"), e.g. `tags = guide`. */
  filter?: string;
  placeholder?: string;
  label?: string;
  'button-label'?: string;
  'no-results'?: string;
  'result-count'?: string;
  'one-result'?: string;
  searching?: string;
  failed?: string;
  hints?: string;
  close?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'semantic-search': SemanticSearchElement;
  }
  interface HTMLElementEventMap {
    'semantic-search:results': CustomEvent<SemanticSearchResultsDetail>;
    'semantic-search:select': CustomEvent<SemanticSearchSelectDetail>;
    /** The dialog opened (dialog variant). */
    'semantic-search:open': CustomEvent<Record<string, never>>;
    /** The dialog closed and focus went back (dialog variant). */
    'semantic-search:close': CustomEvent<Record<string, never>>;
  }
}

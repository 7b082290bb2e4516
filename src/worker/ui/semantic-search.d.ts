/**
 * Types for the <semantic-search> element served at /widget.js, for host pages written in
 * TypeScript (copy this file into your project, or reference it). Declares the element in
 * `HTMLElementTagNameMap` and its two events in `HTMLElementEventMap`, so
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
  index: number;
  /** Where the link goes: the page URL, or the passage on the Worker. */
  url: string;
}

export interface SemanticSearchElement extends HTMLElement {
  /** The /search URL the element asks (its `endpoint` attribute, resolved against the page). */
  readonly endpoint: URL;
  /** Runs the search for what is typed (as Enter does). */
  search(): Promise<void>;
}

/** The element's attributes, for JSX and templates. */
export interface SemanticSearchAttributes {
  endpoint?: string;
  placeholder?: string;
  /** Number of passages, 1..50. */
  k?: number | string;
  /** A metadata filter (README, "Filters and facets"), e.g. `tags = guide`. */
  filter?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'semantic-search': SemanticSearchElement;
  }
  interface HTMLElementEventMap {
    'semantic-search:results': CustomEvent<SemanticSearchResultsDetail>;
    'semantic-search:select': CustomEvent<SemanticSearchSelectDetail>;
  }
}
